"""Image consent rules (DOMAIN.md section 1): the effective status of one pupil for one purpose.

Pure functions over a pupil's decision history for one purpose:

- each guardian (identified by the relation slot: ouder/verzorger 1, ouder/verzorger 2, voogd) counts
  with their latest decision (by date, then by recording order);
- any refusal among those wins (most restrictive); a refusal next to a valid "yes" is a conflict
  ("Tegenstrijdig: geen toestemming", or "Ingetrokken" with the conflict flag when it was a withdrawal);
- no answer means no;
- a "yes" given on a form version older than the version in which the purpose was added or last changed
  is no longer enough: "opnieuw vragen" (counts as no). A refusal stays a refusal, whatever its version;
- from the 16th birthday only the pupil's own decisions made on or after that day count; earlier
  decisions of the guardians are set aside with a warning.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from ibp_desktop.core.consent.school_year import sixteenth_birthday

__all__ = [
    "CHANNEL_LABELS",
    "NEVER_ASKED",
    "RELATION_LABELS",
    "STATE_LABELS",
    "VALIDITY_LABELS",
    "Channel",
    "ConsentState",
    "ConsentStatus",
    "ConsentValidity",
    "Decision",
    "Relation",
    "Tone",
    "consent_status",
    "fold",
    "matches_name",
    "never_asked",
    "parse_channel",
    "parse_relation",
    "row_statuses",
    "state_mark",
    "status_legend",
]

SIXTEEN_WARNING = "Leerling is 16: leerling beslist nu zelf"


class ConsentValidity(StrEnum):
    """How long a "yes" lasts: a school setting, because the sources differ (DOMAIN.md 1)."""

    UNTIL_WITHDRAWN = "until_withdrawn"  # AP: valid until withdrawn; re-ask when the use changes
    SCHOOL_YEAR = "school_year"  # Kennisnet: confirm every school year


VALIDITY_LABELS: dict[ConsentValidity, str] = {
    ConsentValidity.UNTIL_WITHDRAWN: "Geldig tot intrekking (advies Autoriteit Persoonsgegevens)",
    ConsentValidity.SCHOOL_YEAR: "Elk schooljaar opnieuw vragen (advies Kennisnet)",
}


class Relation(StrEnum):
    GUARDIAN_1 = "guardian_1"
    GUARDIAN_2 = "guardian_2"
    LEGAL_GUARDIAN = "legal_guardian"
    PUPIL = "pupil"


RELATION_LABELS: dict[Relation, str] = {
    Relation.GUARDIAN_1: "ouder/verzorger 1",
    Relation.GUARDIAN_2: "ouder/verzorger 2",
    Relation.LEGAL_GUARDIAN: "voogd",
    Relation.PUPIL: "leerling (16+)",
}


class Channel(StrEnum):
    PAPER = "paper"
    PARENT_APP = "parent_app"
    EMAIL = "email"
    VERBAL = "verbal"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.PAPER: "papier",
    Channel.PARENT_APP: "ouderapp",
    Channel.EMAIL: "e-mail",
    Channel.VERBAL: "mondeling",
}


class ConsentState(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    NO_ANSWER = "no_answer"
    ASK_AGAIN = "ask_again"
    CONFLICT = "conflict"


class Tone(StrEnum):
    """The colour a screen may use next to the words (never instead of them)."""

    GREEN = "green"
    RED = "red"
    ORANGE = "orange"
    GREY = "grey"


STATE_LABELS: dict[ConsentState, str] = {
    ConsentState.GRANTED: "Toestemming",
    ConsentState.REFUSED: "Geen toestemming",
    ConsentState.WITHDRAWN: "Ingetrokken",
    ConsentState.NO_ANSWER: "Geen antwoord",
    ConsentState.ASK_AGAIN: "Opnieuw vragen",
    ConsentState.CONFLICT: "Tegenstrijdig: geen toestemming",
}

# Short marks for printed tables: the first word says yes or no, the second why.
_MARKS: dict[ConsentState, tuple[str, str]] = {
    ConsentState.GRANTED: ("JA", ""),
    ConsentState.REFUSED: ("NEE", ""),
    ConsentState.WITHDRAWN: ("NEE", "ingetr."),
    ConsentState.NO_ANSWER: ("?", "geen antw."),
    ConsentState.ASK_AGAIN: ("?", "opnieuw"),
    ConsentState.CONFLICT: ("NEE", "oneens"),
}

_TONES: dict[ConsentState, Tone] = {
    ConsentState.GRANTED: Tone.GREEN,
    ConsentState.REFUSED: Tone.RED,
    ConsentState.WITHDRAWN: Tone.RED,
    ConsentState.NO_ANSWER: Tone.GREY,
    ConsentState.ASK_AGAIN: Tone.ORANGE,
    ConsentState.CONFLICT: Tone.RED,
}

_EXPLANATIONS: dict[ConsentState, str] = {
    ConsentState.GRANTED: "toestemming gegeven",
    ConsentState.REFUSED: "geen toestemming gegeven",
    ConsentState.WITHDRAWN: "toestemming ingetrokken",
    ConsentState.NO_ANSWER: "geen antwoord ontvangen; dat telt als nee",
    ConsentState.ASK_AGAIN: "het doel is veranderd; opnieuw vragen, tot dan nee",
    ConsentState.CONFLICT: "ouders/verzorgers zijn het oneens; dan geldt nee",
}


@dataclass(frozen=True, slots=True)
class Decision:
    """One recorded answer for one purpose. ``order`` (the record id) breaks ties on the same date."""

    granted: bool
    relation: Relation
    given_on: date
    form_version: int
    withdrawal: bool = False
    order: int = 0


@dataclass(frozen=True, slots=True)
class ConsentStatus:
    """The effective status for one purpose; ``counted`` holds the decisions that decided it."""

    state: ConsentState
    conflict: bool = False
    pupil_decides: bool = False
    guardians_set_aside: bool = False
    counted: tuple[Decision, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.state is ConsentState.GRANTED

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def mark(self) -> str:
        """ "JA", "NEE" or "?"."""
        return _MARKS[self.state][0]

    @property
    def mark_note(self) -> str:
        """A short word under the mark ("ingetr.", "geen antw.", ...), empty for plain yes/no."""
        return _MARKS[self.state][1]

    @property
    def tone(self) -> Tone:
        return _TONES[self.state]

    @property
    def warning(self) -> str:
        """Shown when a 16+ pupil has not decided yet and the guardians' answers no longer count."""
        if self.guardians_set_aside and not self.counted:
            return SIXTEEN_WARNING
        return ""


