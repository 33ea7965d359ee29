"""The policy cycle (issue 8): the status path of a policy document version, evaluation dates, and the
due dates of the yearly IBP calendar.

Status path of one version (WMS art. 10 and 13: the GMR's consent comes *before* the decision):
concept -> FG-advies gegeven -> voorgenomen besluit voorgelegd aan de GMR-geleding (date) -> instemming
(date) or weigering (date and reasons) -> vastgesteld door het bestuur (date) -> gepubliceerd. The right
body is the staff section (PGMR) for staff documents, the parent section (OGMR) for pupil and parent
documents, the whole GMR for framework rules. A document without GMR consent right goes from FG advice
straight to adoption. A refused proposal stays refused: a new version is the new proposal. An adoption
recorded before the consent (the order an older release allowed) is void, so that version is not in force.
The next evaluation is a year after adoption (or after the last recorded evaluation); the framework
(beleidskader) every four years.

Pure: no I/O, no clock; callers pass ``today``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from ibp_desktop.core.errors import BadInputError

MAX_FILE_BYTES = 20 * 1024 * 1024
EVALUATION_WARN_DAYS = 60
MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


class GmrBody(StrEnum):
    """Who in the GMR consents (WMS art. 10, 12 and 14; DOMAIN.md "Order of a decision")."""

    STAFF = "pgmr"  # personeelsgeleding: documents about staff
    PARENTS = "ogmr"  # oudergeleding: documents about pupils and parents
    WHOLE = "gmr"  # framework-wide rules


GMR_BODY_LABELS: dict[GmrBody, str] = {
    GmrBody.STAFF: "personeelsgeleding (PGMR)",
    GmrBody.PARENTS: "oudergeleding (OGMR)",
    GmrBody.WHOLE: "hele GMR",
}
GMR_BODY_SHORT: dict[GmrBody, str] = {GmrBody.STAFF: "PGMR", GmrBody.PARENTS: "OGMR", GmrBody.WHOLE: "GMR"}


class Stage(StrEnum):
    CONCEPT = "concept"
    FG_ADVICE = "fg_advice"
    PROPOSED = "proposed"
    GMR_CONSENT = "gmr_consent"
    GMR_REFUSED = "gmr_refused"
    ADOPTED = "adopted"
    PUBLISHED = "published"


STAGE_LABELS: dict[Stage, str] = {
    Stage.CONCEPT: "Concept",
    Stage.FG_ADVICE: "FG-advies gegeven",
    Stage.PROPOSED: "Voorstel ligt bij de GMR",
    Stage.GMR_CONSENT: "GMR heeft ingestemd",
    Stage.GMR_REFUSED: "GMR-instemming geweigerd",
    Stage.ADOPTED: "Vastgesteld door het bestuur",
    Stage.PUBLISHED: "Gepubliceerd",
}


class Step(StrEnum):
    FG_ADVICE = "fg_advice"
    PROPOSE = "propose"
    GMR_CONSENT = "gmr_consent"
    GMR_REFUSE = "gmr_refuse"
    ADOPT = "adopt"
    PUBLISH = "publish"


STEP_LABELS: dict[Step, str] = {
    Step.FG_ADVICE: "FG-advies vastleggen",
    Step.PROPOSE: "Voorgenomen besluit voorgelegd aan de GMR",
    Step.GMR_CONSENT: "GMR stemt in",
    Step.GMR_REFUSE: "GMR weigert instemming",
    Step.ADOPT: "Vastgesteld door het bestuur",
    Step.PUBLISH: "Publiceren",
}
STEP_RESULT: dict[Step, Stage] = {
    Step.FG_ADVICE: Stage.FG_ADVICE,
    Step.PROPOSE: Stage.PROPOSED,
    Step.GMR_CONSENT: Stage.GMR_CONSENT,
    Step.GMR_REFUSE: Stage.GMR_REFUSED,
    Step.ADOPT: Stage.ADOPTED,
    Step.PUBLISH: Stage.PUBLISHED,
}


def gmr_body_of(stored: str) -> GmrBody | None:
    return GmrBody(stored) if stored else None


class Cycle(StrEnum):
    YEARLY = "yearly"
    FOUR_YEARLY = "four_yearly"  # the beleidskader


CYCLE_YEARS: dict[Cycle, int] = {Cycle.YEARLY: 1, Cycle.FOUR_YEARLY: 4}
CYCLE_LABELS: dict[Cycle, str] = {Cycle.YEARLY: "Elk jaar", Cycle.FOUR_YEARLY: "Elke vier jaar"}


@dataclass(frozen=True)
class VersionDates:
    """The dates of one version's path; ``None`` where the step has not been taken."""

    fg_advice_on: date | None = None
    adopted_on: date | None = None
    gmr_consent_on: date | None = None
    gmr_refused_on: date | None = None
    published_on: date | None = None
    proposed_on: date | None = None

    @property
    def stage(self) -> Stage:
        if self.published_on:
            return Stage.PUBLISHED
        if self.gmr_refused_on:
            return Stage.GMR_REFUSED
        if self.adopted_on:
            return Stage.ADOPTED
        if self.gmr_consent_on:
            return Stage.GMR_CONSENT
        if self.proposed_on:
            return Stage.PROPOSED
        if self.fg_advice_on:
            return Stage.FG_ADVICE
        return Stage.CONCEPT

    @property
    def consent_before_adoption(self) -> bool:
        """The GMR consented on or before the day the board adopted (WMS: prior consent)."""
        return (
            self.gmr_consent_on is not None
            and self.adopted_on is not None
            and self.gmr_consent_on <= self.adopted_on
        )

    @property
    def last_date(self) -> date | None:
        days = [
            d
            for d in (
                self.fg_advice_on,
                self.proposed_on,
                self.adopted_on,
                self.gmr_consent_on,
                self.gmr_refused_on,
                self.published_on,
            )
            if d
        ]
        return max(days) if days else None

    def in_force(self, body: GmrBody | None) -> bool:
        """Adopted, and where the GMR must consent, consented before the adoption: the text in force."""
        if self.adopted_on is None or self.gmr_refused_on is not None:
            return False
        return body is None or self.consent_before_adoption

    def adopted_without_prior_consent(self, body: GmrBody | None) -> bool:
        """Adopted while the required consent was missing or came later: void (WMS art. 10/13)."""
        return body is not None and self.adopted_on is not None and not self.consent_before_adoption


