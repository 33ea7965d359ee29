"""The letter to the people affected by a breach (AVG art. 34) and the FG's contact details it names."""

from __future__ import annotations

from datetime import datetime

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.incidents.breach_letter import Audience, BreachLetter, draft_letter
from ibp_desktop.core.roles import Permission
from ibp_desktop.services.context import Service
from ibp_desktop.services.incidents.register import IncidentService
from ibp_desktop.store.models import Setting
from ibp_desktop.store.types import utc_now

FG_CONTACT_KEY = "fg_contact"
MAX_CONTACT = 500


class BreachLetterService(Service):
    def fg_contact(self) -> str:
        """Name, e-mail address and phone number of the FG, as the school wrote them; "" when not set."""
        with self._work(Permission.VIEW_DASHBOARD) as work:
            row = work.session.get(Setting, FG_CONTACT_KEY)
            return "" if row is None else row.value

    def set_fg_contact(self, text: str) -> None:
        value = "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())
        if len(value) > MAX_CONTACT:
            raise BadInputError(f"De contactgegevens van de FG zijn te lang (meer dan {MAX_CONTACT} tekens).")
        with self._work(Permission.MANAGE_SETTINGS) as work:
            row = work.session.get(Setting, FG_CONTACT_KEY)
            before = None if row is None else row.value
            work.session.merge(Setting(key=FG_CONTACT_KEY, value=value))
            # The contact details are of a professional, not a data subject: the audit may show them.
            work.audit(
                "setting_changed", "setting", FG_CONTACT_KEY, before={"value": before}, after={"value": value}
            )

    def draft(self, incident_id: int, audience: Audience) -> BreachLetter:
        detail = IncidentService(self.database, self.actor).detail(incident_id)
        return draft_letter(detail, audience, self.fg_contact())

    def letter_pdf(self, incident_id: int, audience: Audience, now: datetime | None = None) -> bytes:
        from ibp_desktop.reports.breach_letter import render_breach_letter

        letter = self.draft(incident_id, audience)
        with self._work(Permission.VIEW_INCIDENTS) as work:
            work.audit("breach_letter_drafted", "incident", incident_id, after={"audience": audience.value})
        return render_breach_letter(letter, now or utc_now())
