"""Password guessing is not free: from the 5th wrong password an account waits, longer each time, kept
in the database (GUI and command line alike); a temporary password opens only the password change."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from ibp_desktop.cli import main
from ibp_desktop.core.errors import AuthenticationError, TooManyAttemptsError
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts import login_throttle
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.connection import Location
from ibp_desktop.store.models import AuditEntry
from tests.conftest import TEST_PASSWORD, SchoolDb, make_school_db

START = datetime(2026, 12, 7, 8, 0, tzinfo=login_throttle.utc_now().tzinfo)


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.moment = START
        monkeypatch.setattr(login_throttle, "now", lambda: self.moment)

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def _wrong(school: SchoolDb, times: int) -> list[str]:
    messages = []
    for _ in range(times):
        with pytest.raises(AuthenticationError) as caught:
            login(school.database, "eerste", "raden-123")
        messages.append(str(caught.value))
    return messages


def test_four_wrong_passwords_are_free_the_fifth_starts_a_wait(school_db: SchoolDb, clock: Clock) -> None:
    messages = _wrong(school_db, 5)
    assert all("klopt niet" in m and "wachten" not in m for m in messages[:4])
    assert "30 seconden wachten" in messages[4]
    with pytest.raises(TooManyAttemptsError, match="Probeer het over 30 seconden opnieuw"):
        login(school_db.database, "eerste", TEST_PASSWORD)  # even the right password waits
    clock.advance(20)
    with pytest.raises(TooManyAttemptsError, match="over 10 seconden"):
        login(school_db.database, "eerste", TEST_PASSWORD)
    clock.advance(11)
    assert login(school_db.database, "eerste", TEST_PASSWORD).username == "eerste"


def test_the_wait_grows_and_is_logged(school_db: SchoolDb, clock: Clock) -> None:
    waits = []
    for _ in range(9):
        message = _wrong(school_db, 1)[0]
        waits.append(message)
        clock.advance(3600)
    assert "30 seconden" in waits[4] and "1 minuut" in waits[5] and "2 minuten" in waits[6]
    assert "4 minuten" in waits[7] and "8 minuten" in waits[8]
    with school_db.database.transaction() as session:
        logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "login_throttled")).all()
    assert len(logged) == 5 and all(e.username == "eerste" for e in logged)


def test_a_hundred_guesses_take_at_least_hours(school_db: SchoolDb, clock: Clock) -> None:
    """What an attacker gets: a try only when the wait is over; count the time that costs."""
    tried, waited = 0, timedelta(0)
    while tried < 100:
        try:
            login(school_db.database, "eerste", f"gok-{tried}")
        except TooManyAttemptsError as error:
            if "Probeer het over" in str(error):
                clock.advance(error.wait.total_seconds())
                waited += error.wait
                continue
            tried += 1
        except AuthenticationError:
            tried += 1
    assert waited > timedelta(hours=24)


def test_a_correct_password_clears_the_count(school_db: SchoolDb, clock: Clock) -> None:
    _wrong(school_db, 4)
    login(school_db.database, "eerste", TEST_PASSWORD)
    assert all("wachten" not in m for m in _wrong(school_db, 4))


def test_an_unknown_name_says_the_same_as_a_wrong_password(school_db: SchoolDb, clock: Clock) -> None:
    with pytest.raises(AuthenticationError, match="Gebruikersnaam of wachtwoord klopt niet"):
        login(school_db.database, "niemand", "raden-123")


def test_the_command_line_waits_too_and_says_how_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], clock: Clock
) -> None:
    school = make_school_db(Location(data_dir=tmp_path / "data"))
    _wrong(school, 5)  # as in the GUI, which calls the same login
    school.database.dispose()
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    code = main(["users", "list", "--user", "eerste", "--data-dir", str(tmp_path / "data")])
    assert code == 2
    assert "Probeer het over 30 seconden opnieuw" in capsys.readouterr().err


def test_a_temporary_password_opens_only_the_password_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    school = make_school_db(Location(data_dir=tmp_path / "data"))
    UserService(school.database, school.actor).add_user(
        "nieuw", "Nguyễn Văn An", "Tijdelijk-123", frozenset({Role.ADMINISTRATION, Role.DIRECTOR})
    )
    school.database.dispose()
    data = ["--data-dir", str(tmp_path / "data")]
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Tijdelijk-123")
    out = tmp_path / "toestemming.pdf"
    code = main(["export", "consent-overview", "--brin", "12AB", "-o", str(out), "--user", "nieuw", *data])
    assert code != 0 and not out.exists()
    assert "tijdelijk wachtwoord" in capsys.readouterr().err
    monkeypatch.setenv("IBP_DESKTOP_NEW_PASSWORD", "Eigen-Wachtwoord-2026")
    assert main(["password", "--user", "nieuw", *data]) == 0
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Eigen-Wachtwoord-2026")
    assert main(["users", "list", "--user", "nieuw", *data]) in (0, 1)  # no longer refused for the password
    assert "tijdelijk wachtwoord" not in capsys.readouterr().err


def test_guessing_at_the_locked_screen_waits_too(school_db: SchoolDb, clock: Clock) -> None:
    from ibp_desktop.services.accounts.auth import confirm_password

    results = [confirm_password(school_db.database, school_db.actor, "raden-123") for _ in range(4)]
    assert results == [False] * 4
    with pytest.raises(TooManyAttemptsError, match="30 seconden wachten"):
        confirm_password(school_db.database, school_db.actor, "raden-123")
    with pytest.raises(TooManyAttemptsError, match="Probeer het over 30 seconden"):
        confirm_password(school_db.database, school_db.actor, TEST_PASSWORD)
    clock.advance(31)
    assert confirm_password(school_db.database, school_db.actor, TEST_PASSWORD)
