"""The Overzicht builds the attention rows a 1366x768 window can show at once, the rest a moment later
(issue 17: a shorter freeze on the first visit and at login); a newer dashboard drops rows still waiting."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ibp_desktop.services.dashboard.attention import AttentionItem
from ibp_desktop.ui import ops
from ibp_desktop.ui.pages.overview import AttentionRow, OverviewPage
from tests.ui.helpers import log_in
from tests.ui.screens import settle

pytestmark = pytest.mark.gui


def _items(count: int, word: str) -> list[AttentionItem]:
    return [AttentionItem(f"{word} {n}: Łucja Wiśniewska, nog {n} dagen.", "verzoeken", "warning")
            for n in range(count)]


def _page(qtbot: QtBot, make_startup, demo_location) -> OverviewPage:
    window = log_in(qtbot, make_startup(demo_location), "directeur", "Regenboog-directeur")
    window.resize(1366, 768)
    window.show()
    page = window.page("overzicht")
    assert isinstance(page, OverviewPage)
    qtbot.waitUntil(lambda: page.dashboard is not None and not ops.busy(page) and not page.rows_pending(),
                    timeout=10_000)
    settle()
    return page


def test_rows_below_the_fold_follow_a_moment_later(qtbot: QtBot, make_startup, demo_location) -> None:
    page = _page(qtbot, make_startup, demo_location)
    assert page.dashboard is not None
    items = _items(40, "Verzoek")
    page.show_dashboard(dataclasses.replace(page.dashboard, attention=items))

    first = len(page.attention_rows)
    assert 8 <= first < 40 and page.rows_pending()  # a screenful at once, not all forty
    for _ in range(3):
        QApplication.processEvents()  # laid out and painted, before the rest's turn
    assert page.rows_pending()
    viewport = page.viewport()
    last = page.attention_rows[-1]
    assert last.mapTo(viewport, last.rect().bottomLeft()).y() >= viewport.height()  # the window is full

    qtbot.waitUntil(lambda: not page.rows_pending(), timeout=5_000)
    assert [r.item for r in page.attention_rows] == items  # all of them, in order, once
    assert len(page.findChildren(AttentionRow)) == 40
    assert all(r.open_button is not None for r in page.attention_rows)


def test_a_newer_dashboard_drops_the_rows_still_waiting(qtbot: QtBot, make_startup, demo_location) -> None:
    page = _page(qtbot, make_startup, demo_location)
    assert page.dashboard is not None
    page.show_dashboard(dataclasses.replace(page.dashboard, attention=_items(40, "Oud")))
    newer = _items(3, "Nieuw")
    page.show_dashboard(dataclasses.replace(page.dashboard, attention=newer))
    assert not page.rows_pending()
    assert not page.rest_timer.isActive()  # nothing left to come later: no clock to wait on
    page.rest_timer.timeout.emit()  # even a late turn of the old rows' timer builds nothing
    settle()
    assert [r.item for r in page.attention_rows] == newer
    assert [r.item for r in page.findChildren(AttentionRow)] == newer  # the old ones are gone too
