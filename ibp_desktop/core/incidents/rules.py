"""Incidents and data breaches: the fixed vocabularies, the 72-hour clock, numbers and the name nudge.

DOMAIN.md section 3. Codes are English and stored; labels are the Dutch texts the user sees.
All moments are timezone-aware; the clock counts real hours in UTC and is shown in Europe/Amsterdam,
so a night with a daylight-saving change still gets exactly 72 hours.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOTIFY_WITHIN = timedelta(hours=72)
E = TypeVar("E", bound=StrEnum)
AMBER_BELOW = timedelta(hours=24)


class IncidentType(StrEnum):
    EMAIL_WRONG_RECIPIENT = "email_wrong_recipient"
    EMAIL_CC_NOT_BCC = "email_cc_not_bcc"
    DEVICE_LOST = "device_lost"
    PHISHING = "phishing"
    MALWARE = "malware"
    UNAUTHORISED_ACCESS = "unauthorised_access"
    PAPER_LOST = "paper_lost"
    BACKUP_FAILED = "backup_failed"
    OTHER = "other"


class IncidentStatus(StrEnum):
    NEW = "new"
    ASSESSING = "assessing"
    NOTIFIED = "notified"
    CLOSED = "closed"


class Decision(StrEnum):
    """The outcome of the assessment (AVG art. 33 and 34)."""

    NOT_REPORTABLE = "not_reportable"
    NOTIFY_AP = "notify_ap"
    NOTIFY_AP_AND_SUBJECTS = "notify_ap_and_subjects"


class NotificationKind(StrEnum):
    PRELIMINARY = "preliminary"
    FINAL = "final"


class Nature(StrEnum):
    """AP form section 3: what happened to the data (several may apply)."""

    READ = "read"
    COPIED = "copied"
    CHANGED = "changed"
    DELETED = "deleted"
    STOLEN_LOST = "stolen_lost"


class DataKind(StrEnum):
    """AP form section 4: kinds of personal data involved."""

    NAME_ADDRESS = "name_address"
    PHONE = "phone"
    EMAIL = "email"
    LOGIN = "login"
    FINANCIAL = "financial"
    ID_COPY = "id_copy"
    BIRTH_DATE = "birth_date"
    BSN = "bsn"
    SPECIAL = "special"
    PUPIL_CARE = "pupil_care"
    OTHER = "other"


class PeopleGroup(StrEnum):
    """AP form section 5: groups of people affected."""

    PUPILS = "pupils"
    PARENTS = "parents"
    STAFF = "staff"
    OTHER = "other"


class Protection(StrEnum):
    """AP form section 6: was the data protected beforehand?"""

    UNKNOWN = "unknown"
    NONE = "none"
    ENCRYPTED = "encrypted"
    HASHED = "hashed"
    PARTLY = "partly"


class Consequence(StrEnum):
    """AP form section 7: possible consequences for the people affected."""

    PHYSICAL = "physical"
    MATERIAL = "material"
    IMMATERIAL = "immaterial"


class Severity(StrEnum):
    UNKNOWN = "unknown"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class TimelineKind(StrEnum):
    REPORTED = "reported"
    ACTION = "action"
    DECISION = "decision"
    STATUS = "status"
    NOTIFICATION = "notification"
    ADVICE = "advice"
    IMPORTED = "imported"


LABELS: dict[StrEnum, str] = {
    IncidentType.EMAIL_WRONG_RECIPIENT: "E-mail aan verkeerde ontvanger",
    IncidentType.EMAIL_CC_NOT_BCC: "E-mail met CC in plaats van BCC",
    IncidentType.DEVICE_LOST: "Apparaat of USB-stick kwijt of gestolen",
    IncidentType.PHISHING: "Phishing",
    IncidentType.MALWARE: "Ransomware of malware",
    IncidentType.UNAUTHORISED_ACCESS: "Onbevoegde toegang",
    IncidentType.PAPER_LOST: "Papier kwijt of laten liggen",
    IncidentType.BACKUP_FAILED: "Mislukte back-up",
    IncidentType.OTHER: "Anders",
    IncidentStatus.NEW: "Nieuw",
    IncidentStatus.ASSESSING: "In beoordeling",
    IncidentStatus.NOTIFIED: "Gemeld",
    IncidentStatus.CLOSED: "Afgehandeld",
    Decision.NOT_REPORTABLE: "Niet meldplichtig",
    Decision.NOTIFY_AP: "Melden bij de AP",
    Decision.NOTIFY_AP_AND_SUBJECTS: "Melden bij de AP en betrokkenen informeren",
    NotificationKind.PRELIMINARY: "Voorlopige melding",
    NotificationKind.FINAL: "Definitieve melding",
    Nature.READ: "Lezen (inzien)",
    Nature.COPIED: "Kopiëren",
    Nature.CHANGED: "Veranderen",
    Nature.DELETED: "Verwijderen of vernietigen",
    Nature.STOLEN_LOST: "Diefstal of verlies",
    DataKind.NAME_ADDRESS: "Naam, adres, woonplaats",
    DataKind.PHONE: "Telefoonnummers",
    DataKind.EMAIL: "E-mailadressen",
    DataKind.LOGIN: "Inloggegevens (gebruikersnaam, wachtwoord)",
    DataKind.FINANCIAL: "Financiële gegevens",
    DataKind.ID_COPY: "Kopie identiteitsbewijs",
    DataKind.BIRTH_DATE: "Geboortedatum",
    DataKind.BSN: "Burgerservicenummer (BSN)",
    DataKind.SPECIAL: "Bijzondere persoonsgegevens (zoals gezondheid, godsdienst, afkomst)",
    DataKind.PUPIL_CARE: "Leerlingzorg en begeleiding",
    DataKind.OTHER: "Andere gegevens",
    PeopleGroup.PUPILS: "Leerlingen",
    PeopleGroup.PARENTS: "Ouders en verzorgers",
    PeopleGroup.STAFF: "Medewerkers",
    PeopleGroup.OTHER: "Anderen",
    Protection.UNKNOWN: "Onbekend",
    Protection.NONE: "Niet versleuteld",
    Protection.ENCRYPTED: "Versleuteld",
    Protection.HASHED: "Gehasht",
    Protection.PARTLY: "Deels versleuteld",
    Consequence.PHYSICAL: "Lichamelijke schade",
    Consequence.MATERIAL: "Materiële schade (zoals geldverlies, identiteitsfraude)",
    Consequence.IMMATERIAL: "Immateriële schade (zoals schaamte, reputatieschade, discriminatie)",
    Severity.UNKNOWN: "Nog niet bepaald",
    Severity.LOW: "Beperkt",
    Severity.MEDIUM: "Gemiddeld",
    Severity.HIGH: "Ernstig",
    TimelineKind.REPORTED: "Gemeld",
    TimelineKind.ACTION: "Actie",
    TimelineKind.DECISION: "Besluit",
    TimelineKind.STATUS: "Status",
    TimelineKind.NOTIFICATION: "Melding AP",
    TimelineKind.ADVICE: "Advies FG",
    TimelineKind.IMPORTED: "Geïmporteerd",
}


def label(code: StrEnum) -> str:
    return LABELS[code]


def labels(codes: Iterable[StrEnum]) -> str:
    """Comma-separated Dutch labels, e.g. for a multi-choice field in a table or PDF."""
    return ", ".join(LABELS[c] for c in codes)


def parse_codes(enum: type[E], stored: str) -> tuple[E, ...]:
    """Codes stored as "read,copied" back into enum members, in the enum's own order."""
    present = {part for part in stored.split(",") if part}
    return tuple(member for member in enum if member.value in present)


