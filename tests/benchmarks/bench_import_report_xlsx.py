"""5,000 pupils from a ParnasSys report .xlsx (title rows, one name column, date cells, a footer):
the import's reading and checking vs openpyxl alone reading the same file, in one run.

    .venv/bin/python tests/benchmarks/bench_import_report_xlsx.py

Times, median of a few rounds:
  - openpyxl alone: load_workbook(read_only=True, data_only=True) and iterate every row's values;
  - the program's read: read_table with the pupil captions (header finding below the title rows, footer
    skipped, limits checked), guess_mapping and read_pupils (names split, dates, groups, every check);
  - the whole preview: PupilService.preview_import on an encrypted SQLCipher database (adds the diff).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import keyring

from ibp_desktop.services.demo.data import demo_pupils
from tests.benchmarks.bench_import_pupils import PASSWORD, _MemoryKeyring
from tests.importers.layouts import write_parnassys_report

PUPILS = 5_000
ROUNDS = 5
TODAY = date(2026, 9, 1)


def _write(path: Path) -> int:
    seen: set[tuple[str, str, str, date]] = set()
    rows: list[list[object]] = []
    for p in demo_pupils(TODAY, count=PUPILS):  # pupils who left are listed too: the file says enrolled
        key = (p.first_name, p.infix, p.last_name, p.date_of_birth)
        if key in seen:
            continue
        seen.add(key)
        last = f"{p.last_name}, {p.first_name} {p.infix}".strip()
        rows.append([f"Groep {p.group_name}", last, p.date_of_birth, "V", p.pupil_number, p.enrolled_on])
    write_parnassys_report(path, rows)
    return len(rows)


def _openpyxl_alone(path: Path) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _row in workbook.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    workbook.close()
    assert count > 100
    return time.perf_counter() - start


def _program_read(path: Path, count: int) -> float:
    from ibp_desktop.importers.mapping import guess_mapping
    from ibp_desktop.importers.pupils import PUPIL_FIELDS, read_pupils
    from ibp_desktop.importers.tabular import read_table
    from ibp_desktop.services.pupils.importing import pupil_captions

    start = time.perf_counter()
    table = read_table(path, pupil_captions())
    records = read_pupils(table, guess_mapping(table.headers, PUPIL_FIELDS), TODAY)
    elapsed = time.perf_counter() - start
    assert len(records) == count, len(records)
    return elapsed


def _preview(folder: Path, path: Path, count: int) -> float:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import Location, open_location
    from ibp_desktop.services.database.setup import NewSchool, initialise
    from ibp_desktop.services.pupils.register import PupilService

    location = Location(data_dir=folder)
    result = initialise(location, NewSchool("Stichting", "OBS Bench", "12AB", "beheer", "Beheer", PASSWORD))
    database = open_location(location)
    try:
        service = PupilService(database, login(database, "beheer", PASSWORD))
        start = time.perf_counter()
        preview = service.preview_import(result.school_id, path, today=TODAY)
        elapsed = time.perf_counter() - start
        assert preview.ok and preview.counts.new == count, preview.problems[:3]
    finally:
        database.dispose()
    return elapsed


def main() -> None:
    keyring.set_keyring(_MemoryKeyring())
    base = Path(tempfile.mkdtemp(prefix="ibp-bench-xlsx-"))
    path = base / "overzicht.xlsx"
    count = _write(path)
    alone = statistics.median(_openpyxl_alone(path) for _ in range(ROUNDS))
    read = statistics.median(_program_read(path, count) for _ in range(ROUNDS))
    preview = _preview(base / "school", path, count)
    print(f"{count} pupils, {path.stat().st_size / 1024:.0f} KiB .xlsx with title rows and a footer")
    print(f"openpyxl alone (read-only, every row)        : {alone * 1000:8.1f} ms")
    print(f"program read + map + check (no database)     : {read * 1000:8.1f} ms")
    print(f"ratio program / openpyxl alone               : {read / alone:8.2f}x")
    print(f"whole preview incl. diff (SQLCipher, 1 round): {preview * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
