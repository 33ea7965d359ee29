"""The performance suite on a board-sized data set, each figure against a baseline measured in the same run.

    .venv/bin/python tests/benchmarks/bench_board.py [--rounds 5] [--rebuild] [--only group-overview]

The data set (board_data.py: 12 schools x 400 pupils, 3 school years of consent history, 500 incidents,
200 requests, 5,000 retention items) is built once and cached under /tmp. Then, in this order:
  1. start-up: a bare PySide6 window vs IBP Desktop to its login dialog and to its main window (logged in as
     the director of one school of the board data set), whole processes (bench_startup's children);
  2. peak memory: a bare PySide6 window process vs IBP Desktop with the board data set open as the board
     user, the Overzicht (12 schools) and the incidents page (500 incidents) loaded; ru_maxrss of each
     child, and in a second pair of runs the peak of Python's own allocations (tracemalloc);
  3. the Overzicht (DashboardService.overview) for the board user vs raw COUNT queries per school;
  4. pupil import of 5,000 pupils vs raw sqlite3 executemany of the same rows (bench_import_pupils);
  5. the group overview PDF of a 500-pupil school vs raw ReportLab, same tables (bench_consent_overview);
  6. list filtering per keystroke on 5,000 pupils vs a bare QSortFilterProxyModel (bench_pupil_filter).
Ends with a Markdown table of the figures (what README.md "Snelheid" shows).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO

from bench_common import scratch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

Row = tuple[str, str, str, str]  # what, program, baseline, ratio
FIGURES: dict[str, dict[str, float]] = {}  # the same figures as numbers, for --json


def _figure(key: str, program: float, baseline: float, unit: str) -> None:
    FIGURES[key] = {"program": round(program, 2), "baseline": round(baseline, 2), "unit": unit,
                    "ratio": round(program / baseline, 3)}  # type: ignore[dict-item]  # fmt: skip


RAW_COUNTS = (  # the figures the Overzicht shows, and one count per area it looks at, per school;
    # the second element names the extra parameter after the school id
    ("SELECT count(*) FROM pupils WHERE school_id = ? AND deregistered_on IS NULL", None),
    ("SELECT count(*) FROM groups WHERE school_id = ?", None),
    ("SELECT count(*) FROM pupils WHERE school_id = ? AND deregistered_on >= ?", "year_start"),
    ("SELECT count(*) FROM incidents WHERE school_id = ? AND status != 'closed'", None),
    ("SELECT count(*) FROM subject_requests WHERE school_id = ? AND answered_on IS NULL", None),
    ("SELECT count(*) FROM retention_items WHERE school_id = ? AND done_run_id IS NULL", None),
    (
        "SELECT count(*) FROM pupils p WHERE p.school_id = ? AND p.deregistered_on IS NULL AND NOT EXISTS"
        " (SELECT 1 FROM consent_decisions d WHERE d.pupil_id = p.id AND d.school_year = ?)",
        "year_label",
    ),
)


def _median_s(action: Callable[[], object], rounds: int) -> float:
    action()  # warm up
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# Children: one process per memory measurement -------------------------------------------------------


def _report_and_exit(trace: bool, note: str = "") -> None:
    """Say what was measured, then wait until the parent has read this process's peak memory."""
    import tracemalloc

    traced = tracemalloc.get_traced_memory()[1] // 1024 if trace else 0
    print(f"READY {traced} {note}", flush=True)
    sys.stdin.readline()  # the parent closes our stdin once it has read /proc/<pid>/status
    os._exit(0)


def _child_bare(trace: bool) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 750)
    window.show()
    QTimer.singleShot(50, lambda: _report_and_exit(trace))
    app.exec()


def _settle(app: object, seconds: float = 60) -> None:
    """Until every background task (page loads) has ended and its result reached the GUI thread."""
    from PySide6.QtCore import QThreadPool

    from ibp_desktop.ui import background

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        if not background._running:
            break
        QThreadPool.globalInstance().waitForDone(10)
    for _ in range(5):
        app.processEvents()  # type: ignore[attr-defined]


