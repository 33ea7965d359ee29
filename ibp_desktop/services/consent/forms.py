"""Consent purposes and form versions of a school.

A form version is the exact text and the purposes as parents saw them; it is never changed. Changing a
purpose's wording, adding or re-activating a purpose, or changing the text (for the purposes the user
names) makes a new version, and those purposes need new consent from that version on.
A school without a form gets the defaults from resources/seed on first use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.consent.rules import ConsentValidity, fold
from ibp_desktop.core.errors import BadInputError, NotFoundError, StaleEditError
from ibp_desktop.core.roles import Permission
from ibp_desktop.resources import resource_path
from ibp_desktop.services.consent.validity import validity_of
from ibp_desktop.services.context import Service, Work
from ibp_desktop.store.consent_models import ConsentFormPurpose, ConsentFormVersion, ConsentPurpose
from ibp_desktop.store.models import User

STALE_PURPOSE = (
    "Iemand anders heeft dit doel net ook gewijzigd. Uw wijziging is niet opgeslagen. "
    "Open het doel opnieuw en probeer het nog eens."
)


@dataclass(frozen=True)
class PurposeInfo:
    id: int
    code: str
    label: str
    description: str
    active: bool
    sort_order: int
    asked_since: int  # form version number from which consent for this wording is needed
    version: int  # pass back to edit_purpose (optimistic locking)


@dataclass(frozen=True)
class FormPurpose:
    """A purpose as one form version asks it; ``changed``: new or changed in this version."""

    purpose_id: int
    code: str
    label: str
    description: str
    changed: bool
    asked_since: int


@dataclass(frozen=True)
class FormVersionInfo:
    id: int
    school_id: int
    number: int
    text: str
    purposes: tuple[FormPurpose, ...]
    created_at: datetime
    created_by: str
    yearly: bool = False  # the school lets a "yes" lapse each school year (consent_validity setting)

    @property
    def label(self) -> str:
        return f"versie {self.number}"


@cache
def default_purposes() -> tuple[tuple[str, str, str], ...]:
    """(code, label, description) from resources/seed/consent_purposes.json."""
    raw = json.loads(resource_path("seed", "consent_purposes.json").read_text(encoding="utf-8"))
    return tuple((item["code"], item["label"], item["description"]) for item in raw)


@cache
def default_form_text() -> str:
    return resource_path("seed", "consent_form_text.md").read_text(encoding="utf-8").strip()


def latest_form(session: Session, school_id: int) -> ConsentFormVersion | None:
    return session.scalars(
        select(ConsentFormVersion)
        .where(ConsentFormVersion.school_id == school_id)
        .order_by(ConsentFormVersion.number.desc())
        .limit(1)
    ).first()


def ensure_form(work: Work, school_id: int) -> ConsentFormVersion:
    """The school's current form; installs the default purposes and text when it has none yet."""
    current = latest_form(work.session, school_id)
    if current is not None:
        return current
    for order, (code, label, description) in enumerate(default_purposes()):
        work.session.add(
            ConsentPurpose(
                school_id=school_id, code=code, label=label, description=description, sort_order=order
            )
        )
    work.session.flush()
    return new_version(work, school_id, default_form_text(), changed=None)


def _active_purposes(session: Session, school_id: int) -> list[ConsentPurpose]:
    return list(
        session.scalars(
            select(ConsentPurpose)
            .where(ConsentPurpose.school_id == school_id, ConsentPurpose.active.is_(True))
            .order_by(ConsentPurpose.sort_order, ConsentPurpose.id)
        )
    )


def new_version(
    work: Work, school_id: int, text: str, *, changed: Collection[int] | None
) -> ConsentFormVersion:
    """A new form version with the school's active purposes; ``changed`` None means all are new."""
    previous = latest_form(work.session, school_id)
    number = 1 if previous is None else previous.number + 1
    version = ConsentFormVersion(
        school_id=school_id, number=number, form_text=text, created_by_user_id=work.actor.user_id
    )
    work.session.add(version)
    work.session.flush()
    purposes = _active_purposes(work.session, school_id)
    marked = [p for p in purposes if changed is None or p.id in changed]
    for position, purpose in enumerate(purposes):
        if purpose in marked:
            purpose.asked_since = number
        work.session.add(
            ConsentFormPurpose(
                form_version_id=version.id,
                purpose_id=purpose.id,
                position=position,
                label=purpose.label,
                description=purpose.description,
                changed=purpose in marked,
            )
        )
    _flush(work.session)
    work.audit(
        "consent_form_version_created",
        "consent_form_version",
        version.id,
        school_id=school_id,
        after={
            "number": number,
            "purposes": [p.code for p in purposes],
            "ask_again": [p.code for p in marked],
        },
    )
    return version


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as error:
        raise StaleEditError(STALE_PURPOSE) from error


def form_info(session: Session, version: ConsentFormVersion, *, with_creator: bool = True) -> FormVersionInfo:
    rows = session.execute(
        select(ConsentFormPurpose, ConsentPurpose.code, ConsentPurpose.asked_since)
        .join(ConsentPurpose, ConsentPurpose.id == ConsentFormPurpose.purpose_id)
        .where(ConsentFormPurpose.form_version_id == version.id)
        .order_by(ConsentFormPurpose.position)
    ).all()
    creator = (
        session.get(User, version.created_by_user_id) if with_creator and version.created_by_user_id else None
    )
    return FormVersionInfo(
        id=version.id,
        school_id=version.school_id,
        number=version.number,
        text=version.form_text,
        purposes=tuple(
            FormPurpose(fp.purpose_id, code, fp.label, fp.description, fp.changed, asked_since)
            for fp, code, asked_since in rows
        ),
        created_at=version.created_at,
        created_by=creator.full_name if creator else "IBP Desktop",
        yearly=validity_of(session, version.school_id) is ConsentValidity.SCHOOL_YEAR,
    )


