"""Image consent: record paper forms and withdrawals, read histories, grids per group, find pupils.

``ConsentService`` is the one object the GUI and the command line use; purposes and form versions
(consent_forms), campaigns (consent_campaigns) and the PDFs (consent_print) are parts of it.
Decisions are append-only: this module only ever inserts them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select

from ibp_desktop.core.consent.rules import (
    Channel,
    Relation,
    matches_name,
    name_words,
    parse_channel,
    parse_relation,
)
from ibp_desktop.core.consent.school_year import age_on, school_year_of, sixteenth_birthday
from ibp_desktop.core.errors import BadInputError, NotFoundError
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.consent.campaigns import ConsentCampaignsPart, campaign_for
from ibp_desktop.services.consent.forms import ConsentFormsPart, ensure_form, form_info
from ibp_desktop.services.consent.grid_queries import build_grid
from ibp_desktop.services.consent.printing import ConsentPrintPart
from ibp_desktop.services.consent.queries import (
    DecisionRow,
    GroupConsentGrid,
    GroupRef,
    PupilConsentStatus,
    decisions_by_pupil,
    enrolled_pupils,
    history_rows,
    pupil_ref,
    school_groups,
    status_row,
    today,
)
from ibp_desktop.services.context import Work
from ibp_desktop.store.consent_models import ConsentDecision, ConsentPurpose
from ibp_desktop.store.models import Pupil
from ibp_desktop.store.types import utc_now

__all__ = [
    "ConsentService",
    "DecisionRow",
    "GroupConsentGrid",
    "NewDecision",
    "PupilConsentStatus",
    "PupilHit",
    "PupilIndex",
    "insert_decisions",
]


@dataclass(frozen=True)
class PupilHit:
    id: int
    pupil_number: str | None
    name: str
    group_name: str
    date_of_birth: date


class PupilIndex:
    """The pupils of a school in memory, filtered per keystroke without a database round trip."""

    def __init__(self, entries: list[tuple[tuple[str, ...], PupilHit]]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, limit: int = 20) -> list[PupilHit]:
        query = text.strip()
        if not query:
            return []
        hits: list[PupilHit] = []
        for words, hit in self._entries:
            if hit.pupil_number == query or matches_name(query, words):
                hits.append(hit)
                if len(hits) >= limit:
                    break
        return hits


@dataclass(frozen=True)
class NewDecision:
    """One answer to insert (not a withdrawal): what ``insert_decisions`` needs."""

    pupil_id: int
    purpose_id: int
    granted: bool
    school_year: str
    form_version_id: int
    campaign_id: int | None
    given_by: str
    relation: Relation
    channel: Channel
    given_on: date


def insert_decisions(work: Work, decisions: Sequence[NewDecision]) -> None:
    """The one insert path for answers (paper forms and imports), in the caller's transaction.

    One executemany, no ORM objects: the fast-entry screen saves ~300 forms in a row, an import
    thousands of answers. Decisions are append-only: nothing here updates or deletes."""
    if not decisions:
        return
    recorded_at = utc_now()
    work.session.execute(
        insert(ConsentDecision),
        [
            {
                "pupil_id": d.pupil_id,
                "purpose_id": d.purpose_id,
                "granted": d.granted,
                "withdrawal": False,
                "school_year": d.school_year,
                "form_version_id": d.form_version_id,
                "campaign_id": d.campaign_id,
                "given_by": d.given_by,
                "relation": d.relation.value,
                "channel": d.channel.value,
                "given_on": d.given_on,
                "follow_up": "",
                "recorded_by_user_id": work.actor.user_id,
                "recorded_at": recorded_at,
            }
            for d in decisions
        ],
    )


def _relation(value: Relation | str) -> Relation:
    try:
        return value if isinstance(value, Relation) else parse_relation(value)
    except ValueError as error:
        raise BadInputError(str(error)) from error


def _channel(value: Channel | str) -> Channel:
    try:
        return value if isinstance(value, Channel) else parse_channel(value)
    except ValueError as error:
        raise BadInputError(str(error)) from error


def _check_giver(pupil: Pupil, given_by: str, relation: Relation, given_on: date) -> str:
    name = " ".join(given_by.split())
    if not name:
        raise BadInputError("Vul in wie het formulier heeft ingevuld (naam van de ouder/verzorger).")
    if given_on > today():
        raise BadInputError(
            f"De datum {given_on:%d-%m-%Y} ligt in de toekomst. Vul de datum van het formulier in."
        )
    if given_on < pupil.date_of_birth:
        raise BadInputError(f"De datum {given_on:%d-%m-%Y} ligt vóór de geboortedatum van de leerling.")
    turns_sixteen = sixteenth_birthday(pupil.date_of_birth)
    if relation is Relation.PUPIL and given_on < turns_sixteen:
        raise BadInputError(
            f"De leerling is op {given_on:%d-%m-%Y} nog geen 16 en mag nog niet zelf beslissen. "
            "Kies de ouder/verzorger die het formulier heeft ingevuld."
        )
    if relation is not Relation.PUPIL and given_on >= turns_sixteen:
        raise BadInputError(
            f"De leerling is {age_on(pupil.date_of_birth, given_on)} jaar en beslist nu zelf. "
            "Kies als relatie 'leerling (16+)'."
        )
    return name


class ConsentService(ConsentFormsPart, ConsentCampaignsPart, ConsentPrintPart):
    """Consent of one board's schools. Permissions: RECORD_CONSENT to record or withdraw, VIEW_PUPILS
    to read, PRINT_CONSENT for PDFs, MANAGE_CONSENT_FORMS for purposes and form versions."""

    # ----------------------------------------------------------------- recording

    def record_form(
        self,
        pupil_id: int,
        answers: Mapping[int, bool],
        given_by: str,
        relation: Relation | str,
        channel: Channel | str,
        given_on: date,
    ) -> PupilConsentStatus:
        """One returned form: a decision per answered purpose, all in one transaction.

        Purposes left out stay unanswered (which counts as no). Returns the pupil's new status."""
        rel, chan = _relation(relation), _channel(channel)
        if not answers:
            raise BadInputError("Er is geen enkel doel ingevuld. Kies per doel ja of nee.")
        with self._work(Permission.RECORD_CONSENT) as work:
            pupil = self._pupil(work, pupil_id)
            name = _check_giver(pupil, given_by, rel, given_on)
            form = form_info(work.session, ensure_form(work, pupil.school_id), with_creator=False)
            codes = {fp.purpose_id: fp.code for fp in form.purposes}
            unknown = [pid for pid in answers if pid not in codes]
            if unknown:
                raise BadInputError(
                    "Een doel staat niet (meer) op het huidige formulier. "
                    "Vernieuw het scherm en vul het opnieuw in."
                )
            year = school_year_of(given_on).label
            campaign = campaign_for(work.session, pupil.school_id, year)
            insert_decisions(
                work,
                [
                    NewDecision(
                        pupil.id,
                        purpose_id,
                        bool(granted),
                        year,
                        form.id,
                        campaign,
                        name,
                        rel,
                        chan,
                        given_on,
                    )
                    for purpose_id, granted in answers.items()
                ],
            )
            work.audit(
                "consent_form_recorded",
                "pupil",
                pupil.id,
                school_id=pupil.school_id,
                after={
                    "answers": {codes[pid]: bool(g) for pid, g in answers.items()},
                    "relation": rel.value,
                    "channel": chan.value,
                    "given_on": given_on.isoformat(),
                    "form_version": form.number,
                },
            )
            history = decisions_by_pupil(work.session, [pupil.id]).get(pupil.id, {})
            return status_row(pupil_ref(pupil), form, history, today())

    def withdraw(
        self,
        pupil_id: int,
        purpose_id: int,
        given_by: str,
        relation: Relation | str,
        channel: Channel | str,
        on: date,
        follow_up: str,
    ) -> PupilConsentStatus:
        """Consent withdrawn for one purpose; ``follow_up`` says what was done, e.g.
        "foto van website verwijderd". Works for any purpose the pupil ever had, also a retired one."""
        rel, chan = _relation(relation), _channel(channel)
        with self._work(Permission.RECORD_CONSENT) as work:
            pupil = self._pupil(work, pupil_id)
            name = _check_giver(pupil, given_by, rel, on)
            purpose = work.session.get(ConsentPurpose, purpose_id)
            if purpose is None or purpose.school_id != pupil.school_id:
                raise NotFoundError("Dit doel bestaat niet (meer). Vernieuw het scherm.")
            current = ensure_form(work, pupil.school_id)
            year = school_year_of(on).label
            decision = ConsentDecision(
                pupil_id=pupil.id,
                purpose_id=purpose.id,
                granted=False,
                withdrawal=True,
                school_year=year,
                form_version_id=current.id,
                campaign_id=None,
                given_by=name,
                relation=rel.value,
                channel=chan.value,
                given_on=on,
                follow_up=" ".join(follow_up.split()),
                recorded_by_user_id=work.actor.user_id,
            )
            work.session.add(decision)
            work.session.flush()
            work.audit(
                "consent_withdrawn",
                "pupil",
                pupil.id,
                school_id=pupil.school_id,
                after={
                    "purpose": purpose.code,
                    "relation": rel.value,
                    "channel": chan.value,
                    "given_on": on.isoformat(),
                    "decision_id": decision.id,
                },
            )
            form = form_info(work.session, current)
            history = decisions_by_pupil(work.session, [pupil.id]).get(pupil.id, {})
            return status_row(pupil_ref(pupil), form, history, today())

    # ----------------------------------------------------------------- reading

    def pupil_status(self, pupil_id: int, on: date | None = None) -> PupilConsentStatus:
        with self._work(Permission.VIEW_PUPILS) as work:
            pupil = self._pupil(work, pupil_id)
            form = form_info(work.session, ensure_form(work, pupil.school_id))
            history = decisions_by_pupil(work.session, [pupil.id]).get(pupil.id, {})
            return status_row(pupil_ref(pupil), form, history, on or today())

    def history(self, pupil_id: int) -> list[DecisionRow]:
        """Every decision and withdrawal of the pupil, oldest first, with a note when it no longer counts."""
        with self._work(Permission.VIEW_PUPILS) as work:
            return history_rows(work.session, self._pupil(work, pupil_id))

    def group_grid(self, school_id: int, group_id: int | None, on: date | None = None) -> GroupConsentGrid:
        """Pupils x purposes for one group (None: the whole school), plus per purpose who may NOT."""
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            return build_grid(work.session, school_id, group_id, ensure_form(work, school_id), on or today())

    def groups(self, school_id: int) -> list[GroupRef]:
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            return school_groups(work.session, school_id)

    def find_group(self, school_id: int, name: str) -> GroupRef:
        wanted = "".join(name.split()).lower()
        for group in self.groups(school_id):
            if "".join(group.name.split()).lower() == wanted:
                return group
        raise BadInputError(f"Groep '{name.strip()}' bestaat niet op deze school. Controleer de naam.")

    def pupil_by_number(self, school_id: int, pupil_number: str) -> PupilHit:
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            pupil = work.session.scalars(
                select(Pupil).where(Pupil.school_id == school_id, Pupil.pupil_number == pupil_number.strip())
            ).first()
            if pupil is None:
                raise NotFoundError(
                    f"Er is geen leerling met leerlingnummer {pupil_number.strip()} op deze school."
                )
            ref = pupil_ref(pupil)
            return PupilHit(ref.id, ref.pupil_number, ref.name, ref.group_name, ref.date_of_birth)

    def pupil_index(self, school_id: int) -> PupilIndex:
        """All pupils at school now, in register order, for type-ahead search in memory."""
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            entries = []
            for pupil in enrolled_pupils(work.session, school_id, None, today()):
                ref = pupil_ref(pupil)
                words = name_words(pupil.first_name, pupil.infix, pupil.last_name)
                entries.append(
                    (words, PupilHit(ref.id, ref.pupil_number, ref.name, ref.group_name, ref.date_of_birth))
                )
            return PupilIndex(entries)

    def pupil_search(self, school_id: int, text: str, limit: int = 20) -> list[PupilHit]:
        """A few letters of a first or last name (diacritics ignored: "sukru" finds "Şükrü"), or a
        pupil number. For typing in a screen, keep a ``pupil_index`` and search that per keystroke."""
        return self.pupil_index(school_id).search(text, limit)

    # ----------------------------------------------------------------- helpers

    def _pupil(self, work: Work, pupil_id: int) -> Pupil:
        return work.school_record(Pupil, pupil_id, "Deze leerling bestaat niet (meer). Vernieuw het scherm.")