def next_steps(dates: VersionDates, body: GmrBody | None) -> list[Step]:
    """The steps that may follow now, in path order (the GUI offers exactly these)."""
    stage = dates.stage
    if stage is Stage.CONCEPT:
        return [Step.FG_ADVICE]
    if stage is Stage.FG_ADVICE:
        return [Step.PROPOSE] if body is not None else [Step.ADOPT]
    if stage is Stage.PROPOSED:
        return [Step.GMR_CONSENT, Step.GMR_REFUSE]
    if stage is Stage.GMR_CONSENT:
        return [Step.ADOPT]
    if stage is Stage.ADOPTED and not dates.adopted_without_prior_consent(body):
        return [Step.PUBLISH]
    return []  # published, refused or adopted too early: a new version is the new proposal


def _body_name(body: GmrBody | None) -> str:
    return "de " + GMR_BODY_LABELS[body] if body is not None else "de GMR"


def _not_now(step: Step, dates: VersionDates, body: GmrBody | None) -> str:
    stage, who = dates.stage, _body_name(body)
    if step is Step.ADOPT and body is not None:
        if stage is Stage.GMR_REFUSED:
            return (
                f"{who.capitalize()} heeft op {dates.gmr_refused_on:%d-%m-%Y} niet ingestemd. Het bestuur "
                "kan deze versie daarom niet vaststellen. Leg een nieuw voorstel voor als nieuwe versie."
            )
        return (
            f"Het bestuur kan pas vaststellen nadat {who} heeft ingestemd met het voorgenomen besluit "
            "(WMS: eerst instemming, dan vaststellen). Leg eerst het voorstel en de instemming vast."
        )
    if stage is Stage.GMR_REFUSED:
        return (
            f"{who.capitalize()} heeft deze versie geweigerd. Voeg een nieuwe versie toe als nieuw voorstel; "
            "die begint opnieuw als concept."
        )
    if stage is Stage.PUBLISHED:
        return "Deze versie is al gepubliceerd. Voeg een nieuwe versie toe om iets te wijzigen."
    if dates.adopted_without_prior_consent(body):
        return (
            f"Deze versie is vastgesteld zonder voorafgaande instemming van {who}; die vaststelling telt "
            "niet. Voeg een nieuwe versie toe en leg die eerst als voorgenomen besluit voor."
        )
    return {
        Step.FG_ADVICE: "Het FG-advies kan alleen bij een concept worden vastgelegd.",
        Step.PROPOSE: f"Leg het voorgenomen besluit aan {who} voor nadat de FG advies heeft gegeven.",
        Step.GMR_CONSENT: f"{who.capitalize()} kan pas instemmen als het voorgenomen besluit is voorgelegd.",
        Step.GMR_REFUSE: f"{who.capitalize()} kan pas beslissen als het voorgenomen besluit is voorgelegd.",
        Step.ADOPT: "Het bestuur kan deze versie pas vaststellen nadat de FG advies heeft gegeven.",
        Step.PUBLISH: "Publiceer pas nadat het bestuur deze versie heeft vastgesteld.",
    }[step]


def check_step(
    dates: VersionDates, body: GmrBody | None, step: Step, on: date, today: date, text: str = ""
) -> VersionDates:
    """The version's dates after ``step`` on ``on``; BadInputError (Dutch) when the step is not allowed."""
    if step in (Step.PROPOSE, Step.GMR_CONSENT, Step.GMR_REFUSE) and body is None:
        raise BadInputError("Voor dit document is geen instemming van de GMR nodig.")
    if step not in next_steps(dates, body):
        raise BadInputError(_not_now(step, dates, body))
    if on > today:
        raise BadInputError(
            f"De datum {on:%d-%m-%Y} ligt in de toekomst. Vul de datum in waarop het gebeurde."
        )
    previous = dates.last_date
    if previous is not None and on < previous:
        raise BadInputError(
            f"De datum {on:%d-%m-%Y} ligt vóór de vorige stap ({previous:%d-%m-%Y}). Controleer de datum."
        )
    if step is Step.GMR_REFUSE and not text.strip():
        raise BadInputError(f"Vul de reden in waarom {_body_name(body)} niet heeft ingestemd.")
    field = {
        Step.FG_ADVICE: "fg_advice_on",
        Step.PROPOSE: "proposed_on",
        Step.ADOPT: "adopted_on",
        Step.GMR_CONSENT: "gmr_consent_on",
        Step.GMR_REFUSE: "gmr_refused_on",
        Step.PUBLISH: "published_on",
    }[step]
    return replace(dates, **{field: on})


