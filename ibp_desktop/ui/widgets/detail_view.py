"""The read-only detail pane of a register row: a heading, the status in words and colour, and the
facts as a small two-column table in a scroll area. Buttons stay on the page, above this pane."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ibp_desktop.core.requests import Level
from ibp_desktop.ui.theme import Badge, apply_role
from ibp_desktop.ui.widgets.rows_model import LEVEL_COLOURS

# The registers' levels (core.requests.Level) as the table's colours; the words always come along.
LEVEL_NAMES: dict[Level, str] = {Level.OK: "green", Level.AMBER: "amber", Level.RED: "red"}
NEUTRAL = ("#e3eef3", "#15506a")


def text_html(value: str) -> str:
    """Plain text (possibly several lines) for inside the rich-text pane."""
    return escape(value).replace("\n", "<br>")


def facts_html(pairs: list[tuple[str, str]]) -> str:
    """A label/value table; pairs with an empty value are left out. Values are HTML already."""
    cells = "".join(
        f"<tr><td style='color:#5b6770; padding-right:12px' valign='top'>{escape(name)}</td>"
        f"<td>{value}</td></tr>"
        for name, value in pairs if value
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def section_html(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}"


class DetailView(QWidget):
    """Heading and status are plain text (a title with "&" or "'" shows as typed); the body is HTML."""

    def __init__(self, accessible_status: str = "Status") -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        apply_role(self.heading, "sectionTitle")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.heading)
        self.badge = Badge(padding=(10, 6))
        self.badge.setWordWrap(True)
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.badge.setAccessibleName(accessible_status)
        outer.addWidget(self.badge)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(0, 4, 8, 0)
        self.column.addWidget(self.body)
        self.column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(inner)
        outer.addWidget(self.scroll_area, 1)
        self.shown_key: object = None

    def clear(self, text: str) -> None:
        self.shown_key = None
        self.heading.setText("")
        self.badge.hide()
        self.body.setText(f"<span style='color:#5b6770'>{escape(text)}</span>")

    def show_record(self, key: object, heading: str, status: str, level: str | None, html: str) -> None:
        """``level``: a key of LEVEL_COLOURS ("red", "amber", "green", "grey") or None (neutral)."""
        same = key == self.shown_key  # a refresh of the same row keeps the reading position
        self.shown_key = key
        self.heading.setText(heading)
        background, colour = LEVEL_COLOURS.get(level or "", NEUTRAL)
        self.badge.set_colours(colour, background)
        self.badge.setText(status)
        self.badge.show()
        self.body.setText(html)
        if not same:
            self.scroll_area.verticalScrollBar().setValue(0)
