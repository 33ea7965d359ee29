"""Jaarverslag IBP for the GMR and the board (DOMAIN.md section 6): figures and charts, no names.

Only counts, percentages, types, roles and school names appear: no pupils, parents, requesters or staff.
Plain data in (``AnnualFigures``), PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from ibp_desktop.core.annual_figures import AnnualFigures, SchoolConsentFigures, percent
from ibp_desktop.reports.annual_staff import staff_section
from ibp_desktop.reports.audit_section import audit_section
from ibp_desktop.reports.charts import LATE, ON_TIME, PALETTE, horizontal_bars, stacked_bars
from ibp_desktop.reports.template import MARGIN_X, DocumentInfo, build_pdf, styles, table

WIDTH = A4[0] - 2 * MARGIN_X


@dataclass(frozen=True)
class Adoption:
    """Printed on an adopted report: when and by which role (never a name)."""

    adopted_on: date
    adopter_role: str


def title_of(figures: AnnualFigures) -> str:
    return f"Jaarverslag IBP {figures.period.label}"


def render_annual_report(
    figures: AnnualFigures, generated_at: datetime, adoption: Adoption | None = None
) -> bytes:
    period = figures.period
    info = DocumentInfo(
        title_of(figures),
        figures.scope,
        generated_at=generated_at,
        subtitle=(
            f"Voor de GMR en het bestuur · {period.starts_on:%d-%m-%Y} t/m {period.ends_on:%d-%m-%Y} · "
            "zonder namen van personen"
        ),
    )
    story: list[Flowable] = [*_status(figures, adoption), *_summary(figures)]
    story += _incidents(figures)
    story += _requests(figures)
    story += _consent(figures)
    story += _retention(figures)
    story += _processors(figures)
    story += _accountability(figures)
    story += _policy(figures)
    story += staff_section(figures.staff, "7")
    story += _plan(figures)
    story += audit_section(figures.audit_head)
    return build_pdf(info, story)


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), styles()[style])


def _h(text: str) -> Flowable:
    return CondPageBreak(60 * mm) if not text else Paragraph(escape(text), styles()["h2"])


def _pairs(rows: list[tuple[str, str]]) -> Flowable:
    return table([[label, value] for label, value in rows], col_widths=[110 * mm, 40 * mm], header=False)


def _status(figures: AnnualFigures, adoption: Adoption | None) -> list[Flowable]:
    if adoption is None:
        text = (
            f"Concept, stand van {figures.today:%d-%m-%Y}: nog niet vastgesteld door het bestuur. "
            "Open punten (verzoeken, acties) zijn geteld zoals ze op die dag open stonden."
        )
    else:
        text = (
            f"Vastgesteld door het bestuur op {adoption.adopted_on:%d-%m-%Y} (rol: {adoption.adopter_role}). "
            f"Cijfers volgens de stand van {figures.today:%d-%m-%Y}."
        )
    return [_p(text), Spacer(1, 2 * mm)]


def _count_and_share(count: int, share: str, whole: int, nothing: str = "geen datalek gemeld") -> str:
    """ "3 (75%)"; "0 (-)" says nothing, so without anything to count: what there was not."""
    return f"{count} ({share})" if whole else nothing


def _summary(figures: AnnualFigures) -> list[Flowable]:
    inc, req, ret, proc = figures.incidents, figures.requests, figures.retention, figures.processors
    rows = [
        ("Incidenten geregistreerd", str(inc.total)),
        ("Datalekken gemeld bij de AP", str(inc.notified)),
        ("Binnen 72 uur gemeld", _count_and_share(inc.notified_in_time, inc.share_in_time, inc.notified)),
        ("Betrokkenen geïnformeerd", str(inc.subjects_informed)),
        ("Verzoeken van betrokkenen", str(req.total)),
        ("Verzoeken te laat beantwoord of nog te laat open", str(req.late)),
        ("Opruimrondes uitgevoerd", str(ret.runs_done)),
        ("Verklaringen van vernietiging", str(ret.certificates_final + ret.certificates_draft)),
        (
            "Leveranciers met verwerkersovereenkomst",
            f"{proc.with_agreement} van {proc.suppliers} ({proc.coverage})" if proc.suppliers
            else "geen leveranciers vastgelegd",
        ),
        ("Open acties plan van aanpak", str(len(figures.open_actions))),
    ]
    return [_h("Kerncijfers"), _pairs(rows)]


def _incidents(figures: AnnualFigures) -> list[Flowable]:
    inc = figures.incidents
    quarters = [q.label for q in figures.period.quarters]
    out: list[Flowable] = [_h(""), _h("1. Incidenten en datalekken")]
    if not inc.total:
        return [*out, _p("Er zijn in deze periode geen incidenten geregistreerd.")]
    rows = [["Soort incident", *quarters, "Totaal"]]
    rows += [[label, *map(str, counts), str(sum(counts))] for label, counts in inc.by_type]
    rows.append(["Totaal", *map(str, inc.per_quarter), str(inc.total)])
    widths = [WIDTH - 5 * 24 * mm, *[24 * mm] * 5]
    out.append(table(rows, col_widths=widths))
    out.append(Spacer(1, 3 * mm))
    out.append(stacked_bars("Incidenten per kwartaal, naar soort", quarters, list(inc.by_type), WIDTH))
    out.append(
        _pairs(
            [
                ("Meldplichtige datalekken (volgens de beoordeling)", str(inc.breaches)),
                ("Niet meldplichtig", str(inc.not_reportable)),
                ("Nog niet beoordeeld", str(inc.not_assessed)),
                ("Gemeld bij de AP", str(inc.notified)),
                ("Gemeld binnen 72 uur", str(inc.notified_in_time)),
                ("Gemeld na 72 uur", str(inc.notified_late)),
                ("Deel binnen 72 uur gemeld", inc.share_in_time if inc.notified else "geen datalek gemeld"),
                ("Meldplichtig maar (nog) niet gemeld", str(inc.not_notified)),
                ("Betrokkenen geïnformeerd", str(inc.subjects_informed)),
            ]
        )
    )
    return out


def _requests(figures: AnnualFigures) -> list[Flowable]:
    req = figures.requests
    out: list[Flowable] = [_h(""), _h("2. Verzoeken van betrokkenen")]
    if not req.total:
        return [*out, _p("Er zijn in deze periode geen verzoeken van betrokkenen ontvangen.")]
    out.append(table([["Recht", "Aantal"], *[[r, str(n)] for r, n in req.by_right]], [110 * mm, 40 * mm]))
    out.append(Spacer(1, 3 * mm))
    timing = [
        ("Op tijd beantwoord", req.answered_on_time),
        ("Te laat beantwoord", req.answered_late),
        ("Open, nog binnen de termijn", req.open_on_time),
        ("Open, termijn verstreken", req.open_overdue),
    ]
    colours = [ON_TIME, LATE, PALETTE[4], LATE]
    chart = horizontal_bars(
        "Verzoeken: op tijd of te laat",
        [label for label, _ in timing],
        [("Aantal verzoeken", [float(n) for _, n in timing], PALETTE[0])],
        WIDTH,
        bar_colours=colours,
    )
    out.append(chart)
    out.append(
        _pairs(
            [
                *[(label, str(n)) for label, n in timing],
                ("Deel op tijd (van beantwoord en verstreken)", req.share_on_time),
                ("Termijn verlengd met twee maanden", str(req.extended)),
                ("Afgewezen", str(req.refused)),
            ]
        )
    )
    return out


def _short(text: str, length: int = 34) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _consent_school(school: SchoolConsentFigures, several: bool) -> list[Flowable]:
    out: list[Flowable] = []
    if several:
        out.append(_p(school.school_name, "table_header"))
    rows = [["Doel", "Leerlingen", "Antwoord", "Respons", "Nee", "Weigering"]]
    for p in school.purposes:
        rows.append(
            [p.label, str(p.pupils), str(p.answered), p.response_rate, str(p.refused), p.refusal_rate]
        )
    widths = [WIDTH - 5 * 22 * mm, *[22 * mm] * 5]
    out.append(table(rows, col_widths=widths))
    if school.pupils and school.purposes:
        labels = [_short(p.label) for p in school.purposes]
        out.append(
            horizontal_bars(
                f"Respons en weigering per doel{' - ' + school.school_name if several else ''}",
                labels,
                [
                    ("Respons", [_rate(p.answered, p.pupils) for p in school.purposes], PALETTE[0]),
                    ("Weigering", [_rate(p.refused, p.answered) for p in school.purposes], PALETTE[1]),
                ],
                WIDTH,
                percent=True,
            )
        )
    return out


def _rate(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def _consent(figures: AnnualFigures) -> list[Flowable]:
    out: list[Flowable] = [_h(""), _h("3. Toestemming beeldmateriaal")]
    if not figures.consent:
        return [*out, _p("Er is nog geen toestemmingsformulier ingesteld.")]
    on = figures.consent[0].on
    out.append(
        _p(
            f"Stand van {on:%d-%m-%Y}, leerlingen die op die dag ingeschreven waren. Respons: deel van de "
            "leerlingen met een geldig antwoord op het huidige formulier. Weigering: deel van die antwoorden "
            "dat nee is (ook ingetrokken, of ouders het oneens). Geen antwoord telt als nee, maar niet als "
            "weigering."
        )
    )
    several = figures.schools > 1 or len(figures.consent) > 1
    for school in figures.consent:
        out.append(KeepTogether(_consent_school(school, several)))
    return out


def _retention(figures: AnnualFigures) -> list[Flowable]:
    ret = figures.retention
    rows = [
        ("Opruimrondes uitgevoerd", str(ret.runs_done)),
        ("Records verwijderd in IBP Desktop", str(ret.program_records)),
        ("Regels buiten het programma vernietigd en vastgelegd", str(ret.external_done)),
        ("Verklaringen van vernietiging (definitief)", str(ret.certificates_final)),
        ("Verklaringen nog concept (regels buiten het programma open)", str(ret.certificates_draft)),
        ("Opruimrondes die nu wachten op goedkeuring of uitvoering", str(ret.runs_waiting)),
    ]
    return [_h(""), _h("4. Bewaartermijnen en vernietiging"), _pairs(rows)]


def _processors(figures: AnnualFigures) -> list[Flowable]:
    proc = figures.processors
    rows = [
        ("Leveranciers in gebruik", str(proc.suppliers)),
        ("Met verwerkersovereenkomst", _count_and_share(proc.with_agreement, proc.coverage, proc.suppliers,
                                                        "geen leveranciers vastgelegd")),
        ("Zonder verwerkersovereenkomst", str(proc.without_agreement)),
        *[(f"Overeenkomst volgens {label}", str(n)) for label, n in proc.by_model],
        ("Gegevens (ook) buiten de EU opgeslagen", str(proc.outside_eu)),
        ("Vraagt aandacht (verloopt, herbeoordelen, ontbreekt)", str(proc.needs_attention)),
    ]
    return [_h(""), _h("5. Verwerkersovereenkomsten"), _pairs(rows)]


def _accountability(figures: AnnualFigures) -> list[Flowable]:
    if figures.accountability is None:
        return []
    out: list[Flowable] = [_h(""), _h("6. Verwerkingsregister, DPIA's en klachten")]
    out.append(_pairs(figures.accountability.summary()))
    return out


def _policy(figures: AnnualFigures) -> list[Flowable]:
    out: list[Flowable] = [_h(""), _h("7. Privacybeleid: instemming van de GMR en evaluatie")]
    if not figures.policy:
        out.append(_p("Alle beleidsdocumenten hebben instemming van de GMR en zijn op tijd geëvalueerd."))
        return out
    out.append(
        _p(
            "De GMR (of de geleding die het aangaat: PGMR, OGMR) stemt in vóórdat het bestuur een document "
            "vaststelt (WMS). De kolom Volgorde toont de stappen van de laatste versie."
        )
    )
    rows = [["Document", "Voor", "Geleding", "Volgorde", "Stand"]]
    rows += [[line.title, line.scope, line.body, line.order, line.status] for line in figures.policy]
    out.append(table(rows, col_widths=[WIDTH - 140 * mm, 30 * mm, 18 * mm, 52 * mm, 40 * mm]))
    return out


def _plan(figures: AnnualFigures) -> list[Flowable]:
    out: list[Flowable] = [_h(""), _h("8. Open acties en plan voor volgend jaar")]
    if figures.open_actions:
        rows = [["Actie", "Eigenaar (rol)", "School", "Bron", "Termijn"]]
        rows += [[a.title, a.owner_role, a.school, a.source, a.due] for a in figures.open_actions]
        widths = [WIDTH - 122 * mm, 36 * mm, 30 * mm, 26 * mm, 30 * mm]
        out.append(table(rows, col_widths=widths))
    else:
        out.append(_p("Er staan geen open acties in het plan van aanpak."))
    out.append(Spacer(1, 3 * mm))
    out.append(_p(f"Jaarkalender {figures.period.next().label} (PDCA-cyclus)", "table_header"))
    rows = [["Wanneer", "Wat", "Eigenaar (rol)"]]
    rows += [[c.when, c.what, c.owner_role] for c in figures.calendar]
    out.append(table(rows, col_widths=[28 * mm, WIDTH - 78 * mm, 50 * mm]))
    out.append(Spacer(1, 3 * mm))
    out.append(
        _p(
            f"Dit verslag telt {figures.schools} {'school' if figures.schools == 1 else 'scholen'}. "
            f"Percentages zijn afgerond op hele procenten ({percent(1, 3)} is één van drie).",
            "small",
        )
    )
    return out
