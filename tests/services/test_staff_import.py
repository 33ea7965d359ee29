"""The staff import: a realistic AFAS .xlsx (title row, footer, an unused column) and a Youforce CSV
saved by Excel; matching by staff number, nothing removed silently, all or nothing, the remembered
mapping, and a leaver's access-rights checklist."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ibp_desktop.core.errors import PermissionDeniedError
from ibp_desktop.core.roles import Role
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.services.access.rights import AccessRightsService
from ibp_desktop.services.staff.importing import StaffImportService
from ibp_desktop.services.staff.register import StaffService
from tests.conftest import SchoolDb
from tests.importers.staff_files import STAFF, YOUFORCE_CSV, write_afas_xlsx, write_youforce_csv
from tests.services.incident_helpers import actor_with
from tests.services.staff_helpers import TODAY


def test_an_afas_export_with_title_row_and_footer(school_db: SchoolDb, tmp_path: Path) -> None:
    path = write_afas_xlsx(tmp_path / "medewerkers.xlsx")
    service = StaffImportService(school_db.database, school_db.actor)
    preview = service.preview(school_db.school_id, path, today=TODAY)
    assert preview.new == (
        "Şükrü Yılmaz",
        "Łucja Wiśniewska",
        "Văn An Nguyễn",
        "Anne-Fleur van der Berg-de Vries",
    )
    assert preview.unused_columns == ("Afdeling",)
    assert str(preview.skipped[0]).startswith("Rij 1")
    assert any("Aantal medewerkers" in str(s) for s in preview.skipped)
    assert preview.leavers == ("Văn An Nguyễn",)
    assert service.import_file(school_db.school_id, path, today=TODAY) == (4, 0)
    rows = {
        r.name: r
        for r in StaffService(school_db.database, school_db.actor).list_staff(school_db.school_id, TODAY)
    }
    anne = rows["Anne-Fleur van der Berg-de Vries"]
    assert (anne.staff_number, anne.function, anne.started_on) == ("000801", "Leerkracht", date(2026, 9, 1))
    assert anne.status_text == "Nog niet bijgepraat"
    assert rows["Văn An Nguyễn"].left_on == date(2026, 12, 31)

    # The next export: one function changed, one person gone from the file (kept, and listed).
    changed = [list(r) for r in STAFF[:3]]
    changed[0][4] = "Bouwcoördinator"
    second = write_afas_xlsx(tmp_path / "medewerkers-2.xlsx", changed)
    preview = service.preview(school_db.school_id, second, today=TODAY)
    assert (preview.new, preview.changed, preview.unchanged) == ((), ("Şükrü Yılmaz",), 2)
    assert preview.not_in_file == ("Anne-Fleur van der Berg-de Vries",)
    assert service.import_file(school_db.school_id, second, today=TODAY) == (0, 1)
    assert len(StaffService(school_db.database, school_db.actor).list_staff(school_db.school_id, TODAY)) == 4


def test_a_leaver_in_the_export_gets_the_checklist(school_db: SchoolDb, tmp_path: Path) -> None:
    first = [list(r) for r in STAFF]
    first[2][6] = None  # not leaving yet
    service = StaffImportService(school_db.database, school_db.actor)
    service.import_file(school_db.school_id, write_afas_xlsx(tmp_path / "a.xlsx", first), today=TODAY)
    access = AccessRightsService(school_db.database, school_db.actor)
    system = access.add_default_systems(school_db.school_id)[0]
    person = next(p for p in access.matrix(school_db.school_id).people if p.name == "Văn An Nguyễn")
    access.grant(system.id, person.id, "Gebruiker", date(2022, 1, 1))
    service.import_file(school_db.school_id, write_afas_xlsx(tmp_path / "b.xlsx"), today=TODAY)
    [checklist] = access.checklists(school_db.school_id, open_only=True)
    assert checklist.person_name == "Văn An Nguyễn" and checklist.effective_on == date(2026, 12, 31)


def test_bad_rows_are_named_and_nothing_is_written(school_db: SchoolDb, tmp_path: Path) -> None:
    bad = YOUFORCE_CSV.replace("1-8-2012", "31-2-2012").replace("31-7-2026", "1-1-2020")
    bad += "412;Bakker;;Tom;Leerkracht;1-8-2020;\r\n"
    path = write_youforce_csv(tmp_path / "personeel.csv", bad)
    service = StaffImportService(school_db.database, school_db.actor)
    with pytest.raises(ImportRejected) as raised:
        service.import_file(school_db.school_id, path, today=TODAY)
    text = str(raised.value)
    assert "personeel.csv" in text and "Rij 4" in text and "31-2-2012" in text
    assert "Rij 5" in text and "vóór de datum in dienst" in text
    assert "Rij 6" in text and "ook in rij 3" in text
    assert StaffService(school_db.database, school_db.actor).list_staff(school_db.school_id, TODAY) == []


def test_lost_letters_in_an_excel_csv_are_refused(school_db: SchoolDb, tmp_path: Path) -> None:
    text = YOUFORCE_CSV + "901;Y?lmaz;;?ükrü;Leerkracht;1-8-2024;\r\n"
    path = write_youforce_csv(tmp_path / "personeel.csv", text)
    with pytest.raises(ImportRejected, match="letter verloren"):
        StaffImportService(school_db.database, school_db.actor).preview(
            school_db.school_id, path, today=TODAY
        )


def test_the_mapping_is_remembered_and_only_recorders_import(school_db: SchoolDb, tmp_path: Path) -> None:
    text = YOUFORCE_CSV.replace("Functie", "Rol binnen school")
    path = write_youforce_csv(tmp_path / "personeel.csv", text)
    service = StaffImportService(school_db.database, school_db.actor)
    assert "function" not in service.preview(school_db.school_id, path, today=TODAY).mapping
    service.import_file(school_db.school_id, path, {"function": "Rol binnen school"}, today=TODAY)
    again = service.preview(school_db.school_id, path, today=TODAY)
    assert again.from_memory and again.mapping["function"] == 4 and again.unchanged == 3
    fg = StaffImportService(school_db.database, actor_with(school_db, "fg", Role.DPO))
    with pytest.raises(PermissionDeniedError):
        fg.preview(school_db.school_id, path, today=TODAY)


def test_a_known_number_with_another_name_is_refused(school_db: SchoolDb, tmp_path: Path) -> None:
    service = StaffImportService(school_db.database, school_db.actor)
    service.import_file(school_db.school_id, write_afas_xlsx(tmp_path / "a.xlsx"), today=TODAY)
    other = [list(r) for r in STAFF]
    other[0][1:4] = ["Kramer", None, "Daan"]  # 000412 was Şükrü Yılmaz
    with pytest.raises(ImportRejected, match=r"Rij 4.*hoort in de personeelslijst bij Şükrü Yılmaz"):
        service.import_file(school_db.school_id, write_afas_xlsx(tmp_path / "b.xlsx", other), today=TODAY)
    names = {
        r.name
        for r in StaffService(school_db.database, school_db.actor).list_staff(school_db.school_id, TODAY)
    }
    assert "Daan Kramer" not in names and "Şükrü Yılmaz" in names