def _purpose_info(p: ConsentPurpose) -> PurposeInfo:
    return PurposeInfo(p.id, p.code, p.label, p.description, p.active, p.sort_order, p.asked_since, p.version)


def _clean_label(label: str) -> str:
    text = " ".join(label.split())
    if not text:
        raise BadInputError("Vul een naam in voor het doel, bijvoorbeeld 'Website'.")
    if len(text) > 100:
        raise BadInputError("De naam van het doel is te lang (meer dan 100 tekens). Maak hem korter.")
    return text


def _code_for(label: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")[:36] or "doel"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


class ConsentFormsPart(Service):
    """Purposes and form versions (MANAGE_CONSENT_FORMS to change, VIEW_PUPILS to read)."""

    def purposes(self, school_id: int, *, include_inactive: bool = True) -> list[PurposeInfo]:
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            ensure_form(work, school_id)
            rows = work.session.scalars(
                select(ConsentPurpose)
                .where(ConsentPurpose.school_id == school_id)
                .order_by(ConsentPurpose.sort_order, ConsentPurpose.id)
            )
            return [_purpose_info(p) for p in rows if include_inactive or p.active]

    def current_form(self, school_id: int) -> FormVersionInfo:
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            return form_info(work.session, ensure_form(work, school_id))

    def form_versions(self, school_id: int) -> list[FormVersionInfo]:
        """Every version, newest first (the exact texts parents saw, for proof)."""
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            ensure_form(work, school_id)
            versions = work.session.scalars(
                select(ConsentFormVersion)
                .where(ConsentFormVersion.school_id == school_id)
                .order_by(ConsentFormVersion.number.desc())
            )
            return [form_info(work.session, v) for v in versions]

    def add_purpose(self, school_id: int, label: str, description: str = "") -> FormVersionInfo:
        """A new purpose; makes a new form version on which it needs consent."""
        clean = _clean_label(label)
        with self._work(Permission.MANAGE_CONSENT_FORMS, school_id=school_id) as work:
            current = ensure_form(work, school_id)
            existing = list(
                work.session.scalars(select(ConsentPurpose).where(ConsentPurpose.school_id == school_id))
            )
            if any(fold(p.label) == fold(clean) for p in existing):
                raise BadInputError(f"Er is al een doel '{clean}'. Kies een andere naam of wijzig dat doel.")
            purpose = ConsentPurpose(
                school_id=school_id,
                code=_code_for(clean, {p.code for p in existing}),
                label=clean,
                description=description.strip(),
                sort_order=max((p.sort_order for p in existing), default=-1) + 1,
            )
            work.session.add(purpose)
            work.session.flush()
            work.audit(
                "consent_purpose_added",
                "consent_purpose",
                purpose.id,
                school_id=school_id,
                after={"code": purpose.code},
            )
            return form_info(
                work.session, new_version(work, school_id, current.form_text, changed={purpose.id})
            )

    def edit_purpose(
        self,
        school_id: int,
        purpose_id: int,
        *,
        label: str,
        description: str,
        active: bool,
        expected_version: int,
    ) -> FormVersionInfo:
        """Change a purpose. New wording or re-activation means new consent for it; deactivating drops
        it from the form. Every change makes a new form version."""
        clean = _clean_label(label)
        with self._work(Permission.MANAGE_CONSENT_FORMS, school_id=school_id) as work:
            current = ensure_form(work, school_id)
            purpose = work.session.get(ConsentPurpose, purpose_id)
            if purpose is None or purpose.school_id != school_id:
                raise NotFoundError("Dit doel bestaat niet (meer). Vernieuw de lijst.")
            if purpose.version != expected_version:
                raise StaleEditError(STALE_PURPOSE)
            reworded = (clean, description.strip()) != (purpose.label, purpose.description)
            reactivated = active and not purpose.active
            if not reworded and active == purpose.active:
                return form_info(work.session, current)
            before = {"label_changed": reworded, "active": purpose.active}
            purpose.label, purpose.description, purpose.active = clean, description.strip(), active
            _flush(work.session)
            work.audit(
                "consent_purpose_changed",
                "consent_purpose",
                purpose.id,
                school_id=school_id,
                before=before,
                after={"code": purpose.code, "active": active},
            )
            ask_again = {purpose.id} if active and (reworded or reactivated) else set()
            return form_info(work.session, new_version(work, school_id, current.form_text, changed=ask_again))

    def set_form_text(self, school_id: int, text: str, *, ask_again: Collection[int]) -> FormVersionInfo:
        """New form text. ``ask_again``: the purposes whose meaning the new text changes (may be empty,
        e.g. for a spelling fix); they need new consent."""
        if not text.strip():
            raise BadInputError("De formuliertekst is leeg. Vul de tekst in die ouders te zien krijgen.")
        with self._work(Permission.MANAGE_CONSENT_FORMS, school_id=school_id) as work:
            current = ensure_form(work, school_id)
            if text.strip() == current.form_text.strip() and not ask_again:
                return form_info(work.session, current)
            active = {p.id for p in _active_purposes(work.session, school_id)}
            unknown = set(ask_again) - active
            if unknown:
                raise BadInputError("Een gekozen doel staat niet (meer) op het formulier. Vernieuw de lijst.")
            return form_info(work.session, new_version(work, school_id, text.strip(), changed=set(ask_again)))
