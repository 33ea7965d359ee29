"""Look of the program: Fusion, a calm light palette with one accent colour, fonts per text role and a few
rounded boxes that paint themselves (no application style sheet)."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QApplication, QFrame, QGroupBox, QLabel, QWidget

ACCENT = "#1d6a8a"  # calm petrol blue; the only accent colour
ACCENT_DARK = "#15506a"
WINDOW = "#f4f6f8"
BASE = "#ffffff"
TEXT = "#1f2933"
MUTED = "#5b6770"
BORDER = "#d5dbe0"
ERROR = "#b42318"

# Status colours always go together with a word (UI.md: never colour alone).
SEVERITY: dict[str, tuple[str, str, str]] = {  # severity -> (word, text colour, background)
    "urgent": ("Dringend", "#ffffff", "#b42318"),
    "warning": ("Let op", "#5c3c00", "#fbd78a"),
    "info": ("Ter info", "#ffffff", "#1d6a8a"),
}

# No application-wide style sheet: with one, Qt hands every widget of the program to QStyleSheetStyle,
# which matches the rules against each widget as it is polished and answers every size and paint
# question through them. That was about a third of a page's first visit (issue 17). The look is set
# with fonts and palettes instead, and the few rounded boxes paint themselves (Panel, Badge below).
# Only the navigation list keeps a style sheet of its own (its item rules have no palette equivalent);
# a widget's own sheet reaches that widget and its children only.
NAVIGATION_SHEET = f"""
QListWidget#navigation {{ background: {BASE}; border: none; border-right: 1px solid {BORDER};
    font-size: 11pt; outline: 0; }}
QListWidget#navigation::item {{ padding: 9px 14px; border-left: 4px solid transparent; color: {TEXT}; }}
QListWidget#navigation::item:selected {{ background: #e3eef3; border-left: 4px solid {ACCENT};
    color: {ACCENT_DARK}; font-weight: 600; }}
QListWidget#navigation::item:hover:!selected {{ background: #eef2f5; }}
"""


class TextRole(NamedTuple):
    point_size: float | None  # None: the program's font size
    bold: bool
    colour: str | None  # None: the palette's text colour


# The named looks of labels: label(text, "muted"), apply_role(widget, "sectionTitle").
TEXT_ROLES: dict[str, TextRole] = {
    "appTitle": TextRole(13, True, ACCENT_DARK),
    "pageTitle": TextRole(16, True, TEXT),
    "sectionTitle": TextRole(13, True, TEXT),
    "muted": TextRole(None, False, MUTED),
    "error": TextRole(None, True, ERROR),
    "bigNumber": TextRole(22, True, ACCENT_DARK),
    "badge": TextRole(None, True, None),
    "recoveryKey": TextRole(17, True, TEXT),
    "confirmation": TextRole(None, True, "#1d5e33"),  # "Opgeslagen: ..." after a consent form
}


def apply_role(widget: QWidget, name: str) -> None:
    """Give ``widget`` the object name ``name`` and, for a name in TEXT_ROLES, its font and colour."""
    widget.setObjectName(name)
    role = TEXT_ROLES.get(name)
    if role is None:
        return
    if role.point_size is not None or role.bold:
        font = widget.font()
        if role.point_size is not None:
            font.setPointSizeF(role.point_size)
        if role.bold:
            font.setWeight(QFont.Weight.DemiBold)
        widget.setFont(font)
    if role.colour is not None:
        set_text_colour(widget, role.colour)


def set_text_colour(widget: QWidget, colour: str) -> None:
    palette = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(QPalette.ColorGroup.Active, role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Inactive, role, QColor(colour))
    widget.setPalette(palette)


def set_font_size(widget: QWidget, point_size: float) -> None:
    font = widget.font()
    font.setPointSizeF(point_size)
    widget.setFont(font)


def make_primary(button: QAbstractButton) -> None:
    """The accent colour for the one button a dialog or page is about (Enter presses it).

    Fusion lightens a dark button colour before it paints its gradient: given the darker accent, the
    button shows about the accent itself, and white text on it keeps a contrast above 4.5:1."""
    palette = button.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Button, QColor(ACCENT_DARK))
        palette.setColor(group, QPalette.ColorRole.ButtonText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor("#9fb8c4"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#eef3f5"))
    button.setPalette(palette)


class BoxLook(NamedTuple):
    background: str
    border: str
    border_width: int = 1
    radius: int = 6


# The rounded boxes: a card on the Overzicht, an attention row, the demo note at the login, ...
BOXES: dict[str, BoxLook] = {
    "recoveryKey": BoxLook(BASE, ACCENT, border_width=2),
    "card": BoxLook(BASE, BORDER),
    "attentionRow": BoxLook(BASE, BORDER),
    "demoBox": BoxLook("#fff8e6", "#e8c96a"),
    "answerToggle": BoxLook(BASE, BORDER, radius=4),
    "answerToggleFocus": BoxLook("#eef5f8", ACCENT, border_width=2, radius=4),
}


def paint_box(widget: QWidget, look: BoxLook) -> None:
    from PySide6.QtCore import Qt  # not named on the way to the login dialog (tests/ui/test_startup_names)

    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(look.border))
    pen.setWidth(look.border_width)
    painter.setPen(pen if look.border_width else Qt.PenStyle.NoPen)
    painter.setBrush(QColor(look.background))
    inset = look.border_width / 2
    box = QRectF(widget.rect()).adjusted(inset, inset, -inset, -inset)
    painter.drawRoundedRect(box, look.radius, look.radius)
    painter.end()


class Panel(QFrame):
    """A rounded box with a thin border (``kind``: card, attentionRow, demoBox); paints itself."""

    def __init__(self, kind: str = "card", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(kind)
        self.look = BOXES[kind]

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_box(self, self.look)


class Badge(QLabel):
    """A word on a coloured, rounded background: a severity or a status (colour always with a word)."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, padding: tuple[int, int] = (8, 2),
                 radius: int = 4) -> None:
        super().__init__(text, parent)
        apply_role(self, "badge")
        self.setContentsMargins(padding[0], padding[1], padding[0], padding[1])
        self._radius = radius
        self._look: BoxLook | None = None  # none until it has its colours

    def set_colours(self, text_colour: str, background: str) -> None:
        set_text_colour(self, text_colour)
        self._look = BoxLook(background, background, border_width=0, radius=self._radius)
        self.update()

    def set_severity(self, severity: str) -> None:
        _word, text_colour, background = SEVERITY[severity]
        self.setProperty("severity", severity)
        self.set_colours(text_colour, background)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._look is not None:
            paint_box(self, self._look)
        super().paintEvent(event)