def join_codes(codes: Iterable[StrEnum]) -> str:
    return ",".join(sorted({c.value for c in codes}))


# --- the 72-hour clock -------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("timezone-aware datetime required")
    return moment.astimezone(UTC)


def notification_deadline(discovered_at: datetime) -> datetime:
    """72 real hours after discovery (UTC arithmetic, so a daylight-saving change does not shift it)."""
    return _aware(discovered_at) + NOTIFY_WITHIN


def local(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM)


def format_moment(moment: datetime | None) -> str:
    """28-11-2026 14:05 in Europe/Amsterdam; empty for None."""
    return "" if moment is None else local(moment).strftime("%d-%m-%Y %H:%M")


def format_day(moment: datetime | None) -> str:
    return "" if moment is None else local(moment).strftime("%d-%m-%Y")


class ClockLevel(StrEnum):
    """How the clock is shown: words always, colour as well (UI.md: never colour alone)."""

    NONE = "none"  # no clock (not reportable)
    RUNNING = "running"
    AMBER = "amber"  # under 24 hours left
    RED = "red"  # overdue
    DONE = "done"  # notified in time
    LATE_DONE = "late_done"  # notified after the deadline


@dataclass(frozen=True)
class ClockStatus:
    text: str
    level: ClockLevel
    deadline: datetime


