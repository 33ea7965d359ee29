"""At start-up the GUI says what it finds: a missing database beside set-aside copies (no new school
offered), and an audit log that no longer matches its anchor (issue 14)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from ibp_desktop.security.keys import DEMO_KEY
from ibp_desktop.store.database import open_sqlcipher
from tests.ui.helpers import log_in

pytestmark = pytest.mark.gui


def test_set_aside_copies_are_named_instead_of_offering_a_new_school(
    qtbot: QtBot, make_startup, demo_location, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        "ibp_desktop.ui.dialogs.show_error", lambda _parent, message, *a: said.append(message)
    )
    aside = demo_location.data_dir / "ibp.voor-herstel-20261206-120000.sqlite3"
    demo_location.db_path.rename(aside)
    startup = make_startup(demo_location)
    assert startup.wizard is None and startup.login_dialog is None
    assert aside.name in said[0] and "geen nieuwe school" in said[0]


def test_a_cut_log_is_said_after_login(qtbot: QtBot, make_startup, demo_location, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        "ibp_desktop.ui.dialogs.show_error", lambda _parent, message, *a: said.append(message)
    )
    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "security", "Regenboog-security")  # the anchor now knows the log
    assert said == []
    startup.quit()
    window.close()
    database = open_sqlcipher(demo_location.db_path, DEMO_KEY)
    with database.engine.begin() as connection:
        last = connection.execute(text("SELECT max(seq) FROM audit_log")).scalar_one()
        connection.execute(text("DELETE FROM audit_log WHERE seq > :n"), {"n": last - 3})
    database.dispose()
    again = make_startup(demo_location)
    log_in(qtbot, again, "security", "Regenboog-security")
    assert len(said) == 1 and "ingekort" in said[0] and "beveiligingsincident" in said[0]
