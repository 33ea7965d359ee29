"""How a clean-up run reads: status in words and colour, its columns, what happens next, and its lines
(records in the program, records elsewhere, exceptions)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from ibp_desktop.core.incidents.rules import format_day
from ibp_desktop.core.retention.records import LineKind, Outcome, RunDetail, RunLine, RunRow, RunStatus
from ibp_desktop.ui.pages.retention.common import MUTED, by_at, day, fact_rows
from ibp_desktop.ui.widgets.rows_model import Column

MAX_LINES = 200  # per section in the pane; the certificate has them all


def when_who(name: str, moment: datetime | None) -> str:
    """ "29-11-2026 Fatima El Amrani" for a table cell: the date stays readable when the name is cut."""
    return f"{format_day(moment)} {name}".strip()


def run_status(row: RunRow) -> tuple[str, str | None]:
    if row.status is RunStatus.PROPOSED:
        return "Voorgesteld, wacht op goedkeuring", "amber"
    if row.status is RunStatus.APPROVED:
        return "Goedgekeurd, nog uitvoeren", "amber"
    if row.status is RunStatus.CARRIED_OUT:
        return row.status_label, "amber" if row.external_open else "green"
    return row.status_label, "grey"


def counts_text(row: RunRow) -> str:
    parts = [f"{row.program_records} in programma", f"{row.external_lines} buiten"]
    if row.exceptions:
        parts.append(f"{row.exceptions} {'uitzondering' if row.exceptions == 1 else 'uitzonderingen'}")
    return ", ".join(parts)


def run_columns() -> list[Column[RunRow]]:
    return [
        Column("Nummer", lambda r: r.number),
        Column(
            "Status",
            lambda r: run_status(r)[0],
            level=lambda r: run_status(r)[1],
            sort_key=lambda r: (list(RunStatus).index(r.status), r.number),
            tooltip=lambda r: run_status(r)[0],
        ),
        Column("Tot en met", lambda r: day(r.until), sort_key=lambda r: r.until),
        Column(
            "Voorgesteld",
            lambda r: when_who(r.proposed_by, r.proposed_at),
            tooltip=lambda r: by_at(r.proposed_by, r.proposed_at),
            sort_key=lambda r: r.proposed_at,
        ),
        Column(
            "Goedgekeurd",
            lambda r: when_who(r.approved_by, r.approved_at),
            tooltip=lambda r: by_at(r.approved_by, r.approved_at),
            sort_key=lambda r: (r.approved_at is not None, r.approved_at or r.proposed_at),
        ),
        Column(
            "Uitgevoerd",
            lambda r: when_who(r.executed_by, r.executed_at),
            tooltip=lambda r: by_at(r.executed_by, r.executed_at),
            sort_key=lambda r: (r.executed_at is not None, r.executed_at or r.proposed_at),
        ),
        Column(
            "Inhoud",
            counts_text,
            tooltip=counts_text,
            sort_key=lambda r: r.program_records + r.external_lines,
        ),
    ]


def next_step(row: RunRow) -> str:
    """What happens next, in one sentence."""
    if row.status is RunStatus.PROPOSED:
        return "De directeur moet deze ronde goedkeuren. Wie hem voorstelde, kan hem niet zelf goedkeuren."
    if row.status is RunStatus.APPROVED:
        return (
            "Goedgekeurd. De administratie voert hem nu uit: dan worden de gegevens in dit programma "
            "verwijderd. Laat de stukken buiten het programma vernietigen en leg dat hier vast."
        )
    if row.status is RunStatus.CARRIED_OUT and row.external_open:
        return "Leg vast wie de stukken buiten het programma vernietigde, wanneer en hoe."
    if row.status is RunStatus.CARRIED_OUT:
        return "Helemaal afgerond. Bewaar de verklaring van vernietiging: die blijft altijd bewaard."
    return "Geannuleerd: de stukken staan weer op de lijst 'Wat moet weg'."


def outcome_text(line: RunLine) -> str:
    if line.outcome is Outcome.DELETED:
        return "Verwijderd"
    if line.outcome is Outcome.SKIPPED:
        return "Overgeslagen" + (f": {line.outcome_note}" if line.outcome_note else "")
    if line.outcome is Outcome.DONE:
        parts = [
            line.method,
            f"door {line.done_by}" if line.done_by else "",
            day(line.done_on),
            f"certificaat {line.certificate_ref}" if line.certificate_ref else "",
        ]
        return "Vernietigd: " + ", ".join(p for p in parts if p)
    if line.kind is LineKind.EXCEPTION:
        return "Blijft bewaard"
    return "Nog open"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(
        f"<th align='left' style='color:{MUTED}; padding-right:10px'>{escape(h)}</th>" for h in headers
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td valign='top' style='padding-right:10px'>{escape(c)}</td>" for c in row)
        + "</tr>"
        for row in rows[:MAX_LINES]
    )
    more = ""
    if len(rows) > MAX_LINES:
        more = f"<p style='color:{MUTED}'>En nog {len(rows) - MAX_LINES} regels; zie de verklaring.</p>"
    return f"<table cellspacing='0' cellpadding='2'><tr>{head}</tr>{body}</table>{more}"


def detail_html(detail: RunDetail) -> str:
    row = detail.run
    parts = [
        fact_rows(
            [
                ("School", escape(f"{detail.school_name} ({detail.brin})")),
                ("Tot en met", day(row.until)),
                ("Voorgesteld", escape(by_at(row.proposed_by, row.proposed_at))),
                ("Goedgekeurd", escape(by_at(row.approved_by, row.approved_at))),
                ("Uitgevoerd", escape(by_at(row.executed_by, row.executed_at))),
            ]
        )
    ]
    program = [ln for ln in detail.lines if ln.kind is LineKind.PROGRAM]
    external = [ln for ln in detail.lines if ln.kind is LineKind.EXTERNAL]
    exceptions = [ln for ln in detail.lines if ln.kind is LineKind.EXCEPTION]
    if program:
        count = sum(ln.record_count for ln in program if ln.outcome is not Outcome.SKIPPED)
        parts.append(f"<h3>In dit programma ({count} {'gegeven' if count == 1 else 'gegevens'})</h3>")
        parts.append(
            _table(
                ["Categorie", "Wat", "Aantal", "Uitkomst"],
                [
                    [ln.category_label, ln.shown, str(ln.record_count), outcome_text(ln)]
                    for ln in program
                ],
            )
        )
    if external:
        parts.append(f"<h3>Buiten het programma ({len(external)} regels)</h3>")
        parts.append(
            _table(
                ["Categorie", "Systeem", "Wat", "Uitkomst"],
                [[ln.category_label, ln.system_label, ln.shown, outcome_text(ln)] for ln in external],
            )
        )
    if exceptions:
        parts.append(f"<h3>Uitzonderingen ({len(exceptions)}, juridische blokkade)</h3>")
        parts.append(
            _table(
                ["Categorie", "Wat", "Reden"],
                [
                    [ln.category_label, ln.shown, ln.hold_text]
                    for ln in exceptions
                ],
            )
        )
    return "".join(parts)
