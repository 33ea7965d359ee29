"""Importing the pupil list into a school (SQLCipher and PostgreSQL), listing pupils and groups."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ibp_desktop.core.errors import BadInputError, NotFoundError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.roles import Role
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.pupils.register import PupilService
from ibp_desktop.store.models import AuditEntry, Group, Pupil
from tests.conftest import TEST_PASSWORD, SchoolDb
from tests.importers.files import ESIS_ROWS, write_esis, write_magister, write_parnassys

TODAY = date(2026, 9, 1)


def _counts(school: SchoolDb) -> tuple[int, int, int]:
    with school.database.transaction() as session:
        return (
            session.scalar(select(func.count(Pupil.id))) or 0,
            session.scalar(select(func.count(Group.id))) or 0,
            session.scalar(select(func.count(AuditEntry.id))) or 0,
        )


def _import(school: SchoolDb, path: Path, **kwargs: Any) -> Any:
    service = PupilService(school.database, school.actor)
    preview = service.preview_import(school.school_id, path, today=TODAY)
    assert preview.ok, preview.problems
    return service.apply_import(school.school_id, preview, **kwargs)


def test_import_a_parnassys_file_then_reimport_changes_nothing(school_db: SchoolDb, tmp_path: Path) -> None:
    service = PupilService(school_db.database, school_db.actor)
    path = write_parnassys(tmp_path / "leerlingen.csv")
    preview = service.preview_import(school_db.school_id, path, today=TODAY)
    assert preview.file_description == "CSV, puntkomma, Windows-1252"
    assert preview.counts.new == 6 and preview.row_count == 6
    assert preview.sample_rows[0][:4] == ("1001", "Anne-Fleur", "van der", "Berg-de Vries")
    assert {f.key: f.column_name for f in preview.fields}["group"] == "Groep"
    result = service.apply_import(school_db.school_id, preview)
    assert (result.new, result.groups_created) == (6, ("1/2a", "3", "4", "5a", "6", "8B"))

    pupils = service.list_pupils(school_db.school_id, today=TODAY)
    assert [(p.group_name, p.sort_name) for p in pupils][:2] == [
        ("1/2a", "Berg-de Vries, Anne-Fleur van der"),
        ("3", "Janssen, Noë"),
    ]
    anne = pupils[0]
    assert (anne.display_name, anne.age, anne.enrolled_on) == (
        "Anne-Fleur van der Berg-de Vries",
        8,
        date(2022, 5, 4),
    )
    assert [(g.name, g.pupil_count) for g in service.groups(school_db.school_id)][:2] == [
        ("1/2a", 1),
        ("3", 1),
    ]

    before = _counts(school_db)
    again = service.preview_import(school_db.school_id, path, today=TODAY)
    assert again.counts.unchanged == 6 and not again.diff.changes_anything
    assert not service.apply_import(school_db.school_id, again).wrote_anything
    assert _counts(school_db) == before  # no audit noise either


def test_one_audit_entry_per_import_with_counts_and_no_names(school_db: SchoolDb, tmp_path: Path) -> None:
    _import(school_db, write_esis(tmp_path / "esis.csv"))
    with school_db.database.transaction() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.action == "pupils_imported"
        assert '"new":5' in entry.details and '"source":"csv"' in entry.details
        for name in ("Yılmaz", "Şükrü", "Wiśniewska", "Berg", "2016-04-12"):
            assert name not in entry.details


def test_september_changes_leavers_and_returners(school_db: SchoolDb, tmp_path: Path) -> None:
    service = PupilService(school_db.database, school_db.actor)
    _import(school_db, write_esis(tmp_path / "juni.csv"))
    rows = [
        ESIS_ROWS[0],
        ("2001", "Yılmaz, Şükrü", "2016-04-12", "6"),  # next group
        ("2002", "Wiśniewska, Łucja", "2015-10-02", "7"),  # group and corrected date of birth
        ("2003", "Nguyễn, Văn An", "2017-01-30", "4"),  # stays
        ("2006", "Jong, Daan de", "2019-02-02", "1-2"),  # new
    ]  # 2004 and 2005 left the school
    preview = service.preview_import(
        school_db.school_id, write_esis(tmp_path / "sept.csv", rows), today=TODAY
    )
    assert [u.summary for u in preview.diff.changed] == [
        "Groep: 5 → 6",
        "Geboortedatum: 01-10-2015 → 02-10-2015; Groep: 6 → 7",
    ]
    assert [p.pupil_number for p in preview.diff.missing] == ["2004", "2005"]
    result = service.apply_import(school_db.school_id, preview, deregister_missing_on=date(2026, 7, 17))
    assert (result.new, result.changed, result.deregistered, result.unchanged) == (1, 2, 2, 1)
    assert len(service.list_pupils(school_db.school_id)) == 4
    everyone = service.list_pupils(school_db.school_id, include_deregistered=True)
    left = {p.pupil_number: p.deregistered_on for p in everyone if p.deregistered_on}
    assert left == {"2004": date(2026, 7, 17), "2005": date(2026, 7, 17)}

    # Anne-Fleur comes back a year later: re-enrolment, not a new pupil.
    back = [*rows, ("2004", "Berg-de Vries, Anne-Fleur van der", "2018-05-03", "3")]
    preview = service.preview_import(
        school_db.school_id, write_esis(tmp_path / "terug.csv", back), today=TODAY
    )
    assert preview.counts.new == 0 and preview.counts.reenrolled == 1
    assert preview.diff.reenrolled[0].summary == "Groep: 1/2 → 3; Uitgeschreven: 17-07-2026 → (leeg)"
    assert preview.diff.needs_confirmation == preview.diff.reenrolled
    with pytest.raises(BadInputError, match="eerst moet bevestigen"):
        service.apply_import(school_db.school_id, preview)  # re-enrolling restarts the retention clock
    assert len(service.list_pupils(school_db.school_id)) == 4
    service.apply_import(school_db.school_id, preview, confirm_changes=True)
    assert len(service.list_pupils(school_db.school_id)) == 5


def test_a_file_with_three_errors_writes_nothing(school_db: SchoolDb, tmp_path: Path) -> None:
    _import(school_db, write_magister(tmp_path / "magister.xlsx"))
    before = _counts(school_db)
    bad = [
        ESIS_ROWS[0],
        ("2001", "Yılmaz, Şükrü", "2016-02-31", "5"),
        ("2002", "", "2015-10-01", "6"),
        ("2003", "Nguyễn, Văn An", "2017-01-30", "4"),
        ("2003", "Berg-de Vries, Anne-Fleur van der", "2018-05-03", "1-2"),
    ]
    service = PupilService(school_db.database, school_db.actor)
    preview = service.preview_import(school_db.school_id, write_esis(tmp_path / "fout.csv", bad), today=TODAY)
    assert [str(p) for p in preview.problems] == [
        "Rij 2, kolom 'Geb. datum': 2016-02-31 bestaat niet.",
        "Rij 3, kolom 'Naam': De naam ontbreekt. Vul de achternaam in.",
        "Rij 5, kolom 'Leerling nr': Leerlingnummer 2003 staat ook op rij 4. "
        "Elk leerlingnummer mag maar één keer voorkomen.",
    ]
    assert preview.headers == (
        "Leerling nr",
        "Naam",
        "Geb. datum",
        "Jaargroep",
    )  # the mapping page still works
    with pytest.raises(ImportRejected) as caught:
        service.apply_import(school_db.school_id, preview)
    assert str(caught.value).endswith("Er is niets geïmporteerd. Pas het bestand aan en probeer het opnieuw.")
    assert _counts(school_db) == before


def test_all_or_nothing_when_writing_fails_halfway(
    school_db: SchoolDb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = PupilService(school_db.database, school_db.actor)
    preview = service.preview_import(school_db.school_id, write_parnassys(tmp_path / "p.csv"), today=TODAY)
    before = _counts(school_db)

    def broken_audit(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    from ibp_desktop.services import context

    monkeypatch.setattr(context.Work, "audit", broken_audit)
    with pytest.raises(RuntimeError):
        service.apply_import(school_db.school_id, preview)
    assert _counts(school_db) == before


def test_progress_per_step_and_a_stop_from_progress_writes_nothing(
    school_db: SchoolDb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GUI's Annuleren raises from ``progress`` inside the transaction: the pupils written so far
    are rolled back. Without a stop, the steps count up to the total."""
    from ibp_desktop.services.pupils import importing

    monkeypatch.setattr(importing, "WRITE_STEP", 4)
    service = PupilService(school_db.database, school_db.actor)
    preview = service.preview_import(school_db.school_id, write_parnassys(tmp_path / "p.csv"), today=TODAY)
    before = _counts(school_db)
    steps: list[tuple[int, int]] = []

    class Stop(Exception):
        pass

    def stop_after_the_first_step(done: int, total: int) -> None:
        steps.append((done, total))
        if done == 4:  # four of the six pupils are written in the transaction
            raise Stop

    with pytest.raises(Stop):
        service.apply_import(school_db.school_id, preview, progress=stop_after_the_first_step)
    assert steps == [(0, 6), (4, 6)] and _counts(school_db) == before
    steps.clear()
    result = service.apply_import(school_db.school_id, preview, progress=lambda d, t: steps.append((d, t)))
    assert steps == [(0, 6), (4, 6), (6, 6)] and result.new == 6


