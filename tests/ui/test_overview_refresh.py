"""The Overzicht shows a change in one area after refresh_area, without loading the other areas again."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.ui import ops
from ibp_desktop.ui.pages.overview import OverviewPage
from tests.ui.helpers import log_in

pytestmark = pytest.mark.gui


def test_refresh_area_replaces_that_area_on_screen(qtbot: QtBot, make_startup, demo_location) -> None:
    from ibp_desktop.services.database.backup import make_backup

    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "security", "Regenboog-security")
    page = window.page("overzicht")
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: page.dashboard is not None and not ops.busy(page) and not page.rows_pending(),
                    timeout=10_000)  # the rows below the fold come a moment later
    texts = [row.item.text for row in page.attention_rows]
    assert any("nog geen back-up" in t for t in texts)
    breaches = [row.item for row in page.attention_rows if row.item.area == "incidenten"]

    make_backup(startup.database, demo_location)
    page.refresh_area("beheer")
    qtbot.waitUntil(
        lambda: not ops.busy(page) and not page.rows_pending()
        and not any("back-up" in r.item.text for r in page.attention_rows),
        timeout=10_000,
    )
    texts = [row.item.text for row in page.attention_rows]
    assert not any("back-up" in t for t in texts)
    assert [row.item for row in page.attention_rows if row.item.area == "incidenten"] == breaches
