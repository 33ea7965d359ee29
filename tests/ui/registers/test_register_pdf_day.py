"""The registers' PDFs are of the day the page shows (the context's today, which the demo and the tests
set), not of the computer's clock: the "Stand van zaken op" date and the statuses match the list."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.services.accountability.dpia import DpiaService
from tests.ui.helpers import log_in, pdf_text, save_to
from tests.ui.registers.conftest import LATER, PASSWORDS, REAL, choose, open_page_as

pytestmark = pytest.mark.gui


def _page_on(qtbot: QtBot, make_startup: Any, demo_location: Any, key: str, user: str = "directeur") -> Any:
    """The page ``key`` of a program whose day is LATER, with its rows loaded."""
    return open_page_as(qtbot, make_startup(demo_location), user, key, today=LATER)


@pytest.mark.parametrize("key", ["klachten", "verwerkingen", "dpias", "verwerkers"])
def test_the_register_pdf_shows_the_day_and_the_statuses_of_the_page(
    qtbot: QtBot, make_startup: Any, demo_location: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    key: str,
) -> None:  # fmt: skip
    save_to(monkeypatch, tmp_path / "register.pdf")
    page = _page_on(qtbot, make_startup, demo_location, key)
    page.documents.export_pdf()
    qtbot.waitUntil(lambda: (tmp_path / "register.pdf").exists(), timeout=20_000)
    text = pdf_text((tmp_path / "register.pdf").read_bytes())
    assert f"stand van zaken op {LATER:%d-%m-%Y}" in text.lower()
    assert f"stand van zaken op {REAL:%d-%m-%Y}" not in text.lower()
    statuses = {row.status.text for row in page.model.all_rows if hasattr(row, "status")}
    assert all(status in text for status in statuses), (statuses, text)
    if key == "klachten":  # the open complaint: on the real day it still has five days
        assert "Te laat" in text and "Open, nog 5 dagen" not in text


def test_a_dpia_pdf_has_the_status_of_the_page_s_day(
    qtbot: QtBot, make_startup: Any, demo_location: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    save_to(monkeypatch, tmp_path / "dpia.pdf")
    page = _page_on(qtbot, make_startup, demo_location, "dpias", "security")
    row = choose(qtbot, page, lambda r: r.review_on is not None, lambda r: r.id)
    on_the_real_day = DpiaService(page.context.database, page.context.actor).detail(row.id, REAL)
    assert page.current.status.text != on_the_real_day.status.text  # the review is due by LATER
    page.save_pdf()
    qtbot.waitUntil(lambda: (tmp_path / "dpia.pdf").exists(), timeout=20_000)
    text = pdf_text((tmp_path / "dpia.pdf").read_bytes())
    assert f"Status {page.current.status.text}" in text
    assert on_the_real_day.status.text not in text


def _open_on_the_real_day(page: Any) -> set[str]:
    """The statuses the open requests would have on the real day (the service, without a day)."""
    from ibp_desktop.services.requests.register import RequestService

    rows = RequestService(page.context.database, page.context.actor).list_requests(today=REAL)
    return {row.status_text for row in rows if not row.status.answered}


def test_the_requests_register_pdf_and_csv_are_of_the_page_s_day(
    qtbot: QtBot, make_startup: Any, demo_location: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    save_to(monkeypatch, tmp_path / "verzoeken.pdf", tmp_path / "verzoeken.csv")
    page = _page_on(qtbot, make_startup, demo_location, "verzoeken")
    real_statuses = _open_on_the_real_day(page)
    shown = {row.status_text for row in page.model.all_rows}
    assert real_statuses and not real_statuses & shown  # on LATER every open request is overdue
    assert any(row.status.overdue for row in page.model.all_rows)
    page.documents.export_pdf()
    qtbot.waitUntil(lambda: (tmp_path / "verzoeken.pdf").exists(), timeout=20_000)
    text = pdf_text((tmp_path / "verzoeken.pdf").read_bytes())
    assert f"Stand van zaken op {LATER:%d-%m-%Y}" in text
    assert all(status in text for status in shown), (shown, text)
    assert not any(status in text for status in real_statuses), (real_statuses, text)
    qtbot.waitUntil(lambda: not page.documents.working, timeout=20_000)
    page.documents.export_csv()
    qtbot.waitUntil(lambda: (tmp_path / "verzoeken.csv").exists(), timeout=20_000)
    text = (tmp_path / "verzoeken.csv").read_text("utf-8-sig")
    lines = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {line["Nummer"]: line["Status"] for line in lines} == {
        row.number: row.status_text for row in page.model.all_rows
    }


@pytest.mark.parametrize("box", ["verzoeken", "verwerkers"])
def test_the_registers_tab_prints_the_registers_of_the_program_s_day(
    qtbot: QtBot, make_startup: Any, demo_location: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    box: str,
) -> None:  # fmt: skip
    """Rapportages > Registers makes the same register as the register's own page: of the day it shows."""
    save_to(monkeypatch, tmp_path / "register.pdf")
    window = log_in(qtbot, make_startup(demo_location), "directeur", PASSWORDS["directeur"])
    window.context.today = lambda: LATER
    assert window.open_page("rapporten")
    page = window.page("rapporten")
    page.show_tab("Registers")
    page.registers_tab.boxes[box].pdf_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "register.pdf").exists(), timeout=20_000)
    text = pdf_text((tmp_path / "register.pdf").read_bytes()).lower()
    assert f"stand van zaken op {LATER:%d-%m-%Y}" in text
    assert f"stand van zaken op {REAL:%d-%m-%Y}" not in text
