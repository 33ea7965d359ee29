"""The command line, driven as an administrator would: init, users, check, demo; exit codes 0/2/1."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from ibp_desktop.cli import main
from tests.conftest import TEST_PASSWORD, MemoryKeyring


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    return tmp_path / "school"


def _init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    pdf = tmp_path / "herstelsleutel.pdf"
    code = main(
        [
            "init",
            "--school",
            "OBS De Wilgen",
            "--brin",
            "12ab",
            "--user",
            "beheer",
            "--full-name",
            "Anne-Fleur van der Berg-de Vries",
            "--recovery-pdf",
            str(pdf),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    key = re.search(r"HERSTELSLEUTEL.*\n\s+(\S+)", out)
    assert key is not None
    return key.group(1)


def test_init_prints_the_recovery_key_once_and_saves_the_sheet(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = _init(tmp_path, capsys)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "herstelsleutel.pdf").pages)
    assert key in text.replace("\n", "") and "OBS De Wilgen" in text
    assert main(["check"]) == 0
    assert "Alles in orde" in capsys.readouterr().out


def test_users_add_list_disable(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _init(tmp_path, capsys)
    assert (
        main(
            [
                "users",
                "add",
                "fatima",
                "--full-name",
                "Fatima El Amrani",
                "--roles",
                "administration,director",
                "--user",
                "beheer",
            ]
        )
        == 0
    )
    assert "Tijdelijk wachtwoord" in capsys.readouterr().out
    assert main(["users", "disable", "fatima", "--user", "beheer"]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--user", "beheer"]) == 0
    listing = capsys.readouterr().out
    assert re.search(r"fatima\s+Fatima El Amrani\s+uitgeschakeld", listing)


def test_bad_input_exits_2_with_a_dutch_message(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--school", "X", "--brin", "ABCD", "--user", "beheer"]) == 2
    assert "BRIN-code 'ABCD' klopt niet" in capsys.readouterr().err
    assert not (data_dir / "ibp.sqlite3").exists()
    _init(tmp_path, capsys)
    assert main(["users", "add", "x", "--full-name", "X", "--roles", "koning", "--user", "beheer"]) == 2
    assert "Onbekende rol 'koning'" in capsys.readouterr().err


def test_wrong_password_exits_2(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _init(tmp_path, capsys)
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "niet-goed-wachtwoord")
    assert main(["users", "list", "--user", "beheer"]) == 2
    assert "klopt niet" in capsys.readouterr().err


def test_recovery_key_from_the_environment(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    key = _init(tmp_path, capsys)
    memory_keyring.secrets.clear()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["check"]) == 2
    assert "herstelsleutel" in capsys.readouterr().err.lower()
    monkeypatch.setenv("IBP_DESKTOP_RECOVERY_KEY", key)
    assert main(["check"]) == 0


def test_check_reports_a_tampered_log(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ibp_desktop.services.database.connection import open_location, resolve_location

    _init(tmp_path, capsys)
    database = open_location(resolve_location())
    with database.transaction() as session:
        session.execute(__import__("sqlalchemy").text("UPDATE audit_log SET action = 'niets' WHERE id = 2"))
    database.dispose()
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "hashketen is verbroken" in err and "Logregel 2" in err


def test_demo_creates_the_school_without_gui(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "demo"
    assert main(["demo", "--no-gui", "--data-dir", str(target)]) == 0
    out = capsys.readouterr().out
    assert "OBS De Regenboog" in out and "Regenboog-directeur" in out
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(target / "ibp.sqlite3").execute("SELECT 1 FROM sqlite_master").fetchone()
    assert main(["demo", "--no-gui", "--data-dir", str(target)]) == 0
    assert "bestond al" in capsys.readouterr().out
