"""The detail pane of one incident: facts, the clock in words and colour, the decision, the notification
data, follow-up and the append-only timeline (newest last). Read-only; the buttons live on the page."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ibp_desktop.core.incidents.breach_informing import exception_text, how_text
from ibp_desktop.core.incidents.records import IncidentDetail
from ibp_desktop.core.incidents.rules import LABELS, ClockLevel, format_moment, labels
from ibp_desktop.ui.pages.incidents.widgets import CLOCK_COLOURS
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def _rows(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='color:#5b6770; padding-right:12px' valign='top'>{escape(name)}</td>"
        f"<td>{value}</td></tr>"
        for name, value in pairs if value
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


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


class DetailPane(QWidget):
    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        self.clock = QLabel()
        self.clock.setObjectName("badge")
        self.clock.setWordWrap(True)
        self.clock.setAccessibleName("72-uursklok")
        outer.addWidget(self.clock)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 4, 8, 0)
        column.addWidget(self.body)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        self.scroll_area = scroll
        self.shown_id: int | None = None
        outer.addWidget(scroll, 1)

    def clear(self, text: str) -> None:
        self.shown_id = None
        self.heading.setText("")
        self.clock.hide()
        self.body.setText(f"<span style='color:#5b6770'>{escape(text)}</span>")

    def show_detail(self, detail: IncidentDetail) -> None:
        same = self.shown_id == detail.id  # a refresh of the same incident keeps the reading position
        self.shown_id = detail.id
        self.heading.setText(f"{escape(detail.number)} · {escape(detail.facts.title)}")
        level = CLOCK_COLOURS.get(detail.clock.level)
        background, colour = LEVEL_COLOURS.get(level or "", ("#e3eef3", "#15506a"))
        self.clock.setStyleSheet(f"background:{background}; color:{colour}; padding:6px 10px;")
        self.clock.setText(clock_sentence(detail))
        self.clock.show()
        self.body.setText(self._html(detail))
        if not same:
            self.scroll_area.verticalScrollBar().setValue(0)

    @staticmethod
    def _html(detail: IncidentDetail) -> str:
        facts, form = detail.facts, detail.form
        parts = ["<h3>Wat is er gebeurd</h3>", _rows([
            ("Status", escape(detail.status_label)),
            ("Soort", escape(detail.type_label)),
            ("School", escape(f"{detail.school_name} ({detail.brin})")),
            ("Ontdekt", format_moment(facts.discovered_at)),
            ("Begonnen", format_moment(facts.started_at)),
            ("Geëindigd", "nog gaande" if facts.ongoing else format_moment(facts.ended_at)),
            ("Gemeld door", escape(f"{detail.reported_by}, {format_moment(detail.reported_at)}")),
            ("Omschrijving", _text(facts.description)),
        ])]
        decision = [("Besluit", f"<b>{escape(detail.decision_label)}</b>")]
        if detail.decision is not None:
            decision += [
                ("Beoordeeld", escape(f"{detail.assessed_by}, {format_moment(detail.assessed_at)}")),
                ("Redenen", _text(detail.decision_reasons)),
            ]
            if detail.proposal is not None and detail.proposal.decision is not detail.decision:
                decision.append(("Voorstel was", escape(LABELS[detail.proposal.decision])))
            decision.append(("Afwijking", _text(detail.deviation_reason)))
        parts += ["<h3>Beoordeling</h3>", _rows(decision)]
        notified = [
            ("Voorlopige melding", format_moment(detail.preliminary_notified_at)),
            ("Definitieve melding", format_moment(detail.final_notified_at)),
            ("Meldnummer AP", escape(detail.ap_reference)),
            ("Reden te laat", _text(detail.late_reason)),
        ]
        if any(value for _name, value in notified):
            parts += ["<h3>Melding aan de AP</h3>", _rows(notified)]
        follow = [
            ("Gegevens", escape(labels(form.data_kinds))),
            ("Betrokkenen", _people(detail)),
            ("Geïnformeerd", escape(" – ".join(p for p in (
                format_moment(form.subjects_informed_at),
                how_text(form.subjects_informed_channel, form.subjects_informed_how)) if p))),
            ("Niet geïnformeerd", _text(exception_text(form.subjects_exception,
                                                       form.subjects_not_informed_reason))),
            ("Maatregelen", _text(form.measures_taken)),
            ("Evaluatie", _text(detail.evaluation)),
            ("Afgesloten", escape(f"{detail.closed_by}, {format_moment(detail.closed_at)}")
             if detail.closed_at else ""),
        ]
        if any(value for _name, value in follow):
            parts += ["<h3>Gevolgen en vervolg</h3>", _rows(follow)]
        parts.append("<h3>Tijdlijn</h3>")
        for entry in detail.timeline:  # oldest first, newest last
            parts.append(
                f"<p style='margin:0 0 8px 0'><span style='color:#5b6770'>{format_moment(entry.at)} · "
                f"{escape(entry.author)} · {escape(entry.kind_label)}</span><br>{_text(entry.text)}</p>"
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
