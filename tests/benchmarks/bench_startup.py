"""Start-up time of IBP Desktop against a bare PySide6 window, whole processes, measured in one run.

    .venv/bin/python tests/benchmarks/bench_startup.py [--rounds 15]

Each measurement starts a fresh Python process (offscreen Qt) and stops the clock when it exits,
which it does as soon as the window in question is shown:
- bare: QApplication + an empty QMainWindow (the floor Qt allows);
- login: `ibp-desktop` on the demo school up to its first interactive window, the login dialog;
- command: the same as the user starts it, `ibp-desktop --data-dir D`: the command line and the log file
  too (its `--smoke-test` hook, which fires once the first window is shown, ends the process);
- main: the same, then the user name and password are submitted at once (real Argon2id check, the
  database opened in the background meanwhile) up to the main window with its Overzicht page.
Also lists which heavy modules were loaded when the login dialog appeared (should be none).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY = ("sqlalchemy", "keyring", "reportlab", "alembic", "openpyxl")


def _child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1000, 700)
    window.show()
    QTimer.singleShot(0, lambda: os._exit(0))
    app.exec()


def _child_program(data_dir: str, until_main: bool) -> None:
    from ibp_desktop.services.location import resolve_location
    from ibp_desktop.ui.app import Startup, setup_application

    app = setup_application([sys.argv[0]])
    from PySide6.QtCore import QTimer  # after the program's modules, as `ibp-desktop` imports them

    startup = Startup(resolve_location(data_dir))
    startup.start()

    def poll() -> None:
        dialog = startup.login_dialog
        if not until_main and dialog is not None and dialog.isVisible():
            loaded = [m for m in HEAVY if m in sys.modules]
            print("loaded at login:", ",".join(loaded) or "none", file=sys.stderr)
            os._exit(0)
        if until_main and dialog is not None and not getattr(poll, "sent", False):
            poll.sent = True  # type: ignore[attr-defined]
            dialog.username.setText("directeur")
            dialog.password.setText("Regenboog-directeur")
            dialog.submit()
        if startup.window is not None and startup.window.isVisible():
            os._exit(0)
        QTimer.singleShot(1, poll)

    QTimer.singleShot(0, poll)
    app.exec()


def _child_command(data_dir: str) -> None:
    from ibp_desktop import cli
    from ibp_desktop.ui import app

    def shown(startup: app.Startup) -> None:
        dialog = startup.login_dialog
        if dialog is None or not dialog.isVisible():
            raise SystemExit("no login dialog")
        loaded = [m for m in HEAVY if m in sys.modules]
        print("loaded at login:", ",".join(loaded) or "none", file=sys.stderr)
        os._exit(0)

    app._smoke_test_done = shown  # type: ignore[assignment]
    cli.main(["--data-dir", data_dir, "--smoke-test"])


def _child_enter(data_dir: str, typing_ms: int) -> None:
    """The login dialog is left alone for ``typing_ms`` (the user typing), then the password is
    submitted; prints the milliseconds from that Enter until the Overzicht shows its figures."""
    from ibp_desktop.services.location import resolve_location
    from ibp_desktop.ui.app import Startup, setup_application

    app = setup_application([sys.argv[0]])
    from PySide6.QtCore import QTimer  # as in _child_program

    startup = Startup(resolve_location(data_dir))
    startup.start()
    pressed: list[float] = []

    def enter() -> None:
        dialog = startup.login_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(1, enter)
            return
        dialog.username.setText("directeur")
        dialog.password.setText("Regenboog-directeur")
        pressed.append(time.perf_counter())
        dialog.submit()
        QTimer.singleShot(0, filled)

    def filled() -> None:
        window = startup.window
        page = window.pages.get("overzicht") if window is not None else None
        if page is not None and getattr(page, "dashboard", None) is not None:
            print(f"enter_ms {(time.perf_counter() - pressed[0]) * 1000:.1f}", file=sys.stderr)
            os._exit(0)
        QTimer.singleShot(1, filled)

    QTimer.singleShot(typing_ms, enter)
    app.exec()


def measure_enter(data_dir: Path, rounds: int, typing_ms: int = 2000) -> float:
    """Median ms from Enter in the login dialog to a filled Overzicht (Argon2id included)."""
    from bench_common import scratch

    # A fresh settings folder: the Overzicht, not a page remembered from an earlier run, opens first.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=scratch(prefix="ibp-bench-config-"))
    samples = []
    child = [sys.executable, __file__, "--child", "enter", "--data-dir", str(data_dir)]
    for _ in range(rounds):
        done = subprocess.run(
            [*child, "--typing-ms", str(typing_ms)], env=env, capture_output=True, text=True, timeout=120
        )
        line = next((x for x in done.stderr.splitlines() if x.startswith("enter_ms ")), None)
        if done.returncode != 0 or line is None:
            raise SystemExit(f"child failed: {done.stderr[-2000:]}")
        samples.append(float(line.split()[1]))
    return statistics.median(samples)


def _measure(args: list[str], rounds: int) -> tuple[float, str]:
    samples, note = _measure_each({"one": args}, rounds)["one"]
    return statistics.median(samples), note


def _measure_each(children: dict[str, list[str]], rounds: int) -> dict[str, tuple[list[float], str]]:
    """Every child once per round, in turn: a busy spell of the machine hits them all alike."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    found: dict[str, tuple[list[float], str]] = {name: ([], "") for name in children}
    for _ in range(rounds):
        for name, args in children.items():
            start = time.perf_counter()
            done = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True)
            elapsed = (time.perf_counter() - start) * 1000
            if done.returncode != 0:
                raise SystemExit(f"child failed: {done.stderr}")
            note = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
            found[name] = ([*found[name][0], elapsed], note)
    return found


