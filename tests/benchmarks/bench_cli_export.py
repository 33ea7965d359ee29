"""`ibp-desktop export consent-overview --group 5` on the demo school, whole process, against baselines.

    .venv/bin/python tests/benchmarks/bench_cli_export.py [--rounds 9] [--json runs.jsonl] [--importtime]
        [--before DIR ...]

Every figure is the wall time of a fresh process measured from outside (start of the child until it
has exited, like /usr/bin/time), plus its CPU time (user + system, from the child's rusage); the
processes take turns each round, so machine noise hits all alike; medians. In the same run:
- bare: `python -c pass` (the interpreter's own start);
- raw: a plain script that does the same work without the program: opens the same SQLCipher file,
  checks the same Argon2id password hash, reads group 5's pupils, purposes and latest decisions with
  plain SQL and renders the same content (the "niet fotograferen" lists and the pupils x purposes
  table, DejaVu fonts) with ReportLab;
- program: `python -m ibp_desktop export consent-overview --group 5` (aim: at most 0.5 s).
`--importtime` also runs the program once under `python -X importtime` and lists the slowest imports.
`--before DIR` (more than once for several) times older checkouts' program in the same rounds.
Bytecode is written first (one warm-up run of each), as an installed program has it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BRIN, GROUP, USER = "99ZZ", "5", "directeur"
PASSWORD = "Regenboog-directeur"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _child_raw(db: str, key_hex: str, fonts: str, out: str) -> None:
    """The same work as the export, done plainly (no ORM, no services, no template)."""
    import sqlcipher3.dbapi2 as sqlcipher
    from argon2 import PasswordHasher
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    connection = sqlcipher.connect(db)
    connection.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    (password_hash,) = connection.execute(
        "SELECT password_hash FROM users WHERE username = ?", (USER,)
    ).fetchone()
    PasswordHasher().verify(password_hash, PASSWORD)
    rows = _raw_query(connection)
    for face in ("DejaVuSans", "DejaVuSans-Bold"):
        pdfmetrics.registerFont(TTFont(face, f"{fonts}/{face}.ttf"))
    normal = ParagraphStyle("n", fontName="DejaVuSans", fontSize=7, leading=8.5)
    bold = ParagraphStyle("b", parent=normal, fontName="DejaVuSans-Bold")
    labels, pupils = rows
    nots = [
        [
            Paragraph(
                f"<b>{label}:</b> " + ", ".join(name for name, marks in pupils if marks[i] != "JA"), normal
            )
        ]
        for i, label in enumerate(labels)
    ]
    grid = [[Paragraph(label, bold) for label in ("Leerling", *labels)]]
    grid += [[name, *marks] for name, marks in pupils]
    font = [("FONT", (0, 0), (-1, -1), "DejaVuSans", 7), ("GRID", (0, 0), (-1, -1), 0.25, "grey")]
    story = [Paragraph("OBS De Regenboog - Toestemming beeldmateriaal - Groep 5", bold),
             Table(nots, style=font), Table(grid, repeatRows=1, style=font)]  # fmt: skip
    SimpleDocTemplate(out, pagesize=landscape(A4)).build(story)


def _raw_query(connection: object) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Group 5's pupils, the purposes of the school's latest form and each pupil's latest decision."""
    run = connection.execute  # type: ignore[attr-defined]
    (school_id,) = run("SELECT id FROM schools WHERE brin = ?", (BRIN,)).fetchone()
    (group_id,) = run("SELECT id FROM groups WHERE school_id = ? AND name = ?", (school_id, GROUP)).fetchone()
    (form_id,) = run(
        "SELECT id FROM consent_form_versions WHERE school_id = ? ORDER BY number DESC LIMIT 1", (school_id,)
    ).fetchone()
    purposes = run(
        "SELECT purpose_id, label FROM consent_form_purposes WHERE form_version_id = ? ORDER BY position",
        (form_id,),
    ).fetchall()
    pupils = run(
        "SELECT id, first_name, infix, last_name FROM pupils WHERE group_id = ? AND deregistered_on IS NULL "
        "ORDER BY last_name, first_name",
        (group_id,),
    ).fetchall()
    latest: dict[tuple[int, int], tuple[bool, bool]] = {}
    for pupil_id, purpose_id, granted, withdrawal in run(
        "SELECT d.pupil_id, d.purpose_id, d.granted, d.withdrawal FROM consent_decisions d "
        "JOIN pupils p ON p.id = d.pupil_id WHERE p.group_id = ? ORDER BY d.given_on, d.id",
        (group_id,),
    ):
        latest[(pupil_id, purpose_id)] = (bool(granted), bool(withdrawal))
    table = []
    for pupil_id, first, infix, last in pupils:
        marks = []
        for purpose_id, _label in purposes:
            decision = latest.get((pupil_id, purpose_id))
            marks.append("? geen antw." if decision is None else "JA" if decision[0] else "NEE")
        table.append((" ".join(part for part in (first, infix, last) if part), marks))
    return [label for _id, label in purposes], table


def _env(root: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(root), IBP_DESKTOP_PASSWORD=PASSWORD)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its bytecode
    return env