def _child_board(data_dir: str, trace: bool) -> None:
    from board_data import BOARD_USER
    from PySide6.QtCore import QTimer

    from ibp_desktop.services.location import resolve_location
    from ibp_desktop.ui.app import Startup, setup_application

    app = setup_application([sys.argv[0]])
    startup = Startup(resolve_location(data_dir))
    startup.start()
    sent = False

    def poll() -> None:
        nonlocal sent
        dialog = startup.login_dialog
        if dialog is not None and not sent:
            sent = True
            dialog.username.setText(BOARD_USER[0])
            dialog.password.setText(BOARD_USER[1])
            dialog.submit()
        window = startup.window
        if window is None or not window.isVisible():
            QTimer.singleShot(5, poll)
            return
        _settle(app)
        window.open_page("overzicht")
        _settle(app)
        overview = window.page("overzicht")
        while getattr(overview, "rows_pending", lambda: False)():  # the rows below the fold come later
            app.processEvents()
        window.open_page("incidenten")
        _settle(app)
        incidents = window.page("incidenten")
        rows = incidents.model.rowCount() if hasattr(incidents, "model") else -1
        items = len(getattr(overview, "attention_rows", []))
        _report_and_exit(trace, f"{items} Overzicht items, {rows} incidents listed")

    QTimer.singleShot(0, poll)
    app.exec()


