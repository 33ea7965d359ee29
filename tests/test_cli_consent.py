"""The consent commands on the demo school: the four PDFs, and Dutch errors with exit code 2."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ibp_desktop.cli import main
from ibp_desktop.services.accounts import auth
from tests.reports.pdf_helpers import page_texts

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("consent-cli") / "demo"
    assert main(["demo", "--no-gui", "--data-dir", str(target)]) == 0
    return target


@pytest.fixture
def as_director(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Regenboog-directeur")
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    return ["--data-dir", str(demo_dir), "--user", "directeur", "--brin", "99ZZ"]


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page_texts(pdf.read_bytes())))


def test_export_the_consent_pdfs(
    as_director: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overview = tmp_path / "overzicht.pdf"
    assert main(["export", "consent-overview", *as_director, "--group", "5", "-o", str(overview)]) == 0
    assert f"Opgeslagen als {overview}" in capsys.readouterr().out
    text = _text(overview)
    assert "Groep 5" in text and "Niet fotograferen of publiceren" in text and "Groep 6" not in text

    forms = tmp_path / "formulieren.pdf"
    assert main(["export", "consent-forms", *as_director, "--group", "1/2a", "-o", str(forms)]) == 0
    assert "Formulier voor" in _text(forms)

    missing = tmp_path / "herinneringen.pdf"
    assert main(["export", "consent-missing", *as_director, "-o", str(missing)]) == 0
    assert "nog niet terug" in _text(missing)

    history = tmp_path / "geschiedenis.pdf"
    number = re.search(r"Leerlingnr\. (\d+)", _text(forms))
    assert number is not None
    assert (
        main(["export", "consent-history", *as_director, "--pupil", number.group(1), "-o", str(history)]) == 0
    )
    assert "Alle beslissingen, in volgorde" in _text(history)


def test_bad_input_exits_2_in_dutch(
    as_director: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x.pdf")
    assert main(["export", "consent-overview", *as_director, "--group", "9z", "-o", out]) == 2
    assert "Groep '9z' bestaat niet op deze school" in capsys.readouterr().err
    assert main(["export", "consent-history", *as_director, "--pupil", "000", "-o", out]) == 2
    assert "Er is geen leerling met leerlingnummer 000" in capsys.readouterr().err
    assert main(["export", "consent-overview", *as_director, "-o", str(tmp_path / "nope" / "x.pdf")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    assert not Path(out).exists()


def test_the_ict_account_may_not_print(demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Regenboog-ict")
    out = tmp_path / "x.pdf"
    args = [
        "export",
        "consent-overview",
        "--data-dir",
        str(demo_dir),
        "--user",
        "ict",
        "--brin",
        "99ZZ",
        "-o",
        str(out),
    ]
    assert main(args) != 0
    assert "geen" in capsys.readouterr().err and not out.exists()


def test_the_group_overview_export_loads_only_what_it_needs(demo_dir: Path, tmp_path: Path) -> None:
    """A fresh process, as a scheduled task runs it: the PDF is right, and the command loaded no model
    of another area, no Alembic (the schema is current) and no keyring backend of another platform."""
    out = tmp_path / "groep5.pdf"
    argv = ["export", "consent-overview", "--data-dir", str(demo_dir), "--user", "directeur",
            "--brin", "99ZZ", "--group", "5", "-o", str(out)]  # fmt: skip
    code = (
        "import sys\n"
        "from ibp_desktop.cli import main\n"
        f"code = main({argv!r})\n"
        "wanted = ('ibp_desktop.store.', 'alembic', 'keyring.')\n"
        "print(sorted(m for m in sys.modules if m.startswith(wanted)))\n"
        "sys.exit(code)\n"
    )
    env = dict(os.environ, IBP_DESKTOP_PASSWORD="Regenboog-directeur", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Groep 5" in _text(out) and "Groep 6" not in _text(out)
    loaded = set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))
    models = {m.rsplit(".", 1)[1] for m in loaded if m.endswith("models")}
    assert models <= {"models", "consent_models", "scan_models", "trust_models"}
    assert "ibp_desktop.store.schema" not in loaded and not any(m.startswith("alembic") for m in loaded)
    if sys.platform.startswith("linux"):
        assert "keyring.backends.macOS" not in loaded and "keyring.backends.Windows" not in loaded


def test_the_collector_is_paused_only_while_loading(
    as_director: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logging in runs without Python's cyclic collector (it would rescan the freshly loaded stack over
    and over); afterwards it runs again, and after the command nothing stays frozen, also after a
    refused login."""
    import gc

    states: list[tuple[bool, int]] = []
    real_login = auth.login

    def watched_login(*args: object, **kwargs: object) -> object:
        states.append((gc.isenabled(), gc.get_freeze_count()))
        return real_login(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(auth, "login", watched_login)
    out = str(tmp_path / "x.pdf")
    assert main(["export", "consent-overview", *as_director, "--group", "5", "-o", out]) == 0
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "fout")
    assert main(["export", "consent-overview", *as_director, "--group", "5", "-o", out]) == 2
    assert [enabled for enabled, _frozen in states] == [False, False]
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.parametrize(
    "password, brin, extra, message",
    [
        ("fout", "99ZZ", [], "Gebruikersnaam of wachtwoord klopt niet"),
        ("Regenboog-directeur", "11XX", [], "Geen school met BRIN-code 11XX die u mag zien"),
        ("Regenboog-directeur", "99ZZ", ["--group", "9z"], "Groep '9z' bestaat niet op deze school"),
        ("Regenboog-directeur", "99ZZ", ["--group", "5"], ""),
    ],
)
def test_each_run_closes_the_database_also_after_a_refusal(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    password: str, brin: str, extra: list[str], message: str,
) -> None:  # fmt: skip
    """A wrong password, a school the user may not see (or that does not exist) and a refusal of the
    service end with exit 2 and the Dutch reason, write no file and leave the database closed."""
    from ibp_desktop.store.database import Database

    closed: list[object] = []
    real_dispose = Database.dispose

    def dispose(database: Database) -> None:
        closed.append(database)
        real_dispose(database)

    monkeypatch.setattr(Database, "dispose", dispose)
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", password)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    out = tmp_path / "x.pdf"
    argv = ["export", "consent-overview", "--data-dir", str(demo_dir), "--user", "directeur",
            "--brin", brin, *extra, "-o", str(out)]  # fmt: skip
    code = main(argv)
    printed = capsys.readouterr()
    assert len(closed) == 1
    if message:
        assert code == 2 and message in printed.err and not out.exists()
    else:
        assert code == 0 and f"Opgeslagen als {out}" in printed.out and out.exists()


def test_the_group_overview_export_run_as_the_program_logs_the_login_and_the_print(
    demo_dir: Path, tmp_path: Path
) -> None:
    """As a scheduled task runs it (its own process, the password checked while it prepares): the
    audit log gains the login and the printed overview, chained like every other entry."""
    from sqlalchemy import select

    from ibp_desktop.security.audit import verify_chain
    from ibp_desktop.services.database.connection import Location, open_location
    from ibp_desktop.store.models import AuditEntry

    out = tmp_path / "groep5.pdf"
    env = dict(os.environ, IBP_DESKTOP_PASSWORD="Regenboog-directeur", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "ibp_desktop", "export", "consent-overview", "--data-dir", str(demo_dir),
         "--user", "directeur", "--brin", "99ZZ", "--group", "5", "-o", str(out)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Groep 5" in _text(out)
    database = open_location(Location(data_dir=demo_dir))
    try:
        with database.transaction() as session:
            last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(2)).all()
            report = verify_chain(session)
    finally:
        database.dispose()
    assert [(e.action, e.username) for e in reversed(last)] == [
        ("login", "directeur"),
        ("consent_overview_printed", "directeur"),
    ]
    assert report.problems == []
