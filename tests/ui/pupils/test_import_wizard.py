"""The pupil import wizard on a ParnasSys-style file (semicolon, Windows-1252) and the demo school."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.pages.pupils.import_common import DIFF_PAGE, MAPPING_PAGE, RESULT_PAGE
from ibp_desktop.ui.pages.pupils.import_diff import NOTHING_TO_DO
from ibp_desktop.ui.pages.pupils.import_wizard import PupilImportWizard
from tests.ui.pupils.conftest import PupilsScreen, cp1252_pupil, wait_loaded, write_file

pytestmark = pytest.mark.gui

NEW_PUPILS = [
    ("9001", "Noë", "", "Janssen", "01-02-2017", "3", "01-09-2026"),
    ("9002", "Loïs", "van 't", "Hof", "28-02-2016", "groep 4", "01-09-2026"),
]
Button = QWizard.WizardButton


def _start(qtbot: QtBot, screen: PupilsScreen, path: Path) -> PupilImportWizard:
    tab = screen.tab
    screen.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen.window)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    wizard = tab.dialog
    assert isinstance(wizard, PupilImportWizard) and wizard.isVisible()
    wizard.file_page.set_path(path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING_PAGE, timeout=10_000)
    return wizard


def _other_group(screen: PupilsScreen, current: str) -> str:
    names = [g.name for g in screen.service().groups(screen.school_id)]
    return next(name for name in names if name.casefold() != current.casefold())


def _sections(wizard: PupilImportWizard) -> list[str]:
    tree = wizard.diff_page.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_import_shows_mapping_and_diff_then_writes(
    qtbot: QtBot, administration: PupilsScreen, tmp_path: Path
) -> None:
    before = administration.enrolled()
    moved = cp1252_pupil(administration)
    new_group = _other_group(administration, moved.group_name or "")
    kept = (
        moved.pupil_number or "",
        moved.first_name,
        moved.infix,
        moved.last_name,
        f"{moved.date_of_birth:%d-%m-%Y}",
        new_group,
        "",
    )
    path = write_file(tmp_path / "leerlingen.csv", [*NEW_PUPILS, kept])
    wizard = _start(qtbot, administration, path)

    mapping = wizard.mapping_page
    assert "CSV, puntkomma, Windows-1252" in mapping.description.text()
    assert mapping.combos["pupil_number"].currentText() == "Leerlingnummer"
    assert mapping.combos["last_name"].currentText() == "Achternaam"
    assert mapping.combos["date_of_birth"].currentText() == "Geboortedatum"
    assert mapping.combos["full_name"].currentData() is None
    assert mapping.table.rowCount() == 3 and mapping.table.item(0, 1).text() == "Noë"
    assert "Geen problemen gevonden" in mapping.status.text()
    assert wizard.button(Button.NextButton).isEnabled()

    wizard.next()
    assert wizard.currentId() == DIFF_PAGE
    missing = len(before) - 1
    assert _sections(wizard) == ["Nieuw (2)", "Gewijzigd (1)", f"Niet meer in het bestand ({missing})"]
    changed = wizard.diff_page.tree.topLevelItem(1).child(0).text(0)
    assert moved.display_name in changed and f"→ {new_group}" in changed
    assert wizard.diff_page.figure_texts() == [
        "nieuw: 2",
        "gewijzigd: 1",
        "weer ingeschreven: 0",
        f"niet meer in het bestand: {missing}",
        "ongewijzigd: 0",
    ]
    assert not wizard.diff_page.deregister_check.isChecked()  # unchecked: the others stay as they are
    assert len(administration.enrolled()) == len(before)  # nothing written yet

    wizard.button(Button.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=10_000)
    summary = wizard.result_page.summary.text()
    assert "2 nieuwe leerlingen toegevoegd" in summary and "1 leerling gewijzigd" in summary
    wizard.button(Button.FinishButton).click()
    assert not wizard.isVisible()

    tab = administration.tab
    wait_loaded(qtbot, tab)
    assert tab.model.rowCount() == len(before) + 2
    qtbot.keyClicks(tab.search, "lois van t hof")
    assert [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())] == ["Loïs van 't Hof"]


def test_same_file_again_has_nothing_to_do(
    qtbot: QtBot, administration: PupilsScreen, tmp_path: Path
) -> None:
    path = write_file(tmp_path / "leerlingen.csv", NEW_PUPILS)
    wizard = _start(qtbot, administration, path)
    wizard.next()
    wizard.diff_page.deregister_check.setChecked(True)  # everyone not in the file leaves today
    wizard.button(Button.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=10_000)
    assert "uitgeschreven per" in wizard.result_page.summary.text()
    wizard.button(Button.FinishButton).click()
    wait_loaded(qtbot, administration.tab)
    assert administration.tab.model.rowCount() == 2

    again = _start(qtbot, administration, path)
    again.next()
    assert again.diff_page.nothing.isVisible() and again.diff_page.nothing.text() == NOTHING_TO_DO
    assert not again.diff_page.tree.isVisible()
    assert again.button(Button.FinishButton).isVisible()
    again.button(Button.FinishButton).click()
    assert not again.isVisible()


def test_file_with_errors_keeps_next_disabled_and_writes_nothing(
    qtbot: QtBot, administration: PupilsScreen, tmp_path: Path
) -> None:
    before = administration.enrolled()
    rows = [
        NEW_PUPILS[0],
        ("9003", "René", "", "Dubois", "31-02-2016", "5", ""),
        ("9004", "Chloë", "de", "Groot", "", "6", ""),
    ]
    wizard = _start(qtbot, administration, write_file(tmp_path / "fout.csv", rows))
    mapping = wizard.mapping_page
    problems = [mapping.problems.item(i).text() for i in range(mapping.problems.count())]
    assert "Rij 3, kolom 'Geboortedatum': 31-02-2016 bestaat niet." in problems
    assert any(p.startswith("Rij 4, kolom 'Geboortedatum'") for p in problems)
    assert "2 problemen" in mapping.status.text() and "niets geïmporteerd" in mapping.status.text()
    assert not wizard.button(Button.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    assert administration.enrolled() == before


def test_correcting_a_column_reads_the_file_again(
    qtbot: QtBot, administration: PupilsScreen, tmp_path: Path
) -> None:
    header = ("Leerlingnummer", "Roepnaam", "Tussenvoegsel", "Achternaam", "Verjaardag", "Groep")
    path = tmp_path / "anders.csv"
    path.write_text(
        "\n".join(";".join(r) for r in [header, ("9001", "Noë", "", "Janssen", "01-02-2017", "3")]),
        encoding="utf-8",
    )
    wizard = _start(qtbot, administration, path)
    mapping = wizard.mapping_page
    assert mapping.combos["date_of_birth"].currentData() is None
    assert not wizard.button(Button.NextButton).isEnabled()
    assert any("Geboortedatum" in mapping.problems.item(i).text() for i in range(mapping.problems.count()))

    combo = mapping.combos["date_of_birth"]
    combo.setFocus()
    for _ in range(5):  # keyboard: down to "Verjaardag", the fifth column
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Verjaardag"
    qtbot.waitUntil(lambda: wizard.button(Button.NextButton).isEnabled(), timeout=10_000)
    assert "Geen problemen gevonden" in mapping.status.text()
    assert "→ Geboortedatum" in mapping.table.horizontalHeaderItem(4).text()


def test_changes_meanwhile_send_the_user_back_to_check_again(
    qtbot: QtBot, administration: PupilsScreen, tmp_path: Path
) -> None:
    before = administration.enrolled()
    wizard = _start(qtbot, administration, write_file(tmp_path / "leerlingen.csv", NEW_PUPILS))
    wizard.next()
    assert wizard.currentId() == DIFF_PAGE
    administration.service().deregister(before[0].id, before[0].enrolled_on or before[0].date_of_birth)
    wizard.button(Button.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING_PAGE, timeout=10_000)
    assert "gewijzigd sinds de voorvertoning" in wizard.mapping_page.notice.text()
    qtbot.waitUntil(lambda: wizard.button(Button.NextButton).isEnabled(), timeout=10_000)
    assert len(administration.enrolled()) == len(before) - 1  # the import wrote nothing
    wizard.next()
    assert _sections(wizard)[-1] == f"Niet meer in het bestand ({len(before) - 1})"


def test_annuleren_while_writing_saves_nothing_and_the_bar_shows_progress(
    qtbot: QtBot, administration: PupilsScreen, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import is an ops.job: the bar fills up per step, and Annuleren stops it inside its transaction
    (the first pupil was already written there), so nothing is saved and no page is told of a change."""
    from ibp_desktop.services.pupils import importing
    from ibp_desktop.ui import ops
    from ibp_desktop.ui.background import TaskControl
    from ibp_desktop.ui.pages.pupils.import_diff import CANCELLED

    monkeypatch.setattr(importing, "WRITE_STEP", 1)  # one pupil per step: two steps for two new pupils
    first_written, go_on = threading.Event(), threading.Event()
    report = TaskControl.report

    def held_report(control: TaskControl, done: int, total: int, text: str = "") -> None:
        report(control, done, total, text)
        if done == 1:  # the first pupil is written (not committed): wait until the test pressed Annuleren
            first_written.set()
            go_on.wait(10)

    monkeypatch.setattr(TaskControl, "report", held_report)
    changed: list[str] = []
    ops.changes().data_changed.connect(changed.append)
    before, every = administration.enrolled(), administration.existing()
    wizard = _start(qtbot, administration, write_file(tmp_path / "leerlingen.csv", NEW_PUPILS))
    wizard.next()
    page = wizard.diff_page
    wizard.button(Button.CommitButton).click()
    assert first_written.wait(10)
    qtbot.waitUntil(lambda: page.busy.bar.maximum() == 2 and page.busy.bar.value() == 1, timeout=10_000)
    assert "1 van 2 leerlingen" in page.busy.text.text()
    assert not wizard.button(Button.CommitButton).isEnabled() and not page.deregister_check.isEnabled()
    cancel = wizard.button(Button.CancelButton)
    assert cancel.isEnabled()
    cancel.click()
    assert wizard.isVisible() and page.busy.text.text() == "Het importeren wordt afgebroken…"
    go_on.set()
    qtbot.waitUntil(lambda: page.error.text() == CANCELLED, timeout=10_000)

    assert not page.busy.isVisible() and wizard.currentId() == DIFF_PAGE
    assert [p.id for p in administration.enrolled()] == [p.id for p in before]  # the written one rolled back
    assert administration.existing() == every  # enrolled or not: not one pupil added or changed
    assert ops.PUPILS not in changed
    assert wizard.button(Button.CommitButton).isEnabled() and page.deregister_check.isEnabled()

    wizard.button(Button.CommitButton).click()  # the same import again, not cancelled: it is written
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=10_000)
    assert "2 nieuwe leerlingen toegevoegd" in wizard.result_page.summary.text()
    assert len(administration.enrolled()) == len(before) + 2 and ops.PUPILS in changed
    ops.changes().data_changed.disconnect(changed.append)


