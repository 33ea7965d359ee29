"""The school setting for how long image consent lasts: until withdrawn (AP) or each school year
(Kennisnet). The group overview, the pupil's status and the Overzicht follow it (DOMAIN.md 1)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ibp_desktop.core.consent.rules import VALIDITY_LABELS, ConsentValidity
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import Service
from ibp_desktop.store.models import Setting

DEFAULT = ConsentValidity.UNTIL_WITHDRAWN  # the AP's reading, and what release 0008 did


def _key(school_id: int) -> str:
    return f"consent_validity:{school_id}"


def validity_of(session: Session, school_id: int) -> ConsentValidity:
    row = session.get(Setting, _key(school_id))
    return ConsentValidity(row.value) if row is not None and row.value in set(ConsentValidity) else DEFAULT


class ConsentValidityService(Service):
    def validity(self, school_id: int) -> ConsentValidity:
        with self._work(Permission.VIEW_DASHBOARD, school_id=school_id) as work:
            return validity_of(work.session, school_id)

    def set_validity(self, school_id: int, validity: ConsentValidity) -> None:
        with self._work(Permission.MANAGE_SETTINGS, school_id=school_id) as work:
            before = validity_of(work.session, school_id)
            work.session.merge(Setting(key=_key(school_id), value=ConsentValidity(validity).value))
            work.audit(
                "setting_changed",
                "setting",
                _key(school_id),
                before={"value": before.value},
                after={"value": validity.value, "label": VALIDITY_LABELS[validity]},
                school_id=school_id,
            )
