"""Staff awareness (issue 20): who knows the rules. Pure rules: topics, how an acknowledgement was
given, the status of one employee, and the figures without names for the GMR and the board.

"Bijgepraat" means: acknowledged the current version of the code of conduct, or attended an awareness
session on or after the start date. A new version of the code resets the count of acknowledgements.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeVar

# The code of conduct (gedragsregels) and the other documents every employee must know, by their code
# in the policy-document store (resources/seed/policy_documents.json).
CODE_OF_CONDUCT = "gedragscode_ict"
STAFF_DOCUMENTS: tuple[str, ...] = (
    CODE_OF_CONDUCT,
    "privacyverklaring_medewerkers",
    "datalekprotocol",
    "gedragscode_sociale_media",
)
E = TypeVar("E", bound=StrEnum)
CALENDAR_TASK = "bewustwording"  # the yearly calendar item that a held session ticks off


class Topic(StrEnum):
    PHISHING = "phishing"
    EMAIL_BCC = "email_bcc"
    CLEAN_DESK = "clean_desk"
    PASSWORDS_MFA = "passwords_mfa"
    PHOTOS_CONSENT = "photos_consent"
    REPORTING_INCIDENTS = "reporting_incidents"
    NEW_RULES = "new_rules"


TOPIC_LABELS: dict[Topic, str] = {
    Topic.PHISHING: "Phishing",
    Topic.EMAIL_BCC: "E-mail en BCC",
    Topic.CLEAN_DESK: "Clean desk",
    Topic.PASSWORDS_MFA: "Wachtwoorden en MFA",
    Topic.PHOTOS_CONSENT: "Foto's en toestemming",
    Topic.REPORTING_INCIDENTS: "Datalekken melden",
    Topic.NEW_RULES: "Nieuwe regels",
}


class Leader(StrEnum):
    ICT = "ict"
    DIRECTOR = "director"
    DPO = "dpo"


LEADER_LABELS: dict[Leader, str] = {
    Leader.ICT: "ICT'er",
    Leader.DIRECTOR: "Directeur",
    Leader.DPO: "FG",
}


class Method(StrEnum):
    PAPER = "paper"
    EMAIL = "email"
    MEETING = "meeting"


METHOD_LABELS: dict[Method, str] = {
    Method.PAPER: "Op papier getekend",
    Method.EMAIL: "Per e-mail bevestigd",
    Method.MEETING: "In een overleg",
}


class StaffStatus(StrEnum):
    INFORMED = "informed"
    NEW_VERSION = "new_version"
    NOT_INFORMED = "not_informed"
    LEFT = "left"


STATUS_LABELS: dict[StaffStatus, tuple[str, str]] = {
    StaffStatus.INFORMED: ("Bijgepraat", "green"),
    StaffStatus.NEW_VERSION: ("Nieuwe versie nog niet getekend", "amber"),
    StaffStatus.NOT_INFORMED: ("Nog niet bijgepraat", "red"),
    StaffStatus.LEFT: ("Uit dienst", "grey"),
}


def parse_choice(text: str, labels: dict[E, str], what: str) -> E:
    """A topic/leader/method by its code or Dutch label; ValueError with the choices in Dutch."""
    wanted = text.strip().casefold()
    for value, label in labels.items():
        if wanted in (value.value, label.casefold()):
            return value
    choices = ", ".join(labels.values())
    raise ValueError(f"Onbekend(e) {what} '{text}'. Kies uit: {choices}.")


def add_month(day: date) -> date:
    """The same day one calendar month later (31-01 -> 28/29-02)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class StaffFacts:
    """What the status of one employee depends on (dates only)."""

    started_on: date | None
    left_on: date | None
    acknowledged_current_on: date | None  # of the current version of the code of conduct
    acknowledged_any_on: date | None  # first acknowledgement of any version
    attended_on: tuple[date, ...] = ()


def staff_status(facts: StaffFacts, today: date) -> StaffStatus:
    if facts.left_on is not None and facts.left_on <= today:
        return StaffStatus.LEFT
    if facts.acknowledged_current_on is not None:
        return StaffStatus.INFORMED
    if facts.acknowledged_any_on is not None:
        return StaffStatus.NEW_VERSION
    start = facts.started_on or date.min
    if any(day >= start for day in facts.attended_on):
        return StaffStatus.INFORMED
    return StaffStatus.NOT_INFORMED


def informed_on(facts: StaffFacts) -> date | None:
    """The first day this employee was informed (acknowledged or attended, since the start)."""
    start = facts.started_on or date.min
    days = [d for d in (facts.acknowledged_any_on, *facts.attended_on) if d is not None and d >= start]
    return min(days) if days else None


@dataclass(frozen=True)
class StaffFigures:
    """Figures without names, for the annual report (GMR, board) and the Overzicht."""

    active: int = 0
    acknowledged_current: int = 0
    not_informed: int = 0
    new_version_pending: int = 0
    code_version: int | None = None
    sessions_by_topic: dict[str, int] = field(default_factory=dict)
    new_staff: int = 0
    new_staff_informed_in_month: int = 0

    @property
    def acknowledged_share(self) -> str:
        return share(self.acknowledged_current, self.active)

    @property
    def sessions(self) -> int:
        return sum(self.sessions_by_topic.values())


def share(part: int, whole: int) -> str:
    """ "12 van 16 (75%)"; "geen medewerkers" when there are none."""
    if whole == 0:
        return "geen medewerkers"
    return f"{part} van {whole} ({round(100 * part / whole)}%)"


def staff_figures(
    facts: Sequence[StaffFacts],
    session_topics: Sequence[Topic],
    code_version: int | None,
    period: tuple[date, date],
    today: date,
) -> StaffFigures:
    """``facts`` of every employee of the school(s); ``session_topics`` of the sessions in ``period``."""
    statuses = [staff_status(f, today) for f in facts]
    new = [f for f in facts if f.started_on is not None and period[0] <= f.started_on <= period[1]]
    in_month = [f for f in new if (d := informed_on(f)) is not None and d <= add_month(f.started_on or d)]
    by_topic = {TOPIC_LABELS[t]: sum(1 for s in session_topics if s is t) for t in Topic}
    return StaffFigures(
        active=sum(1 for s in statuses if s is not StaffStatus.LEFT),
        acknowledged_current=sum(
            1
            for f, s in zip(facts, statuses, strict=True)
            if s is not StaffStatus.LEFT and f.acknowledged_current_on is not None
        ),
        not_informed=statuses.count(StaffStatus.NOT_INFORMED),
        new_version_pending=statuses.count(StaffStatus.NEW_VERSION),
        code_version=code_version,
        sessions_by_topic={k: v for k, v in by_topic.items() if v},
        new_staff=len(new),
        new_staff_informed_in_month=len(in_month),
    )