def test_a_stale_preview_cannot_overwrite_newer_data(school_db: SchoolDb, tmp_path: Path) -> None:
    service = PupilService(school_db.database, school_db.actor)
    _import(school_db, write_esis(tmp_path / "juni.csv"))
    rows = [ESIS_ROWS[0], *ESIS_ROWS[1:3], ("2003", "Nguyễn, Văn An", "2017-01-30", "5")]
    preview = service.preview_import(school_db.school_id, write_esis(tmp_path / "s.csv", rows), today=TODAY)
    an = next(p for p in service.list_pupils(school_db.school_id) if p.pupil_number == "2003")
    service.deregister(an.id, date(2026, 8, 1))  # someone else acts after the preview
    before = _counts(school_db)
    with pytest.raises(StaleEditError, match="gewijzigd sinds de voorvertoning"):
        service.apply_import(school_db.school_id, preview)
    assert _counts(school_db) == before


def test_corrected_mapping(school_db: SchoolDb, tmp_path: Path) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text("Nr;Leerling;Dag van geboorte;Klas\n7;Şükrü Yılmaz;12-04-2016;5\n", encoding="utf-8")
    service = PupilService(school_db.database, school_db.actor)
    guessed = service.preview_import(school_db.school_id, path, today=TODAY)
    assert not guessed.ok and "Geboortedatum" in str(guessed.problems[0])
    fixed = service.preview_import(
        school_db.school_id, path, {"geboortedatum": "Dag van geboorte"}, today=TODAY
    )
    assert fixed.ok and fixed.diff.new[0].display_name == "Şükrü Yılmaz"
    assert fixed.mapping == {"pupil_number": 0, "full_name": 1, "date_of_birth": 2, "group": 3}