def _span(delta: timedelta, *, days_after_48h: bool) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return "1 minuut" if minutes == 1 else f"{max(minutes, 0)} minuten"
    hours = minutes // 60
    if days_after_48h and hours >= 48:
        return f"{hours // 24} dagen"
    return f"{hours} uur"


def clock_status(
    discovered_at: datetime,
    now: datetime,
    notified_at: datetime | None = None,
    decision: Decision | None = None,
) -> ClockStatus:
    """The 72-hour clock in words: "Nog 5 uur", "Te laat (3 uur)", "Gemeld binnen 72 uur".

    Until the assessment says "not reportable" the clock runs: in doubt, notify (DOMAIN.md 3).
    Hours are rounded down, so the clock never promises more time than there is.
    """
    deadline = notification_deadline(discovered_at)
    if notified_at is not None:
        if _aware(notified_at) <= deadline:
            return ClockStatus("Gemeld binnen 72 uur", ClockLevel.DONE, deadline)
        return ClockStatus("Te laat gemeld", ClockLevel.LATE_DONE, deadline)
    if decision is Decision.NOT_REPORTABLE:
        return ClockStatus("Niet meldplichtig", ClockLevel.NONE, deadline)
    left = deadline - _aware(now)
    if left <= timedelta(0):
        over = -left
        text = "Te laat" if over < timedelta(minutes=1) else f"Te laat ({_span(over, days_after_48h=True)})"
        return ClockStatus(text, ClockLevel.RED, deadline)
    level = ClockLevel.AMBER if left < AMBER_BELOW else ClockLevel.RUNNING
    return ClockStatus(f"Nog {_span(left, days_after_48h=False)}", level, deadline)


def is_late(discovered_at: datetime, notified_at: datetime) -> bool:
    return _aware(notified_at) > notification_deadline(discovered_at)


# --- incident numbers --------------------------------------------------------------------------

_NUMBER = re.compile(r"^(\d{4})-(\d+)$")


def next_number(year: int, existing: Iterable[str]) -> str:
    """ "2026-007": the year and one more than the highest sequence of that year.

    Numbers in another shape (kept as given on import) do not take part in the sequence.
    """
    highest = 0
    for number in existing:
        match = _NUMBER.match(number.strip())
        if match and int(match.group(1)) == year:
            highest = max(highest, int(match.group(2)))
    return f"{year}-{highest + 1:03d}"


# --- the nudge against pupil names in free text ------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents and punctuation, for searching and name matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w-]+", " ", plain.replace("ı", "i").replace("ł", "l")).split())


def search_key(text: str) -> str:
    """Lower case without accents, for the search field: "Privé" and "prive" give the same key.

    Cheaper than :func:`fold` (plain ASCII text skips the Unicode work), because the incident list
    applies it to every row on every key press."""
    lowered = text.casefold()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered.replace("ı", "i").replace("ł", "l"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def names_in_text(text: str, names: Iterable[tuple[str, str, str]]) -> list[str]:
    """The full names (first, infix, last) that appear in ``text``, ignoring case and accents.

    Only first name followed by last name counts ("Daan de Vries", "Daan Vries"): a first name
    alone is too common a word to warn about.
    """
    haystack = f" {fold(text)} "
    found: list[str] = []
    for first, infix, last in names:
        candidates = {f"{first} {infix} {last}", f"{first} {last}"}
        for candidate in candidates:
            needle = fold(candidate)
            if needle and f" {needle} " in haystack:
                found.append(" ".join(p for p in (first, infix, last) if p))
                break
    return sorted(set(found))


def name_warning(found: list[str]) -> str:
    if not found:
        return ""
    shown = ", ".join(found[:3]) + (" en meer" if len(found) > 3 else "")
    return (
        f"De tekst lijkt de naam van een leerling te bevatten ({shown}). Een incidentregister heeft "
        "geen namen nodig: schrijf liever 'een leerling van groep 5'. Pas de tekst aan en sla opnieuw op."
    )