class RecoveryKeyLabel(QLabel):
    """The recovery key, large, in a box with the accent colour: it is copied onto paper by hand."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        apply_role(self, "recoveryKey")
        self.setContentsMargins(16, 16, 16, 16)

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_box(self, BOXES["recoveryKey"])
        super().paintEvent(event)


class SectionBox(QGroupBox):
    """A group box with its title in bold and its contents in the normal font: the title is painted with
    a bold font (a font set on the box itself would reach every widget inside it)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        # Not at the top: this module is on the way to the login dialog, and naming QStyle builds its
        # enum types (tests/ui/test_startup_names.py).
        from PySide6.QtWidgets import QStyle, QStyleOptionGroupBox, QStylePainter

        bold = self.font()
        bold.setWeight(QFont.Weight.DemiBold)
        option = QStyleOptionGroupBox()
        self.initStyleOption(option)
        option.fontMetrics = QFontMetrics(bold)  # the title's place is measured in the bold font
        painter = QStylePainter(self)
        painter.setFont(bold)
        painter.drawComplexControl(QStyle.ComplexControl.CC_GroupBox, option)
        painter.end()


class TopBar(QWidget):
    """The bar above the pages: white with a line below."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BASE))
        painter.fillRect(0, self.height() - 1, self.width(), 1, QColor(BORDER))
        painter.end()


def build_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: BASE,
        QPalette.ColorRole.AlternateBase: "#f0f4f6",
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: "#e9edf0",
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.ToolTipBase: BASE,
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: "#8a959d",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(disabled, role, QColor("#9aa5ad"))
    return palette


STYLE = "Fusion"


def apply_theme(app: QApplication, *, style_set: bool = False) -> None:
    """Once per application: applying it again re-polishes every existing widget, which is slow.

    ``style_set``: the application was made with ``-style Fusion`` (ui/app.py). ``setStyle`` would name
    QStyle, whose 11 enum types PySide builds then (~5 ms), before the first window (issue 17)."""
    if app.property("ibpThemed"):
        return
    app.setProperty("ibpThemed", True)
    if not style_set:
        app.setStyle(STYLE)
    app.setPalette(build_palette())
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)


def mono_font(point_size: float = 10) -> QFont:
    from PySide6.QtGui import QFontDatabase  # not on the way to the login dialog (see apply_theme)

    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(point_size)
    return font


def label(text: str, name: str | None = None, *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    """A QLabel with an object name the stylesheet knows (pageTitle, muted, error, ...)."""
    widget = QLabel(text, parent)
    if name:
        apply_role(widget, name)
    widget.setWordWrap(wrap)
    return widget
