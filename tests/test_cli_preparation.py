"""What an export prepares while Argon2id checks the password, in a fresh process as a command has it:
the renderer of its own document, ReportLab with the fonts, and the models configured, without data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
