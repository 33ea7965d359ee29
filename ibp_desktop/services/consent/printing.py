"""The consent PDFs: group overview, pre-filled forms, missing forms of a campaign, one pupil's history.

Each call checks PRINT_CONSENT, reads in one transaction, logs that personal data was printed (ids
only), and hands plain data to a renderer in ibp_desktop.reports. ReportLab is imported only here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from ibp_desktop.core.consent.rules import never_asked
from ibp_desktop.core.consent.school_year import school_year_of
from ibp_desktop.core.errors import BadInputError, NotFoundError
from ibp_desktop.core.gc_pause import collector_paused
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.consent.campaigns import progress
from ibp_desktop.services.consent.forms import FormVersionInfo, ensure_form, form_info
from ibp_desktop.services.consent.grid_queries import PupilStatuses, pupil_statuses, statuses_by_group
from ibp_desktop.services.consent.history import history_lines
from ibp_desktop.services.consent.queries import (
    GroupConsentGrid,
    decisions_by_pupil,
    enrolled_pupils,
    pupil_ref,
    school_groups,
    status_row,
    today,
)
from ibp_desktop.services.context import Service, Work
from ibp_desktop.store.consent_models import ConsentCampaign
from ibp_desktop.store.models import Group, Pupil, School

if TYPE_CHECKING:
    from ibp_desktop.reports.consent_overview import ConsentOverview

REMINDER_TEXT = (
    "Beste ouder of verzorger,\n\n"
    "Wij hebben het formulier 'Toestemming beeldmateriaal' voor schooljaar {year} nog niet van u terug. "
    "Wilt u het uiterlijk {deadline} inleveren bij de leerkracht of de administratie? "
    "U kunt het ook via de ouderapp invullen.\n\n"
    "Zolang wij geen antwoord hebben, gebruiken wij geen foto's of video's van uw kind. "
    "Uw kind doet altijd gewoon mee, ook als u nee zegt.\n\n"
    "Met vriendelijke groet, de directie"
)


REMINDER_DAYS = 14  # a reminder after the deadline gives parents two weeks


def reminder_deadline(deadline: date, printed_on: date) -> date:
    """The date a reminder asks for: the campaign's deadline, or two weeks on when that has passed
    (issue 16: printed on 06-12-2026 it asked for the form "uiterlijk 01-10-2026")."""
    if deadline >= printed_on + timedelta(days=3):  # still time enough to act on the campaign's own date
        return deadline
    return printed_on + timedelta(days=REMINDER_DAYS)


def _dmy(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def _now() -> datetime:
    return datetime.now(UTC)


def _school(work: Work, school_id: int) -> School:
    school = work.session.get(School, school_id)
    if school is None:
        raise NotFoundError("Deze school bestaat niet (meer).")
    return school


def _school_name(work: Work, school_id: int) -> str:
    return _school(work, school_id).name


def _group(work: Work, school_id: int, group_id: int) -> Group:
    group = work.session.get(Group, group_id)
    if group is None or group.school_id != school_id:
        raise NotFoundError("Deze groep bestaat niet (meer). Vernieuw het scherm.")
    return group


def _group_ids(work: Work, school_id: int, group_id: int | None) -> list[int | None]:
    if group_id is not None:
        return [_group(work, school_id, group_id).id]
    return [g.id for g in school_groups(work.session, school_id)]


GroupPupils = tuple[str, Sequence[PupilStatuses]]  # a group's name, its pupils with their statuses


def _overview(
    school_name: str, form: FormVersionInfo, on: date, groups: list[GroupPupils], generated_at: datetime
) -> ConsentOverview:
    """Plain report data for the group overview (only groups that have pupils, unless one was asked)."""
    from ibp_desktop.reports.consent_overview import ConsentOverview, OverviewRow, OverviewSection

    labels = tuple(p.label for p in form.purposes)
    sections = tuple(
        OverviewSection(
            name,
            labels,
            tuple(
                OverviewRow(
                    ref.name,
                    tuple(s.state for s in statuses),
                    "16+" if any(s.pupil_decides for s in statuses) else "",
                )
                for ref, statuses in pupils
            ),
            # Per purpose: nobody of the group was ever asked (the sheet says so once, not by name).
            tuple(never_asked([statuses[i] for _ref, statuses in pupils]) for i in range(len(labels))),
        )
        for name, pupils in groups
        if pupils or len(groups) == 1
    )
    year = school_year_of(on).label
    return ConsentOverview(school_name, year, form.number, _dmy(on), generated_at, sections)


def overview_data(grids: list[GroupConsentGrid], generated_at: datetime) -> ConsentOverview:
    """The group overview's report data from grids as the Toestemming page shows them."""
    first = grids[0]
    groups: list[GroupPupils] = [
        (g.group_name, [(r.pupil, tuple(p.status for p in r.purposes)) for r in g.rows]) for g in grids
    ]
    return _overview(first.school_name, first.form, first.on, groups, generated_at)