def state_mark(state: ConsentState) -> tuple[str, str]:
    """("JA" | "NEE" | "?", short reason or "") for printed tables."""
    return _MARKS[state]


def status_legend() -> list[tuple[str, str, str]]:
    """(mark, label, explanation) per state, in a fixed order, for legends on screen and paper."""
    return [
        (" ".join(p for p in _MARKS[state] if p), STATE_LABELS[state], _EXPLANATIONS[state])
        for state in ConsentState
    ]


@lru_cache(maxsize=4096)
def _sixteenth_birthday(date_of_birth: date) -> date:
    """Cached: a grid asks it once per pupil and purpose (5,000 times for a school of 500)."""
    return sixteenth_birthday(date_of_birth)


def _latest_per_slot(decisions: list[Decision]) -> tuple[Decision, ...]:
    if len(decisions) < 2:  # the usual case: one answer per purpose (a grid computes thousands)
        return tuple(decisions)
    latest: dict[Relation, Decision] = {}
    for decision in decisions:
        current = latest.get(decision.relation)
        if current is None or (decision.given_on, decision.order) > (current.given_on, current.order):
            latest[decision.relation] = decision
    return tuple(sorted(latest.values(), key=lambda d: (d.given_on, d.order)))


def consent_status(
    decisions: list[Decision] | tuple[Decision, ...],
    *,
    asked_since: int,
    date_of_birth: date,
    on: date,
    grants_from: date | None = None,
) -> ConsentStatus:
    """The status on ``on`` for one purpose.

    ``asked_since`` is the form version number in which the purpose was added or last changed:
    a "yes" on an older version does not count any more. Decisions dated after ``on`` are ignored.
    ``grants_from``: with yearly validity the start of the school year; a "yes" from before it has
    lapsed ("opnieuw vragen"), while a "no" stays a no.
    """
    sixteen = _sixteenth_birthday(date_of_birth)
    pupil_decides = on >= sixteen
    if pupil_decides:
        known = [d for d in decisions if d.given_on <= on]
        counted = [d for d in known if d.relation is Relation.PUPIL and d.given_on >= sixteen]
        set_aside = any(d.relation is not Relation.PUPIL for d in known)
    else:
        # Before 16 a pupil's own answer is not a valid consent: only guardians count.
        pupil = Relation.PUPIL
        counted = [d for d in decisions if d.given_on <= on and d.relation is not pupil]
        set_aside = False
    latest = _latest_per_slot(counted)
    state, conflict = _decide(latest, asked_since, grants_from)
    return ConsentStatus(state, conflict, pupil_decides, set_aside, latest)


_NOTHING_YET = ConsentStatus(ConsentState.NO_ANSWER)  # no decision at all, before 16 (immutable: shared)


def row_statuses(
    histories: Sequence[list[Decision] | tuple[Decision, ...]],
    asked_since: Sequence[int],
    *,
    date_of_birth: date,
    on: date,
    grants_from: date | None = None,
) -> tuple[ConsentStatus, ...]:
    """``consent_status`` for each purpose of one pupil (a row of a grid, ``histories`` and
    ``asked_since`` per purpose): the 16th birthday looked up once, and the usual cases of a pupil
    under 16 (no answer, or one guardian's answer up to ``on``) decided without the general filtering.
    A group overview of 500 pupils asks this for 5,000 cells."""
    if on >= _sixteenth_birthday(date_of_birth):
        return tuple(
            consent_status(h, asked_since=a, date_of_birth=date_of_birth, on=on, grants_from=grants_from)
            for h, a in zip(histories, asked_since, strict=True)
        )
    statuses: list[ConsentStatus] = []
    for decisions, since in zip(histories, asked_since, strict=True):
        if not decisions:
            statuses.append(_NOTHING_YET)
            continue
        only = decisions[0]
        if len(decisions) == 1 and only.relation is not Relation.PUPIL and only.given_on <= on:
            latest = (only,)
            state, conflict = _decide(latest, since, grants_from)
            statuses.append(ConsentStatus(state, conflict, False, False, latest))
        else:
            statuses.append(
                consent_status(decisions, asked_since=since, date_of_birth=date_of_birth, on=on,
                               grants_from=grants_from)
            )  # fmt: skip
    return tuple(statuses)


