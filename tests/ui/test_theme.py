"""The look without an application style sheet: text roles, painted boxes and badges, primary buttons.

Issue 17: an application style sheet made Qt polish every widget of the program through its rules (about
a third of a page's first visit). These tests hold the look the sheet gave, read from the pixels where
it is painted.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ibp_desktop.ui import theme
from ibp_desktop.ui.theme import Badge, Panel, SectionBox, label, make_primary
from tests.ui.helpers import log_in

pytestmark = pytest.mark.gui


def _pixel(widget: QWidget, x: int, y: int) -> str:
    return QColor(widget.grab().toImage().pixel(x, y)).name()


def _close(colour: str, expected: str, tolerance: int = 24) -> bool:
    a, b = QColor(colour), QColor(expected)
    return all(abs(p - q) <= tolerance for p, q in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_the_program_runs_without_an_application_style_sheet(
    qtbot: QtBot, make_startup, demo_location
) -> None:
    startup = make_startup(demo_location)
    window = log_in(qtbot, startup, "directeur", "Regenboog-directeur")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.styleSheet() == ""
    sheets = [w.objectName() for w in window.findChildren(QWidget) if w.styleSheet()]
    assert sheets == ["navigation"]  # its item rules have no palette equivalent; it reaches no page


def test_text_roles_give_size_weight_and_colour(qtbot: QtBot) -> None:
    title, error, muted, plain = (label("Overzicht", "pageTitle"), label("Dat lukte niet", "error"),
                                  label("Schooljaar", "muted"), label("Gewone tekst"))
    assert title.font().pointSizeF() == 16 and title.font().weight() == QFont.Weight.DemiBold
    assert error.font().weight() == QFont.Weight.DemiBold
    assert error.palette().color(QPalette.ColorRole.WindowText).name() == theme.ERROR
    assert muted.palette().color(QPalette.ColorRole.WindowText).name() == theme.MUTED
    assert plain.font().weight() == QFont.Weight.Normal
    assert title.objectName() == "pageTitle"  # the name stays: tests and accessibility tools find it


def test_a_severity_badge_paints_its_colour_behind_its_word(qtbot: QtBot) -> None:
    badge = Badge("Dringend")
    badge.set_severity("urgent")
    qtbot.addWidget(badge)
    badge.resize(badge.sizeHint())
    word, text_colour, background = theme.SEVERITY["urgent"]
    assert badge.text() == word
    assert _close(_pixel(badge, 4, badge.height() // 2), background)
    assert badge.palette().color(QPalette.ColorRole.WindowText).name() == text_colour
    assert badge.font().weight() == QFont.Weight.DemiBold


def test_a_panel_paints_a_border_around_its_background(qtbot: QtBot) -> None:
    box = Panel("demoBox")
    qtbot.addWidget(box)
    box.resize(200, 80)
    look = theme.BOXES["demoBox"]
    assert _close(_pixel(box, 100, 40), look.background, 4)
    assert _close(_pixel(box, 100, 0), look.border)
    assert _close(_pixel(box, 0, 40), look.border)


def test_a_section_box_has_a_bold_title_but_normal_contents(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QGroupBox

    boxes = []
    for kind in (SectionBox, QGroupBox):
        box = kind("Instellingen")
        qtbot.addWidget(box)
        QVBoxLayout(box).addWidget(QLabel("Automatisch vergrendelen na"))
        box.resize(300, 80)
        boxes.append(box)
    section, plain = boxes
    assert section.findChild(QLabel).font().weight() == QFont.Weight.Normal
    assert _title_ink_width(section) > _title_ink_width(plain)  # the same word, painted bold


def _title_ink_width(box: QWidget) -> int:
    """How wide the dark pixels of the title's line (the top 14 px) reach."""
    image = box.grab().toImage()
    columns = [x for x in range(image.width())
               if any(QColor(image.pixel(x, y)).lightness() < 110 for y in range(14))]
    return columns[-1] - columns[0] if columns else 0


def test_the_primary_button_has_the_accent_colour(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("Opslaan")
    make_primary(button)
    qtbot.addWidget(button)
    button.resize(120, 30)
    face = QColor(_pixel(button, 8, 15))
    assert abs(face.hue() - QColor(theme.ACCENT).hue()) <= 10  # the accent's petrol blue
    assert _contrast(face, QColor("#ffffff")) >= 4.5  # white text stays readable (WCAG AA)
    assert button.palette().color(QPalette.ColorRole.ButtonText).name() == "#ffffff"


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(value) for value in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_answer_row_with_the_focus_stands_out(qtbot: QtBot) -> None:
    """Typing 300 forms with J/N: the row the keys go to has the accent border and a tinted background."""
    from ibp_desktop.services.consent.forms import FormPurpose
    from ibp_desktop.ui.pages.consent.form_editor import AnswerToggle

    holder = QWidget()
    layout = QVBoxLayout(holder)
    rows = [AnswerToggle(FormPurpose(n, f"doel{n}", f"Doel {n}", "", False, 2026), n) for n in (1, 2)]
    for row in rows:
        layout.addWidget(row)
    qtbot.addWidget(holder)
    holder.resize(500, 90)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    rows[0].setFocus()
    qtbot.waitUntil(rows[0].hasFocus, timeout=5_000)
    focused, other = (QColor(row.grab().toImage().pixel(0, row.height() // 2)).name() for row in rows)
    assert _close(focused, theme.ACCENT) and _close(other, theme.BORDER)
    inside_focused = _pixel(rows[0], 6, 4)
    assert _close(inside_focused, theme.BOXES["answerToggleFocus"].background, 4)
    assert _close(_pixel(rows[1], 6, 4), theme.BASE, 4)
