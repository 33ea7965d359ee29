"""Informing the people after a breach through the page: closing is refused until the date and how are
recorded in section 8, and the letter to the parents comes out as a PDF naming the FG."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from ibp_desktop.core.incidents.breach_informing import InformChannel
from ibp_desktop.core.incidents.rules import NotificationKind
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.store.types import utc_now
from ibp_desktop.ui.pages.incidents import page as page_module
from ibp_desktop.ui.pages.incidents.assess_dialog import AssessDialog
from ibp_desktop.ui.pages.incidents.close_dialog import CloseDialog
from tests.ui.incidents.conftest import select

pytestmark = pytest.mark.gui
CARE_MAIL = "Zorgverslag naar verkeerde ouder gemaild"  # demo: parents must be informed, not yet done


def test_closing_waits_for_informing_and_the_letter_is_made(
    qtbot: QtBot, open_incidents, monkeypatch, tmp_path: Path
) -> None:
    startup, page = open_incidents("security")
    # The AP was notified (elsewhere, e.g. on another PC); what is left is informing the parents.
    security = login(startup.database, "security", "Regenboog-security")
    incidents = IncidentService(startup.database, security)
    found = next(r for r in incidents.list_incidents() if r.title == CARE_MAIL)
    incidents.record_notification(found.id, found.version, NotificationKind.FINAL, utc_now(), "M2026-1")
    page.reload(select_id=found.id)  # the rows load in the background (ui/ops.py)
    qtbot.waitUntil(
        lambda: page.current is not None
        and page.current.id == found.id
        and page.current.version != found.version,
        timeout=10_000,
    )
    select(qtbot, page, CARE_MAIL)
    page.open_close()
    close = page.dialog
    assert isinstance(close, CloseDialog)
    close.evaluation.setPlainText("Zorgverslagen alleen nog via het beveiligde ouderportaal.")
    close.ok_button.click()
    qtbot.waitUntil(lambda: "artikel 34" in close.error.text(), timeout=10_000)
    close.reject()

    page.open_assess()
    assess = page.dialog
    assert isinstance(assess, AssessDialog)
    sections = assess.sections
    sections.subjects_informed_channel.setCurrentIndex(
        sections.subjects_informed_channel.findData(InformChannel.LETTER)
    )
    sections.subjects_informed_at.known.setChecked(True)
    sections.measures_taken.setPlainText(
        "De ontvanger heeft het verslag verwijderd; het portaal is aangepast."
    )
    assess.ok_button.click()
    qtbot.waitUntil(
        lambda: (
            page.current is not None and page.current.form.subjects_informed_channel is InformChannel.LETTER
        ),
        timeout=10_000,
    )

    asked: list[str] = []
    target = tmp_path / "brief.pdf"

    def ask_save_path(_parent: object, file_name: str) -> Path:
        asked.append(file_name)
        return target

    monkeypatch.setattr("ibp_desktop.ui.ops.ask_save_path", ask_save_path)
    monkeypatch.setattr("ibp_desktop.ui.ops.show_info", lambda *_a, **_k: None)
    monkeypatch.setattr(page_module.QInputDialog, "getItem", lambda *_a, **_k: ("Ouders en verzorgers", True))
    page.row_buttons["Brief aan betrokkenen…"].click()
    qtbot.waitUntil(target.exists, timeout=20_000)
    data, name = target.read_bytes(), asked[0]
    assert name == f"brief-datalek-{page.current.number}-ouders.pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages).split())
    assert "Beste ouder of verzorger" in text and "Karin de Boer" in text and "portaal is aangepast" in text