def _vs_bare(found: dict[str, tuple[list[float], str]], name: str) -> str:
    """The ratio of the medians, and the median of the round-by-round ratios (less moved by load)."""
    samples, bare = found[name][0], found["bare"][0]
    pairs = statistics.median(x / y for x, y in zip(samples, bare, strict=True))
    return f"{statistics.median(samples) / statistics.median(bare):.2f}x bare, round by round {pairs:.2f}x"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--child", choices=["bare", "login", "command", "main", "enter"])
    parser.add_argument("--data-dir")
    parser.add_argument("--typing-ms", type=int, default=2000)
    parser.add_argument("--login-only", action="store_true", help="skip the main window and Enter")
    args = parser.parse_args()
    if args.child == "bare":
        _child_bare()
    elif args.child == "enter":
        _child_enter(args.data_dir, args.typing_ms)
    elif args.child == "command":
        _child_command(args.data_dir)
    elif args.child:
        _child_program(args.data_dir, until_main=args.child == "main")
        return

    from bench_common import scratch  # not at the top: the children run this file too

    data_dir = Path(scratch(prefix="ibp-startup-")) / "demo"
    subprocess.run([sys.executable, "-m", "ibp_desktop", "demo", "--no-gui", "--data-dir", str(data_dir)],
                   check=True, capture_output=True)
    data = ["--data-dir", str(data_dir)]
    found = _measure_each({"bare": ["--child", "bare"], "login": ["--child", "login", *data],
                           "command": ["--child", "command", *data]}, args.rounds)
    bare, login, command = (statistics.median(found[name][0]) for name in ("bare", "login", "command"))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{args.rounds} rounds each (bare, login and command in turn), medians, whole process, offscreen;"
          f" load average {load}")
    print(f"bare PySide6 window              : {bare:7.1f} ms")
    note = found["login"][1]
    print(f"IBP Desktop to login dialog      : {login:7.1f} ms  ({_vs_bare(found, 'login')})  {note}")
    print(f"  via `ibp-desktop --data-dir D` : {command:7.1f} ms  ({_vs_bare(found, 'command')}; command line"
          " and log file too)")
    if args.login_only:
        return
    main_window, _ = _measure(["--child", "main", *data], args.rounds)
    print(f"IBP Desktop to main window       : {main_window:7.1f} ms  ({main_window / bare:.2f}x bare,"
          " incl. Argon2id login and opening the encrypted database)")
    enter = measure_enter(data_dir, args.rounds)
    print(f"Enter in the login dialog -> Overzicht filled (after 2 s of typing): {enter:7.1f} ms")


if __name__ == "__main__":
    main()
