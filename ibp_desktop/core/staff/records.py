"""Plain rows of the staff-awareness area, as services return them to pages, commands and reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ibp_desktop.core.staff.rules import Leader, Method, StaffFigures, StaffStatus, Topic


@dataclass(frozen=True)
class StaffInput:
    name: str
    function: str = ""
    started_on: date | None = None
    left_on: date | None = None
    email: str = ""
    staff_number: str = ""


@dataclass(frozen=True)
class StaffRow:
    id: int
    version: int
    school_id: int
    staff_number: str
    name: str
    function: str
    started_on: date | None
    left_on: date | None
    email: str
    status: StaffStatus
    status_text: str
    level: str
    acknowledged_on: date | None  # of the current code of conduct
    acknowledged_how: str
    last_session_on: date | None


@dataclass(frozen=True)
class CodeVersion:
    """The version of a must-know document that staff acknowledge now."""

    document_id: int
    code: str
    title: str
    version_id: int
    number: int
    in_force: bool


@dataclass(frozen=True)
class SessionInput:
    held_on: date
    topic: Topic
    led_by: Leader
    attendee_ids: tuple[int, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class SessionRow:
    id: int
    version: int
    school_id: int
    held_on: date
    topic: Topic
    topic_label: str
    led_by: Leader
    led_by_label: str
    note: str
    attendee_ids: tuple[int, ...]
    attendee_names: tuple[str, ...]
    recorded_by: str


@dataclass(frozen=True)
class AckLine:
    """One line of the printable acknowledgement list: a name, and the date if already acknowledged."""

    name: str
    function: str
    acknowledged_on: date | None
    method: Method | None


@dataclass(frozen=True)
class AcknowledgementList:
    school_name: str
    document: CodeVersion | None
    lines: tuple[AckLine, ...]
    today: date


@dataclass(frozen=True)
class MustKnow:
    """The "wat moet ik weten" page for new staff: the school's documents and the rules in short."""

    school_name: str
    documents: tuple[CodeVersion, ...]
    today: date


@dataclass(frozen=True)
class AwarenessRegister:
    school_name: str
    sessions: tuple[SessionRow, ...]
    staff_count: int
    figures: StaffFigures
    period: tuple[date, date]
    today: date
