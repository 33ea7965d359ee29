"""The action register (plan van aanpak): the "Act" of the yearly PDCA cycle (DOMAIN.md section 6)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from ibp_desktop.core.requests import Level


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class ActionSource(StrEnum):
    INCIDENT = "incident_evaluation"
    AUDIT = "audit"
    YEARLY = "yearly_evaluation"
    DPIA = "dpia"
    OTHER = "other"


STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "Bezig",
    ActionStatus.DONE: "Klaar",
}
SOURCE_LABELS: dict[ActionSource, str] = {
    ActionSource.INCIDENT: "Evaluatie incident",
    ActionSource.AUDIT: "Audit",
    ActionSource.YEARLY: "Jaarevaluatie",
    ActionSource.DPIA: "Maatregel uit DPIA",
    ActionSource.OTHER: "Anders",
}


def due_text(status: ActionStatus, due_on: date | None, today: date) -> tuple[str, Level]:
    """ "Klaar", "Te laat (sinds 01-03-2026)", "Uiterlijk 01-03-2026" or "Geen datum", with a level."""
    if status is ActionStatus.DONE:
        return STATUS_LABELS[status], Level.OK
    if due_on is None:
        return "Geen datum", Level.OK
    if due_on < today:
        return f"Te laat (sinds {due_on:%d-%m-%Y})", Level.RED
    level = Level.AMBER if (due_on - today).days <= 14 else Level.OK
    return f"Uiterlijk {due_on:%d-%m-%Y}", level


DUE_AFTER = relativedelta(months=3)  # a new action is proposed to be done within a school term or so


def default_due_on(today: date) -> date:
    """The proposed "Klaar op" of an action added today."""
    return today + DUE_AFTER
