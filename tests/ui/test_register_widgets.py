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