def _decide(
    latest: tuple[Decision, ...], asked_since: int, grants_from: date | None = None
) -> tuple[ConsentState, bool]:
    if not latest:
        return ConsentState.NO_ANSWER, False
    if len(latest) == 1:  # one answer (the usual case): what the general rule below makes of it
        only = latest[0]
        if not only.granted:
            return (ConsentState.WITHDRAWN if only.withdrawal else ConsentState.REFUSED), False
        valid = only.form_version >= asked_since and (grants_from is None or only.given_on >= grants_from)
        return (ConsentState.GRANTED if valid else ConsentState.ASK_AGAIN), False
    refusals = [d for d in latest if not d.granted]
    valid_grants = [
        d
        for d in latest
        if d.granted and d.form_version >= asked_since and (grants_from is None or d.given_on >= grants_from)
    ]
    if refusals:
        conflict = bool(valid_grants)
        if any(d.withdrawal for d in refusals):
            return ConsentState.WITHDRAWN, conflict  # the withdrawal is what the school must act on
        return (ConsentState.CONFLICT if conflict else ConsentState.REFUSED), conflict
    if valid_grants:
        return ConsentState.GRANTED, False
    return ConsentState.ASK_AGAIN, False  # only grants on a form from before the purpose changed


NEVER_ASKED = "niet gevraagd – niemand mag"


def never_asked(statuses: list[ConsentStatus] | tuple[ConsentStatus, ...]) -> bool:
    """True when nobody of a group ever answered for this purpose: the school has not asked yet, so
    nobody may appear for it. A list shows that once (NEVER_ASKED) instead of the whole group by name."""
    return bool(statuses) and all(
        s.state is ConsentState.NO_ANSWER and not s.counted and not s.guardians_set_aside for s in statuses
    )


# --------------------------------------------------------------------------- parsing and search

_RELATION_WORDS: dict[str, Relation] = {
    "ouder 1": Relation.GUARDIAN_1,
    "ouder1": Relation.GUARDIAN_1,
    "verzorger 1": Relation.GUARDIAN_1,
    "ouder 2": Relation.GUARDIAN_2,
    "ouder2": Relation.GUARDIAN_2,
    "verzorger 2": Relation.GUARDIAN_2,
    "leerling": Relation.PUPIL,
    "leerling 16+": Relation.PUPIL,
}

_CHANNEL_WORDS: dict[str, Channel] = {
    "email": Channel.EMAIL,
    "mail": Channel.EMAIL,
    "app": Channel.PARENT_APP,
}


def parse_relation(text: str) -> Relation:
    """A relation from its code or Dutch label ("ouder/verzorger 1", "voogd", ...); Dutch ValueError."""
    key = " ".join(text.strip().lower().split())
    for relation, label in RELATION_LABELS.items():
        if key in (relation.value, label):
            return relation
    if key in _RELATION_WORDS:
        return _RELATION_WORDS[key]
    choices = ", ".join(RELATION_LABELS.values())
    raise ValueError(f"Onbekende relatie '{text.strip()}'. Kies uit: {choices}.")


def parse_channel(text: str) -> Channel:
    """A channel from its code or Dutch label ("papier", "ouderapp", ...); Dutch ValueError."""
    key = text.strip().lower()
    for channel, label in CHANNEL_LABELS.items():
        if key in (channel.value, label):
            return channel
    if key in _CHANNEL_WORDS:
        return _CHANNEL_WORDS[key]
    choices = ", ".join(CHANNEL_LABELS.values())
    raise ValueError(f"Onbekend kanaal '{text.strip()}'. Kies uit: {choices}.")


# Letters without a combining mark in Unicode decomposition, folded for searching.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case without diacritics: "Şükrü Yılmaz" -> "sukru yilmaz"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)


def name_words(*parts: str) -> tuple[str, ...]:
    """The folded words of a name, split on spaces, hyphens and apostrophes, for prefix search."""
    text = fold(" ".join(parts))
    for separator in "-'’":
        text = text.replace(separator, " ")
    return tuple(text.split())


def matches_name(query: str, words: tuple[str, ...]) -> bool:
    """Every typed word starts some word of the name: "sukru yil" finds "Şükrü Yılmaz"."""
    typed = name_words(query)
    return bool(typed) and all(any(w.startswith(t) for w in words) for t in typed)
