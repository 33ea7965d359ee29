"""`ibp-desktop import-scans`: print the forms, "fill them in and scan them", dry run, import, again."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sqlalchemy import func, select

from ibp_desktop.cli import main
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.scan_models import ConsentScan
from tests.scans.scan_maker import Look
from tests.scans.test_service import ALL_YES, MIXED, _scan
from tests.test_cli_consent_import import school  # noqa: F401 - the fixture: a school with 4 pupils


def _counts(school_dir: Path) -> tuple[int, int]:
    database = open_location(Location(data_dir=school_dir / "school"))
    try:
        with database.transaction() as session:
            return (
                int(session.scalar(select(func.count(ConsentDecision.id))) or 0),
                int(session.scalar(select(func.count(ConsentScan.id))) or 0),
            )
    finally:
        database.dispose()


def test_import_scans(school: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    forms = school / "formulieren.pdf"
    user = ["--brin", "12AB", "--user", "beheer"]
    assert main(["export", "consent-forms", *user, "-o", str(forms)]) == 0
    rng = random.Random(11)
    pdf = forms.read_bytes()
    pages = [_scan(pdf, 0, ALL_YES, Look(angle=2), rng), _scan(pdf, 1, MIXED, Look(upside_down=True), rng)]
    folder = school / "scans"
    folder.mkdir()
    for index, page in enumerate(pages):
        Image.fromarray(np.asarray(page)).save(folder / f"scan{index + 1}.jpg", quality=80)
    capsys.readouterr()

    assert main(["import-scans", str(folder), *user, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 pagina's gelezen: 1 gelezen, 1 controleren" in out
    assert "scan2.jpg, pagina 1 - " in out and "niet zeker:" in out and "?" in out
    assert "er is niets opgeslagen" in out
    assert _counts(school) == (0, 0)

    assert main(["import-scans", str(folder), *user]) == 0
    out = capsys.readouterr().out
    assert "Opgeslagen: 1 formulieren" in out and "Nog bekijken: 1 pagina's" in out
    decisions, scans = _counts(school)
    assert decisions >= 6 and scans == 1

    assert main(["import-scans", str(folder / "scan1.jpg"), *user]) == 0
    out = capsys.readouterr().out
    assert "al gescand op" in out and "Opgeslagen: 0 formulieren" in out
    assert _counts(school) == (decisions, 1)

    assert main(["import-scans", str(school / "bestaat-niet.pdf"), *user]) == 2
    assert "bestaat-niet.pdf bestaat niet" in capsys.readouterr().err
