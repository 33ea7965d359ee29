"""The group overview "Toestemming beeldmateriaal" for a 500-pupil school vs raw ReportLab, in one run.

    .venv/bin/python tests/benchmarks/bench_consent_overview.py

A school of 500 pupils in 20 groups, 10 purposes, a form for about 90% of them. Prints medians of:
the program's full path (permission check, reading the decisions, the consent rules, the PDF with the
shared template, the "niet fotograferen" boxes and marked cells), the rendering step alone, and raw
ReportLab: a bare SimpleDocTemplate with one plain Table per group of the same rows (same embedded
font, a page break per group, no template, no box). Aim: full path under 1 s, at most 1.5x raw.
"""

from __future__ import annotations

import random
import statistics
import textwrap
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

from bench_common import scratch
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table

from ibp_desktop.reports.consent_overview import render_consent_overview
from ibp_desktop.reports.fonts import SANS, register_fonts
from ibp_desktop.reports.text_ops import TextOpsCanvas
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.consent.printing import overview_data
from ibp_desktop.services.consent.queries import GroupConsentGrid, today
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.database.setup import NewSchool, initialise
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.models import Group, Pupil

ROUNDS = 7
PASSWORD = "Bench-Wachtwoord-2026"
FIRST = ("Şükrü", "Łucja", "An", "Anne-Fleur", "Daan", "Noor", "Mohammed", "Sara", "Finn", "Yasmin")
LAST = (("", "Yılmaz"), ("", "Wiśniewska"), ("", "Nguyễn Văn"), ("van der", "Berg-de Vries"), ("de", "Jong"))


def _medians_s(*actions: Callable[[], object]) -> list[float]:
    """Median seconds per action; the actions take turns each round, so machine noise hits all alike."""
    samples: list[list[float]] = [[] for _ in actions]
    for action in actions:
        action()  # warm up: fonts, imports, caches
    for _ in range(ROUNDS):
        for action, times in zip(actions, samples, strict=True):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in samples]


def _school(folder: Path) -> tuple[ConsentService, int]:
    location = Location(data_dir=folder / "bench")
    result = initialise(
        location, NewSchool("Stichting Bench", "OBS Vijfhonderd", "55BB", "bench", "Bench", PASSWORD)
    )
    # No OS keyring on a bench machine: open with the recovery key set-up just returned.
    database = open_location(location, recovery_key=result.recovery_key)
    service = ConsentService(database, login(database, "bench", PASSWORD))
    sid = result.school_id
    form = service.current_form(sid)
    rng = random.Random(5)
    on = today() - timedelta(days=20)
    with database.transaction() as session:
        groups = [Group(school_id=sid, name=f"{1 + i // 3}{'abc'[i % 3]}", sort_order=i) for i in range(20)]
        session.add_all(groups)
        session.flush()
        pupils = [
            Pupil(
                school_id=sid, pupil_number=str(100000 + n), first_name=rng.choice(FIRST),
                infix=rng.choice(LAST)[0], last_name=rng.choice(LAST)[1] + f" {n}",
                date_of_birth=date(2015, 1, 1) + timedelta(days=n * 5), group_id=groups[n % 20].id,
            )
            for n in range(500)
        ]  # fmt: skip
        session.add_all(pupils)
        session.flush()
        session.add_all(
            ConsentDecision(
                pupil_id=p.id, purpose_id=fp.purpose_id, granted=rng.random() < 0.88, withdrawal=False,
                school_year="2026-2027", form_version_id=form.id, given_by="Ouder", relation="guardian_1",
                channel="paper", given_on=on, follow_up="",
            )
            for p in pupils
            if rng.random() < 0.9
            for fp in form.purposes
        )  # fmt: skip
    return service, sid


Content = list[tuple[list[list[str]], list[list[str]]]]  # per group: (not lists, grid)


def raw_content(grids: list[GroupConsentGrid]) -> Content:
    """The same content as the program prints: per group the names who may not, per purpose, and the
    pupils x purposes marks."""
    content: Content = []
    for grid in grids:
        nots = [[f"{n.label}:", ", ".join(p.name for p in n.pupils)] for n in grid.not_allowed if n.pupils]
        rows = [["Leerling", *(p.label for p in grid.purposes)]]
        rows += [[row.pupil.name, *(p.status.mark for p in row.purposes)] for row in grid.rows]
        content.append((nots, rows))
    return content


def _raw(content: Content, canvasmaker: type[Canvas] = Canvas) -> bytes:
    """What bare ReportLab needs for the same tables and lists: no template, no styles beyond the font.
    ``canvasmaker``: TextOpsCanvas shows how much of the program's lead is the text cache alone."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4))
    story: list[object] = []
    font = [("FONT", (0, 0), (-1, -1), SANS, 8)]
    for index, (nots, rows) in enumerate(content):
        if index:
            story.append(PageBreak())
        # Names wrapped by hand at a fixed count, as a plain table cell does not wrap.
        wrapped = [[label, "\n".join(textwrap.wrap(names, 150))] for label, names in nots]
        story += [Table(wrapped or [[""]], style=font), Table(rows, repeatRows=1, style=font)]
    doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


def main() -> None:
    register_fonts()
    folder = Path(scratch(prefix="ibp-bench-consent-"))
    service, sid = _school(folder)
    grids = [service.group_grid(sid, g.id) for g in service.groups(sid)]
    data = overview_data(grids, datetime.now(UTC))
    tables = raw_content(grids)
    pupils = sum(len(g.rows) for g in grids)
    raw_s, cached_s, render_s, full_s = _medians_s(
        lambda: _raw(tables),
        lambda: _raw(tables, TextOpsCanvas),
        lambda: render_consent_overview(data),
        lambda: service.overview_pdf(sid),
    )
    pages = render_consent_overview(data).count(b"/Type /Page\n") or "?"
    print(f"{pupils} pupils, {len(grids)} groups, 10 purposes, {ROUNDS} rounds, medians")
    print(f"{'raw ReportLab (SimpleDocTemplate + Table)':<44} : {raw_s * 1000:7.1f} ms")
    for label, seconds in (
        ("raw ReportLab with the text cache (text_ops)", cached_s),
        ("render_consent_overview (template, boxes)", render_s),
        ("ConsentService.overview_pdf (DB + rules)", full_s),
    ):
        print(f"{label:<44} : {seconds * 1000:7.1f} ms  ({seconds / raw_s:.2f}x raw)")
    print(f"pages: {pages}")
    service.database.dispose()


if __name__ == "__main__":
    main()
