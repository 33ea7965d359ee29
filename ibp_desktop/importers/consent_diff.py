"""What importing consent answers would record: a pure function of the checked rows and the history.

Per pupil, purpose and guardian slot (relation) the answer in the file is compared with what that
slot already has:

- unchanged: the slot's latest answer from the same channel (the import source) is the same, in the
  same school year, and still counts for the purpose (not from a form older than its last change).
  Nothing is written, so importing the same export twice changes nothing, and an app that still shows
  an old "yes" does not undo a later withdrawal on paper;
- new: the slot has no answer yet;
- confirmed: the same answer as the slot's latest, but from another source, school year or form;
- changed: a different answer than the slot's latest. A yes becoming no is recorded as a refusal.

History is never changed: every answer that is not unchanged becomes one new decision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ibp_desktop.core.consent.rules import Channel, Relation
from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.importers.consent import ConsentRow
from ibp_desktop.importers.consent_fields import PurposeColumn
from ibp_desktop.importers.existing_pupil import ExistingPupil

__all__ = [
    "AnswerKind",
    "ConsentDiff",
    "ConsentDiffCounts",
    "GuardianConflict",
    "PastDecision",
    "PlannedAnswer",
    "PupilAnswers",
]


class AnswerKind(StrEnum):
    NEW = "new"
    CONFIRMED = "confirmed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


KIND_LABELS: dict[AnswerKind, str] = {
    AnswerKind.NEW: "nieuw",
    AnswerKind.CONFIRMED: "opnieuw bevestigd",
    AnswerKind.CHANGED: "gewijzigd",
    AnswerKind.UNCHANGED: "ongewijzigd",
}


@dataclass(frozen=True, slots=True)
class PastDecision:
    """A decision already recorded for one pupil and purpose. ``order`` (the id) breaks date ties."""

    relation: Relation
    granted: bool
    withdrawal: bool
    channel: str
    school_year: str
    form_number: int
    given_on: date
    order: int


@dataclass(frozen=True)
class PlannedAnswer:
    purpose_id: int
    code: str
    label: str
    granted: bool
    kind: AnswerKind
    previous: str  # "ja", "nee", "ingetrokken" or "" when the slot had no answer

    @property
    def writes(self) -> bool:
        return self.kind is not AnswerKind.UNCHANGED

    @property
    def answer(self) -> str:
        return "ja" if self.granted else "nee"

    def __str__(self) -> str:
        if self.kind is AnswerKind.CHANGED:
            return f"{self.label}: {self.previous} → {self.answer}"
        return f"{self.label}: {self.answer}"


@dataclass(frozen=True)
class PupilAnswers:
    """One row of the file with what it would record."""

    row: int
    pupil: ExistingPupil
    given_by: str
    relation: Relation
    given_on: date
    school_year: str
    answers: tuple[PlannedAnswer, ...]

    @property
    def to_write(self) -> tuple[PlannedAnswer, ...]:
        return tuple(a for a in self.answers if a.writes)


@dataclass(frozen=True)
class GuardianConflict:
    pupil: ExistingPupil
    purpose: str
    answers: tuple[tuple[str, str], ...]  # (who, "ja"/"nee")

    def __str__(self) -> str:
        who = ", ".join(f"{name}: {answer}" for name, answer in self.answers)
        pupil = self.pupil.label_with_group
        return f"{pupil}, {self.purpose}: {who} → geen toestemming (de strengste keuze geldt)"


@dataclass(frozen=True)
class ConsentDiffCounts:
    """Answers per kind. ``pupils`` counts pupils, not rows (one row per guardian gives two rows for
    one pupil); ``pupils_changed`` pupils with something to write; ``rows`` the rows of the file."""

    pupils: int
    pupils_changed: int
    without_answers: int
    new: int
    confirmed: int
    changed: int
    unchanged: int
    refusals: int  # answers to write that are "no"
    rows: int = 0
    conflicts: int = 0  # pupils whose guardians answered differently in the file

    @property
    def to_write(self) -> int:
        return self.new + self.confirmed + self.changed


@dataclass(frozen=True)
class ConsentDiff:
    channel: Channel
    pupils: tuple[PupilAnswers, ...]

    @property
    def counts(self) -> ConsentDiffCounts:
        answers = [a for p in self.pupils for a in p.answers]
        answered: dict[int, bool] = {}
        for p in self.pupils:
            answered[p.pupil.id] = answered.get(p.pupil.id, False) or bool(p.answers)
        return ConsentDiffCounts(
            pupils=len(answered),
            pupils_changed=len({p.pupil.id for p in self.pupils if p.to_write}),
            without_answers=sum(1 for has in answered.values() if not has),
            new=sum(1 for a in answers if a.kind is AnswerKind.NEW),
            confirmed=sum(1 for a in answers if a.kind is AnswerKind.CONFIRMED),
            changed=sum(1 for a in answers if a.kind is AnswerKind.CHANGED),
            unchanged=sum(1 for a in answers if a.kind is AnswerKind.UNCHANGED),
            refusals=sum(1 for a in answers if a.writes and not a.granted),
            rows=len(self.pupils),
            conflicts=len({c.pupil.id for c in self.conflicts}),
        )

    @property
    def conflicts(self) -> tuple[GuardianConflict, ...]:
        """Purposes on which a pupil's guardians answered differently in this file: "no" applies."""
        by_pupil: dict[tuple[int, int], list[tuple[PupilAnswers, PlannedAnswer]]] = {}
        for row in self.pupils:
            for answer in row.answers:
                by_pupil.setdefault((row.pupil.id, answer.purpose_id), []).append((row, answer))
        found = []
        for pairs in by_pupil.values():
            if len({answer.granted for _row, answer in pairs}) > 1:
                row = pairs[0][0]
                said = tuple((r.given_by, a.answer) for r, a in pairs)
                found.append(GuardianConflict(row.pupil, pairs[0][1].label, said))
        return tuple(found)

    @property
    def changes_anything(self) -> bool:
        return any(p.to_write for p in self.pupils)


