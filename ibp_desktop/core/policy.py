"""The policy cycle (issue 8): the status path of a policy document version, evaluation dates, and the
due dates of the yearly IBP calendar.

Status path of one version: concept -> FG-advies gegeven -> vastgesteld door het bestuur (date) ->
GMR-instemming (date) or geweigerd (reason) -> gepubliceerd. A document without GMR consent right skips
the GMR step. The GMR records its consent only after the board adopted the text (the rule of this
product); a refused version stays refused: a new version starts the path again. The next evaluation is a
year after adoption (or after the last recorded evaluation); the framework (beleidskader) every four years.

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


class Stage(StrEnum):
    CONCEPT = "concept"
    FG_ADVICE = "fg_advice"
    ADOPTED = "adopted"
    GMR_CONSENT = "gmr_consent"
    GMR_REFUSED = "gmr_refused"
    PUBLISHED = "published"


STAGE_LABELS: dict[Stage, str] = {
    Stage.CONCEPT: "Concept",
    Stage.FG_ADVICE: "FG-advies gegeven",
    Stage.ADOPTED: "Vastgesteld door het bestuur",
    Stage.GMR_CONSENT: "GMR heeft ingestemd",
    Stage.GMR_REFUSED: "GMR-instemming geweigerd",
    Stage.PUBLISHED: "Gepubliceerd",
}


class Step(StrEnum):
    FG_ADVICE = "fg_advice"
    ADOPT = "adopt"
    GMR_CONSENT = "gmr_consent"
    GMR_REFUSE = "gmr_refuse"
    PUBLISH = "publish"


STEP_LABELS: dict[Step, str] = {
    Step.FG_ADVICE: "FG-advies vastleggen",
    Step.ADOPT: "Vastgesteld door het bestuur",
    Step.GMR_CONSENT: "GMR stemt in",
    Step.GMR_REFUSE: "GMR weigert instemming",
    Step.PUBLISH: "Publiceren",
}
STEP_RESULT: dict[Step, Stage] = {
    Step.FG_ADVICE: Stage.FG_ADVICE,
    Step.ADOPT: Stage.ADOPTED,
    Step.GMR_CONSENT: Stage.GMR_CONSENT,
    Step.GMR_REFUSE: Stage.GMR_REFUSED,
    Step.PUBLISH: Stage.PUBLISHED,
}


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

    @property
    def stage(self) -> Stage:
        if self.published_on:
            return Stage.PUBLISHED
        if self.gmr_refused_on:
            return Stage.GMR_REFUSED
        if self.gmr_consent_on:
            return Stage.GMR_CONSENT
        if self.adopted_on:
            return Stage.ADOPTED
        if self.fg_advice_on:
            return Stage.FG_ADVICE
        return Stage.CONCEPT

    @property
    def last_date(self) -> date | None:
        days = [
            d
            for d in (
                self.fg_advice_on,
                self.adopted_on,
                self.gmr_consent_on,
                self.gmr_refused_on,
                self.published_on,
            )
            if d
        ]
        return max(days) if days else None

    def in_force(self, requires_gmr: bool) -> bool:
        """Adopted, and consented where the GMR must consent: the text the school works with."""
        if self.adopted_on is None or self.gmr_refused_on is not None:
            return False
        return self.gmr_consent_on is not None or not requires_gmr


def next_steps(dates: VersionDates, requires_gmr: bool) -> list[Step]:
    """The steps that may follow now, in path order (the GUI offers exactly these)."""
    stage = dates.stage
    if stage is Stage.CONCEPT:
        return [Step.FG_ADVICE]
    if stage is Stage.FG_ADVICE:
        return [Step.ADOPT]
    if stage is Stage.ADOPTED:
        return [Step.GMR_CONSENT, Step.GMR_REFUSE] if requires_gmr else [Step.PUBLISH]
    if stage is Stage.GMR_CONSENT:
        return [Step.PUBLISH]
    return []  # published, or refused: a new version starts again


_NOT_NOW: dict[Step, str] = {
    Step.FG_ADVICE: "Het FG-advies kan alleen bij een concept worden vastgelegd.",
    Step.ADOPT: "Het bestuur kan deze versie pas vaststellen nadat de FG advies heeft gegeven.",
    Step.GMR_CONSENT: (
        "De GMR kan pas instemmen nadat het bestuur deze versie heeft vastgesteld. Leg eerst de "
        "vaststelling door het bestuur vast."
    ),
    Step.GMR_REFUSE: ("De GMR kan pas over deze versie beslissen nadat het bestuur haar heeft vastgesteld."),
    Step.PUBLISH: "Deze versie kan nog niet worden gepubliceerd.",
}


def check_step(
    dates: VersionDates, requires_gmr: bool, step: Step, on: date, today: date, text: str = ""
) -> VersionDates:
    """The version's dates after ``step`` on ``on``; BadInputError (Dutch) when the step is not allowed."""
    if step in (Step.GMR_CONSENT, Step.GMR_REFUSE) and not requires_gmr:
        raise BadInputError("Voor dit document is geen instemming van de GMR nodig.")
    if step not in next_steps(dates, requires_gmr):
        stage = dates.stage
        if stage is Stage.GMR_REFUSED:
            raise BadInputError(
                "De GMR heeft deze versie geweigerd. Voeg een nieuwe versie toe; "
                "die begint opnieuw als concept."
            )
        if stage is Stage.PUBLISHED:
            raise BadInputError(
                "Deze versie is al gepubliceerd. Voeg een nieuwe versie toe om iets te wijzigen."
            )
        if step is Step.PUBLISH and requires_gmr and stage is Stage.ADOPTED:
            raise BadInputError("Publiceer pas nadat de GMR heeft ingestemd.")
        raise BadInputError(_NOT_NOW[step])
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
        raise BadInputError("Vul de reden in waarom de GMR niet heeft ingestemd.")
    field = {
        Step.FG_ADVICE: "fg_advice_on",
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
    versions: list[VersionDates], requires_gmr: bool, cycle: Cycle, last_evaluated_on: date | None
) -> date | None:
    """A cycle after the latest adoption of a version in force, or after the last recorded evaluation."""
    bases = [v.adopted_on for v in versions if v.adopted_on and v.in_force(requires_gmr)]
    if last_evaluated_on is not None and bases:
        bases.append(last_evaluated_on)
    if not bases:
        return None
    return max(bases) + relativedelta(years=CYCLE_YEARS[cycle])


def document_state(
    versions: list[VersionDates],
    requires_gmr: bool,
    cycle: Cycle,
    last_evaluated_on: date | None,
    today: date,
) -> DocumentState:
    """``versions`` oldest first. The most pressing fact wins the label."""
    due = next_evaluation(versions, requires_gmr, cycle, last_evaluated_on)
    overdue = due is not None and due < today
    lacks = requires_gmr and not any(v.gmr_consent_on for v in versions)
    latest = versions[-1].stage if versions else None

    def state(label: str, level: str) -> DocumentState:
        return DocumentState(label, level, lacks, due, overdue)

    if latest is Stage.GMR_REFUSED:
        return state("GMR-instemming geweigerd", "red")
    if overdue:
        return state("Evaluatie te laat", "red")
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
    if latest in (Stage.ADOPTED, Stage.GMR_CONSENT):
        return state(f"{STAGE_LABELS[latest]}, nog publiceren", "amber")
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
