"""Filtering a 5,000-pupil list per keystroke: the pupils tab vs a bare Qt table, in one run.

    .venv/bin/python tests/benchmarks/bench_pupil_filter.py [--rounds 5] [--text "anne-fleur van der berg"]

Both windows are shown (offscreen Qt), the same size, with the same 5,000 pupils (the demo generator):
  - the program: the real ``PupilsTab`` (RegisterPage + RowsModel, seven columns, sorted by group,
    searching the precomputed accent-free search text of each ``PupilRow``);
  - the baseline: a bare QTableView on a QStandardItemModel with the same seven columns of text, filtered
    by QSortFilterProxyModel.setFilterFixedString on the name column (case-insensitive), sorted by group.
Each keystroke of the typed text is timed from the key press until the events it caused are processed
(filtering, the table's relayout and repaint); the field is cleared between rounds (not timed).
Prints the median and the slowest keystroke of both, and the ratio of the medians. Aim: under 16 ms.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import ctypes
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QVBoxLayout, QWidget

from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.schools import SchoolInfo
from ibp_desktop.services.context import Actor
from ibp_desktop.services.demo.data import demo_pupils
from ibp_desktop.services.pupils.register import GroupRow, PupilRow, _pupil_row
from ibp_desktop.ui.app import setup_application
from ibp_desktop.ui.context import AppContext
from ibp_desktop.ui.pages.pupils.columns import dutch_date
from ibp_desktop.ui.pages.pupils.pupils_tab import PupilsTab

PUPILS = 5_000
TODAY = date(2026, 9, 1)
SCHOOL_ID = 1
SIZE = (1200, 750)


def make_rows() -> tuple[list[PupilRow], list[GroupRow]]:
    """5,000 enrolled pupils as ``PupilService.list_pupils`` returns them (same row builder)."""
    pupils = [p for p in demo_pupils(TODAY, count=PUPILS) if p.deregistered_on is None][:PUPILS]
    names = sorted({p.group_name for p in pupils})
    from ibp_desktop.importers.values import group_order

    names.sort(key=group_order)
    group_ids = {name: index + 1 for index, name in enumerate(names)}
    rows = [
        _pupil_row(
            {  # type: ignore[arg-type]  # a plain dict stands in for the database row
                "id": number,
                "pupil_number": p.pupil_number,
                "first_name": p.first_name,
                "infix": p.infix,
                "last_name": p.last_name,
                "date_of_birth": p.date_of_birth,
                "group_id": group_ids[p.group_name],
                "group_name": p.group_name,
                "enrolled_on": p.enrolled_on,
                "deregistered_on": None,
                "version": 1,
            },
            TODAY,
        )
        for number, p in enumerate(pupils, start=1)
    ]
    counts = {name: sum(1 for p in pupils if p.group_name == name) for name in names}
    groups = [GroupRow(group_ids[n], n, counts[n], i) for i, n in enumerate(names)]
    rank = {g.id: g.sort_order for g in groups}
    rows.sort(key=lambda r: (rank[r.group_id], r.sort_key))
    return rows, groups


Window = tuple[QWidget, QLineEdit, Callable[[], int]]  # the window, its search field, its visible row count


def program_window(rows: list[PupilRow], groups: list[GroupRow]) -> Window:
    actor = Actor(1, "bench", "Bench Mark", frozenset({Role.ADMINISTRATION}), frozenset({SCHOOL_ID}))
    school = SchoolInfo(SCHOOL_ID, "OBS Benchmark", "99ZZ", len(rows))
    context = AppContext(None, actor, None, schools=[school], idle_minutes=60,  # type: ignore[arg-type]
                         today=lambda: TODAY)
    tab = PupilsTab(context)
    tab._groups = groups  # what load_rows() would have fetched, without a database
    tab._order = {row.id: position for position, row in enumerate(rows)}
    tab._loaded_query = tab._query
    tab._loaded(rows)  # the same path as after the background load
    tab.resize(*SIZE)
    tab.show()
    return tab, tab.search, tab.model.rowCount


def baseline_window(rows: list[PupilRow]) -> Window:
    model = QStandardItemModel(len(rows), 7)
    model.setHorizontalHeaderLabels(
        ["Groep", "Naam", "Leerlingnummer", "Geboortedatum", "Leeftijd", "Ingeschreven", "Uitgeschreven"])
    for index, row in enumerate(rows):
        cells = (row.group_name or "", row.display_name, row.pupil_number or "",
                 dutch_date(row.date_of_birth), str(row.age), dutch_date(row.enrolled_on), "")
        for column, text in enumerate(cells):
            model.setItem(index, column, QStandardItem(text))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit()
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    field.textChanged.connect(proxy.setFilterFixedString)
    layout.addWidget(field)
    layout.addWidget(view, 1)
    window.resize(*SIZE)
    window.show()
    window._keep = (model, proxy)  # type: ignore[attr-defined]
    return window, field, proxy.rowCount


def guard_none_refcount() -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None on many void calls (setItem, setText, ...);
    the 35,000 setItem calls of the baseline would free None and abort the run. When the leak is there,
    give None a large reference count (what Python 3.12 does by making it immortal). No effect on timing."""
    if sys.version_info >= (3, 12):
        return
    probe = QStandardItemModel(1, 1)
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setItem(0, 0, QStandardItem("x"))
    if before - sys.getrefcount(None) >= 4:
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 32


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def type_and_time(app: QApplication, field: QLineEdit, text: str) -> list[float]:
    """Milliseconds per keystroke: key press until everything it caused has been processed."""
    field.setFocus()
    field.clear()
    settle(app)
    times = []
    for char in text:
        start = time.perf_counter()
        QTest.keyClick(field, char)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    field.clear()
    settle(app)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--text", default="anne-fleur van der berg")
    args = parser.parse_args()
    app = setup_application([sys.argv[0]])
    guard_none_refcount()
    rows, groups = make_rows()
    ours, our_field, our_count = program_window(rows, groups)
    bare, bare_field, bare_count = baseline_window(rows)
    settle(app)
    assert our_count() == bare_count() == len(rows), (our_count(), bare_count())
    type_and_time(app, our_field, args.text[:3])  # warm-up (first paint, caches)
    type_and_time(app, bare_field, args.text[:3])
    program: list[float] = []
    baseline: list[float] = []
    for _ in range(args.rounds):  # alternate, so both see the same machine state
        program += type_and_time(app, our_field, args.text)
        baseline += type_and_time(app, bare_field, args.text)
    our_field.setText(args.text)
    bare_field.setText(args.text)
    settle(app)
    print(f"{len(rows):,} pupils, typed {args.text!r} ({len(args.text)} keystrokes) x {args.rounds} rounds")
    print(f"  matches at the end: program {our_count()}, baseline {bare_count()}")
    for name, times in (("program (PupilsTab)", program), ("baseline (QSortFilterProxyModel)", baseline)):
        print(f"  {name:34} median {statistics.median(times):6.2f} ms   slowest {max(times):6.2f} ms")
    ratio = statistics.median(program) / statistics.median(baseline)
    verdict = "OK" if statistics.median(program) < 16 else "SLOWER THAN AIM"
    print(f"  ratio program/baseline (medians): {ratio:.2f}x   aim: under 16 ms per keystroke -> {verdict}")
    ours.close()
    bare.close()


if __name__ == "__main__":
    main()