History = Mapping[tuple[int, int], Sequence[PastDecision]]  # (pupil id, purpose id) -> decisions


def _said(decision: PastDecision) -> str:
    return "ingetrokken" if decision.withdrawal else ("ja" if decision.granted else "nee")


def _kind(
    slot: Sequence[PastDecision], purpose: PurposeColumn, granted: bool, year: str, channel: Channel
) -> tuple[AnswerKind, str]:
    def when(d: PastDecision) -> tuple[date, int]:
        return (d.given_on, d.order)

    from_source = [d for d in slot if d.channel == channel.value]
    if from_source:
        last = max(from_source, key=when)
        still_counts = not granted or last.form_number >= purpose.asked_since
        if last.granted == granted and last.school_year == year and still_counts:
            return AnswerKind.UNCHANGED, _said(last)
    if not slot:
        return AnswerKind.NEW, ""
    latest = max(slot, key=when)
    kind = AnswerKind.CONFIRMED if latest.granted == granted else AnswerKind.CHANGED
    return kind, _said(latest)


def diff_consent(
    rows: Sequence[ConsentRow], purposes: Sequence[PurposeColumn], history: History, channel: Channel
) -> ConsentDiff:
    by_id = {p.purpose_id: p for p in purposes}
    result = []
    for row in rows:
        year = school_year_of(row.given_on).label
        answers = []
        for purpose_id, granted in row.answers:
            purpose = by_id[purpose_id]
            slot = [d for d in history.get((row.pupil.id, purpose_id), ()) if d.relation is row.relation]
            kind, previous = _kind(slot, purpose, granted, year, channel)
            answers.append(PlannedAnswer(purpose_id, purpose.code, purpose.label, granted, kind, previous))
        result.append(
            PupilAnswers(row.row, row.pupil, row.given_by, row.relation, row.given_on, year, tuple(answers))
        )
    return ConsentDiff(channel, tuple(result))
