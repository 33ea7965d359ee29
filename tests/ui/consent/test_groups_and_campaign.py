"""Per groep (grid, NOT list, pupil dialog, withdrawal), Campagne (counts), printing via the preview."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ibp_desktop.ui import printing
from ibp_desktop.ui.pages.consent import consent_tabs
from ibp_desktop.ui.pages.consent.campaign_tab import CampaignTab
from ibp_desktop.ui.pages.consent.group_tab import GroupTab
from ibp_desktop.ui.pages.consent.pupil_dialog import PupilConsentDialog
from ibp_desktop.ui.pages.consent.pupil_dialogs import WithdrawDialog
from tests.ui.consent.conftest import ConsentSession, show
from tests.ui.helpers import pdf_text

pytestmark = pytest.mark.gui

DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole


def open_groups(qtbot: QtBot, session: ConsentSession, group_name: str) -> GroupTab:
    tab = GroupTab(session.context)
    show(qtbot, tab)
    qtbot.waitUntil(lambda: tab.group_box.count() > 0, timeout=10_000)
    index = tab.group_box.findText(f"groep {group_name}")
    assert index >= 0
    tab.group_box.setCurrentIndex(index)
    qtbot.waitUntil(
        lambda: tab.model.grid is not None and tab.model.grid.group_name == group_name, timeout=10_000
    )
    return tab


def cell(tab: GroupTab, pupil_id: int, purpose_id: int, role: Qt.ItemDataRole) -> object:
    grid = tab.model.grid
    assert grid is not None
    row = next(i for i, r in enumerate(grid.rows) if r.pupil.id == pupil_id)
    column = 1 + next(i for i, p in enumerate(grid.purposes) if p.purpose_id == purpose_id)
    return tab.model.data(tab.model.index(row, column), role)


def test_grid_shows_the_services_marks_and_not_list(
    qtbot: QtBot, consent_session: Callable[..., ConsentSession]
) -> None:
    session = consent_session("directeur")
    service = session.service()
    group = service.find_group(session.school_id, "5")
    tab = open_groups(qtbot, session, group.name)
    grid = service.group_grid(session.school_id, group.id)
    assert tab.model.rowCount() == len(grid.rows)
    marks = set()
    for r, row in enumerate(grid.rows):
        assert tab.model.data(tab.model.index(r, 0), DISPLAY) == row.pupil.name
        for c, purpose in enumerate(row.purposes, start=1):
            shown = str(tab.model.data(tab.model.index(r, c), DISPLAY))
            assert shown.split()[0] == purpose.status.mark
            assert purpose.status.label in str(tab.model.data(tab.model.index(r, c), TOOLTIP))
            marks.add(shown.split()[0])
    assert {"JA", "NEE"} <= marks
    # Words and colour together: a JA cell and a NEE cell differ in colour too.
    colours = {
        str(tab.model.data(tab.model.index(r, c), DISPLAY)).split()[0]: tab.model.data(
            tab.model.index(r, c), BACKGROUND
        )
        .color()
        .name()
        for r in range(tab.model.rowCount())
        for c in range(1, tab.model.columnCount())
    }
    assert colours["JA"] != colours["NEE"]
    # The "Niet fotograferen of publiceren" list: per purpose exactly the pupils the service names.
    assert tab.not_allowed.topLevelItemCount() == len(grid.not_allowed)
    for index, entry in enumerate(grid.not_allowed):
        item = tab.not_allowed.topLevelItem(index)
        assert item.text(0).startswith(entry.label)
        assert [item.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(item.childCount())] == [
            p.pupil_id for p in entry.pupils
        ]


def test_withdrawing_in_the_pupil_dialog(
    qtbot: QtBot, consent_session: Callable[..., ConsentSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = consent_session("administratie")
    service = session.service()
    pupil = service.pupil_search(session.school_id, "sukru")[0]
    allowed = [p for p in service.pupil_status(pupil.id).purposes if p.allowed]
    assert allowed
    purpose = allowed[0]
    tab = open_groups(qtbot, session, pupil.group_name)
    assert str(cell(tab, pupil.id, purpose.purpose_id, DISPLAY)) == "JA"

    monkeypatch.setattr(PupilConsentDialog, "exec", lambda self: self.show() or 0)
    filled: list[WithdrawDialog] = []

    def fill_in(dialog: WithdrawDialog) -> int:
        dialog.show()
        filled.append(dialog)
        assert "kan niet worden verwijderd" in dialog.intro.text()
        assert dialog.purpose.currentData() == purpose.purpose_id
        dialog.ok_button.click()  # without a follow-up: said inline, nothing saved
        assert "Vul in wat er gedaan is" in dialog.error.text()
        dialog.follow_up.setText("Foto van website verwijderd")
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
        return int(dialog.result())

    monkeypatch.setattr(WithdrawDialog, "exec", fill_in)
    row = next(i for i, r in enumerate(tab.model.grid.rows) if r.pupil.id == pupil.id)  # type: ignore[union-attr]
    tab.table.setFocus()
    tab.table.selectRow(row)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    dialog = tab.dialog
    assert isinstance(dialog, PupilConsentDialog)
    qtbot.waitUntil(lambda: dialog.status is not None, timeout=10_000)
    before = dialog.history_table.rowCount()
    dialog.withdraw(purpose.purpose_id)
    assert filled and filled[0].result() == QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: dialog.history_table.rowCount() == before + 1, timeout=10_000)
    last = [dialog.history_table.item(before, c).text() for c in range(dialog.history_table.columnCount())]
    assert last[1] == purpose.label and last[2] == "Ingetrokken"
    assert "Foto van website verwijderd" in last[8]
    qtbot.waitUntil(
        lambda: str(cell(tab, pupil.id, purpose.purpose_id, DISPLAY)).startswith("NEE"), timeout=10_000
    )
    assert "Ingetrokken" in str(cell(tab, pupil.id, purpose.purpose_id, TOOLTIP))
    assert service.history(pupil.id)[-1].withdrawal


def test_campaign_tab_counts_match_the_service(
    qtbot: QtBot, consent_session: Callable[..., ConsentSession]
) -> None:
    session = consent_session("administratie")
    service = session.service()
    campaign = service.current_campaign(session.school_id)
    assert campaign is not None
    progress = service.campaign_progress(campaign.id)
    tab = CampaignTab(session.context)
    show(qtbot, tab)
    qtbot.waitUntil(lambda: tab.progress is not None, timeout=10_000)
    assert f"{progress.returned} van {progress.total} formulieren terug" in tab.summary.text()
    assert tab.groups.rowCount() == len(progress.groups)
    for row, group in enumerate(progress.groups):
        assert tab.groups.item(row, 1).text() == str(group.returned)
        assert tab.groups.item(row, 2).text() == str(group.missing)
        bar = tab.groups.cellWidget(row, 3)
        assert bar.value() == group.returned and bar.maximum() == group.total  # type: ignore[attr-defined]
    assert tab.missing.count() == len(progress.missing)
    tab.groups.selectRow(0)
    first = progress.groups[0]
    assert tab.missing.count() == max(first.missing, 1)
    assert f"({first.missing})" in tab.missing_title.text()


def test_printing_goes_through_the_preview(
    qtbot: QtBot, consent_session: Callable[..., ConsentSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(printing, "preview_pdf", lambda _parent, data, title: shown.append((data, title)))
    session = consent_session("directeur")
    tab = open_groups(qtbot, session, "5")
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=20_000)
    assert shown[0][0].startswith(b"%PDF") and "groep 5" in shown[0][1]
    qtbot.waitUntil(lambda: tab.forms_button.isEnabled())
    tab.forms_button.click()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20_000)
    assert shown[1][0].startswith(b"%PDF")

    campaign = CampaignTab(session.context)
    show(qtbot, campaign)
    qtbot.waitUntil(lambda: campaign.progress is not None, timeout=10_000)
    campaign.remind_button.click()
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=20_000)
    assert shown[2][0].startswith(b"%PDF") and "Herinneringen" in shown[2][1]
    assert "Toestemming" in pdf_text(shown[0][0]) and "Toestemming" in pdf_text(shown[2][0])


def test_tabs_follow_the_roles(consent_session: Callable[..., ConsentSession]) -> None:
    admin = [title for title, _ in consent_tabs(consent_session("administratie").context)]
    director = [title for title, _ in consent_tabs(consent_session("directeur").context)]
    assert admin == ["Formulieren invoeren", "Scans inlezen", "Per groep", "Campagne"]
    assert director == [
        "Formulieren invoeren", "Scans inlezen", "Per groep", "Campagne", "Doelen en formulier"
    ]  # fmt: skip