def _peak_rss_kib(pid: int) -> int:
    """VmHWM, the peak resident memory of the process's current program image, read from outside.

    Not the child's own ru_maxrss: Linux carries that over exec from the forked copy of this parent,
    so a child of a parent that built the board data set reported the parent's peak ("185.3 / 185.3
    MiB, 1.00x bare")."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise SystemExit("no VmHWM in /proc: peak memory is measured on Linux only")


def _memory_child(args: list[str], trace: bool) -> tuple[int, int, str]:
    # A fresh settings folder: no page remembered from an earlier run.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=scratch(prefix="ibp-bench-config-"))
    flags = ["-X", "tracemalloc"] if trace else []
    errors = Path(scratch(prefix="ibp-bench-child-")) / "stderr.txt"
    with errors.open("w") as stderr:
        return _run_memory_child(
            [sys.executable, *flags, __file__, *args, *(["--trace"] if trace else [])], env, stderr
        )


def _run_memory_child(command: list[str], env: dict[str, str], stderr: IO[str]) -> tuple[int, int, str]:
    child = subprocess.Popen(
        command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True
    )
    assert child.stdout is not None and child.stdin is not None
    try:
        line = ""
        while not line.startswith("READY"):
            line = child.stdout.readline()
            if not line:
                child.wait(timeout=30)
                raise SystemExit(f"child {command[1:]} failed: {Path(stderr.name).read_text()[-2000:]}")
        rss = _peak_rss_kib(child.pid)
    finally:
        child.stdin.close()
        child.wait(timeout=300)
    _ready, traced, *note = line.strip().split(" ", 2)
    return rss, int(traced), " ".join(note)


# Sections ---------------------------------------------------------------------------------------------


def startup_section(data_dir: Path, rounds: int) -> list[Row]:
    import bench_startup

    bare, _ = bench_startup._measure(["--child", "bare"], rounds)
    login, note = bench_startup._measure(["--child", "login", "--data-dir", str(data_dir)], rounds)
    main, _ = bench_startup._measure(["--child", "main", "--data-dir", str(data_dir)], rounds)
    print(f"\n1. Start-up, {rounds} processes each, medians ({note})")
    print(f"   bare PySide6 window            : {bare:7.0f} ms")
    print(f"   IBP Desktop to login dialog    : {login:7.0f} ms  ({login / bare:.2f}x bare)")
    print(f"   IBP Desktop to main window     : {main:7.0f} ms  ({main / bare:.2f}x bare, incl. Argon2id)")
    _figure("startup_login_ms", login, bare, "ms")
    _figure("startup_main_ms", main, bare, "ms")
    return [
        (
            "Start tot inlogscherm",
            f"{login:.0f} ms",
            f"{bare:.0f} ms (kaal PySide6-venster)",
            f"{login / bare:.1f}x",
        ),
        (
            "Start tot hoofdvenster (directeur, incl. inloggen)",
            f"{main:.0f} ms",
            f"{bare:.0f} ms",
            f"{main / bare:.1f}x",
        ),
    ]


def memory_section(data_dir: Path) -> list[Row]:
    bare_rss, _, _ = _memory_child(["--child", "bare-memory"], trace=False)
    board_rss, _, note = _memory_child(["--child", "board-memory", "--data-dir", str(data_dir)], trace=False)
    _, bare_py, _ = _memory_child(["--child", "bare-memory"], trace=True)
    _, board_py, _ = _memory_child(["--child", "board-memory", "--data-dir", str(data_dir)], trace=True)
    print(f"\n2. Peak memory, board user, Overzicht + incidents page open ({note})")
    _figure("peak_rss_mib", board_rss / 1024, bare_rss / 1024, "MiB")
    _figure("peak_python_mib", board_py / 1024, bare_py / 1024, "MiB")
    print(f"   VmHWM      bare PySide6 window : {bare_rss / 1024:7.1f} MiB")
    print(
        f"   VmHWM      IBP Desktop (board) : {board_rss / 1024:7.1f} MiB  "
        f"({board_rss / bare_rss:.2f}x bare, "
        f"+{(board_rss - bare_rss) / 1024:.1f} MiB)"
    )
    print(f"   tracemalloc peak bare          : {bare_py / 1024:7.1f} MiB (Python objects only)")
    print(f"   tracemalloc peak IBP Desktop   : {board_py / 1024:7.1f} MiB")
    return [
        (
            "Piekgeheugen (RSS), bestuurder, 12 scholen open",
            f"{board_rss / 1024:.0f} MiB",
            f"{bare_rss / 1024:.0f} MiB",
            f"{board_rss / bare_rss:.1f}x",
        ),
        (
            "waarvan Python-objecten (tracemalloc)",
            f"{board_py / 1024:.0f} MiB",
            f"{bare_py / 1024:.1f} MiB",
            f"{board_py / max(bare_py, 1):.0f}x",
        ),
    ]


def overview_section(data_dir: Path, today: date, rounds: int) -> list[Row]:
    from board_data import BOARD_USER

    from ibp_desktop.core.consent.school_year import school_year_of
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.dashboard.overview import DashboardService
    from ibp_desktop.services.database.connection import Location, open_location

    database = open_location(Location(data_dir=data_dir))
    try:
        actor = login(database, *BOARD_USER)
        service = DashboardService(database, actor)
        year = school_year_of(today)
        extras = {"year_start": year.starts_on.isoformat(), "year_label": year.label}

        def raw() -> None:
            with database.engine.connect() as connection:
                for sid in sorted(actor.school_ids):
                    for query, extra in RAW_COUNTS:
                        params = (sid,) if extra is None else (sid, extras[extra])
                        connection.exec_driver_sql(query, params).scalar()

        raw_s = _median_s(raw, rounds)
        program_s = _median_s(lambda: service.overview(today), rounds)
        shown = service.overview(today)
        items = len(shown.attention)
        # After a change in one area (data_changed): that area again, the rest reused.
        refresh_s = _median_s(lambda: service.refresh(shown, "incidenten", today), rounds)
    finally:
        database.dispose()
    _figure("board_overview_ms", program_s * 1000, raw_s * 1000, "ms")
    _figure("board_overview_refresh_ms", refresh_s * 1000, raw_s * 1000, "ms")
    print(f"\n3. Overzicht for the board user, {len(actor.school_ids)} schools, {rounds} rounds, medians")
    print(f"   raw COUNT queries ({len(RAW_COUNTS)} per school): {_ms(raw_s):>9}")
    print(
        f"   DashboardService.overview      : {_ms(program_s):>9}  "
        f"({program_s / raw_s:.1f}x raw, {items} items)"
    )
    print(f"   refresh of one area (incidents): {_ms(refresh_s):>9}  ({refresh_s / raw_s:.1f}x raw)")
    return [
        (
            "Overzicht bestuurder (12 scholen)",
            _ms(program_s),
            f"{_ms(raw_s)} (kale COUNT-query's)",
            f"{program_s / raw_s:.1f}x",
        ),
        (
            "Overzicht bijwerken na een wijziging in één onderdeel (incidenten)",
            _ms(refresh_s),
            f"{_ms(raw_s)} (kale COUNT-query's)",
            f"{refresh_s / raw_s:.1f}x",
        ),
    ]


def import_section(rounds: int) -> list[Row]:
    import bench_import_pupils as bip
    import keyring

    keyring.set_keyring(bip._MemoryKeyring())
    base = Path(scratch(prefix="ibp-bench-import-"))
    csv_path = base / "leerlingen.csv"
    rows = bip._write_csv(csv_path)
    program, baseline = [], []
    for round_ in range(rounds):
        preview_s, apply_s, imported, schema = bip._program(base / f"school{round_}", csv_path)
        assert imported == len(rows), (imported, len(rows))
        program.append(preview_s + apply_s)
        baseline.append(bip._baseline(base / f"plain{round_}.sqlite3", schema, rows))
    program_s, raw_s = statistics.median(program), statistics.median(baseline)
    _figure("pupil_import_ms", program_s * 1000, raw_s * 1000, "ms")
    print(f"\n4. Pupil import, {len(rows)} pupils, {rounds} rounds, medians")
    print(f"   raw sqlite3 executemany        : {_ms(raw_s):>9}")
    print(f"   preview + apply (SQLCipher)    : {_ms(program_s):>9}  ({program_s / raw_s:.1f}x raw)")
    return [
        (
            f"Leerlingen importeren ({len(rows)})",
            _ms(program_s),
            f"{_ms(raw_s)} (sqlite3 executemany)",
            f"{program_s / raw_s:.0f}x",
        )
    ]


GROUP_OVERVIEW_ROUNDS = 15  # a print takes a few tenths of a second: enough rounds for a steady median


def _turns(actions: list[Callable[[], object]], rounds: int) -> list[tuple[float, float]]:
    """(median wall seconds, median CPU seconds of this process) per action, the actions taking turns
    each round. On a shared machine the CPU time is the steadier figure: it leaves out the time the
    process waited for a core (the wall time also holds the audit entry's disk flush)."""
    for action in actions:
        action()  # warm up: fonts, imports, first-time query compilation
    wall: list[list[float]] = [[] for _ in actions]
    cpu: list[list[float]] = [[] for _ in actions]
    for _ in range(rounds):
        for index, action in enumerate(actions):
            start, start_cpu = time.perf_counter(), time.process_time()
            action()
            wall[index].append(time.perf_counter() - start)
            cpu[index].append(time.process_time() - start_cpu)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(wall, cpu, strict=True)]


