"""The shared register table: rows in, filtered as you type (accents ignored), sorted, levels in colour."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ibp_desktop.ui.widgets.register_page import RegisterPage
from ibp_desktop.ui.widgets.rows_model import Column, RowsModel


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
    assert all(abs(ours - theirs) <= 1 for ours, theirs in pairs), (measured, by_qt)
    assert measured[0] > measured[1] and measured[3] > 250  # the long name; the header of the last column
