"""Where the group overview PDF ("Toestemming beeldmateriaal" per groep) spends its time, with cProfile.

    .venv/bin/python tests/benchmarks/profile_consent_overview.py [--rounds 7] [--top 25] [--only board]

Three schools, all groups in one PDF (what `export consent-overview` without --group and the Toestemming
page's "Afdrukken" for all groups make): the demo school (200 pupils, 8 groups), the first school of the
board data set (bench_board's cache, 3 school years of consent history) and bench_consent_overview's
500-pupil school. For each: medians of ConsentService.overview_pdf as a whole and of its rendering step
alone (render_consent_overview on the same data), then the top functions of one profiled call.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from bench_common import scratch  # noqa: E402

DEMO_DAY = date(2026, 11, 28)


def _median_ms(action: Callable[[], object], rounds: int) -> float:
    action()  # warm up: fonts, first-time query compilation
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def _demo() -> tuple[object, int, date]:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.consent.decisions import ConsentService
    from ibp_desktop.services.database.connection import Location, open_location
    from ibp_desktop.services.demo.school import create_demo

    location = Location(data_dir=Path(scratch(prefix="ibp-profile-demo-")) / "demo")
    create_demo(location, DEMO_DAY)
    database = open_location(location)
    actor = login(database, "directeur", "Regenboog-directeur")
    return ConsentService(database, actor), min(actor.school_ids), DEMO_DAY


def _board() -> tuple[object, int, date]:
    from board_data import DIRECTOR, board_data

    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.consent.decisions import ConsentService
    from ibp_desktop.services.database.connection import open_location

    data = board_data()
    database = open_location(data.location)
    actor = login(database, *DIRECTOR)
    return ConsentService(database, actor), min(actor.school_ids), data.today


def _bench500() -> tuple[object, int, date]:
    import bench_consent_overview as bco

    from ibp_desktop.services.consent.queries import today

    service, sid = bco._school(Path(scratch(prefix="ibp-profile-500-")))
    return service, sid, today()


def profile(name: str, make: Callable[[], tuple[object, int, date]], rounds: int, top: int) -> None:
    from ibp_desktop.reports.consent_overview import render_consent_overview
    from ibp_desktop.services.consent.printing import overview_data

    service, sid, day = make()
    grids = [service.group_grid(sid, g.id, day) for g in service.groups(sid)]  # type: ignore[attr-defined]
    data = overview_data(grids, datetime.now(UTC))
    pupils = sum(len(g.rows) for g in grids)
    full = _median_ms(lambda: service.overview_pdf(sid, on=day), rounds)  # type: ignore[attr-defined]
    render = _median_ms(lambda: render_consent_overview(data), rounds)
    print(f"\n== {name}: {pupils} pupils in {len(grids)} groups, {rounds} rounds, medians, "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"   overview_pdf (whole)        : {full:7.1f} ms")
    print(f"   render_consent_overview     : {render:7.1f} ms")
    print(f"   the rest (data, rules, audit): {full - render:7.1f} ms")
    if top <= 0:
        service.database.dispose()  # type: ignore[attr-defined]
        return
    profiler = cProfile.Profile()
    profiler.enable()
    service.overview_pdf(sid, on=day)  # type: ignore[attr-defined]
    profiler.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if "ncalls" in line)
        print(f"   -- by {order} --")
        print("\n".join(lines[start - 3 : start + top + 1]))
    service.database.dispose()  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--only", choices=["demo", "board", "500"])
    args = parser.parse_args()
    from ibp_desktop.reports.fonts import register_fonts

    register_fonts()
    for name, make in (("demo", _demo), ("board", _board), ("500", _bench500)):
        if args.only in (None, name):
            profile(name, make, args.rounds, args.top)


if __name__ == "__main__":
    main()
