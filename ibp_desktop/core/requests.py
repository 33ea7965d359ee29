"""Data-subject requests (DOMAIN.md section 4): the answer deadline and how a request's status reads.

The AVG (art. 12(3)) gives one month from receipt, extendable by two further months when the requester
is told so within the first month. "One month" is a calendar month: a request received on 31 January
is due on 28 (or 29) February, one received on 31 March on 30 April. A deadline on a Saturday, Sunday or
Dutch public holiday moves to the next working day (Regulation 1182/71 art. 3(4)); the register keeps the
computed date and shows both, and "te laat" counts from the moved one. Pure rules: callers pass "today".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.working_days import next_working_day, why_not_working

AMBER_DAYS = 7  # from a week before the deadline the request shows amber


class Right(StrEnum):
    ACCESS = "access"
    RECTIFICATION = "rectification"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    OBJECTION = "objection"
    PORTABILITY = "portability"


class Relation(StrEnum):
    GUARDIAN = "guardian"
    PUPIL_16 = "pupil_16"
    STAFF = "staff"
    OTHER = "other"


class Outcome(StrEnum):
    GRANTED = "granted"
    PARTLY = "partly"
    REFUSED = "refused"


class Level(StrEnum):
    """Shown with words always, colour as well (UI.md: never colour alone)."""

    OK = "ok"
    AMBER = "amber"
    RED = "red"


class RequestFilter(StrEnum):
    """The status filter of the request list."""

    OPEN = "open"  # not answered yet (on time or not)
    OVERDUE = "overdue"  # not answered and past the deadline
    ANSWERED = "answered"
    LATE = "late"  # overdue now, or answered after the deadline


RIGHT_LABELS: dict[Right, str] = {
    Right.ACCESS: "Inzage",
    Right.RECTIFICATION: "Rectificatie (aanpassen)",
    Right.ERASURE: "Verwijdering",
    Right.RESTRICTION: "Beperking",
    Right.OBJECTION: "Bezwaar",
    Right.PORTABILITY: "Overdraagbaarheid",
}
RELATION_LABELS: dict[Relation, str] = {
    Relation.GUARDIAN: "Ouder/verzorger met gezag",
    Relation.PUPIL_16: "Leerling van 16 jaar of ouder",
    Relation.STAFF: "Medewerker",
    Relation.OTHER: "Anders",
}
OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.GRANTED: "Toegewezen",
    Outcome.PARTLY: "Deels toegewezen",
    Outcome.REFUSED: "Afgewezen",
}
FILTER_LABELS: dict[RequestFilter, str] = {
    RequestFilter.OPEN: "Open",
    RequestFilter.OVERDUE: "Te laat (open)",
    RequestFilter.ANSWERED: "Beantwoord",
    RequestFilter.LATE: "Te laat (open of beantwoord)",
}
# Choices a page can offer for the identity check; any other text is allowed too.
ID_CHECK_SUGGESTIONS: tuple[str, ...] = (
    "Legitimatiebewijs getoond op school",
    "Bekend bij de school (persoonlijk contact)",
    "E-mail vanaf het bij de school bekende adres",
    "Via het ouderportaal (ingelogd)",
)


def deadline(received_on: date) -> date:
    """The answer is due one calendar month after receipt (on a shorter month: its last day)."""
    return received_on + relativedelta(months=1)


def moved_deadline(computed: date) -> date:
    """The deadline in force: the computed one, or the next working day after a weekend or holiday."""
    return next_working_day(computed)


def deadline_note(computed: date) -> str:
    """ "" or "verschoven van 27-04-2027: Koningsdag": why the deadline in force is later."""
    why = why_not_working(computed)
    return "" if why is None else f"verschoven van {computed:%d-%m-%Y}: {why}"


def extended_deadline(received_on: date) -> date:
    """Two further months on top of the original deadline."""
    return deadline(received_on) + relativedelta(months=2)


def effective_deadline(received_on: date, extended: bool) -> date:
    return extended_deadline(received_on) if extended else deadline(received_on)


def check_extension(received_on: date, reason: str, informed_on: date | None, today: date) -> None:
    """An extension needs a reason and the day the requester was told, within the first month."""
    original = moved_deadline(deadline(received_on))
    if not reason.strip():
        raise BadInputError(
            "Schrijf op waarom de termijn verlengd wordt (bijvoorbeeld: ingewikkeld verzoek of veel "
            "verzoeken). Er is niets opgeslagen."
        )
    if informed_on is None:
        raise BadInputError(
            "Vul in op welke dag de verzoeker is verteld dat het langer duurt. Er is niets opgeslagen."
        )
    if informed_on < received_on:
        raise BadInputError(
            f"De verzoeker kan niet op {informed_on:%d-%m-%Y} geïnformeerd zijn: het verzoek kwam pas op "
            f"{received_on:%d-%m-%Y} binnen. Pas de datum aan."
        )
    if informed_on > today:
        raise BadInputError(f"De datum {informed_on:%d-%m-%Y} ligt in de toekomst. Pas de datum aan.")
    if informed_on > original:
        raise BadInputError(
            f"Verlengen kan alleen als de verzoeker binnen de eerste maand is geïnformeerd, dus uiterlijk "
            f"op {original:%d-%m-%Y}. U vulde {informed_on:%d-%m-%Y} in. De termijn blijft "
            f"{original:%d-%m-%Y}; beantwoord het verzoek zo snel mogelijk."
        )


def authority_problem(about_pupil: bool, relation: Relation, authority_checked: bool) -> str | None:
    """A request about a pupil under 16 comes from a parent with parental authority (AVG art. 8 and 12(6),
    BW 1:245): the school records that it checked the authority. None when nothing is missing."""
    if not about_pupil or authority_checked or relation in (Relation.PUPIL_16, Relation.STAFF):
        return None
    return (
        "Het verzoek gaat over een leerling. Ga na of de verzoeker het gezag heeft (bijvoorbeeld in de "
        "leerlingadministratie) en vink 'Gezag nagegaan' aan. Er is niets opgeslagen."
    )


def check_answer(received_on: date, answered_on: date, outcome: Outcome, reasons: str, today: date) -> None:
    if answered_on < received_on:
        raise BadInputError(
            f"De antwoorddatum {answered_on:%d-%m-%Y} ligt vóór de ontvangst ({received_on:%d-%m-%Y}). "
            "Pas de datum aan."
        )
    if answered_on > today:
        raise BadInputError(f"De antwoorddatum {answered_on:%d-%m-%Y} ligt in de toekomst. Pas de datum aan.")
    if outcome in (Outcome.REFUSED, Outcome.PARTLY) and not reasons.strip():
        raise BadInputError(
            "Bij (deels) afwijzen moet u de redenen opschrijven; die staan ook in de brief, met de "
            "verwijzing naar de Autoriteit Persoonsgegevens en de rechter. Er is niets opgeslagen."
        )


@dataclass(frozen=True)
class RequestStatus:
    text: str  # "Nog 12 dagen", "Vandaag", "Te laat (3 dagen)", "Beantwoord op tijd", ...
    level: Level
    deadline: date
    days_left: int | None  # None once answered; negative when overdue
    answered: bool
    on_time: bool | None  # None while open and not yet late

    @property
    def overdue(self) -> bool:
        return not self.answered and self.days_left is not None and self.days_left < 0


def _days(n: int) -> str:
    return f"{n} dag" if n == 1 else f"{n} dagen"


def request_status(received_on: date, extended: bool, answered_on: date | None, today: date) -> RequestStatus:
    return status_by_deadline(moved_deadline(effective_deadline(received_on, extended)), answered_on, today)


def status_by_deadline(due: date, answered_on: date | None, today: date) -> RequestStatus:
    """The same, from a deadline already computed (a stored one: lists skip the month arithmetic)."""
    if answered_on is not None:
        on_time = answered_on <= due
        text = "Beantwoord op tijd" if on_time else "Te laat beantwoord"
        return RequestStatus(text, Level.OK if on_time else Level.RED, due, None, True, on_time)
    left = (due - today).days
    if left < 0:
        return RequestStatus(f"Te laat ({_days(-left)})", Level.RED, due, left, False, False)
    level = Level.AMBER if left <= AMBER_DAYS else Level.OK
    text = "Vandaag" if left == 0 else f"Nog {_days(left)}"
    return RequestStatus(text, level, due, left, False, None)


def matches(status: RequestStatus, wanted: RequestFilter) -> bool:
    if wanted is RequestFilter.OPEN:
        return not status.answered
    if wanted is RequestFilter.OVERDUE:
        return status.overdue
    if wanted is RequestFilter.ANSWERED:
        return status.answered
    return status.on_time is False


@dataclass(frozen=True)
class RequestCounts:
    """Figures for the annual report and the FG report: no names, just numbers."""

    total: int
    by_right: dict[Right, int]
    answered_on_time: int
    answered_late: int
    open_on_time: int
    open_overdue: int
    extended: int
    refused: int


def count_requests(items: list[tuple[Right, RequestStatus, bool, Outcome | None]]) -> RequestCounts:
    """``items``: (right, status, extended, outcome) per request."""
    by_right = {right: 0 for right in Right}
    for right, *_ in items:
        by_right[right] += 1
    statuses = [status for _, status, _, _ in items]
    return RequestCounts(
        total=len(items),
        by_right=by_right,
        answered_on_time=sum(1 for s in statuses if s.answered and s.on_time),
        answered_late=sum(1 for s in statuses if s.answered and not s.on_time),
        open_on_time=sum(1 for s in statuses if not s.answered and not s.overdue),
        open_overdue=sum(1 for s in statuses if s.overdue),
        extended=sum(1 for _, _, extended, _ in items if extended),
        refused=sum(1 for *_, outcome in items if outcome is Outcome.REFUSED),
    )
