"""Every page fits a school laptop (UI.md, issue 16): at 1366x768 and at 1280x720 (1920x1080 at 150 %
scaling) no table or list on any page or tab needs a sideways scrollbar, with the demo school's data."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.services.demo.school import DEMO_ACCOUNTS
from ibp_desktop.services.location import Location
from ibp_desktop.ui.pages import PAGES
from tests.ui.helpers import log_in
from tests.ui.screens import horizontal_scrollbars, settle, views

SIZES = [(1366, 768), (1280, 720)]


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_page_needs_no_sideways_scrolling(
    qtbot: QtBot, demo_location: Location, make_startup, key: str
) -> None:
    account = next(a for a in DEMO_ACCOUNTS if a.username == "directeur")  # the director sees every page
    window = log_in(qtbot, make_startup(demo_location), account.username, account.password)
    assert key in window.page_keys()
    for width, height in SIZES:
        window.resize(width, height)
        window.show()
        settle()
        seen = 0
        for name, page in views(window, only=key):
            seen += 1
            assert page.isVisible()
            assert horizontal_scrollbars(page) == [], f"{name} at {width}x{height}"
            tabs = getattr(page, "tabs", None)
            shown = tabs.currentWidget() if tabs is not None else page
            table = getattr(shown, "table", None)
            if table is not None and hasattr(table, "selectRow") and table.model().rowCount():
                table.selectRow(0)  # the detail pane appears beside the table: still no scrollbar
                settle()
                assert horizontal_scrollbars(page) == [], f"{name} with a row chosen at {width}x{height}"
        assert seen


def test_overzicht_shows_the_running_clocks_first_without_scrolling(
    qtbot: QtBot, demo_location: Location, make_startup
) -> None:
    """Issue 16: "Datalek 2026-007: nog 41 uur" was item 6 of 14, a yellow "Let op", below the fold."""
    from ibp_desktop.ui.pages.overview import OverviewPage

    account = next(a for a in DEMO_ACCOUNTS if a.username == "directeur")
    window = log_in(qtbot, make_startup(demo_location), account.username, account.password)
    window.resize(1366, 768)
    window.show()
    window.open_page("overzicht")
    page = window.pages["overzicht"]
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: len(page.attention_rows) > 6, timeout=10_000)
    settle()
    rows = page.attention_rows
    breaches = [r for r in rows if "om te melden bij de AP" in r.item.text]  # the running 72-hour clocks
    assert breaches and rows[: len(breaches)] == breaches
    assert all(r.item.severity == "urgent" for r in breaches)
    viewport = page.viewport()
    visible = [r for r in rows
               if viewport.rect().contains(r.mapTo(viewport, r.rect().bottomRight()))]
    assert len(visible) >= 8  # the most urgent ones, without scrolling
    assert all(r in visible for r in breaches)
