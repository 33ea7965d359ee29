"""Look of the program: Fusion, a calm light palette with one accent colour, and a small stylesheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

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

STYLESHEET = f"""
QWidget#topBar {{ background: {BASE}; border-bottom: 1px solid {BORDER}; }}
QLabel#appTitle {{ font-size: 13pt; font-weight: 600; color: {ACCENT_DARK}; }}
QLabel#pageTitle {{ font-size: 16pt; font-weight: 600; color: {TEXT}; }}
QLabel#sectionTitle {{ font-size: 13pt; font-weight: 600; color: {TEXT}; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#error {{ color: {ERROR}; font-weight: 600; }}
QLabel#bigNumber {{ font-size: 22pt; font-weight: 600; color: {ACCENT_DARK}; }}
QLabel#recoveryKey {{ font-size: 17pt; font-weight: 600; color: {TEXT}; background: {BASE};
    border: 2px solid {ACCENT}; border-radius: 6px; padding: 14px; }}
QFrame#card {{ background: {BASE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame#attentionRow {{ background: {BASE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame#demoBox {{ background: #fff8e6; border: 1px solid #e8c96a; border-radius: 6px; }}
QLabel#badge {{ border-radius: 4px; padding: 2px 8px; font-weight: 600; }}
QListWidget#navigation {{ background: {BASE}; border: none; border-right: 1px solid {BORDER};
    font-size: 11pt; outline: 0; }}
QListWidget#navigation::item {{ padding: 9px 14px; border-left: 4px solid transparent; color: {TEXT}; }}
QListWidget#navigation::item:selected {{ background: #e3eef3; border-left: 4px solid {ACCENT};
    color: {ACCENT_DARK}; font-weight: 600; }}
QListWidget#navigation::item:hover:!selected {{ background: #eef2f5; }}
QPushButton {{ padding: 5px 14px; }}
QPushButton:default {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK};
    border-radius: 3px; }}
QPushButton:default:hover {{ background: {ACCENT_DARK}; }}
QPushButton:default:disabled {{ background: #9fb8c4; border-color: #9fb8c4; }}
QGroupBox {{ font-weight: 600; }}
QTabBar::tab {{ padding: 6px 14px 8px 14px; }}
QDialog#lockDialog {{ background: {WINDOW}; }}
"""
# The severity badges of the Overzicht: one rule per severity here, not a style sheet per badge (parsing
# and polishing one per badge cost the first visit of the Overzicht about 2 ms per 25 items).
STYLESHEET += "".join(f'QLabel#badge[severity="{key}"] {{ background: {bg}; color: {fg}; }}\n'
                      for key, (_word, fg, bg) in SEVERITY.items())


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
    app.setStyleSheet(STYLESHEET)


def mono_font(point_size: float = 10) -> QFont:
    from PySide6.QtGui import QFontDatabase  # not on the way to the login dialog (see apply_theme)

    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(point_size)
    return font


def label(text: str, name: str | None = None, *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    """A QLabel with an object name the stylesheet knows (pageTitle, muted, error, ...)."""
    widget = QLabel(text, parent)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget
