"""Scans inlezen: a folder of scanned forms of the demo school, sure pages in one go, the unsure page
corrected with the keyboard, the page without a code linked by hand."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from ibp_desktop.store.scan_models import ConsentScan
from ibp_desktop.ui.background import wait_for_all
from ibp_desktop.ui.pages.consent import scan_tab
from ibp_desktop.ui.pages.consent.scan_tab import ScanTab
from tests.scans.scan_maker import Look
from tests.scans.test_service import ALL_YES, MIXED, _scan
from tests.ui.consent.conftest import ConsentSession, show


def _scan_folder(session: ConsentSession, folder: Path) -> None:
    service = session.service()
    group = service.groups(session.school_id)[0]
    pdf = service.forms_pdf(session.school_id, group.id)
    rng = random.Random(21)
    pages = [
        _scan(pdf, 0, ALL_YES, Look(angle=1), rng),
        _scan(pdf, 1, MIXED, Look(angle=-1, grey=True), rng),
        _scan(pdf, 2, ALL_YES, Look(hide_code=True), rng),
    ]
    folder.mkdir()
    for index, page in enumerate(pages):
        Image.fromarray(np.asarray(page)).save(folder / f"pagina{index + 1}.png")


def _wait(qtbot: QtBot, tab: ScanTab, text: str) -> None:
    qtbot.waitUntil(lambda: text in tab.state.text(), timeout=30_000)


def test_review_and_save_a_stack(
    qtbot: QtBot,
    consent_session: Callable[[str], ConsentSession],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_message_box(_parent: object, text: str, *_args: object) -> None:
        raise AssertionError(text)

    monkeypatch.setattr(scan_tab, "show_error", no_message_box)
    session = consent_session("administratie")
    _scan_folder(session, tmp_path / "scans")
    tab = ScanTab(session.context)
    show(qtbot, tab)
    tab.read(str(tmp_path / "scans"))
    _wait(qtbot, tab, "3 pagina's gelezen: 1 zeker, 2 nog bekijken")
    assert tab.list.count() == 3
    assert tab.list.currentRow() == 1  # straight to the first page that needs a look
    assert "Niet zeker" in " ".join(cell.text() for cell in tab.review.cells)
    tab.grab().save(str(tmp_path / "scan_tab.png"))

    tab.save_sure.click()
    wait_for_all()
    _wait(qtbot, tab, "0 zeker, 2 nog bekijken")

    # the unsure purpose (5th) has the marker: N answers it, Enter saves the page
    tab.review.setFocus()
    assert tab.review.unresolved() != []
    qtbot.keyClick(tab.review, Qt.Key.Key_N)
    assert tab.review.unresolved() == []
    qtbot.keyClick(tab.review, Qt.Key.Key_Return)
    wait_for_all()
    _wait(qtbot, tab, "0 zeker, 1 nog bekijken")

    # no code: find the pupil, answer by hand, confirm the signature, save
    assert tab.list.currentRow() == 2 and tab.pupil_search.hasFocus()
    name = session.service().pupil_index(session.school_id).search("a", 1)[0].name
    qtbot.keyClicks(tab.pupil_search, name)
    qtbot.keyClick(tab.pupil_search, Qt.Key.Key_Return)
    assert tab.hand_pupil is not None and tab.hand_pupil.name == name
    for key in (Qt.Key.Key_J, Qt.Key.Key_J, Qt.Key.Key_N, Qt.Key.Key_H):
        qtbot.keyClick(tab.review, key)
    assert tab.review.signed.isChecked()
    qtbot.keyClick(tab.review, Qt.Key.Key_Return)
    wait_for_all()
    _wait(qtbot, tab, "0 zeker, 0 nog bekijken")
    with session.database.transaction() as db:
        assert db.scalar(select(func.count()).select_from(ConsentScan)) == 3
        assert db.scalar(select(func.count()).where(ConsentScan.linked_by_hand.is_(True))) == 1
        pupil_id = db.scalars(select(ConsentScan.pupil_id).order_by(ConsentScan.id)).first()
    assert pupil_id is not None

    # the pupil's history: "papier, gescand op …", and the page can be opened
    from ibp_desktop.ui.pages.consent.pupil_dialog import PupilConsentDialog
    from ibp_desktop.ui.pages.consent.scan_review import ScanPageDialog

    dialog = PupilConsentDialog(session.context, session.school_id, pupil_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.history_table.rowCount() > 0, timeout=10_000)
    channel = dialog.history_table.item(dialog.history_table.rowCount() - 1, 5)
    assert channel is not None and channel.text().startswith("papier, gescand op ")
    dialog.history_table.selectRow(dialog.history_table.rowCount() - 1)
    assert dialog.scan_button.isEnabled()
    dialog.scan_button.click()
    assert isinstance(dialog.dialog, ScanPageDialog)
    page = dialog.dialog
    qtbot.waitUntil(lambda: not page.picture.pixmap().isNull(), timeout=10_000)


def test_reading_shows_the_pages_read_and_can_be_stopped(
    qtbot: QtBot,
    consent_session: Callable[[str], ConsentSession],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading is an ops.job: the count of pages read reaches the tab, and "Stoppen met lezen" ends it."""
    from ibp_desktop.ui.background import TaskControl

    first_read, go_on = threading.Event(), threading.Event()
    report = TaskControl.report

    def held_report(control: TaskControl, done: int, total: int, text: str = "") -> None:
        report(control, done, total, text)
        if done == 1:
            first_read.set()
            go_on.wait(10)

    monkeypatch.setattr(TaskControl, "report", held_report)
    session = consent_session("administratie")
    _scan_folder(session, tmp_path / "scans")
    tab = ScanTab(session.context)
    show(qtbot, tab)
    tab.read(str(tmp_path / "scans"))
    assert first_read.wait(30)
    _wait(qtbot, tab, "1 pagina gelezen")
    assert tab.stop_reading.isVisible() and not tab.open_file.isEnabled()
    tab.stop_reading.click()
    assert tab.state.text() == scan_tab.STOPPING
    go_on.set()
    _wait(qtbot, tab, scan_tab.STOPPED)
    assert tab.list.count() == 0 and tab.pages == []
    assert not tab.stop_reading.isVisible() and tab.open_file.isEnabled()