def test_re_enrolling_a_pupil_who_left_needs_the_checkbox(
    qtbot: QtBot, administration: PupilsScreen, tmp_path: Path
) -> None:
    from ibp_desktop.ui.pages.pupils.import_diff import ATTENTION

    left = next(
        p
        for p in administration.existing()
        if p.deregistered_on is not None and p.pupil_number and p.group_name and _cp1252(p.display_name)
    )
    row = (
        left.pupil_number or "",
        left.first_name,
        left.infix,
        left.last_name,
        f"{left.date_of_birth:%d-%m-%Y}",
        left.group_name or "",
        "",
    )
    wizard = _start(qtbot, administration, write_file(tmp_path / "terug.csv", [row]))
    assert wizard.mapping_page.unused.text() == "Alle kolommen worden gebruikt."
    wizard.next()
    page = wizard.diff_page
    assert _sections(wizard)[0] == f"{ATTENTION} (1)"
    assert "weer ingeschreven; " in page.tree.topLevelItem(0).child(0).text(0)
    assert page.confirm_check.isVisible() and not page.confirm_check.isChecked()
    assert not wizard.button(Button.CommitButton).isEnabled()  # no write without the explicit yes
    page.confirm_check.setChecked(True)
    assert wizard.button(Button.CommitButton).isEnabled()
    wizard.button(Button.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=10_000)
    back = next(p for p in administration.existing() if p.id == left.id)
    assert back.deregistered_on is None


def _cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def test_the_summary_adds_up_with_a_pupil_who_already_left() -> None:
    """Issue 16: "30 nieuwe leerlingen toegevoegd" while the list showed 29 (one left on 31-07-2025)."""
    from datetime import date

    from ibp_desktop.services.pupils.importing import ImportResult
    from ibp_desktop.ui.pages.pupils.import_wizard import result_text

    result = ImportResult(new=30, changed=0, reenrolled=0, deregistered=0, unchanged=0, groups_created=())
    text = result_text(result, None, "leerlingen.csv", [date(2025, 7, 31)])
    assert "30 nieuwe leerlingen toegevoegd: 29 leerlingen ingeschreven en 1 leerling al vertrokken" in text
    assert "uitgeschreven op 31-07-2025; staat daarom niet in de lijst" in text
    plain = result_text(result, None, "leerlingen.csv")
    assert "30 nieuwe leerlingen toegevoegd</li>" in plain and "vertrokken" not in plain
