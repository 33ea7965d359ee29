"""The detail pane of one incident: facts, the clock in words and colour, the decision, the notification
data, follow-up and the append-only timeline (newest last). Read-only; the buttons live on the page."""

from __future__ import annotations

from html import escape

from ibp_desktop.core.incidents.breach_informing import exception_text, how_text
from ibp_desktop.core.incidents.records import IncidentDetail
from ibp_desktop.core.incidents.rules import LABELS, ClockLevel, format_moment, labels
from ibp_desktop.ui.pages.incidents.widgets import CLOCK_COLOURS
from ibp_desktop.ui.widgets.detail_view import DetailView, facts_html, text_html


def clock_sentence(detail: IncidentDetail) -> str:
    """The clock in words, for the detail pane: what it says and what to do."""
    clock, deadline = detail.clock, format_moment(detail.clock.deadline)
    if clock.level in (ClockLevel.RUNNING, ClockLevel.AMBER):
        return f"{clock.text} om te melden bij de AP: uiterlijk {deadline}."
    if clock.level is ClockLevel.RED:
        return (f"{clock.text}: de 72 uur zijn voorbij sinds {deadline}. Meld zo snel mogelijk en schrijf "
                "de reden van de vertraging op.")
    if clock.level is ClockLevel.DONE:
        return f"{clock.text} (op {format_moment(detail.notified_at)})."
    if clock.level is ClockLevel.LATE_DONE:
        return f"{clock.text} (op {format_moment(detail.notified_at)}; uiterlijk was {deadline})."
    return "Niet meldplichtig: er loopt geen 72-uursklok."


class DetailPane(DetailView):
    """The register's detail view with the 72-hour clock as its status badge."""

    def __init__(self) -> None:
        super().__init__("72-uursklok")
        self.clock = self.badge

    def show_detail(self, detail: IncidentDetail) -> None:
        self.show_record(detail.id, f"{detail.number} · {detail.facts.title}", clock_sentence(detail),
                         CLOCK_COLOURS.get(detail.clock.level), self._html(detail))

    @staticmethod
    def _html(detail: IncidentDetail) -> str:
        facts, form = detail.facts, detail.form
        parts = ["<h3>Wat is er gebeurd</h3>", facts_html([
            ("Status", escape(detail.status_label)),
            ("Soort", escape(detail.type_label)),
            ("School", escape(f"{detail.school_name} ({detail.brin})")),
            ("Ontdekt", format_moment(facts.discovered_at)),
            ("Begonnen", format_moment(facts.started_at)),
            ("Geëindigd", "nog gaande" if facts.ongoing else format_moment(facts.ended_at)),
            ("Gemeld door", escape(f"{detail.reported_by}, {format_moment(detail.reported_at)}")),
            ("Omschrijving", text_html(facts.description)),
        ])]
        decision = [("Besluit", f"<b>{escape(detail.decision_label)}</b>")]
        if detail.decision is not None:
            decision += [
                ("Beoordeeld", escape(f"{detail.assessed_by}, {format_moment(detail.assessed_at)}")),
                ("Redenen", text_html(detail.decision_reasons)),
            ]
            if detail.proposal is not None and detail.proposal.decision is not detail.decision:
                decision.append(("Voorstel was", escape(LABELS[detail.proposal.decision])))
            decision.append(("Afwijking", text_html(detail.deviation_reason)))
        parts += ["<h3>Beoordeling</h3>", facts_html(decision)]
        notified = [
            ("Voorlopige melding", format_moment(detail.preliminary_notified_at)),
            ("Definitieve melding", format_moment(detail.final_notified_at)),
            ("Meldnummer AP", escape(detail.ap_reference)),
            ("Reden te laat", text_html(detail.late_reason)),
        ]
        if any(value for _name, value in notified):
            parts += ["<h3>Melding aan de AP</h3>", facts_html(notified)]
        follow = [
            ("Gegevens", escape(labels(form.data_kinds))),
            ("Betrokkenen", _people(detail)),
            ("Geïnformeerd", escape(" – ".join(p for p in (
                format_moment(form.subjects_informed_at),
                how_text(form.subjects_informed_channel, form.subjects_informed_how)) if p))),
            ("Niet geïnformeerd", text_html(exception_text(form.subjects_exception,
                                                       form.subjects_not_informed_reason))),
            ("Maatregelen", text_html(form.measures_taken)),
            ("Evaluatie", text_html(detail.evaluation)),
            ("Afgesloten", escape(f"{detail.closed_by}, {format_moment(detail.closed_at)}")
             if detail.closed_at else ""),
        ]
        if any(value for _name, value in follow):
            parts += ["<h3>Gevolgen en vervolg</h3>", facts_html(follow)]
        parts.append("<h3>Tijdlijn</h3>")
        for entry in detail.timeline:  # oldest first, newest last
            parts.append(
                f"<p style='margin:0 0 8px 0'><span style='color:#5b6770'>{format_moment(entry.at)} · "
                f"{escape(entry.author)} · {escape(entry.kind_label)}</span><br>{text_html(entry.text)}</p>"
            )
        return "".join(parts)


def _people(detail: IncidentDetail) -> str:
    form = detail.form
    groups = labels(form.people_groups)
    if form.people_min is None and form.people_max is None:
        return escape(groups)
    if form.people_min == form.people_max or form.people_max is None:
        count = f"{form.people_min}"
    elif form.people_min is None:
        count = f"hoogstens {form.people_max}"
    else:
        count = f"{form.people_min} tot {form.people_max}"
    return escape(f"{groups} ({count})" if groups else count)
