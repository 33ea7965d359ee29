"""Doelen en formulier (a new purpose makes a new form version) and starting a new campaign."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.ui.pages.consent.campaign_tab import CampaignTab, StartCampaignDialog
from ibp_desktop.ui.pages.consent.purpose_dialogs import PurposeDialog
from ibp_desktop.ui.pages.consent.purposes_tab import EXPLAIN, PurposesTab
from tests.ui.consent.conftest import ConsentSession, show

pytestmark = pytest.mark.gui


def test_new_purpose_makes_a_new_form_version(
    qtbot: QtBot, consent_session: Callable[..., ConsentSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = consent_session("directeur")
    before = session.service().current_form(session.school_id)
    tab = PurposesTab(session.context)
    show(qtbot, tab)
    qtbot.waitUntil(lambda: tab.table.rowCount() == len(before.purposes), timeout=10_000)
    assert any(shown.text() == EXPLAIN for shown in tab.findChildren(QLabel))

    def fill_in(dialog: PurposeDialog) -> int:
        dialog.show()
        dialog.name.setText("Jaarboek groep 8")
        dialog.description.setPlainText("Foto's in het jaarboek dat de leerlingen van groep 8 krijgen.")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
        return int(dialog.result())

    monkeypatch.setattr(PurposeDialog, "exec", fill_in)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.table.rowCount() == len(before.purposes) + 1, timeout=10_000)
    after = session.service().current_form(session.school_id)
    assert after.number == before.number + 1
    assert f"versie {after.number}" in tab.version.text()
    added = next(p for p in after.purposes if p.label == "Jaarboek groep 8")
    assert added.changed


def test_starting_a_campaign_says_what_it_means(
    qtbot: QtBot, consent_session: Callable[..., ConsentSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = consent_session("administratie")
    next_year = school_year_of(session.context.today()).next().label
    tab = CampaignTab(session.context)
    show(qtbot, tab)
    qtbot.waitUntil(lambda: tab.progress is not None, timeout=10_000)

    def fill_in(dialog: StartCampaignDialog) -> int:
        dialog.show()
        assert "blijft gelden" in dialog.intro.text()
        dialog.year.setText("2026-2028")
        dialog.ok_button.click()
        qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
        assert "bestaat niet" in dialog.error.text()
        dialog.year.setText(next_year)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
        return int(dialog.result())

    monkeypatch.setattr(StartCampaignDialog, "exec", fill_in)
    tab.start_button.click()
    qtbot.waitUntil(
        lambda: tab.progress is not None and tab.progress.campaign.school_year == next_year, timeout=10_000
    )
    assert tab.summary.text().startswith(f"Campagne {next_year}: 0 van")
