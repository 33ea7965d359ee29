"""Per-account throttling of wrong passwords, kept in the database (issue 14, finding 4).

From the 5th wrong password in a row the account waits before the next try: 30 seconds, then twice
as long after each further wrong password, at most an hour. The wait is in the database, so it holds
in the GUI and on the command line alike, and after a restart. A correct password clears it. While
waiting, the password is not even checked: guessing then gives no information at all.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from ibp_desktop.core.errors import TooManyAttemptsError
from ibp_desktop.security import audit
from ibp_desktop.store.trust_models import LoginThrottle
from ibp_desktop.store.types import utc_now

FREE_ATTEMPTS = 4  # the 5th wrong password in a row starts the first wait
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)


def now() -> datetime:
    """The clock (tests replace it)."""
    return utc_now()


def refuse_if_waiting(session: Session, user_id: int) -> None:
    """TooManyAttemptsError (saying how long) while the account must wait."""
    row = session.get(LoginThrottle, user_id)
    if row is None or row.wait_until is None:
        return
    left = row.wait_until - now()
    if left > timedelta(0):
        raise TooManyAttemptsError(
            f"Te veel verkeerde wachtwoorden voor dit account. Probeer het over {wait_text(left)} opnieuw.",
            left,
        )


def note_failure(session: Session, user_id: int, username: str) -> timedelta | None:
    """Count one wrong password; the wait it starts (and an audit entry), or None."""
    row = session.get(LoginThrottle, user_id)
    if row is None:
        row = LoginThrottle(user_id=user_id, failures=0)
        session.add(row)
    row.failures += 1
    if row.failures <= FREE_ATTEMPTS:
        return None
    doublings = min(row.failures - FREE_ATTEMPTS - 1, 12)  # 30 s * 2**12 is past the longest wait
    wait: timedelta = min(FIRST_WAIT * 2**doublings, LONGEST_WAIT)
    row.wait_until = now() + wait
    audit.record(
        session,
        audit.AuditActor(user_id, username),
        "login_throttled",
        "user",
        user_id,
        after={"failures": row.failures, "wait_seconds": int(wait.total_seconds())},
    )
    return wait


def clear(session: Session, user_id: int) -> None:
    row = session.get(LoginThrottle, user_id)
    if row is not None:
        session.delete(row)


def too_many_message(wait: timedelta) -> str:
    return (
        "Gebruikersnaam of wachtwoord klopt niet. Na meerdere verkeerde wachtwoorden moet u nu "
        f"{wait_text(wait)} wachten voor u het opnieuw probeert."
    )


def wait_text(wait: timedelta) -> str:
    """'30 seconden', '1 minuut', '4 minuten', '1 uur' (rounded up: never shorter than the real wait)."""
    seconds = max(1, int(-(-wait.total_seconds() // 1)))
    if seconds < 60:
        return f"{seconds} seconde" if seconds == 1 else f"{seconds} seconden"
    minutes = -(-seconds // 60)
    if minutes < 60:
        return "1 minuut" if minutes == 1 else f"{minutes} minuten"
    return "1 uur"
