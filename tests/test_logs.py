"""The log file: where it is, who may read it, and that it never holds the school's personal data.

Runs the demo and a set of failing commands (refused and unexpected), then scans the log for the demo's
names: none may be there. The unexpected error carries a name and SQL values in its message, as database
errors do; the screen shows a Dutch message with a reference, the log the type and code lines only.
"""

from __future__ import annotations

import logging
import stat
from datetime import date
from pathlib import Path

import pytest

from ibp_desktop import logs
from ibp_desktop.cli import main
from ibp_desktop.services.demo.data import demo_pupils
from ibp_desktop.services.demo.school import DEMO_ACCOUNTS

TODAY = date(2026, 11, 28)


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    monkeypatch.delenv("IBP_DESKTOP_DATA_DIR", raising=False)
    monkeypatch.setattr("ibp_desktop.commands.foundation.date", _FixedDate, raising=False)
    folder = tmp_path / "demo"
    assert main(["demo", "--no-gui", "--data-dir", str(folder)]) == 0
    capsys.readouterr()
    return folder


class _FixedDate(date):
    @classmethod
    def today(cls) -> _FixedDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


def _names() -> list[str]:
    pupils = demo_pupils(TODAY)
    names = {p.last_name for p in pupils if len(p.last_name) > 3} | {
        f"{p.first_name} {p.last_name}" for p in pupils}
    return sorted(names | {a.full_name for a in DEMO_ACCOUNTS})


def _log(folder: Path) -> Path:
    return folder / "logs" / "ibp-desktop.log"


def test_failing_commands_leave_types_and_ids_in_the_log_but_no_names(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(demo)]
    pupil = demo_pupils(TODAY)[0]
    name = f"{pupil.first_name} {pupil.last_name}"

    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "niet-het-wachtwoord")
    assert main(["users", "list", *data, "--user", "directeur"]) == 2  # wrong password
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Regenboog-directeur")
    out = tmp_path / "plan.pdf"
    brin = ["--brin", "12XY"]
    assert main(["export", "action-register", *data, *brin, "--user", "directeur", "-o", str(out)]) == 2
    bad = tmp_path / "leerlingen.csv"  # ParnasSys via Excel: Windows-1252, ';', a date that does not exist
    bad.write_bytes(("Achternaam;Voorvoegsel;Roepnaam;Geslacht;Geboortedatum;Groep;Datum inschrijving\r\n"
                     f"{pupil.last_name};{pupil.infix};{pupil.first_name};M;31-2-2017;Groep 3;1-8-2021\r\n")
                    .encode("cp1252", errors="replace"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Regenboog-administratie")
    assert main(["import-pupils", str(bad), *data, "--brin", "99ZZ", "--user", "administratie"]) == 2
    assert "Er is niets" in capsys.readouterr().err  # the row is named on screen, not in the log
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Regenboog-directeur")

    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError(f"(sqlite3.IntegrityError) INSERT INTO pupils VALUES ('{name}', '123456782')")

    monkeypatch.setattr("ibp_desktop.services.actions.register.ActionService.register_pdf", broken)
    assert main(["export", "action-register", *data, "--user", "directeur", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Er ging iets onverwachts mis (RuntimeError)" in err and "melding " in err
    assert str(_log(demo)) in err
    assert name not in err and "INSERT" not in err and "Traceback" not in err and not out.exists()

    text = _log(demo).read_text(encoding="utf-8")
    reference = err.split("melding ")[1][:8]
    assert f"reference {reference}, RuntimeError" in text and "register_pdf" not in text.split(reference)[0]
    assert "command export/action-register started" in text and "AuthenticationError" in text
    assert "RuntimeError (melding weggelaten)" in text and 'File "ibp_desktop/cli.py"' in text
    found = [n for n in _names() if n in text]
    assert found == [], found
    assert "123456782" not in text and "INSERT" not in text


def test_the_log_is_private_and_rotates(tmp_path: Path) -> None:
    logs.stop_logging()
    data_dir = tmp_path / "nieuw"  # the first start: the log makes the data folder, private as set-up does
    path = logs.setup_logging(data_dir)
    try:
        assert path == data_dir / "logs" / "ibp-desktop.log"
        assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        handler = logs._handler
        assert isinstance(handler, logs.PrivateRotatingFileHandler)
        handler.doRollover()
        rotated = data_dir / "logs" / "ibp-desktop.log.1"
        assert rotated.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
        assert handler.maxBytes == logs.MAX_BYTES and handler.backupCount == logs.BACKUPS
    finally:
        logs.stop_logging()


def test_an_unwritable_log_folder_does_not_stop_the_program(tmp_path: Path) -> None:
    logs.stop_logging()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    assert logs.setup_logging(blocked) is None
    assert logs.current_log_file() is None


def test_a_full_log_moves_aside_and_only_the_newest_files_stay(tmp_path: Path) -> None:
    """The rotation of logs.PrivateRotatingFileHandler (the stdlib's is not imported, issue 17): a file
    that would pass maxBytes becomes .1, older ones move up, beyond BACKUPS the oldest is dropped."""
    logs.stop_logging()
    path = logs.setup_logging(tmp_path)
    assert path is not None
    handler = logs._handler
    assert isinstance(handler, logs.PrivateRotatingFileHandler)
    handler.maxBytes = 400
    log = logging.getLogger("ibp_desktop.test_rotation")
    try:
        for number in range(60):
            log.info("record %03d", number)
    finally:
        logs.stop_logging()
    kept = sorted(p.name for p in path.parent.iterdir())
    assert kept == ["ibp-desktop.log", *(f"ibp-desktop.log.{n}" for n in range(1, logs.BACKUPS + 1))]
    for file in path.parent.iterdir():
        assert file.stat().st_size <= 400 and stat.S_IMODE(file.stat().st_mode) == 0o600
    newest, previous = path.read_text(encoding="utf-8"), (path.parent / "ibp-desktop.log.1").read_text()
    assert "record 059" in newest and "record 058" in newest + previous
    numbers = [int(line.rsplit(" ", 1)[1]) for name in reversed(kept)
               for line in (path.parent / name).read_text().splitlines()]
    assert numbers == sorted(numbers) and numbers[-1] == 59 and numbers[0] > 0  # in order; the oldest gone