def _run(command: list[str], root: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds of one child process, measured from outside."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=_env(root), capture_output=True, text=True, cwd=root, timeout=120)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{command[1:4]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _commands(data_dir: Path, out: Path) -> dict[str, list[str]]:
    from ibp_desktop.resources import resource_path
    from ibp_desktop.security.keys import DEMO_KEY

    db, fonts = str(data_dir / "ibp.sqlite3"), str(resource_path("fonts"))
    python = sys.executable
    return {
        "bare": [python, "-c", "pass"],
        "raw": [python, __file__, "--child-raw", db, DEMO_KEY.hex(), fonts, str(out / "raw.pdf")],
        "program": [python, "-m", "ibp_desktop", "export", "consent-overview", "--group", GROUP,
                    "--brin", BRIN, "--user", USER, "--data-dir", str(data_dir),
                    "-o", str(out / "program.pdf")],
    }  # fmt: skip


def _importtime(command: list[str], top: int = 25) -> None:
    """The program's slowest imports (cumulative), and which of its own model modules it loaded."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], env=_env(), capture_output=True, text=True, cwd=ROOT
    )
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, own, total, name = (part.strip() for part in line.replace("import time:", "|").split("|"))
            if own.isdigit():
                rows.append((int(total), int(own), name))
    print(f"\nslowest imports of the program (cumulative ms, own ms), {len(rows)} modules:")
    for total, own, name in sorted(rows, reverse=True)[:top]:
        print(f"  {total / 1000:7.1f} {own / 1000:6.1f}  {name}")
    models = sorted(
        name for _t, _o, name in rows if name.startswith("ibp_desktop.store.") and "models" in name
    )
    print("model modules loaded:", ", ".join(m.rsplit(".", 1)[1] for m in models))
    heavy = [m for m in ("alembic", "openpyxl", "PySide6", "dateutil", "keyring.backends.macOS")
             if any(name == m for _t, _o, name in rows)]  # fmt: skip
    print("not needed but loaded:", ", ".join(heavy) or "none")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--json", metavar="FILE", help="append the figures and the commit as a JSON line")
    parser.add_argument("--importtime", action="store_true", help="also list the program's slowest imports")
    parser.add_argument(
        "--before", metavar="DIR", action="append", default=[], help="also time an older checkout's program"
    )
    parser.add_argument("--child-raw", nargs=4, metavar=("DB", "KEY", "FONTS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_raw:
        _child_raw(*args.child_raw)
        return

    sys.path.insert(0, str(ROOT))
    from bench_common import scratch, write_json

    folder = Path(scratch(prefix="ibp-bench-cli-"))
    data_dir = folder / "demo"
    subprocess.run([sys.executable, "-m", "ibp_desktop", "demo", "--no-gui", "--data-dir", str(data_dir)],
                   check=True, capture_output=True, env=_env(), cwd=ROOT)  # fmt: skip
    commands = _commands(data_dir, folder)
    roots = dict.fromkeys(commands, ROOT)
    for index, folder_before in enumerate(args.before):  # run from that checkout (its package is found)
        name = "before" if index == 0 else f"before{index + 1}"
        commands[name], roots[name] = commands["program"], Path(folder_before).resolve()
    for name, command in commands.items():
        _run(command, roots[name])  # warm-up: bytecode written, files in the page cache
    load_start = os.getloadavg()[0]
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, command in commands.items():
            samples[name].append(_run(command, roots[name]))
    load = (load_start, os.getloadavg()[0])
    wall = {name: statistics.median(s[0] for s in runs) * 1000 for name, runs in samples.items()}
    cpu = {name: statistics.median(s[1] for s in runs) * 1000 for name, runs in samples.items()}
    print(f"{args.rounds} rounds, medians, whole processes; load average {load[0]:.2f} -> {load[1]:.2f}")
    labels = {
        "bare": "python -c pass",
        "raw": "raw sqlcipher3 + Argon2id + ReportLab",
        "program": "ibp-desktop export consent-overview",
    }
    labels |= {name: f"the same from {roots[name]}" for name in commands if name.startswith("before")}
    for name, label in ((name, labels[name]) for name in commands):  # fmt: skip
        print(f"{label:<38}: {wall[name]:7.1f} ms wall ({wall[name] / wall['raw']:.2f}x raw)"
              f"  {cpu[name]:7.1f} ms CPU ({cpu[name] / cpu['raw']:.2f}x raw)")  # fmt: skip
    print(f"program beyond raw: {wall['program'] - wall['raw']:.1f} ms wall; aim: program <= 500 ms wall")
    for name in (name for name in commands if name.startswith("before")):
        ratio = (wall["program"] / wall[name], cpu["program"] / cpu[name])
        print(f"program vs {roots[name]}: {ratio[0]:.2f}x wall, {ratio[1]:.2f}x CPU")
    if args.json:
        figures = {f"{name}_wall_ms": round(value, 1) for name, value in wall.items()}
        figures |= {f"{name}_cpu_ms": round(value, 1) for name, value in cpu.items()}
        figures |= {"program_vs_raw": round(wall["program"] / wall["raw"], 2), "rounds": args.rounds,
                    "load_start": round(load[0], 2), "load_end": round(load[1], 2)}  # fmt: skip
        write_json(args.json, "cli_export", figures)
    if args.importtime:
        _importtime(commands["program"])


if __name__ == "__main__":
    main()
