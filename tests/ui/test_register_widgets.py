"""The shared register table: rows in, filtered as you type (accents ignored), sorted, levels in colour."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import Column, RowsModel
from tests.ui.helpers import finish_background_work


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    group: str
    status: str


ROWS = [
    Item(1, "Şükrü Yılmaz", "5", "Te laat"),
    Item(2, "Łucja Wiśniewska", "1/2a", "Op tijd"),
    Item(3, "An Nguyễn Văn", "8", "Op tijd"),
    Item(4, "Anne-Fleur van der Berg-de Vries", "5", "Op tijd"),
]
COLUMNS = [
    Column[Item]("Naam", lambda r: r.name),
    Column[Item]("Groep", lambda r: r.group),
    Column[Item]("Status", lambda r: r.status, level=lambda r: "red" if r.status == "Te laat" else None),
]


def test_search_ignores_accents_and_case() -> None:
    model = RowsModel(COLUMNS)
    model.set_rows(ROWS)
    model.set_search("sukru")
    assert [r.id for r in model.visible_rows] == [1]
    model.set_search("LUCJA wisn")
    assert [r.id for r in model.visible_rows] == [2]
    model.set_search("nguyen")
    assert [r.id for r in model.visible_rows] == [3]
    model.set_search("")
    assert model.rowCount() == 4


def test_sort_and_level_colour() -> None:
    model = RowsModel(COLUMNS)
    model.set_rows(ROWS)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.visible_rows[0].name.startswith("An ")
    model.set_search("yilmaz")
    assert model.data(model.index(0, 2), Qt.ItemDataRole.DisplayRole) == "Te laat"
    assert model.data(model.index(0, 2), Qt.ItemDataRole.BackgroundRole) is not None


class ItemsPage(RegisterPage[Item]):
    def __init__(self, rows: list[Item]) -> None:
        super().__init__("Proef", "", COLUMNS, search_hint="Zoeken", empty_text="Nog niets.")
        self.rows = rows
        self.group_box = self.add_filter("Groep:", [("Alle groepen", None), ("Groep 5", "5")],
                                         lambda row, value: row.group == value)

    def load_rows(self) -> list[Item]:
        return list(self.rows)


def test_page_filters_and_counts(qtbot: QtBot) -> None:
    page = ItemsPage(ROWS)
    qtbot.addWidget(page)
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    assert page.count_label.text() == "4 in totaal"
    page.group_box.setCurrentIndex(1)
    assert {r.id for r in page.model.visible_rows} == {1, 4}
    qtbot.keyClicks(page.search, "anne")
    assert [r.id for r in page.model.visible_rows] == [4]
    assert page.count_label.text() == "1 van 4"


def test_empty_page_says_how_to_begin(qtbot: QtBot) -> None:
    page = ItemsPage([])
    qtbot.addWidget(page)
    page.reload()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty)


@dataclass(frozen=True)
class Dated:
    id: int
    name: str
    year: int


class DatedPage(RegisterPage[Dated]):
    def __init__(self, rows: list[Dated]) -> None:
        super().__init__("Proef", "", [Column[Dated]("Naam", lambda r: r.name)], search_hint="Zoeken",
                         empty_text="Nog niets.")
        self.rows = rows
        self.year_filter = self.add_year_filter(lambda r: r.year)

    def load_rows(self) -> list[Dated]:
        return list(self.rows)


def test_the_year_filter_offers_the_years_of_the_rows_and_lets_go_of_a_vanished_year(qtbot: QtBot) -> None:
    page = DatedPage([Dated(1, "Şükrü Yılmaz", 2025), Dated(2, "Łucja Wiśniewska", 2026)])
    qtbot.addWidget(page)
    page.reload()
    qtbot.waitUntil(lambda: page.year_filter.count() == 3)
    assert [page.year_filter.itemText(i) for i in range(3)] == ["Alle jaren", "2026", "2025"]
    page.year_filter.setCurrentIndex(2)
    assert [r.id for r in page.model.visible_rows] == [1]
    page.rows = [Dated(2, "Łucja Wiśniewska", 2026), Dated(3, "Nguyễn Văn An", 2026)]
    page.reload()
    qtbot.waitUntil(lambda: page.year_filter.count() == 2)
    assert page.year_filter.currentText() == "Alle jaren"
    assert {r.id for r in page.model.visible_rows} == {2, 3}  # not an empty table under "Alle jaren"


def test_fetch_detail_shows_only_the_row_chosen_last(qtbot: QtBot) -> None:
    page = ItemsPage(ROWS)
    qtbot.addWidget(page)
    shown: list[str] = []
    ran: list[int] = []
    page.fetch_detail(1, lambda: ran.append(1) or "eerste", shown.append, "test detail")
    page.fetch_detail(2, lambda: ran.append(2) or "tweede", shown.append, "test detail")
    qtbot.waitUntil(lambda: len(ran) == 2 and "tweede" in shown)
    finish_background_work()  # the answer for the first click arrives too, and is dropped
    assert shown == ["tweede"]


def test_detail_view_shows_heading_and_status_as_typed(qtbot: QtBot) -> None:
    from ibp_desktop.ui.widgets.detail_view import DetailView

    view = DetailView()
    qtbot.addWidget(view)
    view.show_record(1, "Kids' Foto & Co <b>", "Geen overeenkomst met Kids' Foto & Co", "red", "<p>x</p>")
    assert view.heading.text() == "Kids' Foto & Co <b>"
    assert view.heading.textFormat() == Qt.TextFormat.PlainText
    assert view.badge.text() == "Geen overeenkomst met Kids' Foto & Co"
    assert view.badge.textFormat() == Qt.TextFormat.PlainText


def test_measured_column_widths_are_what_qt_would_size_them_to(qtbot: QtBot) -> None:
    """natural_widths reads the texts of the model (issue 17: resizeColumnToContents asks the view for
    every cell's size hint); the columns come out as wide as Qt makes them, long names and multi-line
    cells included, also with the app's style sheet, the header when it is the wider one."""
    from PySide6.QtWidgets import QApplication, QTableView

    from ibp_desktop.ui.theme import apply_theme
    from ibp_desktop.ui.widgets.columns import natural_widths

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)
    rows = [*ROWS, Item(5, "Nguyễn Văn An\nAnne-Fleur van der Berg-de Vries (ouder)", "7", "Op tijd"),
            *(Item(10 + n, f"Leerling {n}", "3", "Op tijd") for n in range(300))]
    columns = [*COLUMNS, Column[Item]("Toestemming voor foto's op de website", lambda r: "ja")]
    model = RowsModel(columns)
    model.set_rows(rows)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.show()
    measured = natural_widths(table)
    table.resizeColumnsToContents()
    by_qt = [table.horizontalHeader().sectionSize(c) for c in range(len(columns))]
    pairs = zip(measured, by_qt, strict=True)
    assert all(theirs <= ours <= theirs + 1 for ours, theirs in pairs), (measured, by_qt)  # never short
    assert measured[0] > measured[1] and measured[3] > 250  # the long name; the header of the last column


