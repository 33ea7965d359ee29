"""Verwerkers and the plan van aanpak through the real pages: the agreement status in words, saving and
deleting an agreement, adding and closing an action."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.core.actions import ActionStatus
from ibp_desktop.core.roles import Role
from ibp_desktop.ui.pages.actions.dialogs import ActionDialog
from ibp_desktop.ui.pages.actions.page import ActionsPage
from ibp_desktop.ui.pages.processors import page as processors_module
from ibp_desktop.ui.pages.processors.dialogs import AgreementDialog, ProductDialog, SupplierDialog
from ibp_desktop.ui.pages.processors.page import ProcessorsPage
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS
from tests.ui.registers.conftest import cell, choose

pytestmark = pytest.mark.gui

PHOTOS = "Fotostudio Zonnestraal (demo)"


def _id(row: object) -> int:
    return row.id  # type: ignore[attr-defined]


def test_saving_an_agreement_changes_the_status(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("directeur", "verwerkers")
    assert isinstance(page, ProcessorsPage)
    text, background = cell(page, lambda r: r.name == PHOTOS, "Status")
    assert text == "Geen overeenkomst" and background.color().name() == LEVEL_COLOURS["red"][0]
    assert cell(page, lambda r: r.name == "Gynzy (demo)", "Status")[0] == "Verloopt over 40 dagen"
    choose(qtbot, page, lambda r: r.name == PHOTOS, _id)
    assert page.pane.badge.text().startswith("Geen overeenkomst")
    assert not page.row_buttons["Overeenkomst verwijderen…"].isEnabled()
    page.row_buttons["Overeenkomst vastleggen…"].click()
    dialog = page.dialog
    assert isinstance(dialog, AgreementDialog)
    dialog.bijsluiter.setText("1.0")
    dialog.categories.setPlainText("Naam, groep, foto")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: cell(page, lambda r: r.name == PHOTOS, "Status")[0] == "In orde", timeout=10_000)
    qtbot.waitUntil(lambda: page.current is not None and page.current.agreement is not None, timeout=10_000)
    assert "versie 1.0" in page.pane.body.text()
    button = page.row_buttons["Overeenkomst vastleggen…"]
    assert button.text() == "Overeenkomst wijzigen…" and button.isEnabled()
    assert page.row_buttons["Overeenkomst verwijderen…"].isEnabled()


def test_deleting_an_agreement_asks_once_and_says_what_happens(
    qtbot: QtBot, open_register, monkeypatch
) -> None:
    questions: list[str] = []
    monkeypatch.setattr(processors_module, "ask", lambda _p, _t, text, _c: questions.append(text) or True)
    _startup, page = open_register("directeur", "verwerkers")
    choose(qtbot, page, lambda r: r.name == "Cito (demo)", _id)
    page.row_buttons["Overeenkomst verwijderen…"].click()
    assert len(questions) == 1 and "status 'Geen overeenkomst'" in questions[0]
    qtbot.waitUntil(lambda: cell(page, lambda r: r.name == "Cito (demo)", "Status")[0] == "Geen overeenkomst",
                    timeout=10_000)


def test_a_new_supplier_with_a_product(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("directeur", "verwerkers")
    page.new_button.click()
    dialog = page.dialog
    assert isinstance(dialog, SupplierDialog)
    dialog.name.setText("Rekenmaatje BV")
    dialog.product.setText("Rekenmaatje")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(r.name == "Rekenmaatje BV" for r in page.model.all_rows), timeout=10_000)
    assert cell(page, lambda r: r.name == "Rekenmaatje BV", "Status")[0] == "Geen overeenkomst"
    qtbot.waitUntil(lambda: page.current is not None and page.current.name == "Rekenmaatje BV",
                    timeout=10_000)
    assert page.products.item(0).text() == "Rekenmaatje – 99ZZ"
    page.product_buttons["Product toevoegen…"].click()
    product = page.dialog
    assert isinstance(product, ProductDialog)
    product.name.setText("Rekenmaatje Thuis")
    product.ok_button.click()
    qtbot.waitUntil(lambda: page.products.count() == 2, timeout=10_000)


def test_the_administration_reads_the_register_without_buttons(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("administratie", "verwerkers")
    assert page.new_button is None and not page.row_buttons and not page.product_buttons


def test_an_action_can_be_added_and_closed(qtbot: QtBot, open_register) -> None:
    _startup, page = open_register("directeur", "acties")
    assert isinstance(page, ActionsPage)
    late = cell(page, lambda r: r.title.startswith("Verwerkersovereenkomst afsluiten"), "Termijn")
    assert late[0].startswith("Te laat") and late[1].color().name() == LEVEL_COLOURS["red"][0]
    assert cell(page, lambda r: r.facts.school_id is None, "Voor")[0] == "Hele bestuur"
    page.new_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ActionDialog)
    dialog.title_field.setText("Privacyles in groep 8")
    dialog.owner.setCurrentIndex(dialog.owner.findData(Role.SECURITY_OFFICER.value))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(r.title == "Privacyles in groep 8" for r in page.model.all_rows),
                    timeout=10_000)
    row = next(r for r in page.model.all_rows if r.title == "Privacyles in groep 8")
    assert row.owner_label == "Security officer" and row.status is ActionStatus.OPEN
    qtbot.waitUntil(lambda: page.current is not None and page.current.id == row.id, timeout=10_000)
    page.row_buttons["Klaar melden"].click()
    qtbot.waitUntil(lambda: cell(page, lambda r: r.id == row.id, "Status")[0] == "Klaar", timeout=10_000)
    qtbot.waitUntil(lambda: page.row_buttons["Klaar melden"].text() == "Heropenen", timeout=10_000)
    page.status_filter.setCurrentIndex(page.status_filter.findData("to_do"))
    assert all(r.status is not ActionStatus.DONE for r in page.model.visible_rows)


def test_closing_an_action_someone_else_just_changed_says_so_and_shows_theirs(
    qtbot: QtBot, open_register, monkeypatch
) -> None:
    from ibp_desktop.services.actions.register import ActionService
    from ibp_desktop.ui.widgets import register_page

    told: list[tuple[str, str]] = []
    monkeypatch.setattr(register_page, "show_info", lambda _p, text, title="": told.append((title, text)))
    _startup, page = open_register("directeur", "acties")
    row = choose(qtbot, page, lambda r: r.status is ActionStatus.OPEN, _id)
    # another PC starts working on it meanwhile: the page still holds the old version
    other_pc = ActionService(page.context.database, page.context.actor)
    other_pc.set_status(row.id, row.version, ActionStatus.IN_PROGRESS)
    page.row_buttons["Klaar melden"].click()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert told[0][0] == "Intussen gewijzigd" and "Iemand anders heeft deze actie net gewijzigd" in told[0][1]
    qtbot.waitUntil(lambda: cell(page, lambda r: r.id == row.id, "Status")[0] == "Bezig", timeout=10_000)
