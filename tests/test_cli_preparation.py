"""What an export prepares while Argon2id checks the password, in a fresh process as a command has it:
the renderer of its own document, ReportLab with the fonts, and the models configured, without data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from sqlalchemy import inspect
from ibp_desktop.commands import consent
consent._preparation(sys.argv[1])()
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.models import Pupil
from reportlab.pdfbase import pdfmetrics
print(json.dumps({
    "renderers": sorted(m for m in sys.modules if m.startswith("ibp_desktop.reports.consent")),
    "configured": inspect(ConsentDecision).configured and inspect(Pupil).configured,
    "fonts": sorted(pdfmetrics.getRegisteredFontNames()),
    "database": "sqlcipher3" in sys.modules,
}))
"""


@pytest.mark.parametrize(
    ("document", "renderer"),
    [
        ("consent_overview", "ibp_desktop.reports.consent_overview"),
        ("consent_history", "ibp_desktop.reports.consent_history"),
    ],
)
def test_an_export_prepares_its_own_renderer_and_the_models_without_opening_the_database(
    document: str, renderer: str
) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, document],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout)
    assert renderer in seen["renderers"]
    assert seen["configured"]
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= set(seen["fonts"])
    assert not seen["database"]  # nothing read: the database driver is not even loaded


def test_the_password_is_asked_once_and_checked_while_the_database_is_checked(
    demo_copy: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asked once, as soon as the file is open; Argon2id starts then, before the audit anchor, the
    schema and a move are checked, and the login uses that check."""
    from datetime import date

    from ibp_desktop.cli import main
    from ibp_desktop.commands import common
    from ibp_desktop.services.accounts import auth
    from ibp_desktop.services.database import connection

    location = demo_copy(date(2026, 12, 7))
    steps: list[str] = []
    real_secret, real_start, real_watch = common.secret, auth.start_login_check, connection.watch_audit_anchor

    def secret(env: str, prompt: str) -> str:
        steps.append(f"asked {env}")
        return real_secret(env, prompt)

    def start(*args: Any) -> Any:
        steps.append("check started")
        return real_start(*args)

    def watch(*args: Any) -> None:
        steps.append("anchor compared")
        real_watch(*args)

    monkeypatch.setattr(common, "secret", secret)
    monkeypatch.setattr(auth, "start_login_check", start)
    monkeypatch.setattr(connection, "watch_audit_anchor", watch)
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Regenboog-directeur")
    out = tmp_path / "groep5.pdf"
    argv = ["export", "consent-overview", "--data-dir", str(location.data_dir), "--user", "directeur",
            "--brin", "99ZZ", "--group", "5", "-o", str(out)]  # fmt: skip
    assert main(argv) == 0, capsys.readouterr().err
    assert steps == ["asked IBP_DESKTOP_PASSWORD", "check started", "anchor compared"]
    assert out.exists()
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "fout")
    steps.clear()
    assert main(argv) == 2
    assert "klopt niet" in capsys.readouterr().err
    assert steps == ["asked IBP_DESKTOP_PASSWORD", "check started", "anchor compared"]


def test_ctrl_c_at_the_password_prompt_lets_the_database_go(
    demo_copy: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The password is asked while the file is open: stopping there closes it (and frees its lock)."""
    from datetime import date

    from ibp_desktop.cli import main
    from ibp_desktop.commands import common
    from ibp_desktop.store.database import Database

    location = demo_copy(date(2026, 12, 7))
    closed: list[object] = []
    real_dispose = Database.dispose

    def dispose(database: Database) -> None:
        closed.append(database)
        real_dispose(database)

    def interrupted(env: str, prompt: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(Database, "dispose", dispose)
    monkeypatch.setattr(common, "secret", interrupted)
    argv = ["export", "consent-overview", "--data-dir", str(location.data_dir), "--user", "directeur",
            "--brin", "99ZZ", "-o", str(location.data_dir / "x.pdf")]  # fmt: skip
    assert main(argv) == common.EXIT_FAILURE
    assert "Afgebroken." in capsys.readouterr().err
    assert len(closed) == 1
