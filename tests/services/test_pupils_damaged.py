"""Property: whatever the file, the pupil import either imports all of it or writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.services.pupils.register import PupilService
from ibp_desktop.store.models import AuditEntry, Group, Pupil
from tests.conftest import SchoolDb
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


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    which=st.sampled_from(sorted(GOOD)),
    cuts=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 30), st.binary(max_size=6)), max_size=3),
    noise=st.binary(max_size=200),
)
def test_damaged_files_import_whole_or_not_at_all(
    sqlcipher_school: SchoolDb, tmp_path: Path, which: str, cuts: list[tuple[int, int, bytes]], noise: bytes
) -> None:
    data = bytearray(GOOD[which] if cuts or not noise else noise)
    for at, length, replacement in cuts:
        at %= max(len(data), 1)
        data[at : at + length] = replacement
    path = tmp_path / which
    path.write_bytes(bytes(data))
    service = PupilService(sqlcipher_school.database, sqlcipher_school.actor)
    before = _state(sqlcipher_school)
    try:
        preview = service.preview_import(sqlcipher_school.school_id, path, today=date(2026, 9, 1))
        assert _state(sqlcipher_school) == before  # a preview never writes
        result = service.apply_import(sqlcipher_school.school_id, preview, date(2026, 7, 17))
    except BadInputError:
        assert _state(sqlcipher_school) == before
        return
    pupils, deregistered, _groups, audits = _state(sqlcipher_school)
    # Everything in the diff was written, nothing else.
    assert pupils == before[0] + result.new
    diff = preview.diff
    left_now = sum(1 for r in diff.new if r.deregistered_on) + sum(
        1 for u in diff.changed if u.pupil.deregistered_on is None and u.values.get("deregistered_on")
    )
    assert deregistered == before[1] + result.deregistered + left_now - result.reenrolled
    assert audits == before[3] + (1 if result.wrote_anything else 0)
