"""Consent campaigns: the yearly round of asking every pupil's guardians again, with a deadline.

A form recorded with a date in the campaign's school year counts as returned for the latest campaign
of that school year (recorded on the decision, so the count never changes afterwards).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ibp_desktop.core.consent.school_year import SchoolYear
from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.consent.forms import ensure_form
from ibp_desktop.services.consent.queries import (
    PupilRef,
    enrolled_pupils,
    pupil_ref,
    school_groups,
    today,
)
from ibp_desktop.services.context import Service
from ibp_desktop.store.consent_models import ConsentCampaign, ConsentDecision, ConsentFormVersion
from ibp_desktop.store.models import Pupil, User

NO_GROUP = "Geen groep"


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    school_id: int
    school_year: str
    form_version_id: int
    form_number: int
    deadline: date
    started_by: str
    started_at: datetime


@dataclass(frozen=True)
class GroupProgress:
    group_id: int | None
    group_name: str
    total: int
    returned: int

    @property
    def missing(self) -> int:
        return self.total - self.returned


@dataclass(frozen=True)
class CampaignProgress:
    """Per group how many forms came back; ``missing`` lists the pupils without one (register order)."""

    campaign: CampaignInfo
    groups: tuple[GroupProgress, ...]
    missing: tuple[PupilRef, ...]

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)

    @property
    def returned(self) -> int:
        return sum(g.returned for g in self.groups)


def campaign_for(session: Session, school_id: int, school_year: str) -> int | None:
    """The id of the latest campaign of this school year, if any."""
    return session.scalars(
        select(ConsentCampaign.id)
        .where(ConsentCampaign.school_id == school_id, ConsentCampaign.school_year == school_year)
        .order_by(ConsentCampaign.id.desc())
        .limit(1)
    ).first()


def _info(session: Session, campaign: ConsentCampaign) -> CampaignInfo:
    number = session.scalars(
        select(ConsentFormVersion.number).where(ConsentFormVersion.id == campaign.form_version_id)
    ).one()
    starter = session.get(User, campaign.started_by_user_id) if campaign.started_by_user_id else None
    return CampaignInfo(
        campaign.id,
        campaign.school_id,
        campaign.school_year,
        campaign.form_version_id,
        number,
        campaign.deadline,
        starter.full_name if starter else "onbekend",
        campaign.started_at,
    )


def missing_count(session: Session, campaign: ConsentCampaign, on: date) -> int:
    """How many pupils at school on ``on`` have no form in this campaign (one COUNT, for the Overzicht).

    ``NOT IN`` over the campaign's pupils, not a correlated ``NOT EXISTS``: SQLite then reads the
    campaign's (campaign_id, pupil_id) index once instead of searching the decisions per pupil."""
    returned = select(ConsentDecision.pupil_id).where(ConsentDecision.campaign_id == campaign.id)
    count = session.scalar(
        select(func.count(Pupil.id)).where(
            Pupil.school_id == campaign.school_id,
            or_(Pupil.deregistered_on.is_(None), Pupil.deregistered_on > on),
            Pupil.id.not_in(returned),
        )
    )
    return int(count or 0)


def progress(session: Session, campaign: ConsentCampaign, group_id: int | None) -> CampaignProgress:
    pupils = enrolled_pupils(session, campaign.school_id, group_id, today())
    returned = set(
        session.scalars(
            select(ConsentDecision.pupil_id).where(ConsentDecision.campaign_id == campaign.id).distinct()
        )
    )
    refs = [pupil_ref(p) for p in pupils]
    order = [(g.id, g.name) for g in school_groups(session, campaign.school_id)] + [(None, NO_GROUP)]
    groups = []
    for gid, name in order:
        members = [r for r in refs if r.group_id == gid]
        if members:
            groups.append(GroupProgress(gid, name, len(members), sum(r.id in returned for r in members)))
    missing = tuple(r for r in refs if r.id not in returned)
    return CampaignProgress(_info(session, campaign), tuple(groups), missing)


class ConsentCampaignsPart(Service):
    def start_campaign(self, school_id: int, school_year: str, deadline: date) -> CampaignInfo:
        """Start asking everyone again for ``school_year`` ("2026-2027") on the current form."""
        try:
            year = SchoolYear.from_label(school_year)
        except ValueError as error:
            raise BadInputError(str(error)) from error
        if not year.contains(deadline):
            raise BadInputError(
                f"De uiterste datum {deadline:%d-%m-%Y} valt niet in schooljaar {year.label}. "
                "Kies een datum in dat schooljaar, bijvoorbeeld 1 oktober."
            )
        with self._work(Permission.RECORD_CONSENT, school_id=school_id) as work:
            form = ensure_form(work, school_id)
            existing = work.session.scalars(
                select(ConsentCampaign).where(
                    ConsentCampaign.school_id == school_id,
                    ConsentCampaign.school_year == year.label,
                    ConsentCampaign.form_version_id == form.id,
                )
            ).first()
            if existing is not None:
                raise BadInputError(
                    f"Er loopt al een ronde voor schooljaar {year.label} met formulier versie {form.number}."
                )
            campaign = ConsentCampaign(
                school_id=school_id,
                school_year=year.label,
                form_version_id=form.id,
                deadline=deadline,
                started_by_user_id=work.actor.user_id,
            )
            work.session.add(campaign)
            work.session.flush()
            work.audit(
                "consent_campaign_started",
                "consent_campaign",
                campaign.id,
                school_id=school_id,
                after={
                    "school_year": year.label,
                    "form_version": form.number,
                    "deadline": deadline.isoformat(),
                },
            )
            return _info(work.session, campaign)

    def campaigns(self, school_id: int) -> list[CampaignInfo]:
        """Every campaign of the school, newest first."""
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            rows = work.session.scalars(
                select(ConsentCampaign)
                .where(ConsentCampaign.school_id == school_id)
                .order_by(ConsentCampaign.id.desc())
            )
            return [_info(work.session, c) for c in rows]

    def current_campaign(self, school_id: int) -> CampaignInfo | None:
        found = self.campaigns(school_id)
        return found[0] if found else None

    def campaign_progress(self, campaign_id: int, group_id: int | None = None) -> CampaignProgress:
        with self._work(Permission.VIEW_PUPILS) as work:
            campaign = work.school_record(
                ConsentCampaign, campaign_id, "Deze ronde bestaat niet (meer). Vernieuw het scherm."
            )
            return progress(work.session, campaign, group_id)
