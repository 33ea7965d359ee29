"""FG-rapportage: what the FG (functionaris gegevensbescherming) receives for a period.

The incident register with the details of each incident (decision and reasons, notification, data subjects
informed, status, the FG's own advice), the log of data-subject requests, what is overdue today (requests,
breaches, retention) and the open actions. Requesters are left out of the log: number, right and relation
are enough to find a request in the program. Plain data in, PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from ibp_desktop.core.account_records import AccountChange
from ibp_desktop.core.accountability.records import AccountabilityFigures
from ibp_desktop.core.incidents.breach_informing import exception_text, how_text
from ibp_desktop.core.incidents.records import IncidentDetail, IncidentRow, RegisterTotals
from ibp_desktop.core.incidents.rules import TimelineKind, format_moment, is_late
from ibp_desktop.core.register_records import ActionRow, RequestRow
from ibp_desktop.core.requests import RequestCounts
from ibp_desktop.reports.audit_section import audit_section
from ibp_desktop.reports.template import MARGIN_X, DocumentInfo, build_pdf, styles, table

TITLE = "FG-rapportage"
WIDTH = landscape(A4)[0] - 2 * MARGIN_X


@dataclass(frozen=True)
class FgReportData:
    scope: str
    date_from: date
    date_to: date
    today: date
    incidents: tuple[IncidentDetail, ...]  # discovered in the period
    incident_totals: RegisterTotals
    requests: tuple[RequestRow, ...]  # received in the period
    request_counts: RequestCounts
    overdue_requests: tuple[RequestRow, ...]  # open past their deadline today, any period
    overdue_breaches: tuple[IncidentRow, ...]  # 72 hours over without notification, any period
    retention_items: tuple[str, ...]  # retention lines of the dashboard (terms over, runs waiting)
    open_actions: tuple[ActionRow, ...]
    accountability: AccountabilityFigures | None = None  # processing register, DPIAs, complaints
    audit_head: str = ""  # the log's last number and hash (security.audit.AuditHead.printed)
    account_changes: tuple[AccountChange, ...] = ()  # new accounts and role changes in the period


def render_fg_report(data: FgReportData, generated_at: datetime) -> bytes:
    info = DocumentInfo(
        TITLE,
        data.scope,
        generated_at=generated_at,
        landscape=True,
        subtitle=(
            f"Periode {data.date_from:%d-%m-%Y} t/m {data.date_to:%d-%m-%Y} · achterstanden en open acties "
            f"volgens de stand van {data.today:%d-%m-%Y}"
        ),
    )
    story = _incidents(data) + _requests(data) + _overdue(data) + _actions(data) + _accounts(data)
    story += _accountability(data)
    story += audit_section(data.audit_head, "7. Logboek")
    return build_pdf(info, story)


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), styles()[style])


def _h(text: str) -> Paragraph:
    return Paragraph(escape(text), styles()["h2"])


def _incidents(data: FgReportData) -> list[Flowable]:
    t = data.incident_totals
    out: list[Flowable] = [
        _h("1. Incidentenregister"),
        _p(
            f"{t.incidents} incidenten ontdekt in de periode: {t.reportable} meldplichtig, "
            f"{t.not_reportable} niet meldplichtig, {t.not_assessed} nog niet beoordeeld. Gemeld bij de AP: "
            f"{t.notified_in_time} binnen 72 uur, {t.notified_late} later; {t.not_notified} meldplichtig "
            "zonder melding. "
            f"Betrokkenen geïnformeerd: {t.subjects_informed}. Nog open: {t.open}."
        ),
    ]
    if not data.incidents:
        out.append(_p("Er zijn in deze periode geen incidenten ontdekt."))
    for detail in data.incidents:
        out.append(KeepTogether(_incident(detail)))
    return out


def _incident(d: IncidentDetail) -> list[Flowable]:
    notified = d.notified_at
    in_time = "" if notified is None else ("ja" if not is_late(d.facts.discovered_at, notified) else "nee")
    form = d.form
    if form.subjects_informed_at is not None:
        how = how_text(form.subjects_informed_channel, form.subjects_informed_how)
        informed = f"Ja, {format_moment(form.subjects_informed_at)} {how}".strip()
    else:
        why = exception_text(form.subjects_exception, form.subjects_not_informed_reason)
        informed = f"Nee. {why}".strip() if d.decision else "Nog niet beoordeeld"
    rows = [
        [
            "Ontdekt / intern gemeld",
            f"{format_moment(d.facts.discovered_at)} / {format_moment(d.reported_at)}",
        ],
        ["Beschrijving", d.facts.description or "-"],
        ["Beoordeling", d.decision_label],
        ["Redenen", d.decision_reasons or "-"],
    ]
    if d.deviation_reason:
        rows.append(["Afwijking van het voorstel", d.deviation_reason])
    rows += [
        ["Melding AP", _notification(d)],
        ["Binnen 72 uur", in_time or "-"],
        ["Betrokkenen geïnformeerd", informed],
        ["Status", d.status_label + (f" (afgesloten {format_moment(d.closed_at)})" if d.closed_at else "")],
    ]
    if d.evaluation:
        rows.append(["Evaluatie", d.evaluation])
    advice = [e for e in d.timeline if e.kind is TimelineKind.ADVICE]
    for index, entry in enumerate(advice):
        rows.append(["Advies FG" if index == 0 else "", f"{format_moment(entry.at)}: {entry.text}"])
    if not advice:
        rows.append(["Advies FG", "Geen advies vastgelegd."])
    heading = f"{d.number} · {d.facts.title} · {d.type_label} · {d.school_name} ({d.brin})"
    return [
        Paragraph(f"<b>{escape(heading)}</b>", styles()["body"]),
        table(rows, col_widths=[55 * mm, WIDTH - 55 * mm], header=False),
        Spacer(1, 3 * mm),
    ]


def _notification(d: IncidentDetail) -> str:
    parts = []
    if d.preliminary_notified_at:
        parts.append(f"voorlopig {format_moment(d.preliminary_notified_at)}")
    if d.final_notified_at:
        parts.append(f"definitief {format_moment(d.final_notified_at)}")
    if d.ap_reference:
        parts.append(f"meldnummer {d.ap_reference}")
    if d.late_reason:
        parts.append(f"reden vertraging: {d.late_reason}")
    return "; ".join(parts) or "Niet gemeld"


def _request_rows(rows: tuple[RequestRow, ...]) -> list[list[str]]:
    table_rows = [
        [
            "Nummer",
            "School",
            "Ontvangen",
            "Recht",
            "Relatie",
            "Termijn",
            "Beantwoord",
            "Uitkomst",
            "Status",
            "FG",
        ]
    ]
    for r in rows:
        table_rows.append(
            [
                r.number,
                r.brin,
                f"{r.received_on:%d-%m-%Y}",
                r.right_label,
                r.relation_label,
                f"{r.deadline:%d-%m-%Y}" + (" (verlengd)" if r.extended else ""),
                f"{r.answered_on:%d-%m-%Y}" if r.answered_on else "",
                r.outcome_label,
                r.status_text,
                "ja" if r.fg_consulted else "nee",
            ]
        )
    return table_rows


_REQUEST_WIDTHS = [20 * mm, 15 * mm, 22 * mm, 34 * mm, 44 * mm, 34 * mm, 25 * mm, 27 * mm, 32 * mm]


def _requests(data: FgReportData) -> list[Flowable]:
    c = data.request_counts
    out: list[Flowable] = [
        _h("2. Verzoeken van betrokkenen"),
        _p(
            f"{c.total} verzoeken ontvangen in de periode: {c.answered_on_time} op tijd beantwoord, "
            f"{c.answered_late} te laat beantwoord, {c.open_on_time} open binnen de termijn, "
            f"{c.open_overdue} open en te laat. Verlengd: {c.extended}. Afgewezen: {c.refused}."
        ),
    ]
    if data.requests:
        widths = [*_REQUEST_WIDTHS, WIDTH - sum(_REQUEST_WIDTHS)]
        out.append(table(_request_rows(data.requests), col_widths=widths))
    return out


def _overdue(data: FgReportData) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(50 * mm), _h(f"3. Achterstanden op {data.today:%d-%m-%Y}")]
    out.append(_p("Verzoeken waarvan de termijn verstreken is", "table_header"))
    if data.overdue_requests:
        widths = [*_REQUEST_WIDTHS, WIDTH - sum(_REQUEST_WIDTHS)]
        out.append(table(_request_rows(data.overdue_requests), col_widths=widths))
    else:
        out.append(_p("Geen."))
    out.append(_p("Datalekken zonder melding na 72 uur", "table_header"))
    if data.overdue_breaches:
        rows = [["Nummer", "School", "Titel", "Ontdekt", "Beoordeling", "Klok"]]
        rows += [
            [i.number, i.brin, i.title, format_moment(i.discovered_at), i.decision_label, i.clock_text]
            for i in data.overdue_breaches
        ]
        out.append(table(rows, col_widths=[22 * mm, 16 * mm, WIDTH - 160 * mm, 32 * mm, 55 * mm, 35 * mm]))
    else:
        out.append(_p("Geen."))
    out.append(_p("Bewaartermijnen", "table_header"))
    out += [_p(f"• {line}") for line in data.retention_items] or [_p("Geen.")]
    return out


def _actions(data: FgReportData) -> list[Flowable]:
    out: list[Flowable] = [CondPageBreak(40 * mm), _h("4. Open acties (plan van aanpak)")]
    if not data.open_actions:
        return [*out, _p("Er staan geen open acties in het plan van aanpak.")]
    rows = [["Actie", "Eigenaar (rol)", "School", "Bron", "Status", "Termijn"]]
    rows += [
        [a.title, a.owner_label, a.school_name, a.source_label, a.status_label, a.due_text]
        for a in data.open_actions
    ]
    out.append(table(rows, col_widths=[WIDTH - 175 * mm, 40 * mm, 40 * mm, 40 * mm, 20 * mm, 35 * mm]))
    return out


def _accounts(data: FgReportData) -> list[Flowable]:
    """Every new account and role change: the FG checks that roles stay apart (AVG art. 38(6))."""
    out: list[Flowable] = [CondPageBreak(40 * mm), _h("5. Nieuwe accounts en rolwijzigingen")]
    if not data.account_changes:
        return [*out, _p("In deze periode zijn geen accounts aangemaakt en geen rollen gewijzigd.")]
    rows = [["Moment", "Wat", "Door", "Account", "Rollen voor", "Rollen na"]]
    rows += [
        [format_moment(c.at), c.what, c.by, c.account, c.roles_before or "-", c.roles_after]
        for c in data.account_changes
    ]
    out.append(table(rows, col_widths=[30 * mm, 32 * mm, 28 * mm, 28 * mm, 60 * mm, WIDTH - 178 * mm]))
    return out


def _accountability(data: FgReportData) -> list[Flowable]:
    """Section 6: the processing register, DPIAs (the FG advises on them) and every complaint of the period
    (the FG is the contact point), by number and subject."""
    figures = data.accountability
    if figures is None:
        return []
    out: list[Flowable] = [CondPageBreak(40 * mm), _h("6. Verwerkingsregister, DPIA's en klachten")]
    counts = [["", "Aantal"], *[[label, value] for label, value in figures.summary()]]
    out.append(table(counts, col_widths=[110 * mm, 30 * mm]))
    if figures.complaint_lines:
        out.append(Spacer(1, 3 * mm))
        rows = [["Klacht", "Ontvangen", "Onderwerp", "Stand"]]
        rows += [list(line) for line in figures.complaint_lines]
        out.append(table(rows, col_widths=[25 * mm, 25 * mm, WIDTH - 120 * mm, 70 * mm]))
    return out