def test_a_measured_column_is_never_a_pixel_short_of_its_widest_text(qtbot: QtBot) -> None:
    """"In beoordeling" is 93.4 px wide: rounded to 93 the column was one pixel short and the cell
    showed "In beoordeli…" (the delegate rounds text up)."""
    from PySide6.QtGui import QFontMetricsF
    from PySide6.QtWidgets import QTableView

    from ibp_desktop.ui.widgets.columns import natural_widths

    statuses = ["In beoordeling", "Afgehandeld", "Gemeld binnen 72 uur", "Niet meldplichtig", "2026-007"]
    table = QTableView()
    qtbot.addWidget(table)
    metrics = QFontMetricsF(table.font())
    rounds_down = [s for s in statuses if 0 < metrics.horizontalAdvance(s) % 1 < 0.5]
    rounds_up = [s for s in statuses if metrics.horizontalAdvance(s) % 1 >= 0.5]
    assert rounds_down and rounds_up, "this font has no texts for the case below"
    model = RowsModel(COLUMNS)  # the first cell (whose padding is measured) rounds the other way
    model.set_rows([Item(1, rounds_up[0], "5", rounds_down[0])])
    table.setModel(model)
    table.show()
    assert natural_widths(table)[2] >= table.sizeHintForColumn(2)