def group_overview_section() -> list[Row]:
    import bench_consent_overview as bco

    bco.register_fonts()
    service, sid = bco._school(Path(scratch(prefix="ibp-bench-consent-")))
    try:
        grids = [service.group_grid(sid, g.id) for g in service.groups(sid)]
        tables = bco.raw_content(grids)  # the same tables and "not" lists, in bare ReportLab
        (raw_s, raw_cpu), (full_s, full_cpu) = _turns(
            [lambda: bco._raw(tables), lambda: service.overview_pdf(sid)], GROUP_OVERVIEW_ROUNDS
        )
    finally:
        service.database.dispose()
    pupils = sum(len(g.rows) for g in grids)
    _figure("group_overview_pdf_ms", full_s * 1000, raw_s * 1000, "ms")
    _figure("group_overview_pdf_cpu_ms", full_cpu * 1000, raw_cpu * 1000, "ms")
    print(
        f"\n5. Group overview PDF, {pupils} pupils in {len(grids)} groups, "
        f"{GROUP_OVERVIEW_ROUNDS} rounds, medians (wall; CPU time of the process)"
    )
    print(f"   raw ReportLab, same content    : {_ms(raw_s):>9}; CPU {_ms(raw_cpu):>7}")
    print(
        f"   ConsentService.overview_pdf    : {_ms(full_s):>9}; CPU {_ms(full_cpu):>7}  "
        f"({full_s / raw_s:.2f}x raw; CPU {full_cpu / raw_cpu:.2f}x)"
    )
    return [
        (
            f"Groepsoverzicht toestemming ({pupils} leerlingen)",
            _ms(full_s),
            f"{_ms(raw_s)} (kale ReportLab, zelfde tabellen en lijsten)",
            f"{full_s / raw_s:.1f}x (CPU-tijd {full_cpu / raw_cpu:.1f}x)",
        )
    ]


