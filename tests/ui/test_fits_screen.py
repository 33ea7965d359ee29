"""Every page fits a school laptop (UI.md, issue 16): at 1366x768 and at 1280x720 (1920x1080 at 150 %
scaling) no table or list on any page or tab needs a sideways scrollbar, with the demo school's data."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.services.demo import DEMO_ACCOUNTS
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
