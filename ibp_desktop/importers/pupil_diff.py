"""The difference between a checked pupil file and the school's pupils: a pure function.

Matching: on the pupil number; a row without a known number is matched on name and date of birth
(ignoring case, accents, spaces and hyphens). Outcome per pupil: new, changed (with each change
listed), re-enrolled (deregistered and in the file again), missing from the file (still enrolled
but not in the file; the user may deregister them), unchanged.

Empty cells never erase data: a row without a group or enrolment date keeps what the school has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ibp_desktop.core.consent.names import collation_key
from ibp_desktop.importers.existing_pupil import ExistingPupil
from ibp_desktop.importers.pupils import PupilRecord, name_key
from ibp_desktop.importers.values import format_date, number_key

__all__ = ["DiffCounts", "FieldChange", "PupilDiff", "PupilUpdate", "diff_pupils"]


@dataclass(frozen=True)
class FieldChange:
    field: str  # the Pupil column, or "group"
    label: str  # Dutch, for the user
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}: {self.old or '(leeg)'} → {self.new or '(leeg)'}"


@dataclass(frozen=True)
class PupilUpdate:
    pupil: ExistingPupil
    record: PupilRecord
    changes: tuple[FieldChange, ...]
    values: dict[str, object] = field(hash=False)  # column -> new value; "group" holds the group name

    @property
    def summary(self) -> str:
        return "; ".join(str(c) for c in self.changes)

    @property
    def renames(self) -> bool:
        """Another name on the same pupil: a changed export, or a wrong number in the file."""
        return any(c.field in _NAME_FIELDS for c in self.changes)


_NAME_FIELDS = frozenset({"first_name", "infix", "last_name"})


@dataclass(frozen=True)
class DiffCounts:
    new: int
    changed: int
    reenrolled: int
    missing: int
    unchanged: int


@dataclass(frozen=True)
class PupilDiff:
    new: tuple[PupilRecord, ...]
    changed: tuple[PupilUpdate, ...]
    reenrolled: tuple[PupilUpdate, ...]
    missing: tuple[ExistingPupil, ...]
    unchanged: tuple[int, ...]  # pupil ids

    @property
    def counts(self) -> DiffCounts:
        return DiffCounts(
            len(self.new), len(self.changed), len(self.reenrolled), len(self.missing), len(self.unchanged)
        )

    @property
    def renamed(self) -> tuple[PupilUpdate, ...]:
        return tuple(u for u in self.changed if u.renames)

    @property
    def needs_confirmation(self) -> tuple[PupilUpdate, ...]:
        """Changes that matter and need an explicit yes: re-enrolling a pupil who left (or clearing a
        deregistration date, which restarts the retention clock) and another name on a known pupil."""
        return (*self.reenrolled, *self.renamed)

    @property
    def changes_anything(self) -> bool:
        """Whether applying it writes anything (not counting deregistering the missing pupils)."""
        return bool(self.new or self.changed or self.reenrolled)


def _text(value: object) -> str:
    if value is None:
        return ""
    return format_date(value) if isinstance(value, date) else str(value)


def _changes(pupil: ExistingPupil, record: PupilRecord) -> tuple[list[FieldChange], dict[str, object]]:
    wanted: list[tuple[str, str, object, object]] = []
    if record.pupil_number is not None and number_key(record.pupil_number) != number_key(
        pupil.pupil_number or ""
    ):
        wanted.append(("pupil_number", "Leerlingnummer", pupil.pupil_number, record.pupil_number))
    same_whole_name = record.display_name == pupil.display_name
    if not (record.name_in_one_column and same_whole_name):
        wanted += [
            ("first_name", "Roepnaam", pupil.first_name, record.first_name),
            ("infix", "Tussenvoegsel", pupil.infix, record.infix),
            ("last_name", "Achternaam", pupil.last_name, record.last_name),
        ]
    wanted.append(("date_of_birth", "Geboortedatum", pupil.date_of_birth, record.date_of_birth))
    if record.group_name is not None and (pupil.group_name or "").casefold() != record.group_name.casefold():
        wanted.append(("group", "Groep", pupil.group_name, record.group_name))
    if record.enrolled_on is not None:
        wanted.append(("enrolled_on", "Ingeschreven", pupil.enrolled_on, record.enrolled_on))
    # Being in the list means enrolled, unless the row carries a deregistration date.
    wanted.append(("deregistered_on", "Uitgeschreven", pupil.deregistered_on, record.deregistered_on))
    changes = [FieldChange(f, label, _text(old), _text(new)) for f, label, old, new in wanted if old != new]
    values = {f: new for f, _label, old, new in wanted if old != new}
    return changes, values


def _match(
    records: Sequence[PupilRecord], existing: Sequence[ExistingPupil]
) -> tuple[list[tuple[PupilRecord, ExistingPupil]], list[PupilRecord], set[int]]:
    by_number = {number_key(p.pupil_number): p for p in existing if p.pupil_number}
    matched: list[tuple[PupilRecord, ExistingPupil]] = []
    taken: set[int] = set()
    rest: list[PupilRecord] = []
    for record in records:
        pupil = by_number.get(number_key(record.pupil_number)) if record.pupil_number else None
        if pupil is not None:
            matched.append((record, pupil))
            taken.add(pupil.id)
        else:
            rest.append(record)
    by_name: dict[tuple[str, date], ExistingPupil] = {}
    # Enrolled pupils first: with two equal names the enrolled one is meant.
    for pupil in sorted(existing, key=lambda p: (p.deregistered_on is not None, p.id)):
        if pupil.id not in taken:
            by_name.setdefault(
                name_key(pupil.first_name, pupil.infix, pupil.last_name, pupil.date_of_birth), pupil
            )
    new: list[PupilRecord] = []
    for record in rest:
        key = name_key(record.first_name, record.infix, record.last_name, record.date_of_birth)
        pupil = by_name.pop(key, None)
        if pupil is None:
            new.append(record)
        else:
            matched.append((record, pupil))
            taken.add(pupil.id)
    matched.sort(key=lambda pair: pair[0].row)
    return matched, new, taken


def diff_pupils(records: Sequence[PupilRecord], existing: Sequence[ExistingPupil]) -> PupilDiff:
    matched, new, taken = _match(records, existing)
    changed: list[PupilUpdate] = []
    reenrolled: list[PupilUpdate] = []
    unchanged: list[int] = []
    for record, pupil in matched:
        changes, values = _changes(pupil, record)
        if not changes:
            unchanged.append(pupil.id)
            continue
        update = PupilUpdate(pupil, record, tuple(changes), values)
        back = pupil.deregistered_on is not None and record.deregistered_on is None
        (reenrolled if back else changed).append(update)
    missing = sorted(
        (p for p in existing if p.id not in taken and p.deregistered_on is None),
        key=lambda p: collation_key(p.first_name, p.infix, p.last_name),
    )
    return PupilDiff(tuple(new), tuple(changed), tuple(reenrolled), tuple(missing), tuple(sorted(unchanged)))
