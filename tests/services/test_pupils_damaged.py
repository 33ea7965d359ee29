"""Property: whatever the file, the pupil import either imports all of it or writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from ibp_desktop.services.pupils.register import PupilService
from ibp_desktop.store.models import AuditEntry, Group, Pupil
from tests.conftest import SchoolDb
from tests.importers import damage
from tests.importers.test_damaged_files import good_files

GOOD = good_files()


def _state(school: SchoolDb) -> tuple[int, int, int, int]:
    with school.database.transaction() as session:
        return (
            session.scalar(select(func.count(Pupil.id))) or 0,
            session.scalar(select(func.count(Pupil.id)).where(Pupil.deregistered_on.is_not(None))) or 0,
            session.scalar(select(func.count(Group.id))) or 0,
            session.scalar(select(func.count(AuditEntry.id))) or 0,
        )


@damage.damaged_imports(GOOD, max_examples=40, at_most=10_000)
def test_damaged_files_import_whole_or_not_at_all(
    sqlcipher_school: SchoolDb, tmp_path: Path, which: str, cuts: list[damage.Cut], noise: bytes
) -> None:
    path = damage.damaged_file(tmp_path, which, GOOD[which], cuts, noise)
    service = PupilService(sqlcipher_school.database, sqlcipher_school.actor)
    school_id = sqlcipher_school.school_id
    done = damage.imported_or_refused(
        lambda: _state(sqlcipher_school),
        lambda: service.preview_import(school_id, path, today=date(2026, 9, 1)),
        lambda preview: service.apply_import(school_id, preview, date(2026, 7, 17)),
    )
    if done is None:
        return
    before, preview, result = done
    pupils, deregistered, _groups, audits = _state(sqlcipher_school)
    # Everything in the diff was written, nothing else.
    assert pupils == before[0] + result.new
    diff = preview.diff
    left_now = sum(1 for r in diff.new if r.deregistered_on) + sum(
        1 for u in diff.changed if u.pupil.deregistered_on is None and u.values.get("deregistered_on")
    )
    assert deregistered == before[1] + result.deregistered + left_now - result.reenrolled
    assert audits == before[3] + (1 if result.wrote_anything else 0)
