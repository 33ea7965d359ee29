"""Importing 5,000 pupils: the program (preview + apply on SQLCipher) vs raw sqlite3, in one run.

    .venv/bin/python tests/benchmarks/bench_import_pupils.py

Generates a 5,000-pupil CSV (ParnasSys-style: semicolon, Dutch dates, separate tussenvoegsel), then
times, each into an empty school, median of a few rounds:
  - the program: PupilService.preview_import + apply_import (read, map, check, diff, one transaction,
    groups, audit) on an encrypted SQLCipher database;
  - the baseline: raw sqlite3 ``executemany`` of the same rows into an identical plain table
    (the same CREATE TABLE statements), no parsing, no checks.
Aim: the program under 2 s.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import date
from pathlib import Path

import keyring
from bench_common import scratch
from keyring.backend import KeyringBackend

from ibp_desktop.services.demo.data import demo_pupils

PUPILS = 5_000
ROUNDS = 3
TODAY = date(2026, 9, 1)
PASSWORD = "Benchmark-Wachtwoord-1"


class _MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]
    ibp_trusted = True

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def _write_csv(path: Path) -> list[tuple[object, ...]]:
    pupils = [p for p in demo_pupils(TODAY, count=PUPILS) if p.deregistered_on is None]
    seen: set[tuple[str, str, str, date]] = set()
    unique = []
    for p in pupils:  # the generator may repeat a name and birthday; a real file would not
        key = (p.first_name, p.infix, p.last_name, p.date_of_birth)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    lines = ["Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;Datum inschrijving"]
    lines += [
        ";".join(
            (
                p.pupil_number,
                p.first_name,
                p.infix,
                p.last_name,
                p.date_of_birth.strftime("%d-%m-%Y"),
                f"groep {p.group_name}",
                p.enrolled_on.strftime("%d-%m-%Y"),
            )
        )
        for p in unique
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [
        (p.pupil_number, p.first_name, p.infix, p.last_name, p.date_of_birth, p.group_name, p.enrolled_on)
        for p in unique
    ]


def _program(folder: Path, csv_path: Path) -> tuple[float, float, int, str]:
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
        preview = service.preview_import(result.school_id, csv_path, today=TODAY)
        middle = time.perf_counter()
        imported = service.apply_import(result.school_id, preview)
        end = time.perf_counter()
        schema = ";\n".join(
            row[0]
            for row in database.engine.raw_connection()
            .cursor()
            .execute(
                "SELECT sql FROM sqlite_master"
                " WHERE tbl_name IN ('schools', 'groups', 'pupils') AND sql IS NOT NULL"
            )
            .fetchall()
        )
    finally:
        database.dispose()
    return middle - start, end - middle, imported.new, schema


def _baseline(path: Path, schema: str, rows: list[tuple[object, ...]]) -> float:
    connection = sqlite3.connect(path)
    connection.executescript(schema + ";")
    connection.execute(
        "INSERT INTO schools (id, board_id, name, brin, created_at, version)"
        " VALUES (1, 1, 'x', '12AB', '', 1)"
    )
    connection.commit()
    start = time.perf_counter()
    groups = sorted({str(r[5]) for r in rows})
    connection.executemany(
        "INSERT INTO groups (id, school_id, name, sort_order) VALUES (?, 1, ?, ?)",
        [(i + 1, name, i) for i, name in enumerate(groups)],
    )
    group_ids = {name: i + 1 for i, name in enumerate(groups)}
    connection.executemany(
        "INSERT INTO pupils (school_id, pupil_number, first_name, infix, last_name, date_of_birth, group_id,"
        " enrolled_on, deregistered_on, version) VALUES (1, ?, ?, ?, ?, ?, ?, ?, NULL, 1)",
        [(n, f, i, la, str(b), group_ids[str(g)], str(e)) for n, f, i, la, b, g, e in rows],
    )
    connection.commit()
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    keyring.set_keyring(_MemoryKeyring())
    base = Path(scratch(prefix="ibp-bench-import-"))
    csv_path = base / "leerlingen.csv"
    rows = _write_csv(csv_path)
    previews, applies, baselines = [], [], []
    for round_ in range(ROUNDS):
        preview_s, apply_s, imported, schema = _program(base / f"school{round_}", csv_path)
        assert imported == len(rows), (imported, len(rows))
        previews.append(preview_s)
        applies.append(apply_s)
        baselines.append(_baseline(base / f"plain{round_}.sqlite3", schema, rows))
    preview_s, apply_s = statistics.median(previews), statistics.median(applies)
    program_s, baseline_s = preview_s + apply_s, statistics.median(baselines)
    print(f"{len(rows)} pupils, {csv_path.stat().st_size / 1024:.0f} KiB CSV, median of {ROUNDS} rounds")
    print(f"program preview (read, map, check, diff)    : {preview_s * 1000:8.1f} ms")
    print(f"program apply (one transaction, SQLCipher)  : {apply_s * 1000:8.1f} ms")
    print(f"program total                               : {program_s * 1000:8.1f} ms  (aim < 2000 ms)")
    print(f"raw sqlite3 executemany, plain file         : {baseline_s * 1000:8.1f} ms")
    print(f"ratio program / raw                         : {program_s / baseline_s:8.1f}x")


if __name__ == "__main__":
    main()
