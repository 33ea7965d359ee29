"""Verwerkingsregister, DPIA's and Klachten load like the other registers: once, then again only after a
change of an area they show (ops.watch), not at every visit."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ibp_desktop.services.accountability.complaints import ComplaintService
from ibp_desktop.services.accountability.dpia import DpiaService
from ibp_desktop.services.accountability.processing import ProcessingService
from ibp_desktop.ui import ops
from tests.ui.helpers import finish_background_work, log_in
from tests.ui.registers.conftest import PASSWORDS

pytestmark = pytest.mark.gui

PAGES = [
    ("klachten", ComplaintService, "list_complaints", ops.COMPLAINTS),
    ("verwerkingen", ProcessingService, "list_activities", ops.PROCESSING),
    ("dpias", DpiaService, "list_dpias", ops.DPIA),
]


def _counted(monkeypatch: pytest.MonkeyPatch, service: type, method: str) -> list[int]:
    """The register's list method, counting its calls (they run in the background)."""
    reads: list[int] = []
    real = getattr(service, method)

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        reads.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(service, method, counting)
    return reads


def _change(page: Any, area: str) -> None:
    """A change of ``area`` as any page reports one (through ops.mutate), writing nothing."""
    ops.mutate(page, area, lambda: None, lambda _result: None, what="test change", group=object())
    finish_background_work()


@pytest.mark.parametrize("key, service, method, area", PAGES)
def test_a_register_is_read_once_and_again_only_after_a_change_of_its_area(
    qtbot: QtBot,
    make_startup: Any,
    demo_location: Any,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    service: type,
    method: str,
    area: str,
) -> None:
    reads = _counted(monkeypatch, service, method)
    window = log_in(qtbot, make_startup(demo_location), "directeur", PASSWORDS["directeur"])
    assert window.open_page(key)
    page = window.page(key)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    finish_background_work()
    assert len(reads) == 1

    assert window.open_page("overzicht") and window.open_page(key)  # a second visit
    finish_background_work()
    assert len(reads) == 1

    _change(page, ops.INCIDENTS)  # another area: nothing to read
    assert len(reads) == 1

    _change(page, area)  # shown: read at once
    qtbot.waitUntil(lambda: len(reads) == 2, timeout=10_000)
    finish_background_work()
    assert len(reads) == 2

    assert window.open_page("overzicht")
    _change(page, area)  # hidden: read at the next visit, once
    assert len(reads) == 2
    assert window.open_page(key)
    qtbot.waitUntil(lambda: len(reads) == 3, timeout=10_000)
    finish_background_work()
    assert len(reads) == 3
