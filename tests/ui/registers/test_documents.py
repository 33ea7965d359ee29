"""Export and print on the three register pages: the file a user saves and the preview both get the
same PDF (and the CSV opens in a spreadsheet)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.ui import printing
from tests.ui.helpers import pdf_text, press_ctrl, save_to

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("key, needle", [("verzoeken", "Sanne Kok"), ("verwerkers", "Snappet (demo)"),
                                         ("acties", "Wachtwoordbeleid")])
def test_export_and_print_give_the_same_pdf(qtbot: QtBot, open_register, monkeypatch, tmp_path: Path,
                                            key: str, needle: str) -> None:
    shown: list[tuple[bytes, str]] = []
    monkeypatch.setattr(printing, "preview_pdf", lambda _parent, data, title: shown.append((data, title)))
    save_to(monkeypatch, tmp_path / "register.pdf", tmp_path / "register.csv")
    _startup, page = open_register("directeur", key)
    press_ctrl(qtbot, page.table, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    preview = pdf_text(shown[0][0])
    assert needle in preview
    qtbot.waitUntil(lambda: not page.documents.working, timeout=20_000)
    page.documents.export_pdf()
    qtbot.waitUntil(lambda: (tmp_path / "register.pdf").exists(), timeout=20_000)
    assert pdf_text((tmp_path / "register.pdf").read_bytes()) == preview  # the very document, page for page
    qtbot.waitUntil(lambda: not page.documents.working, timeout=20_000)
    page.documents.export_csv()
    qtbot.waitUntil(lambda: (tmp_path / "register.csv").exists(), timeout=20_000)
    assert needle in (tmp_path / "register.csv").read_bytes().decode("utf-8-sig")


def test_the_action_register_page_saves_what_the_service_exports(
        qtbot: QtBot, open_register, monkeypatch, tmp_path: Path) -> None:
    """One service method behind both front ends (the command line calls it too, tests/test_cli_actions.py):
    the page's PDF reads the same as the service's."""
    from ibp_desktop.services.actions.register import ActionService

    save_to(monkeypatch, tmp_path / "page.pdf")
    _startup, page = open_register("directeur", "acties")
    page.documents.export_pdf()
    qtbot.waitUntil(lambda: (tmp_path / "page.pdf").exists(), timeout=20_000)
    context = page.context
    direct = ActionService(context.database, context.actor).register_pdf(context.school_id, context.today())
    page_text = pdf_text((tmp_path / "page.pdf").read_bytes())
    assert "Plan van aanpak IBP" in page_text and "Wachtwoordbeleid" in page_text
    assert pdf_text(direct) == page_text


@pytest.mark.parametrize("area", ["verzoeken", "verwerkers", "acties"])
def test_openen_on_the_overview_jumps_to_the_register(qtbot: QtBot, make_startup, demo_location,
                                                        area: str) -> None:
    from ibp_desktop.ui.pages.overview import AttentionRow
    from tests.ui.helpers import log_in

    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "directeur", "Regenboog-directeur")
    window.open_page("overzicht")
    overview = window.page("overzicht")

    def rows() -> list[AttentionRow]:
        return [r for r in overview.findChildren(AttentionRow) if r.item.area == area]

    qtbot.waitUntil(lambda: bool(rows()), timeout=10_000)
    button = rows()[0].open_button
    assert button is not None
    button.click()
    assert window.current_key() == area
    page = window.page(area)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
