"""Importing a parent-app consent export of a 500-pupil school (10 purposes = 5,000 answers).

    .venv/bin/python tests/benchmarks/bench_import_consent.py

Sets up a school with 500 pupils (through the pupil import), writes a Parro-style export (semicolon,
UTF-8 with BOM, one yes/no column per purpose), then times on SQLCipher, median of a few rounds:
  - preview (read, map, match 500 pupils, check, diff against the history);
  - apply (re-check and diff in the transaction, one executemany of 5,000 decisions, audit);
  - the same file again (preview: everything unchanged);
  - the baseline: only reading the same file into a Table (tabular.read_table), measured in the same run.
Aim: preview + apply well under 2 s.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import keyring
from bench_common import scratch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import_pupils import PASSWORD, _MemoryKeyring

from ibp_desktop.services.demo.data import demo_pupils

PUPILS = 500
ROUNDS = 3
HEADERS = [
    "Schoolgids",
    "Website: ja/nee",
    "Social media",
    "Nieuwsbrief",
    "Parro",
    "Klassenfoto",
    "Lokale pers",
    "Onderzoek",
    "Video scholing",
    "Voornaam bij foto",
]


def _files(folder: Path, today: date) -> tuple[Path, Path]:
    pupils = [p for p in demo_pupils(today, count=PUPILS) if p.deregistered_on is None]
    pupil_csv = folder / "leerlingen.csv"
    lines = ["Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep"]
    lines += [
        f"{p.pupil_number};{p.first_name};{p.infix};{p.last_name};{p.date_of_birth:%d-%m-%Y};{p.group_name}"
        for p in pupils
    ]
    pupil_csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    answers = folder / "parro.csv"
    day = (today - timedelta(days=1)).strftime("%d-%m-%Y")
    rows = ["Leerlingnummer;Leerling;Groep;Ingevuld door;Datum;" + ";".join(HEADERS)]
    for i, p in enumerate(pupils):
        yes_no = ";".join("nee" if (i + j) % 7 == 0 else "ja" for j in range(len(HEADERS)))
        rows.append(f"{p.pupil_number};{p.first_name} {p.last_name};{p.group_name};Ouder {i};{day};{yes_no}")
    answers.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8-sig"))
    return pupil_csv, answers


def _round(folder: Path, pupil_csv: Path, answers: Path) -> tuple[float, float, float, int]:
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.consent.importing import ConsentImportService
    from ibp_desktop.services.database.connection import Location, open_location
    from ibp_desktop.services.database.setup import NewSchool, initialise
    from ibp_desktop.services.pupils.register import PupilService

    location = Location(data_dir=folder)
    school = initialise(location, NewSchool("Stichting", "OBS Bench", "12AB", "beheer", "Beheer", PASSWORD))
    database = open_location(location)
    try:
        actor = login(database, "beheer", PASSWORD)
        pupils = PupilService(database, actor)
        pupils.apply_import(school.school_id, pupils.preview_import(school.school_id, pupil_csv))
        service = ConsentImportService(database, actor)
        service.preview(school.school_id, answers)  # installs the default form; not timed
        start = time.perf_counter()
        preview = service.preview(school.school_id, answers)
        middle = time.perf_counter()
        result = service.apply(school.school_id, preview)
        end = time.perf_counter()
        again = service.preview(school.school_id, answers)
        last = time.perf_counter()
        assert again.counts.unchanged == result.decisions and not again.diff.changes_anything
    finally:
        database.dispose()
    return middle - start, end - middle, last - end, result.decisions


def _baseline(answers: Path) -> float:
    from ibp_desktop.importers.tabular import read_table

    start = time.perf_counter()
    read_table(answers)
    return time.perf_counter() - start


def main() -> None:
    from ibp_desktop.services.consent.queries import today

    keyring.set_keyring(_MemoryKeyring())
    base = Path(scratch(prefix="ibp-bench-consent-"))
    pupil_csv, answers = _files(base, today())
    previews, applies, agains, baselines, decisions = [], [], [], [], 0
    for round_ in range(ROUNDS):
        preview_s, apply_s, again_s, decisions = _round(base / f"school{round_}", pupil_csv, answers)
        previews.append(preview_s)
        applies.append(apply_s)
        agains.append(again_s)
        baselines.append(_baseline(answers))
    preview_s, apply_s = statistics.median(previews), statistics.median(applies)
    baseline_s = statistics.median(baselines)
    print(
        f"{decisions} answers for {PUPILS} pupils, {answers.stat().st_size / 1024:.0f} KiB CSV, "
        f"median of {ROUNDS}"
    )
    print(f"preview (read, map, match, check, diff)     : {preview_s * 1000:8.1f} ms")
    print(f"apply (re-check, one transaction, SQLCipher) : {apply_s * 1000:8.1f} ms")
    print(
        f"total                                        : {(preview_s + apply_s) * 1000:8.1f} ms"
        "  (aim < 2000 ms)"
    )
    print(f"same file again (preview, all unchanged)     : {statistics.median(agains) * 1000:8.1f} ms")
    print(f"baseline: read_table of the same file        : {baseline_s * 1000:8.1f} ms")
    print(f"ratio total / baseline                       : {(preview_s + apply_s) / baseline_s:8.1f}x")


if __name__ == "__main__":
    main()