class ConsentPrintPart(Service):
    def overview_pdf(self, school_id: int, group_id: int | None = None, on: date | None = None) -> bytes:
        """ "Toestemming beeldmateriaal" per group (all groups when ``group_id`` is None), one PDF."""
        from ibp_desktop.reports.consent_overview import render_consent_overview

        with collector_paused():  # tens of thousands of short-lived objects: see core.gc_pause
            return render_consent_overview(self._overview_data(school_id, group_id, on))

    def _overview_data(self, school_id: int, group_id: int | None, on: date | None) -> ConsentOverview:
        with self._work(Permission.PRINT_CONSENT, school_id=school_id) as work:
            form = ensure_form(work, school_id)
            day = on or today()
            info = form_info(work.session, form, with_creator=False)  # the sheet names no author
            groups: list[GroupPupils]
            if group_id is None:
                # Two queries for the whole school, whatever its number of groups.
                groups = [(g.name, p) for g, p in statuses_by_group(work.session, school_id, info, day)]
                if not groups:
                    groups = [("Alle groepen", pupil_statuses(work.session, school_id, None, info, day))]
            else:
                group = _group(work, school_id, group_id)
                groups = [(group.name, pupil_statuses(work.session, school_id, group_id, info, day))]
            school_name = _school_name(work, school_id)
            work.audit(
                "consent_overview_printed",
                "school",
                school_id,
                school_id=school_id,
                after={"group_id": group_id},
            )
            return _overview(school_name, info, day, groups, _now())

    def forms_pdf(self, school_id: int, group_id: int | None = None) -> bytes:
        """Pre-filled forms on the current form version, one pupil per page, group by group."""
        from ibp_desktop.reports.consent_forms import ConsentForms, FormPupil, render_consent_forms

        with self._work(Permission.PRINT_CONSENT, school_id=school_id) as work:
            form = form_info(work.session, ensure_form(work, school_id))
            day = today()
            pupils = []
            for gid in _group_ids(work, school_id, group_id):
                for p in enrolled_pupils(work.session, school_id, gid, day):
                    ref = pupil_ref(p)
                    pupils.append(
                        FormPupil(
                            ref.name, ref.pupil_number or "", ref.group_name, _dmy(ref.date_of_birth), p.id
                        )
                    )
            names = {g.id: g.name for g in school_groups(work.session, school_id)}
            batch = f"groep {names[group_id]}" if group_id is not None else "alle groepen"
            work.audit(
                "consent_forms_printed",
                "school",
                school_id,
                school_id=school_id,
                after={"group_id": group_id, "forms": len(pupils)},
            )
            data = ConsentForms(
                _school_name(work, school_id),
                school_year_of(day).label,
                form.number,
                form.text,
                tuple((p.label, p.description) for p in form.purposes),
                tuple(pupils),
                _now(),
                batch,
                _school(work, school_id).brin,  # a code per page, so the scan can be read back
            )
        return render_consent_forms(data)

    def missing_pdf(
        self, school_id: int, group_id: int | None = None, campaign_id: int | None = None,
        on: date | None = None,
    ) -> bytes:
        """Pupils without a returned form in the campaign (default: the latest), per group, with a
        reminder text. A reminder printed after the campaign's deadline asks for the form within two
        weeks from ``on`` (default today), not by a date that has passed."""
        from ibp_desktop.reports.consent_missing import (
            MissingGroup,
            MissingResponses,
            render_missing_responses,
        )

        with self._work(Permission.PRINT_CONSENT, school_id=school_id) as work:
            query = select(ConsentCampaign).where(ConsentCampaign.school_id == school_id)
            if campaign_id is not None:
                query = query.where(ConsentCampaign.id == campaign_id)
            campaign = work.session.scalars(query.order_by(ConsentCampaign.id.desc()).limit(1)).first()
            if campaign is None:
                raise BadInputError(
                    "Er loopt nog geen ronde om toestemming te vragen. "
                    "Start eerst een ronde voor dit schooljaar."
                )
            state = progress(work.session, campaign, group_id)
            groups = tuple(
                MissingGroup(
                    g.group_name,
                    g.total,
                    g.returned,
                    tuple((p.name, p.pupil_number or "") for p in state.missing if p.group_id == g.group_id),
                )
                for g in state.groups
            )
            work.audit(
                "consent_missing_printed",
                "consent_campaign",
                campaign.id,
                school_id=school_id,
                after={"group_id": group_id},
            )
            info = state.campaign
            asked_by = reminder_deadline(info.deadline, on or today())
            data = MissingResponses(
                _school_name(work, school_id),
                info.school_year,
                info.form_number,
                _dmy(info.deadline),
                REMINDER_TEXT.format(year=info.school_year, deadline=_dmy(asked_by)),
                _now(),
                groups,
            )
        return render_missing_responses(data)

    def history_pdf(self, pupil_id: int) -> bytes:
        """Everything recorded about one pupil's image consent (for an access request)."""
        from ibp_desktop.reports.consent_history import PupilHistory, render_pupil_history

        with self._work(Permission.PRINT_CONSENT) as work:
            pupil = work.session.get(Pupil, pupil_id)
            if pupil is None:
                raise NotFoundError("Deze leerling bestaat niet (meer).")
            work.require_school(pupil.school_id)
            lines = history_lines(work.session, pupil)
            ref = pupil_ref(pupil)
            form = form_info(work.session, ensure_form(work, pupil.school_id))
            day = today()
            status = status_row(
                ref, form, decisions_by_pupil(work.session, [pupil.id]).get(pupil.id, {}), day
            )
            work.audit("consent_history_printed", "pupil", pupil.id, school_id=pupil.school_id)
            school = _school_name(work, pupil.school_id)
        data = PupilHistory(
            school,
            ref.name,
            ref.pupil_number or "",
            ref.group_name or "-",
            _dmy(ref.date_of_birth),
            _dmy(day),
            tuple((p.label, p.status.label) for p in status.purposes),
            lines,
            _now(),
            status.warning,
        )
        return render_pupil_history(data)
