"""The real layouts through the service: nothing reset unseen, leading zeros, lost letters named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.services.pupils.register import PupilService
from tests.conftest import SchoolDb
from tests.importers.layouts import (
    ESIS_PUPILS,
    MAGISTER_CSV,
    write_esis_xlsx,
    write_magister_csv,
    write_parnassys_excel_csv,
    write_parnassys_report,
)

TODAY = date(2026, 9, 1)


def _service(school: SchoolDb) -> PupilService:
    return PupilService(school.database, school.actor)


def test_a_pupil_who_left_stays_deregistered_and_re_enrolment_needs_a_yes(
    school_db: SchoolDb, tmp_path: Path
) -> None:
    service = _service(school_db)
    preview = service.preview_import(school_db.school_id, write_esis_xlsx(tmp_path / "a.xlsx"), today=TODAY)
    assert preview.ok and not preview.diff.needs_confirmation
    service.apply_import(school_db.school_id, preview)
    left = {
        p.pupil_number: p.deregistered_on
        for p in service.list_pupils(school_db.school_id, include_deregistered=True)
    }
    assert left["5002"] == date(2025, 7, 31)  # "Datum uit" is used

    # The same list again: nothing changes, Daan stays deregistered.
    again = service.preview_import(school_db.school_id, write_esis_xlsx(tmp_path / "b.xlsx"), today=TODAY)
    assert again.counts.unchanged == 3 and not again.diff.changes_anything

    # A list without "Datum uit" that still holds Daan: re-enrolling him restarts his retention clock.
    rows = [[*row[:8], None] for row in ESIS_PUPILS]
    back = service.preview_import(
        school_db.school_id, write_esis_xlsx(tmp_path / "c.xlsx", rows), today=TODAY
    )
    assert [u.summary for u in back.diff.needs_confirmation] == ["Uitgeschreven: 31-07-2025 → (leeg)"]
    with pytest.raises(BadInputError, match="eerst moet bevestigen"):
        service.apply_import(school_db.school_id, back)
    still = {
        p.pupil_number: p.deregistered_on
        for p in service.list_pupils(school_db.school_id, include_deregistered=True)
    }
    assert still["5002"] == date(2025, 7, 31)


def test_another_name_on_a_known_number_needs_a_yes(school_db: SchoolDb, tmp_path: Path) -> None:
    service = _service(school_db)
    service.apply_import(
        school_db.school_id,
        service.preview_import(school_db.school_id, write_esis_xlsx(tmp_path / "a.xlsx"), today=TODAY),
    )
    rows = [list(row) for row in ESIS_PUPILS]
    rows[0][2:5] = ["Bảo", "", "Trần"]
    preview = service.preview_import(
        school_db.school_id, write_esis_xlsx(tmp_path / "b.xlsx", rows), today=TODAY
    )
    assert [u.pupil.pupil_number for u in preview.diff.renamed] == ["5001"]
    assert preview.diff.renamed[0].summary == "Roepnaam: Nguyễn → Bảo; Achternaam: Văn An → Trần"
    with pytest.raises(BadInputError):
        service.apply_import(school_db.school_id, preview)
    service.apply_import(school_db.school_id, preview, confirm_changes=True)
    assert "Bảo Trần" in [p.display_name for p in service.list_pupils(school_db.school_id)]


def test_stamnr_with_leading_zeros_is_the_same_pupil(school_db: SchoolDb, tmp_path: Path) -> None:
    service = _service(school_db)
    plain = MAGISTER_CSV.replace("001001", "1001").replace("001002", "1002").replace("001003", "1003")
    first = service.preview_import(
        school_db.school_id, write_magister_csv(tmp_path / "a.csv", plain), today=TODAY
    )
    service.apply_import(school_db.school_id, first)
    preview = service.preview_import(school_db.school_id, write_magister_csv(tmp_path / "b.csv"), today=TODAY)
    assert preview.ok and preview.counts.unchanged == 3 and preview.counts.new == 0


def test_lost_letters_name_the_existing_pupil(school_db: SchoolDb, tmp_path: Path) -> None:
    service = _service(school_db)
    service.apply_import(
        school_db.school_id,
        service.preview_import(school_db.school_id, write_magister_csv(tmp_path / "m.csv"), today=TODAY),
    )
    preview = service.preview_import(
        school_db.school_id, write_parnassys_excel_csv(tmp_path / "p.csv"), today=TODAY
    )
    assert not preview.ok
    texts = [str(p) for p in preview.problems]
    assert "CSV UTF-8" in texts[0]
    assert texts[1].endswith(
        "Deze rij hoort waarschijnlijk bij 001002 Şükrü Yılmaz (12-04-2016) (zelfde geboortedatum en groep)."
    )
    assert "001001 Łucja Wiśniewska (01-10-2015)" in texts[2]


def test_parnassys_report_imports_with_titles_and_footer_skipped(school_db: SchoolDb, tmp_path: Path) -> None:
    service = _service(school_db)
    preview = service.preview_import(
        school_db.school_id, write_parnassys_report(tmp_path / "r.xlsx"), today=TODAY
    )
    assert preview.ok and preview.counts.new == 6
    assert [str(c.header) for c in preview.unused_columns] == ["Geslacht"]
    assert [s.row for s in preview.skipped_rows] == [1, 2, 12]
    result = service.apply_import(school_db.school_id, preview)
    assert result.groups_created == ("1/2a", "3", "4/5", "8")
