"""Reading pupils and their consent decisions in bulk, and turning them into statuses (core rules).

Shared by the consent service parts; returns plain dataclasses only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ibp_desktop.core.consent.names import collation_key, display_name, sort_key
from ibp_desktop.core.consent.rules import (
    CHANNEL_LABELS,
    RELATION_LABELS,
    Channel,
    ConsentState,
    ConsentStatus,
    Decision,
    Relation,
    consent_status,
    never_asked,
)
from ibp_desktop.core.consent.school_year import school_year_of, sixteenth_birthday
from ibp_desktop.services.consent.forms import FormPurpose, FormVersionInfo
from ibp_desktop.store.consent_models import (
    ConsentDecision,
    ConsentFormPurpose,
    ConsentFormVersion,
    ConsentPurpose,
)
from ibp_desktop.store.models import Group, Pupil, User
from ibp_desktop.store.scan_models import ConsentScan, ConsentScanDecision

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    """The date in the Netherlands (the school's calendar day, not the UTC one)."""
    return datetime.now(AMSTERDAM).date()


@dataclass(frozen=True)
class PupilRef:
    id: int
    pupil_number: str | None
    name: str  # "Anne-Fleur van der Berg-de Vries"
    sort_name: str  # "Berg-de Vries, Anne-Fleur van der"
    group_id: int | None
    group_name: str
    date_of_birth: date
    deregistered_on: date | None


@dataclass(frozen=True)
class GroupRef:
    id: int
    name: str


@dataclass(frozen=True)
class PurposeStatus:
    purpose_id: int
    code: str
    label: str
    status: ConsentStatus

    @property
    def allowed(self) -> bool:
        return self.status.allowed


@dataclass(frozen=True)
class PupilConsentStatus:
    """One pupil's status for every purpose of the current form (a row of the grid)."""

    pupil: PupilRef
    form_number: int
    on: date
    purposes: tuple[PurposeStatus, ...]

    @property
    def all_allowed(self) -> bool:
        return all(p.allowed for p in self.purposes)

    @property
    def not_allowed(self) -> tuple[PurposeStatus, ...]:
        return tuple(p for p in self.purposes if not p.allowed)

    @property
    def conflict(self) -> bool:
        return any(p.status.conflict for p in self.purposes)

    @property
    def warning(self) -> str:
        """ "Leerling is 16: leerling beslist nu zelf" when that applies, else empty."""
        return next((p.status.warning for p in self.purposes if p.status.warning), "")

    def for_purpose(self, purpose_id: int) -> PurposeStatus:
        return next(p for p in self.purposes if p.purpose_id == purpose_id)


def pupil_ref(pupil: Pupil) -> PupilRef:
    return PupilRef(
        id=pupil.id,
        pupil_number=pupil.pupil_number,
        name=display_name(pupil.first_name, pupil.infix, pupil.last_name),
        sort_name=sort_key(pupil.first_name, pupil.infix, pupil.last_name),
        group_id=pupil.group_id,
        group_name=pupil.group.name if pupil.group else "",
        date_of_birth=pupil.date_of_birth,
        deregistered_on=pupil.deregistered_on,
    )


def enrolled_pupils(session: Session, school_id: int, group_id: int | None, on: date) -> list[Pupil]:
    """Pupils at school on ``on`` (in one group, or all), in Dutch register order."""
    query = select(Pupil).where(
        Pupil.school_id == school_id, or_(Pupil.deregistered_on.is_(None), Pupil.deregistered_on > on)
    )
    if group_id is not None:
        query = query.where(Pupil.group_id == group_id)
    pupils = list(session.scalars(query))
    pupils.sort(key=lambda p: collation_key(p.first_name, p.infix, p.last_name))
    return pupils


def school_groups(session: Session, school_id: int) -> list[GroupRef]:
    rows = session.scalars(
        select(Group).where(Group.school_id == school_id).order_by(Group.sort_order, Group.name)
    )
    return [GroupRef(g.id, g.name) for g in rows]



def decision_columns() -> tuple[Any, ...]:
    """The columns of a decision as the consent rules read it (plain rows, no ORM objects): pupil,
    purpose, granted, relation, given on, form version number, withdrawal, id."""
    return (
        ConsentDecision.pupil_id,
        ConsentDecision.purpose_id,
        ConsentDecision.granted,
        ConsentDecision.relation,
        ConsentDecision.given_on,
        ConsentFormVersion.number,
        ConsentDecision.withdrawal,
        ConsentDecision.id,
    )

def decisions_by_pupil(session: Session, pupil_ids: Sequence[int]) -> dict[int, dict[int, list[Decision]]]:
    """pupil id -> purpose id -> core decisions (form version as its number)."""
    found: dict[int, dict[int, list[Decision]]] = defaultdict(lambda: defaultdict(list))
    # Chunked: SQLite limits the number of bound parameters in one IN list.
    for start in range(0, len(pupil_ids), 900):
        chunk = pupil_ids[start : start + 900]
        rows = session.execute(
            select(*decision_columns())
            .join(ConsentFormVersion, ConsentFormVersion.id == ConsentDecision.form_version_id)
            .where(ConsentDecision.pupil_id.in_(chunk))
        )
        for pupil_id, purpose_id, granted, relation, given_on, number, withdrawal, row_id in rows:
            found[pupil_id][purpose_id].append(
                Decision(granted, Relation(relation), given_on, number, withdrawal, row_id)
            )
    return found


def status_row(
    pupil: PupilRef,
    form: FormVersionInfo,
    decisions: dict[int, list[Decision]],
    on: date,
) -> PupilConsentStatus:
    return PupilConsentStatus(
        pupil=pupil,
        form_number=form.number,
        on=on,
        purposes=tuple(
            PurposeStatus(
                fp.purpose_id,
                fp.code,
                fp.label,
                consent_status(
                    decisions.get(fp.purpose_id, ()),
                    asked_since=fp.asked_since,
                    date_of_birth=pupil.date_of_birth,
                    on=on,
                    grants_from=school_year_of(on).starts_on if form.yearly else None,
                ),
            )
            for fp in form.purposes
        ),
    )


def status_rows(
    session: Session, pupils: Iterable[Pupil], form: FormVersionInfo, on: date
) -> list[PupilConsentStatus]:
    refs = [pupil_ref(p) for p in pupils]
    history = decisions_by_pupil(session, [r.id for r in refs])
    return [status_row(ref, form, history.get(ref.id, {}), on) for ref in refs]


@dataclass(frozen=True)
class NotAllowedPupil:
    pupil_id: int
    name: str
    group_name: str
    state: ConsentState
    reason: str  # "Geen toestemming", "Geen antwoord", ...


@dataclass(frozen=True)
class NotAllowedList:
    """Per purpose: who may NOT be photographed or published for it."""

    purpose_id: int
    label: str
    pupils: tuple[NotAllowedPupil, ...]  # empty when never_asked: the whole group, said once
    never_asked: bool = False


@dataclass(frozen=True)
class GroupConsentGrid:
    """Pupils x purposes of one group (or the whole school when ``group_id`` is None)."""

    school_id: int
    school_name: str
    group_id: int | None
    group_name: str
    school_year: str
    on: date
    form: FormVersionInfo
    rows: tuple[PupilConsentStatus, ...]
    not_allowed: tuple[NotAllowedList, ...]

    @property
    def purposes(self) -> tuple[FormPurpose, ...]:
        return self.form.purposes


def not_allowed_lists(
    form: FormVersionInfo, rows: Sequence[PupilConsentStatus]
) -> tuple[NotAllowedList, ...]:
    lists = []
    for index, fp in enumerate(form.purposes):
        if never_asked([r.purposes[index].status for r in rows]):
            lists.append(NotAllowedList(fp.purpose_id, fp.label, (), never_asked=True))
            continue
        pupils = tuple(
            NotAllowedPupil(r.pupil.id, r.pupil.name, r.pupil.group_name, s.status.state, s.status.label)
            for r in rows
            if not (s := r.purposes[index]).allowed
        )
        lists.append(NotAllowedList(fp.purpose_id, fp.label, pupils))
    return tuple(lists)


@dataclass(frozen=True)
class DecisionRow:
    """One line of a pupil's consent history (append-only, oldest first)."""

    id: int
    purpose_id: int
    purpose_label: str
    granted: bool
    withdrawal: bool
    school_year: str
    form_number: int
    given_by: str
    relation: Relation
    channel: Channel
    given_on: date
    recorded_by: str
    recorded_at: datetime
    follow_up: str
    note: str  # why it no longer counts, if so
    scan_id: int | None = None  # the scanned page that proves it (issue 18)
    scanned_at: datetime | None = None

    @property
    def answer(self) -> str:
        return "Ingetrokken" if self.withdrawal else ("Ja" if self.granted else "Nee")

    @property
    def relation_label(self) -> str:
        return RELATION_LABELS[self.relation]

    @property
    def channel_label(self) -> str:
        if self.scanned_at is not None:
            scanned = self.scanned_at.astimezone(AMSTERDAM)
            return f"{CHANNEL_LABELS[self.channel]}, gescand op {scanned:%d-%m-%Y}"
        return CHANNEL_LABELS[self.channel]


def history_rows(session: Session, pupil: Pupil) -> list[DecisionRow]:
    """Every decision of the pupil, oldest first, with a note when it no longer counts."""
    rows = session.execute(
        select(
            ConsentDecision,
            ConsentPurpose,
            ConsentFormVersion.number,
            ConsentFormPurpose.label,
            User.full_name,
            ConsentScan.id,
            ConsentScan.scanned_at,
        )
        .join(ConsentPurpose, ConsentPurpose.id == ConsentDecision.purpose_id)
        .join(ConsentFormVersion, ConsentFormVersion.id == ConsentDecision.form_version_id)
        .outerjoin(
            ConsentFormPurpose,
            and_(
                ConsentFormPurpose.form_version_id == ConsentDecision.form_version_id,
                ConsentFormPurpose.purpose_id == ConsentDecision.purpose_id,
            ),
        )
        .outerjoin(User, User.id == ConsentDecision.recorded_by_user_id)
        .outerjoin(ConsentScanDecision, ConsentScanDecision.decision_id == ConsentDecision.id)
        .outerjoin(ConsentScan, ConsentScan.id == ConsentScanDecision.scan_id)
        .where(ConsentDecision.pupil_id == pupil.id)
        .order_by(ConsentDecision.given_on, ConsentDecision.id)
    ).all()
    sixteen = sixteenth_birthday(pupil.date_of_birth)
    now = today()
    result = []
    for d, purpose, number, shown_label, recorder, scan_id, scanned_at in rows:
        note = ""
        if now >= sixteen and d.relation != Relation.PUPIL.value:
            note = "Telt niet meer: de leerling is 16 en beslist nu zelf."
        elif d.granted and number < purpose.asked_since:
            note = "Oud formulier: het doel is daarna veranderd. Opnieuw vragen."
        result.append(
            DecisionRow(
                id=d.id,
                purpose_id=d.purpose_id,
                purpose_label=shown_label or purpose.label,
                granted=d.granted,
                withdrawal=d.withdrawal,
                school_year=d.school_year,
                form_number=number,
                given_by=d.given_by,
                relation=Relation(d.relation),
                channel=Channel(d.channel),
                given_on=d.given_on,
                recorded_by=recorder or "onbekend",
                recorded_at=d.recorded_at,
                follow_up=d.follow_up,
                note=note,
                scan_id=scan_id,
                scanned_at=scanned_at,
            )
        )
    return result
