"""Fictitious consent data for the demo school: forms for most pupils, some refusals, a few withdrawals
and guardian conflicts, about 10% without an answer, and a running campaign for this school year.

Deterministic (``random.Random`` with a fixed seed), written straight into the tables in one transaction.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ibp_desktop.core.consent.names import display_name
from ibp_desktop.core.consent.rules import Channel, Relation
from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.services.consent.forms import FormPurpose, ensure_form, form_info
from ibp_desktop.services.context import Work, actor_from_user
from ibp_desktop.store.consent_models import ConsentCampaign, ConsentDecision
from ibp_desktop.store.database import Database
from ibp_desktop.store.models import Pupil, User

_ADULTS = (
    "Marieke", "Sanne", "Ayşe", "Fatima", "Joanna", "Linh", "Priya", "Esther", "Mark", "Mehmet",
    "Youssef", "Tomasz", "Dennis", "Kees", "Rachid", "Olena", "Mei", "Gerda", "Bart", "Samira",
)  # fmt: skip
# Share of "yes" per purpose code: the public and far-reaching purposes are refused more often.
_YES_RATE = {
    "lokale_pers": 0.7,
    "sociale_media": 0.72,
    "onderzoek": 0.6,
    "video_scholing": 0.8,
    "website": 0.85,
}
_FOLLOW_UPS = (
    "Foto van website verwijderd",
    "Bericht in ouderapp verwijderd",
    "Fotograaf en leerkracht geïnformeerd",
)


def add_demo_consent(database: Database, school_id: int, user_id: int, today: date) -> int:
    """Fill in consent for the demo school; returns the number of decisions written."""
    rng = random.Random(20260901)
    with database.transaction() as session:
        user = session.get(User, user_id)
        assert user is not None
        work = Work(session, actor_from_user(session, user))
        form = form_info(session, ensure_form(work, school_id))
        year = school_year_of(today)
        campaign = ConsentCampaign(
            school_id=school_id,
            school_year=year.label,
            form_version_id=form.id,
            deadline=date(year.start_year, 10, 1),
            started_by_user_id=user_id,
        )
        session.add(campaign)
        session.flush()
        first_day = min(year.starts_on + timedelta(days=24), today)
        span = max((today - first_day).days, 0)
        count = 0
        for pupil in _pupils(session, school_id, today):
            if rng.random() < 0.10:
                continue  # no answer
            decisions = _pupil_decisions(rng, pupil, form.purposes, first_day, span)
            for purpose_id, granted, relation, given_by, on, withdrawal, follow_up in decisions:
                session.add(
                    ConsentDecision(
                        pupil_id=pupil.id,
                        purpose_id=purpose_id,
                        granted=granted,
                        withdrawal=withdrawal,
                        school_year=year.label,
                        form_version_id=form.id,
                        campaign_id=None if withdrawal else campaign.id,
                        given_by=given_by,
                        relation=relation.value,
                        channel=(
                            Channel.EMAIL if withdrawal else rng.choice([Channel.PAPER, Channel.PARENT_APP])
                        ).value,
                        given_on=on,
                        follow_up=follow_up,
                        recorded_by_user_id=user_id,
                    )
                )
            count += len(decisions)
        work.audit(
            "consent_demo_data",
            "school",
            school_id,
            school_id=school_id,
            after={"decisions": count, "campaign_id": campaign.id},
        )
    return count


def _pupils(session: Session, school_id: int, today: date) -> list[Pupil]:
    return list(
        session.scalars(
            select(Pupil)
            .where(
                Pupil.school_id == school_id,
                or_(Pupil.deregistered_on.is_(None), Pupil.deregistered_on > today),
            )
            .order_by(Pupil.id)
        )
    )


_Row = tuple[int, bool, Relation, str, date, bool, str]


def _pupil_decisions(
    rng: random.Random, pupil: Pupil, purposes: tuple[FormPurpose, ...], first_day: date, span: int
) -> list[_Row]:
    family = display_name("", pupil.infix, pupil.last_name)
    given_on = first_day + timedelta(days=rng.randint(0, span))
    parent = f"{rng.choice(_ADULTS)} {family}"
    refuse_all = rng.random() < 0.04
    answers = {
        p.purpose_id: (not refuse_all) and rng.random() < _YES_RATE.get(p.code, 0.93) for p in purposes
    }
    rows: list[_Row] = [
        (pid, ok, Relation.GUARDIAN_1, parent, given_on, False, "") for pid, ok in answers.items()
    ]
    if rng.random() < 0.06:  # the other parent fills in a form too, and disagrees on one purpose
        other = f"{rng.choice(_ADULTS)} {family}"
        yes = [pid for pid, ok in answers.items() if ok]
        if yes:
            differs = rng.choice(yes)
            rows += [
                (pid, ok and pid != differs, Relation.GUARDIAN_2, other, given_on, False, "")
                for pid, ok in answers.items()
            ]
    if rng.random() < 0.03:  # later withdrawn for one purpose
        yes = [pid for pid, ok in answers.items() if ok]
        if yes and span > 0:
            later = given_on + timedelta(days=rng.randint(0, max(span - (given_on - first_day).days, 0)))
            rows.append(
                (rng.choice(yes), False, Relation.GUARDIAN_1, parent, later, True, rng.choice(_FOLLOW_UPS))
            )
    return rows
