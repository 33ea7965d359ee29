"""The first visit of every page: how long the window is frozen, the GUI thread's time, vs a bare table page.

    .venv/bin/python tests/benchmarks/bench_first_visit.py [--rounds 5] [--board] [--json runs.jsonl]
    .venv/bin/python tests/benchmarks/bench_first_visit.py --rounds 1 --profile DIR   # cProfile per page

Each round is a fresh program process (offscreen Qt) that logs in through the real login dialog (the
director of the demo school, who sees every page; with ``--board`` the director of one school of
bench_board's data set, 400 pupils with three years of consent history), waits until the start-up's
background work and the preloading of the page modules ended (PAGES_LATER_MS), then visits every page
of the navigation once, in order. A visit is timed from the click (``open_page``) until the page's
background loads ended, their results were applied to the models and the events that caused (layout,
first paint) were processed. Per visit:
- GUI-thread CPU (time.thread_time): building the page, showing it, applying the loaded rows, painting;
  not the background query (another thread). It varies least with the machine's load: compare this.
- longest freeze / frozen in all: a 1 ms timer runs on the GUI thread; it fires only when the event
  loop is free, so its gaps are the stretches in which the window could not react. Under load these
  include the time the OS gave the CPU to other processes. (Qt's event dispatcher cannot tell this: the
  glib dispatcher emits aboutToBlock before it dispatches the events, so its "awake" time misses them.)
- wall: from the click until painted, background query included.

The Overzicht opens at login; its first visit is measured in extra processes that start on another page.

Baseline, in the same process right after each page: a bare page of the same size (a title and a
QTableView on a minimal QAbstractTableModel) that gets as many rows and columns of text as the page's
largest table showed, applied in one model reset after a trip through the event loop, until painted.
Aim (issue 17): every page's first visit at most 50 ms of GUI-thread time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

DEMO_USER = ("directeur", "Regenboog-directeur")
START_ELSEWHERE = "documenten"  # where the processes that measure the Overzicht start (everyone has it)


# Child: one program process ---------------------------------------------------------------------------


FROZEN_GAP_S = 0.010  # a gap of the probe longer than this counts as the window frozen


class Clock:
    """The GUI thread's CPU time, the wall time, and how long the window was frozen during one visit.

    Frozen: a 1 ms timer runs on the GUI thread during the visit; it fires only when the event loop is
    free, so a gap between two firings is a stretch in which the window could not react (to a key, to
    a repaint). The longest gap, and the sum of the gaps over FROZEN_GAP_S, are what a user feels."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.probe = QTimer()
        self.probe.setTimerType(Qt.TimerType.PreciseTimer)
        self.probe.setInterval(1)
        self.probe.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.ticks: list[float] = []

    def begin(self) -> None:
        self.start, self.cpu = time.perf_counter(), time.thread_time()
        self.ticks = [self.start]
        self.probe.start()

    def end(self) -> dict[str, float]:
        """CPU ms of this thread, wall ms, longest frozen ms, frozen ms in all, since ``begin``."""
        now, cpu = time.perf_counter(), time.thread_time() - self.cpu
        self.probe.stop()
        ticks = [*self.ticks, now]
        gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
        return {"cpu": cpu * 1000, "wall": (now - self.start) * 1000, "longest": max(gaps) * 1000,
                "frozen": sum(gap for gap in gaps if gap > FROZEN_GAP_S) * 1000}  # fmt: skip


def _background_idle() -> bool:
    from ibp_desktop.ui import background, ops

    return not background._running and not ops._running


def _table_size(page: Any) -> tuple[int, int]:
    """Rows and columns of the largest visible table or list on the page."""
    from PySide6.QtWidgets import QAbstractItemView

    best = (0, 0)
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisible() and model is not None and model.rowCount() > best[0]:
            best = (model.rowCount(), model.columnCount())
    return best


def _bare_page(rows: int, columns: int) -> tuple[Any, Any, list[tuple[str, ...]]]:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

    class Model(QAbstractTableModel):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[tuple[str, ...]] = []

        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else columns

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            return None

        def set_rows(self, rows: list[tuple[str, ...]]) -> None:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()

    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("Kale tabel"))
    model = Model()
    table = QTableView()
    table.setModel(model)
    layout.addWidget(table, 1)
    data = [tuple(f"rij {r} kolom {c}" for c in range(columns)) for r in range(rows)]  # "the query"
    return page, model, data


