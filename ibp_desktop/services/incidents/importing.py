"""Import the school's existing incident register (CSV or .xlsx), keeping its numbers; all or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ibp_desktop.core.incidents.rules import LABELS, Decision, IncidentStatus, TimelineKind
from ibp_desktop.core.roles import Permission
from ibp_desktop.importers.header import SkippedRow
from ibp_desktop.importers.incidents import INCIDENT_FIELDS as INCIDENT_FIELDS  # the dialog lists them
from ibp_desktop.importers.incidents import ImportedIncident, read_incidents
from ibp_desktop.importers.mapping import (
    ColumnMapping,
    guess_mapping,
    mapping_lines,
    unused_headers,
)
from ibp_desktop.importers.tabular import Table, read_table
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.import_mappings import chosen_mapping, remember
from ibp_desktop.services.incidents import mapping as mapping
from ibp_desktop.store.incident_models import Incident
from ibp_desktop.store.types import utc_now

Overrides = Mapping[str, int | str | None]
CAPTIONS = tuple(c for spec in INCIDENT_FIELDS for c in (spec.label_nl, *spec.synonyms))


@dataclass(frozen=True)
class IncidentColumns:
    """The file's header and the guessed mapping: the dialog's first step, read by the service."""

    source: str
    headers: tuple[str, ...]
    mapping: dict[str, int]
    skipped: tuple[SkippedRow, ...]


@dataclass(frozen=True)
class IncidentImportPreview:
    source: str
    kind: str  # "CSV, puntkomma, UTF-8" / "Excel (.xlsx)"
    headers: tuple[str, ...]
    mapping: dict[str, int]  # field key -> column index, for the mapping step of a page
    records: tuple[ImportedIncident, ...]
    skipped: tuple[SkippedRow, ...] = ()

    @property
    def unused_columns(self) -> tuple[str, ...]:
        return unused_headers(self.headers, self.mapping)

    @property
    def mapping_lines(self) -> list[str]:
        return mapping_lines(INCIDENT_FIELDS, self.headers, self.mapping)


class IncidentImportService(Service):
    def columns(self, school_id: int, path: Path | str) -> IncidentColumns:
        """Read the file's header (below any title rows) and which column holds which field: the mapping
        of the last import of this layout, else the guess."""
        table = read_table(path, CAPTIONS)
        with self._work(Permission.MANAGE_INCIDENTS, school_id=school_id) as work:
            used = _mapping(work, school_id, table, None)
        return IncidentColumns(table.source_name, tuple(table.headers), used, table.skipped)

    def preview(
        self, school_id: int, path: Path | str, overrides: Overrides | None = None
    ) -> IncidentImportPreview:
        """Read and check the whole file; ImportRejected (Dutch, rows and columns) when anything is wrong."""
        table = read_table(path, CAPTIONS)
        with self._work(Permission.MANAGE_INCIDENTS, school_id=school_id) as work:
            used = _mapping(work, school_id, table, overrides)
            records = read_incidents(table, used, utc_now(), _existing(work, school_id))
        return IncidentImportPreview(
            table.source_name, table.describe(), tuple(table.headers), used, tuple(records), table.skipped
        )

    def import_file(self, school_id: int, path: Path | str, overrides: Overrides | None = None) -> int:
        """Check again inside the writing transaction and insert every incident, or nothing."""
        table = read_table(path, CAPTIONS)
        with self._work(Permission.MANAGE_INCIDENTS, school_id=school_id) as work:
            used = _mapping(work, school_id, table, overrides)
            now = utc_now()
            records = read_incidents(table, used, now, _existing(work, school_id))
            for record in records:
                work.session.add(_incident(work, school_id, record, table.source_name))
            work.session.flush()
            remember(work.session, school_id, "incidents", table.headers, used, INCIDENT_FIELDS)
            work.audit(
                "incidents_imported",
                "school",
                school_id,
                school_id=school_id,
                after={"incidents": len(records), "numbers": [r.number for r in records][:50]},
            )
            return len(records)


def _mapping(work: Work, school_id: int, table: Table, overrides: Overrides | None) -> ColumnMapping:
    guessed = guess_mapping(table.headers, INCIDENT_FIELDS)
    used, _from_memory = chosen_mapping(
        work.session, school_id, "incidents", table.headers, INCIDENT_FIELDS, guessed, overrides
    )
    return used


def _existing(work: Work, school_id: int) -> set[str]:
    return set(work.session.scalars(select(Incident.number).where(Incident.school_id == school_id)))


def _incident(work: Work, school_id: int, record: ImportedIncident, source: str) -> Incident:
    now = utc_now()
    incident = Incident(
        school_id=school_id,
        number=record.number,
        status=record.status.value,
        reported_at=record.facts.discovered_at,  # the old register has no separate reporting time
        reported_by_id=None,
        reported_by_name=record.reported_by or "onbekend (geïmporteerd)",
        decision=record.decision.value if record.decision else None,
        preliminary_notified_at=record.notified_at,
        ap_reference=record.ap_reference,
        late_reason=record.late_reason,
        decision_reasons=record.decision_reasons,
        evaluation=record.evaluation,
        closed_at=record.closed_at,
        closed_by_name="volgens het oude register" if record.status is IncidentStatus.CLOSED else "",
    )
    mapping.apply_facts(incident, record.facts)
    mapping.apply_form(incident, record.form)
    text = f"Overgenomen uit het oude register ({source}, rij {record.row})."
    if record.decision:
        text += f" Beoordeling daar: {LABELS[record.decision]}."
    if (
        record.decision in (Decision.NOTIFY_AP, Decision.NOTIFY_AP_AND_SUBJECTS)
        and record.notified_at is None
    ):
        text += " Volgens het register gemeld bij de AP; de datum van de melding staat er niet in."
    mapping.add_entry(incident, TimelineKind.IMPORTED, work.actor.user_id, work.actor.full_name, text, now)
    return incident