# --- the document as a whole -----------------------------------------------------------------


@dataclass(frozen=True)
class DocumentState:
    """What the register shows for a document: a word, a colour and the dates behind them."""

    label: str
    level: str  # "red", "amber", "green" or "grey"
    lacks_gmr_consent: bool
    evaluation_due: date | None
    evaluation_overdue: bool


def next_evaluation(
    versions: list[VersionDates], body: GmrBody | None, cycle: Cycle, last_evaluated_on: date | None
) -> date | None:
    """A cycle after the latest adoption of a version in force, or after the last recorded evaluation."""
    bases = [v.adopted_on for v in versions if v.adopted_on and v.in_force(body)]
    if last_evaluated_on is not None and bases:
        bases.append(last_evaluated_on)
    if not bases:
        return None
    return max(bases) + relativedelta(years=CYCLE_YEARS[cycle])


def document_state(
    versions: list[VersionDates],
    body: GmrBody | None,
    cycle: Cycle,
    last_evaluated_on: date | None,
    today: date,
) -> DocumentState:
    """``versions`` oldest first. The most pressing fact wins the label."""
    due = next_evaluation(versions, body, cycle, last_evaluated_on)
    overdue = due is not None and due < today
    lacks = body is not None and not any(v.in_force(body) for v in versions)
    latest = versions[-1].stage if versions else None

    def state(label: str, level: str) -> DocumentState:
        return DocumentState(label, level, lacks, due, overdue)

    if latest is Stage.GMR_REFUSED:
        return state(f"{GMR_BODY_SHORT[body] if body else 'GMR'}-instemming geweigerd", "red")
    if versions and versions[-1].adopted_without_prior_consent(body):
        return state("Vastgesteld zonder voorafgaande GMR-instemming", "red")
    if overdue:
        return state("Evaluatie te laat", "red")
    if lacks and latest is Stage.PROPOSED and body is not None:
        return state(f"Voorstel ligt bij de {GMR_BODY_SHORT[body]}", "amber")
    if lacks and latest is Stage.GMR_CONSENT:
        return state("GMR heeft ingestemd, nog vaststellen", "amber")
    if lacks:
        return state("Geen GMR-instemming", "amber")
    if latest is None:
        return state("Nog geen bestand", "grey")
    if due is not None and (due - today).days <= EVALUATION_WARN_DAYS:
        return state(f"Evaluatie vóór {due:%d-%m-%Y}", "amber")
    if latest is Stage.PUBLISHED:
        return state("Gepubliceerd", "green")
    if any(v.stage is Stage.PUBLISHED for v in versions):
        return state(f"Gepubliceerd; nieuwe versie: {STAGE_LABELS[latest].lower()}", "green")
    if latest is Stage.ADOPTED:
        return state(f"{STAGE_LABELS[latest]}, nog publiceren", "amber")
    if latest is Stage.GMR_CONSENT:
        return state("GMR heeft ingestemd, nog vaststellen", "amber")
    return state(STAGE_LABELS[latest], "grey")


# --- the yearly calendar -----------------------------------------------------------------------


def parse_months(text: str) -> tuple[int, ...]:
    """ "8, 9,10" -> (8, 9, 10); BadInputError (Dutch) for anything else."""
    months: set[int] = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 12:
            raise BadInputError(
                f"Maand '{part}' bestaat niet. Gebruik de nummers 1 tot en met 12, bijv. 1, 6."
            )
        months.add(int(part))
    if not months:
        raise BadInputError("Kies minstens één maand voor deze taak.")
    return tuple(sorted(months))


def occurrence_due(year: int, month: int, span_months: int) -> date:
    """Last day of the occurrence that starts in ``month`` and runs ``span_months`` months."""
    end = date(year, month, 1) + relativedelta(months=max(1, span_months) - 1)
    return date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])


def months_label(month: int, span_months: int) -> str:
    """ "augustus - oktober" or "januari"."""
    first = MONTH_NAMES[month - 1]
    if span_months <= 1:
        return first
    last = MONTH_NAMES[(month + span_months - 2) % 12]
    return f"{first} - {last}"


def occurrence_level(due: date, done: bool, today: date) -> tuple[str, str]:
    """(label, level) of one calendar occurrence."""
    if done:
        return "Gedaan", "green"
    if due < today:
        return "Te laat", "red"
    if due.year == today.year and due.month == today.month:
        return "Deze maand", "amber"
    return "Gepland", "grey"
