"""Retention in the demo school: the default schedule, records registered by hand (applicants' letters,
camera footage held for an incident, a teacher's file), one referred pupil, and a clean-up run proposed
by the administration that waits for the director's approval. Nothing is deleted: the demo keeps its
pupils."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, timedelta

from sqlalchemy import select

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.incidents.rules import IncidentStatus
from ibp_desktop.core.retention.rules import System
from ibp_desktop.services.context import actor_from_user
from ibp_desktop.services.retention.runs import RetentionRunService
from ibp_desktop.services.retention.schedule import RetentionService
from ibp_desktop.store.database import Database
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.models import Pupil, User


def add_demo_retention(database: Database, school_id: int, user_id: int, today: date) -> None:
    """``user_id``: the administration's account, which registers the items and proposes the run."""
    with database.transaction() as session:
        user = session.get(User, user_id)
        assert user is not None
        actor = actor_from_user(session, user)
        left = session.scalars(
            select(Pupil.id)
            .where(Pupil.school_id == school_id, Pupil.deregistered_on.is_not(None))
            .order_by(Pupil.deregistered_on)
        ).all()
        open_incident = session.scalars(
            select(Incident.number)
            .where(Incident.school_id == school_id, Incident.status != IncidentStatus.CLOSED.value)
            .order_by(Incident.id)
        ).first()
    retention = RetentionService(database, actor)
    retention.register_item(
        school_id,
        "sollicitaties",
        "Sollicitaties vacature groep 6 (niet aangenomen)",
        today - timedelta(days=40),
    )
    camera = retention.register_item(
        school_id, "camerabeelden", "Camerabeelden hoofdingang (recorder)", today - timedelta(days=35)
    )
    if open_incident is not None:
        retention.set_item_hold(camera.id, "", incident_number=open_incident)
    retention.register_item(
        school_id,
        "personeelsdossier",
        "Personeelsdossier leerkracht groep 3 (uit dienst)",
        date(today.year - 3, 7, 31),
    )
    retention.register_item(
        school_id,
        "financiele_administratie",
        "Boekhouding en facturen",
        date(today.year - 8, 6, 30),
        System.PAPER,
    )
    if left:
        retention.set_pupil_marks(left[0], referred=True)
    if len(left) > 1:
        retention.set_pupil_marks(left[1], hold_reason="Klacht van de ouders loopt nog (geschillencommissie)")
    with suppress(BadInputError):  # nothing due on this date: the demo then shows an empty run list
        RetentionRunService(database, actor).propose(school_id, today)
