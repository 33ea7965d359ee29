"""Charts of the annual report, drawn with ReportLab graphics on the embedded DejaVu fonts.

Every text of a chart (axis labels, legend, bar labels) is set to DejaVu explicitly: ReportLab's graphics
default to Helvetica, which is not embedded and cannot draw every letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from ibp_desktop.reports.fonts import SANS, SANS_BOLD, register_fonts
from ibp_desktop.reports.template import INK, MUTED

# Distinguishable in colour and in grey print; the legend always names each colour.
PALETTE = (
    colors.HexColor("#1F4E79"),
    colors.HexColor("#E07B39"),
    colors.HexColor("#4C9A2A"),
    colors.HexColor("#B8336A"),
    colors.HexColor("#7F7F7F"),
    colors.HexColor("#2AA1B3"),
    colors.HexColor("#C9A227"),
    colors.HexColor("#6A3D9A"),
    colors.HexColor("#8C564B"),
)
ON_TIME = colors.HexColor("#4C9A2A")
LATE = colors.HexColor("#9B2C2C")
LABEL_SIZE = 7.5


def _step(highest: int) -> int:
    """A whole-number axis step giving at most about six gridlines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if highest / step <= 6:
            return step
    return max(1, highest // 5)


def _value_axis(axis: Any, highest: int, *, percent: bool = False) -> None:
    axis.valueMin = 0
    if percent:
        axis.valueMax, axis.valueStep = 100, 20
        axis.labelTextFormat = "%d%%"
    else:
        step = _step(max(highest, 1))
        axis.valueStep = step
        axis.valueMax = max(step, -(-max(highest, 1) // step) * step)
        axis.labelTextFormat = "%d"
    axis.labels.fontName = SANS
    axis.labels.fontSize = LABEL_SIZE
    axis.labels.fillColor = MUTED
    axis.strokeColor = MUTED
    axis.gridStrokeColor = colors.HexColor("#E4E7EB")
    axis.visibleGrid = True


def _category_axis(axis: Any, names: Sequence[str]) -> None:
    axis.categoryNames = list(names)
    axis.labels.fontName = SANS
    axis.labels.fontSize = LABEL_SIZE
    axis.labels.fillColor = INK
    axis.strokeColor = MUTED


def _value_text(value: float, percent: bool) -> str:
    return f"{round(value)}%" if percent else f"{round(value)}"


def _legend(x: float, y: float, items: Sequence[tuple[Any, str]], columns: int = 1) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = SANS
    legend.fontSize = LABEL_SIZE
    legend.fillColor = INK
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.dx = legend.dy = 7
    legend.deltay = 10
    legend.columnMaximum = max(1, -(-len(items) // columns))
    legend.deltax = 150
    legend.colorNamePairs = list(items)
    legend.strokeColor = None
    return legend


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    # The renderer starts every drawing in its default font (Helvetica) unless told otherwise.
    drawing.initialFontName = SANS
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def _title(drawing: Drawing, text: str) -> None:
    drawing.add(String(0, drawing.height - 10, text, fontName=SANS_BOLD, fontSize=9, fillColor=INK))


def stacked_bars(
    title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], width: float
) -> Drawing:
    """Vertical bars per category, stacked by series (e.g. incidents per quarter, by type)."""
    register_fonts()
    legend_rows = -(-len(series) // 2)
    height = 190 + 11 * legend_rows
    drawing = _drawing(width, height)
    _title(drawing, title)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 22 + 11 * legend_rows + 10
    chart.width, chart.height = width - 40, 140
    chart.data = [list(values) for _, values in series] or [[0] * len(categories)]
    chart.categoryAxis.style = "stacked"
    chart.barWidth = 18
    chart.groupSpacing = 18
    for index in range(len(chart.data)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
        chart.bars[index].strokeColor = colors.white  # segments stay apart in grey print
        chart.bars[index].strokeWidth = 0.8
    # Black-and-white copies (the GMR's) lose the colours: each segment carries its letter and count,
    # and the legend says which letter is which type.
    chart.barLabelFormat = "values"
    chart.barLabelArray = [
        [f"{series_letter(i)}{v}" if v else "" for v in row] for i, row in enumerate(chart.data)
    ]
    chart.barLabels.fontName = SANS_BOLD
    chart.barLabels.fontSize = 6.5
    chart.barLabels.fillColor = colors.white
    chart.barLabels.boxAnchor = "c"
    chart.barLabels.nudge = 0
    chart.barLabels.dy = -3  # into the middle of the segment rather than above it
    totals = [sum(column) for column in zip(*chart.data, strict=True)]
    _value_axis(chart.valueAxis, max(totals, default=0))
    _category_axis(chart.categoryAxis, categories)
    drawing.add(chart)
    items = [(PALETTE[i % len(PALETTE)], f"{series_letter(i)}  {name}") for i, (name, _) in enumerate(series)]
    drawing.add(_legend(20, 10 + 11 * legend_rows, items, columns=2))
    return drawing


def series_letter(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index % 26]


def horizontal_bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], Any]],
    width: float,
    *,
    percent: bool = False,
    bar_colours: Sequence[Any] = (),
) -> Drawing:
    """Horizontal bars, one group per category and one bar per series (name, values, colour).
    With ``percent`` the axis runs from 0 to 100%. ``bar_colours``: one colour per category for a
    single series (the category labels then say what each colour means)."""
    register_fonts()
    bar_space = 9 * len(series) + 8
    chart_height = max(40, bar_space * len(categories))
    height = chart_height + 58
    drawing = _drawing(width, height)
    _title(drawing, title)
    chart = HorizontalBarChart()
    label_room = 150
    chart.x, chart.y = label_room, 34
    chart.width, chart.height = width - label_room - 20, chart_height
    # ReportLab draws the first category at the bottom: reverse so the list reads top-down.
    chart.data = [list(reversed(values)) for _, values, _ in series]
    chart.barWidth = 8
    chart.groupSpacing = 8
    chart.barSpacing = 1
    for index, (_, _, colour) in enumerate(series):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    for index, colour in enumerate(reversed(bar_colours)):
        chart.bars[(0, index)].fillColor = colour
    # The value at the end of each bar, with the series' name when there are several: readable in
    # black and white without the legend's colours.
    several = len(series) > 1
    chart.barLabelFormat = "values"
    chart.barLabelArray = [
        [f"{name.lower() + ' ' if several else ''}{_value_text(v, percent)}" for v in reversed(values)]
        for name, values, _ in series
    ]
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 6.5
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    highest = max((max(values, default=0) for _, values, _ in series), default=0)
    _value_axis(chart.valueAxis, int(highest), percent=percent)
    _category_axis(chart.categoryAxis, list(reversed(categories)))
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    drawing.add(chart)
    if not bar_colours:
        drawing.add(_legend(label_room - 10, 20, [(colour, name) for name, _, colour in series], columns=3))
    return drawing