class Visitor:
    """Visits the pages one after another on the running event loop, then prints the figures and exits."""

    def __init__(self, app: Any, window: Any, keys: list[str]) -> None:
        self.app, self.window, self.keys = app, window, keys
        self.clock = Clock()
        self.figures: dict[str, Any] = {}
        self.quiet = 0
        self.bare: Any = None
        self.profile_dir = os.environ.get("IBP_BENCH_PROFILE_DIR")  # cProfile of each visit, GUI thread
        self.profiler: Any = None

    def next_page(self) -> None:
        from PySide6.QtCore import QTimer

        if not self.keys:
            print("FIGURES " + json.dumps(self.figures), flush=True)
            os._exit(0)
        key = self.keys[0]
        if self.profile_dir:
            import cProfile

            self.profiler = cProfile.Profile()
            self.profiler.enable()
        self.clock.begin()
        self.window.open_page(key)
        self.quiet = 0
        QTimer.singleShot(0, lambda: self._wait(self._page_done))

    def _wait(self, then: Any) -> None:
        """Until the background is idle and three event-loop turns in a row found nothing more to do."""
        from PySide6.QtCore import QTimer

        idle = _background_idle()
        self.quiet = self.quiet + 1 if idle else 0
        if self.quiet >= 3:
            then()
            return
        QTimer.singleShot(0 if idle else 2, lambda: self._wait(then))

    def _page_done(self) -> None:
        from PySide6.QtCore import QTimer

        figures = self.clock.end()
        key = self.keys[0]
        if self.profiler is not None:
            self.profiler.disable()
            self.profiler.dump_stats(str(Path(self.profile_dir or ".") / f"{key}.prof"))
            self.profiler = None
        page = self.window.page(key)
        rows, columns = _table_size(page)
        self.figures[key] = {**figures, "rows": rows, "columns": columns}
        self.bare, model, data = _bare_page(rows, columns)  # built outside the clock, like the query
        self.clock.begin()
        self.window.stack.addWidget(self.bare)
        self.window.stack.setCurrentWidget(self.bare)
        QTimer.singleShot(0, lambda: model.set_rows(data))  # the "query result" arrives
        self.quiet = 0
        QTimer.singleShot(0, lambda: self._wait(self._bare_done))

    def _bare_done(self) -> None:
        from PySide6.QtCore import QTimer

        figures = self.clock.end()
        self.figures[self.keys[0]].update({f"bare_{name}": value for name, value in figures.items()})
        self.window.stack.removeWidget(self.bare)
        self.bare.deleteLater()
        self.keys.pop(0)
        QTimer.singleShot(20, self.next_page)


def _child(data_dir: str, user: str, password: str, keys: list[str], start: str | None) -> None:
    from PySide6.QtCore import QSettings, QTimer

    from ibp_desktop.services.location import resolve_location
    from ibp_desktop.ui import app as app_module
    from ibp_desktop.ui.pages import PAGE_MODULES

    app = app_module.setup_application([sys.argv[0]])
    if start:  # the page the window opens on (remembered from the "last session")
        QSettings().setValue("main/page", start)
        QSettings().sync()
    startup = app_module.Startup(resolve_location(data_dir))
    startup.start()
    state = {"sent": False, "shown": 0.0}

    def poll() -> None:
        dialog = startup.login_dialog
        if dialog is not None and not state["sent"]:
            state["sent"] = True
            dialog.username.setText(user)
            dialog.password.setText(password)
            dialog.submit()
        window = startup.window
        if window is not None and window.isVisible() and not state["shown"]:
            state["shown"] = time.monotonic()
        ready = (state["shown"] and time.monotonic() - state["shown"] > app_module.PAGES_LATER_MS / 1000 + 0.5
                 and all(m in sys.modules for m in PAGE_MODULES) and _background_idle())
        if not ready:
            QTimer.singleShot(10, poll)
            return
        assert window is not None
        wanted = [k for k in window.page_keys() if k in keys] if keys else window.page_keys()
        wanted = [k for k in wanted if k not in window.pages]  # not visited yet: the start page is
        visitor = Visitor(app, window, wanted)
        state["visitor"] = visitor  # type: ignore[assignment]  # kept alive
        window.resize(1366, 768)
        QTimer.singleShot(50, visitor.next_page)

    QTimer.singleShot(0, poll)
    app.exec()


# Parent --------------------------------------------------------------------------------------------


def _bytecode_env() -> dict[str, str]:
    """An installed program imports its modules from .pyc files; a checkout run with
    PYTHONDONTWRITEBYTECODE would compile every module a page imports on each visit. The children get a
    bytecode cache of their own (compiled once here), the checkout stays clean."""
    from bench_common import scratch

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = scratch(prefix="ibp-bench-pycache-")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parents[1] / "ibp_desktop")],
                   env=env, check=True)
    return env


_ENV: dict[str, str] = {}