def filter_section(rounds: int) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import bench_pupil_filter as bpf

    app = bpf.setup_application([sys.argv[0]])
    bpf.guard_none_refcount()
    rows, groups = bpf.make_rows()
    ours, our_field, _ = bpf.program_window(rows, groups)
    bare, bare_field, _ = bpf.baseline_window(rows)
    bpf.settle(app)
    text = "anne-fleur van der berg"
    bpf.type_and_time(app, our_field, text[:3])  # warm up
    bpf.type_and_time(app, bare_field, text[:3])
    program: list[float] = []
    baseline: list[float] = []
    for _ in range(rounds):
        program += bpf.type_and_time(app, our_field, text)
        baseline += bpf.type_and_time(app, bare_field, text)
    ours.close()
    bare.close()
    ours_ms, bare_ms = statistics.median(program), statistics.median(baseline)
    _figure("filter_keystroke_ms", ours_ms, bare_ms, "ms")
    print(f"\n6. Filtering {len(rows)} pupils per keystroke, {rounds} x {len(text)} keystrokes, medians")
    print(f"   bare QSortFilterProxyModel     : {bare_ms:6.1f} ms (slowest {max(baseline):.1f})")
    print(
        f"   PupilsTab                      : {ours_ms:6.1f} ms (slowest {max(program):.1f})  "
        f"({ours_ms / bare_ms:.2f}x bare)"
    )
    return [
        (
            f"Filteren per toetsaanslag ({len(rows)} leerlingen)",
            f"{ours_ms:.1f} ms",
            f"{bare_ms:.1f} ms (kale Qt-filtertabel)",
            f"{ours_ms / bare_ms:.1f}x",
        )
    ]


SECTIONS = ("startup", "memory", "overview", "import", "group-overview", "filter")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the data set again, ignoring the cache")
    parser.add_argument("--child", choices=["bare-memory", "board-memory"])
    parser.add_argument("--data-dir")
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--json", metavar="FILE", help="append the figures with the commit as a JSON line")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="only this section (repeatable)")
    args = parser.parse_args()
    if args.child == "bare-memory":
        return _child_bare(args.trace)
    if args.child == "board-memory":
        return _child_board(args.data_dir, args.trace)

    from board_data import board_data

    data = board_data(rebuild=args.rebuild)
    size = data.location.db_path.stat().st_size / 1024 / 1024
    made = "from the cache" if data.build_seconds is None else f"built in {data.build_seconds:.1f} s"
    print(
        f"Board data set {data.key} ({made}, {size:.1f} MiB encrypted): "
        + ", ".join(f"{n} {table}" for table, n in data.counts.items())
    )
    print(f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    sections: dict[str, Callable[[], list[Row]]] = {
        "startup": lambda: startup_section(data.location.data_dir, args.rounds),
        "memory": lambda: memory_section(data.location.data_dir),
        "overview": lambda: overview_section(data.location.data_dir, data.today, args.rounds),
        "import": lambda: import_section(max(1, args.rounds // 2)),
        "group-overview": group_overview_section,
        "filter": lambda: filter_section(max(1, args.rounds // 2)),
    }
    table: list[Row] = []
    for name in SECTIONS:
        if not args.only or name in args.only:
            table += sections[name]()
    print("\n| Meting | IBP Desktop | Basislijn (zelfde run) | Verhouding |\n|---|---:|---:|---:|")
    for what, ours, baseline, ratio in table:
        print(f"| {what} | {ours} | {baseline} | {ratio} |")
    if args.json:
        from bench_common import write_json

        write_json(args.json, "bench_board", FIGURES)
        print(f"\nFigures appended to {args.json}")


if __name__ == "__main__":
    main()
