"""Formulieren invoeren: find a pupil by a few letters, J/N per purpose, Enter saves."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.pages.consent.fast_entry import HIT_ROLE, FastEntryTab
from tests.ui.consent.conftest import ConsentSession, show

pytestmark = pytest.mark.gui


def open_entry(qtbot: QtBot, session: ConsentSession) -> FastEntryTab:
    tab = FastEntryTab(session.context)
    show(qtbot, tab)
    # Loaded, and the new purpose controls are on screen (Qt shows widgets added to a layout a moment later).
    qtbot.waitUntil(lambda: tab.index is not None and len(tab.editor.toggles) > 0
                    and tab.editor.toggles[-1].isVisible(), timeout=10_000)
    return tab


def press(qtbot: QtBot, key: Qt.Key, counter: list[int]) -> None:
    """One keystroke, sent where the keyboard focus is (as a user would type)."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key)
    counter[0] += 1


def matches(tab: FastEntryTab) -> list[str]:
    return [tab.matches.item(i).text() for i in range(tab.matches.count())]


def test_typing_sukru_finds_the_pupil(qtbot: QtBot, consent_session: Callable[..., ConsentSession]) -> None:
    tab = open_entry(qtbot, consent_session("administratie"))
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "sukru")
    assert any(text.startswith("Şükrü Yılmaz") for text in matches(tab))
    tab.search.clear()
    qtbot.keyClicks(tab.search, "yilm")
    assert any(text.startswith("Şükrü Yılmaz") for text in matches(tab))


def test_one_paper_form_in_at_most_purposes_plus_three_keys(
    qtbot: QtBot, consent_session: Callable[..., ConsentSession]
) -> None:
    session = consent_session("administratie")
    service = session.service()
    pupil = service.pupil_search(session.school_id, "sukru")[0]
    before = len(service.history(pupil.id))
    tab = open_entry(qtbot, session)
    purposes = [t.purpose for t in tab.editor.toggles]
    qtbot.keyClicks(tab.search, "sukru")  # finding the pupil
    assert tab.matches.currentItem().data(HIT_ROLE).id == pupil.id

    keys = [Qt.Key.Key_J, Qt.Key.Key_N, Qt.Key.Key_1, Qt.Key.Key_0, Qt.Key.Key_Y]
    answers = [keys[i % len(keys)] for i in range(len(purposes))]
    count = [0]
    press(qtbot, Qt.Key.Key_Return, count)  # pick the pupil
    assert tab.editor.pupil_id == pupil.id
    # The name of the guardian who answered last is filled in from the history (in the background).
    qtbot.waitUntil(lambda: tab.editor.given_by.text() != "")
    for key in answers:
        press(qtbot, key, count)
    assert tab.editor.given_by.hasFocus()
    press(qtbot, Qt.Key.Key_Return, count)  # save
    assert count[0] <= len(purposes) + 3

    qtbot.waitUntil(lambda: tab.saved_count == 1, timeout=10_000)
    expected = {
        p.purpose_id: key in (Qt.Key.Key_J, Qt.Key.Key_1, Qt.Key.Key_Y)
        for p, key in zip(purposes, answers, strict=True)
    }
    new_rows = service.history(pupil.id)[before:]
    assert {row.purpose_id: row.granted for row in new_rows} == expected
    assert {row.channel_label for row in new_rows} == {"papier"}
    yes = sum(expected.values())
    assert tab.confirmation.text() == (
        f"Opgeslagen: Şükrü Yılmaz (groep {pupil.group_name}) – {yes} × ja, {len(expected) - yes} × nee"
    )
    assert "1 formulier" in tab.counter.text()
    assert tab.search.hasFocus() and tab.search.text() == ""
    assert tab.editor.pupil_id is None


def test_space_toggles_and_esc_clears(qtbot: QtBot, consent_session: Callable[..., ConsentSession]) -> None:
    tab = open_entry(qtbot, consent_session("administratie"))
    log = []
    QApplication.instance().focusChanged.connect(
        lambda a, b: log.append((type(a).__name__, type(b).__name__))
    )
    qtbot.keyClicks(tab.search, "sukru")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    first = tab.editor.toggles[0]
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert first.value is True and first.state.text() == "JA"
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert first.value is False and first.state.text() == "NEE"
    qtbot.keyClick(first, Qt.Key.Key_Escape)
    assert tab.editor.pupil_id is None and first.value is None
    assert tab.search.hasFocus()


def test_missing_guardian_name_is_said_inline_and_nothing_is_saved(
    qtbot: QtBot, consent_session: Callable[..., ConsentSession]
) -> None:
    session = consent_session("administratie")
    tab = open_entry(qtbot, session)
    qtbot.keyClicks(tab.search, "sukru")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    pupil_id = tab.editor.pupil_id
    assert pupil_id is not None
    before = len(session.service().history(pupil_id))
    qtbot.waitUntil(lambda: tab.editor.given_by.text() != "")
    tab.editor.given_by.clear()
    qtbot.keyClick(tab.editor.toggles[0], Qt.Key.Key_J)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert "Vul in wie het formulier heeft ingevuld" in tab.editor.error.text()
    assert tab.editor.given_by.hasFocus()
    assert tab.saved_count == 0
    assert len(session.service().history(pupil_id)) == before