def _run_child(data_dir: Path, user: tuple[str, str], keys: list[str], start: str | None) -> dict[str, Any]:
    from bench_common import scratch

    if not _ENV:
        _ENV.update(_bytecode_env())
    # A fresh settings folder: no page or window size remembered from an earlier run.
    env = dict(_ENV, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=scratch(prefix="ibp-bench-config-"))
    command = [sys.executable, __file__, "--child", "--data-dir", str(data_dir), "--user", user[0],
               "--password", user[1], "--keys", ",".join(keys), "--start", start or ""]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    line = next((x for x in done.stdout.splitlines() if x.startswith("FIGURES ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"child failed: {done.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(line.removeprefix("FIGURES "))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--board", action="store_true", help="bench_board's data set, as the board user")
    parser.add_argument("--only", help="comma-separated page keys (default: every page)")
    parser.add_argument("--json", metavar="FILE", help="append the figures with the commit as a JSON line")
    parser.add_argument("--profile", metavar="DIR", help="write a cProfile file per page (GUI thread) to DIR")
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--keys", default="")
    parser.add_argument("--start", default="")
    args = parser.parse_args()
    if args.child:
        keys = [k for k in args.keys.split(",") if k]
        return _child(args.data_dir, args.user, args.password, keys, args.start or None)

    from bench_common import scratch

    if args.board:
        from board_data import DIRECTOR, board_data

        data_dir, user = board_data().location.data_dir, DIRECTOR
    else:
        data_dir, user = Path(scratch(prefix="ibp-first-visit-")) / "demo", DEMO_USER
        subprocess.run([sys.executable, "-m", "ibp_desktop", "demo", "--no-gui", "--data-dir", str(data_dir)],
                       check=True, capture_output=True)
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
        os.environ["IBP_BENCH_PROFILE_DIR"] = str(Path(args.profile).resolve())
    only = [k for k in (args.only or "").split(",") if k]
    samples: dict[str, list[dict[str, float]]] = {}
    loads = [os.getloadavg()[0]]
    for _ in range(args.rounds):
        runs = []
        if not only or any(k != "overzicht" for k in only):
            runs.append(_run_child(data_dir, user, [k for k in only if k != "overzicht"], None))
        if not only or "overzicht" in only:
            runs.append(_run_child(data_dir, user, ["overzicht"], START_ELSEWHERE))
        for figures in runs:
            for key, values in figures.items():
                samples.setdefault(key, []).append(values)
        loads.append(os.getloadavg()[0])
    _report(samples, args.rounds, loads, "board" if args.board else "demo", args.json)


def _report(samples: dict[str, list[dict[str, float]]], rounds: int, loads: list[float], data: str,
            json_path: str | None) -> None:
    from ibp_desktop.ui.pages import PAGES

    print(f"First visit per page, {data} data set, {rounds} fresh processes, medians;"
          f" load average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} CPUs")
    print(f"{'':16}{'GUI-thread CPU':>22}  {'longest freeze':>22}  {'frozen in all':>14}{'wall':>7}")
    print(f"{'page':<16}{'ms':>8}{'bare':>7}{'ratio':>7}  {'ms':>8}{'bare':>7}{'ratio':>7}  {'ms':>7}"
          f"{'bare':>7}{'ms':>7}{'rows':>6}")
    figures: dict[str, dict[str, float]] = {}
    for key in [spec.key for spec in PAGES if spec.key in samples]:
        values = samples[key]
        med = {name: statistics.median(v[name] for v in values) for name in values[0]}
        cpu, bare, longest, bare_longest = med["cpu"], med["bare_cpu"], med["longest"], med["bare_longest"]
        figures[f"first_visit_{key}_ms"] = {
            "program": round(cpu, 2), "baseline": round(bare, 2), "unit": "ms", "ratio": round(cpu / bare, 3),
            "slowest": round(max(v["cpu"] for v in values), 2), "longest_freeze": round(longest, 2),
            "bare_longest_freeze": round(bare_longest, 2), "frozen": round(med["frozen"], 2),
            "bare_frozen": round(med["bare_frozen"], 2), "wall": round(med["wall"], 2),
        }  # fmt: skip
        print(f"{key:<16}{cpu:8.1f}{bare:7.1f}{cpu / bare:6.1f}x  {longest:8.1f}{bare_longest:7.1f}"
              f"{longest / bare_longest:6.1f}x  {med['frozen']:7.1f}{med['bare_frozen']:7.1f}"
              f"{med['wall']:7.0f}{int(med['rows']):>6}")
    worst = max(figures.values(), key=lambda f: f["program"])
    frozen = max(figures.values(), key=lambda f: f["longest_freeze"])
    print(f"most GUI-thread time (median): {worst['program']:.1f} ms; longest freeze (median): "
          f"{frozen['longest_freeze']:.1f} ms; aim: at most 50 ms")
    if json_path:
        from bench_common import write_json

        write_json(json_path, f"bench_first_visit_{data}", figures)
        print(f"Figures appended to {json_path}")


if __name__ == "__main__":
    main()