def test_permissions_and_school_access(school_db: SchoolDb, tmp_path: Path) -> None:
    from ibp_desktop.services.accounts.auth import login

    UserService(school_db.database, school_db.actor).add_user(
        "directeur", "Joost van den Heuvel", TEST_PASSWORD, frozenset({Role.DIRECTOR})
    )
    director = login(school_db.database, "directeur", TEST_PASSWORD)
    service = PupilService(school_db.database, director)
    with pytest.raises(PermissionDeniedError, match="leerlingen importeren"):
        service.preview_import(school_db.school_id, write_esis(tmp_path / "e.csv"))
    assert service.list_pupils(school_db.school_id) == []  # the director may look
    with pytest.raises(PermissionDeniedError):
        PupilService(school_db.database, school_db.actor).list_pupils(school_db.school_id + 1)


def test_deregister_one_pupil(school_db: SchoolDb, tmp_path: Path) -> None:
    service = PupilService(school_db.database, school_db.actor)
    _import(school_db, write_parnassys(tmp_path / "p.csv"))
    rene = next(p for p in service.list_pupils(school_db.school_id) if p.pupil_number == "1005")
    service.deregister(rene.id, date(2026, 7, 17))
    assert rene.id not in {p.id for p in service.list_pupils(school_db.school_id)}
    assert {g.name: g.pupil_count for g in service.groups(school_db.school_id)}["8B"] == 0
    with pytest.raises(NotFoundError):
        service.deregister(999_999, date(2026, 7, 17))
