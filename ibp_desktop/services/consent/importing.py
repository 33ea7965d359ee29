"""Importing consent answers from a parent-app export (Parro, Social Schools, Magister).

Two calls, like the pupil import. ``preview`` reads the file, guesses (or takes) the column mapping,
checks every row, matches the pupils and computes what would be recorded; it writes no answers and
returns everything a preview page shows, problems included. ``apply`` records that in one transaction
after checking the file again there: if anything changed in between (pupils, form, answers), it
refuses (StaleEditError) instead of recording answers nobody saw. Answers go through the consent
service's insert path, append-only; one audit entry with counts only (no names).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.core.consent.rules import (
    CHANNEL_LABELS,
    RELATION_LABELS,
    Channel,
    Relation,
    parse_channel,
    parse_relation,
)
from ibp_desktop.core.errors import BadInputError, StaleEditError
from ibp_desktop.core.roles import Permission
from ibp_desktop.importers.consent import AnswerDefaults, ConsentRow, read_consent
from ibp_desktop.importers.consent_diff import (
    ConsentDiff,
    ConsentDiffCounts,
    PastDecision,
    PupilAnswers,
    diff_consent,
)
from ibp_desktop.importers.consent_fields import (
    DEFAULT_GIVEN_BY,
    MAX_GIVEN_BY,
    PurposeColumn,
    check_consent_mapping,
    consent_fields,
    guess_consent_mapping,
    purpose_keys,
)
from ibp_desktop.importers.mapping import ColumnMapping, unused_headers
from ibp_desktop.importers.problems import ImportProblem, ImportRejected
from ibp_desktop.importers.tabular import Table, read_table
from ibp_desktop.importers.values import cell_text, format_date
from ibp_desktop.services.consent.campaigns import campaign_for
from ibp_desktop.services.consent.decisions import NewDecision, insert_decisions
from ibp_desktop.services.consent.forms import ensure_form, form_info
from ibp_desktop.services.consent.queries import today as school_today
from ibp_desktop.services.context import Service, Work
from ibp_desktop.services.import_mappings import chosen_mapping, remember
from ibp_desktop.services.pupils.importing import existing_pupils
from ibp_desktop.store.consent_models import ConsentDecision, ConsentFormVersion

__all__ = [
    "ConsentDiff",
    "ConsentDiffCounts",
    "ConsentFieldChoice",
    "ConsentImportPreview",
    "ConsentImportResult",
    "ConsentImportService",
    "PupilAnswers",
]

PREVIEW_ROWS = 10
STALE_CONSENT_IMPORT = (
    "De leerlingen, het toestemmingsformulier of de antwoorden zijn gewijzigd sinds de voorvertoning "
    "(door iemand anders of een andere import). Er is niets geïmporteerd. Lees het bestand opnieuw in en "
    "controleer de wijzigingen."
)


@dataclass(frozen=True)
class ConsentFieldChoice:
    """One field of the mapping step; ``purpose_id`` is set for the yes/no column of a purpose."""

    key: str
    label: str
    purpose_id: int | None
    column: int | None
    column_name: str | None


@dataclass(frozen=True)
class ConsentImportPreview:
    """Everything the preview shows. ``problems`` empty means ``apply`` may be called."""

    school_id: int
    source_name: str
    file_description: str  # "CSV, puntkomma, UTF-8"
    headers: tuple[str, ...]
    fields: tuple[ConsentFieldChoice, ...]
    mapping: dict[str, int] = field(hash=False)  # field key -> column index, as used
    unused_columns: tuple[str, ...]  # headers no field reads (shown so the user can map them)
    sample_rows: tuple[tuple[str, ...], ...]
    sample_row_numbers: tuple[int, ...]
    row_count: int
    form_id: int
    form_number: int
    channel: Channel
    defaults: AnswerDefaults  # given_on, given_by, relation when the file has no value
    problems: tuple[ImportProblem, ...]
    diff: ConsentDiff
    table: Table = field(hash=False, compare=False, repr=False)  # checked again by ``apply``

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def counts(self) -> ConsentDiffCounts:
        return self.diff.counts

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS[self.channel]

    @property
    def relation_label(self) -> str:
        return RELATION_LABELS[self.defaults.relation]

    def raise_if_problems(self) -> None:
        if self.problems:
            raise ImportRejected(self.problems, self.source_name)


@dataclass(frozen=True)
class ConsentImportResult:
    pupils: int  # pupils with at least one answer recorded
    decisions: int  # answers recorded (new + confirmed + changed)
    new: int
    confirmed: int
    changed: int
    unchanged: int
    refusals: int  # recorded answers that are "no"

    @property
    def wrote_anything(self) -> bool:
        return self.decisions > 0


class ConsentImportService(Service):
    """Consent answers from a parent-app export. Permission: RECORD_CONSENT."""

    def preview(
        self,
        school_id: int,
        path: Path | str,
        mapping: Mapping[str, int | str | None] | None = None,
        *,
        given_on: date | None = None,
        given_by: str | None = None,
        relation: Relation | str | None = None,
        channel: Channel | str = Channel.PARENT_APP,
        today: date | None = None,
    ) -> ConsentImportPreview:
        """Read and check the file and compute what would be recorded; records nothing.

        ``mapping`` corrects the guessed mapping: field key (or Dutch label; a purpose by its code or
        label) -> column index, header text, or None for "not in this file". ``given_on``, ``given_by``
        and ``relation`` apply to rows without a date, name or relation column (default: today,
        "ouder/verzorger via ouderapp", ouder/verzorger 1). An unreadable file or bad mapping raises
        ImportRejected; problems in rows come back in ``preview.problems``.
        """
        now = today or school_today()
        defaults = _defaults(given_on, given_by, relation, now)
        chan = _channel(channel)
        with self._work(Permission.RECORD_CONSENT, school_id=school_id):
            pass  # check the permission before the file is even read
        with self._work(Permission.RECORD_CONSENT, school_id=school_id) as work:
            form = ensure_form(work, school_id)  # a school's first use installs the default form
            purposes = _purposes(work.session, form)
            specs = consent_fields(purposes)
            table = read_table(path, [c for spec in specs for c in (spec.label_nl, *spec.synonyms)])
            guessed = guess_consent_mapping(table.headers, specs)
            chosen, _from_memory = chosen_mapping(
                work.session, school_id, "consent", table.headers, specs, guessed, mapping
            )
            used, _missing = check_consent_mapping(chosen, purposes)
            try:
                rows = read_consent(table, used, purposes, existing_pupils(work.session, school_id), defaults)
                problems: tuple[ImportProblem, ...] = ()
            except ImportRejected as rejected:
                rows, problems = [], rejected.problems
            diff = diff_consent(rows, purposes, past_decisions(work.session, rows), chan)
            return _build_preview(school_id, table, used, purposes, form, chan, defaults, problems, diff)

    def apply(self, school_id: int, preview: ConsentImportPreview) -> ConsentImportResult:
        """Record the previewed answers, all or nothing, in one transaction."""
        if preview.school_id != school_id:
            raise BadInputError(
                "Deze voorvertoning hoort bij een andere school. Lees het bestand opnieuw in."
            )
        preview.raise_if_problems()
        with self._work(Permission.RECORD_CONSENT, school_id=school_id) as work:
            session = work.session
            pupils = existing_pupils(session, school_id, lock=True)
            form = ensure_form(work, school_id)
            if form.id != preview.form_id:
                raise StaleEditError(STALE_CONSENT_IMPORT)
            purposes = _purposes(session, form)
            try:
                rows = read_consent(preview.table, preview.mapping, purposes, pupils, preview.defaults)
            except ImportRejected as error:
                raise StaleEditError(STALE_CONSENT_IMPORT) from error
            diff = diff_consent(rows, purposes, past_decisions(session, rows), preview.channel)
            if diff != preview.diff:
                raise StaleEditError(STALE_CONSENT_IMPORT)
            specs = consent_fields(purposes)
            remember(session, school_id, "consent", preview.headers, preview.mapping, specs)
            return _write(work, school_id, diff, preview)


# ---------------------------------------------------------------------- reading


def _defaults(
    given_on: date | None, given_by: str | None, relation: Relation | str | None, today: date
) -> AnswerDefaults:
    on = given_on or today
    if on > today:
        raise BadInputError(
            f"De datum {format_date(on)} ligt in de toekomst. Kies de datum van de antwoorden."
        )
    name = " ".join((given_by or "").split()) or DEFAULT_GIVEN_BY
    if len(name) > MAX_GIVEN_BY:
        raise BadInputError(f"'Ingevuld door' is te lang (hoogstens {MAX_GIVEN_BY} tekens).")
    try:
        rel = relation if isinstance(relation, Relation) else parse_relation(relation or "ouder 1")
    except ValueError as error:
        raise BadInputError(str(error)) from error
    return AnswerDefaults(given_on=on, today=today, given_by=name, relation=rel)


def _channel(value: Channel | str) -> Channel:
    try:
        return value if isinstance(value, Channel) else parse_channel(value)
    except ValueError as error:
        raise BadInputError(str(error)) from error


def _purposes(session: Session, form: ConsentFormVersion) -> list[PurposeColumn]:
    info = form_info(session, form, with_creator=False)
    return [PurposeColumn(p.purpose_id, p.code, p.label, p.asked_since) for p in info.purposes]


def past_decisions(session: Session, rows: Sequence[ConsentRow]) -> dict[tuple[int, int], list[PastDecision]]:
    """(pupil id, purpose id) -> the decisions already recorded, for the pupils in the file."""
    found: dict[tuple[int, int], list[PastDecision]] = defaultdict(list)
    pupil_ids = sorted({row.pupil.id for row in rows})
    for start in range(0, len(pupil_ids), 900):  # SQLite limits the bound parameters of one IN list
        query = (
            select(
                ConsentDecision.pupil_id,
                ConsentDecision.purpose_id,
                ConsentDecision.relation,
                ConsentDecision.granted,
                ConsentDecision.withdrawal,
                ConsentDecision.channel,
                ConsentDecision.school_year,
                ConsentFormVersion.number,
                ConsentDecision.given_on,
                ConsentDecision.id,
            )
            .join(ConsentFormVersion, ConsentFormVersion.id == ConsentDecision.form_version_id)
            .where(ConsentDecision.pupil_id.in_(pupil_ids[start : start + 900]))
        )
        for pupil_id, purpose_id, relation, *rest in session.execute(query):
            found[(pupil_id, purpose_id)].append(PastDecision(Relation(relation), *rest))
    return dict(found)


def _build_preview(
    school_id: int,
    table: Table,
    mapping: ColumnMapping,
    purposes: Sequence[PurposeColumn],
    form: ConsentFormVersion,
    channel: Channel,
    defaults: AnswerDefaults,
    problems: tuple[ImportProblem, ...],
    diff: ConsentDiff,
) -> ConsentImportPreview:
    by_key = {key: p.purpose_id for p in purposes for key in purpose_keys(p)}
    fields = tuple(
        ConsentFieldChoice(
            spec.key,
            spec.label_nl,
            by_key.get(spec.key),
            mapping.get(spec.key),
            None if spec.key not in mapping else table.headers[mapping[spec.key]],
        )
        for spec in consent_fields(purposes)
    )
    sample = [(table.row_number(i), r) for i, r in enumerate(table.rows) if any(c is not None for c in r)]
    return ConsentImportPreview(
        school_id=school_id,
        source_name=table.source_name,
        file_description=table.describe(),
        headers=tuple(table.headers),
        fields=fields,
        mapping=dict(mapping),
        unused_columns=unused_headers(table.headers, mapping),
        sample_rows=tuple(tuple(cell_text(c) for c in row) for _n, row in sample[:PREVIEW_ROWS]),
        sample_row_numbers=tuple(n for n, _row in sample[:PREVIEW_ROWS]),
        row_count=len(sample),
        form_id=form.id,
        form_number=form.number,
        channel=channel,
        defaults=defaults,
        problems=problems,
        diff=diff,
        table=table,
    )


# ---------------------------------------------------------------------- writing


def _write(
    work: Work, school_id: int, diff: ConsentDiff, preview: ConsentImportPreview
) -> ConsentImportResult:
    campaigns: dict[str, int | None] = {}
    decisions: list[NewDecision] = []
    for pupil in diff.pupils:
        if pupil.school_year not in campaigns:
            campaigns[pupil.school_year] = campaign_for(work.session, school_id, pupil.school_year)
        decisions.extend(
            NewDecision(
                pupil.pupil.id,
                answer.purpose_id,
                answer.granted,
                pupil.school_year,
                preview.form_id,
                campaigns[pupil.school_year],
                pupil.given_by,
                pupil.relation,
                diff.channel,
                pupil.given_on,
            )
            for answer in pupil.to_write
        )
    insert_decisions(work, decisions)
    counts = diff.counts
    result = ConsentImportResult(
        pupils=counts.pupils_changed,
        decisions=len(decisions),
        new=counts.new,
        confirmed=counts.confirmed,
        changed=counts.changed,
        unchanged=counts.unchanged,
        refusals=counts.refusals,
    )
    if result.wrote_anything:
        # Counts and codes only: the audit log holds no pupil or guardian names (retention relies on it).
        work.audit(
            "consent_imported",
            "school",
            school_id,
            school_id=school_id,
            after={
                "source": Path(preview.source_name).suffix.lower().lstrip(".") or "bestand",
                "channel": diff.channel.value,
                "form_version": preview.form_number,
                "pupils": result.pupils,
                "decisions": result.decisions,
                "new": result.new,
                "confirmed": result.confirmed,
                "changed": result.changed,
                "unchanged": result.unchanged,
                "refusals": result.refusals,
            },
        )
    return result
