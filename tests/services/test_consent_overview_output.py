"""The group overview PDF of the demo school reads exactly as it did before the speed work of issue 17.

The expected texts (tests/fixtures/consent_overview/*.txt) were written by the code before the data and
rendering were made faster; every page's text (pypdf) must still be the same, so the faster queries and
the lighter table styles changed nothing a teacher reads. Regenerate only for an intended change:
IBP_WRITE_EXPECTED=1 pytest tests/services/test_consent_overview_output.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.demo.school import DEMO_ACCOUNTS, create_demo
from tests.reports.pdf_helpers import page_texts

DAY = date(2026, 11, 28)
PRINTED = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
EXPECTED = Path(__file__).resolve().parents[1] / "fixtures" / "consent_overview"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ConsentService, int]]:
    location = Location(data_dir=tmp_path_factory.mktemp("overview-output") / "demo")
    create_demo(location, DAY)
    database = open_location(location)
    password = next(a.password for a in DEMO_ACCOUNTS if a.username == "directeur")
    actor = login(database, "directeur", password)
    yield ConsentService(database, actor), min(actor.school_ids)
    database.dispose()


def _text(pdf: bytes) -> str:
    return "\n\f\n".join(page_texts(pdf)) + "\n"


def _check(name: str, text: str) -> None:
    path = EXPECTED / f"{name}.txt"
    if os.environ.get("IBP_WRITE_EXPECTED") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def fixed_print_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ibp_desktop.services.consent.printing._now", lambda: PRINTED)


def test_all_groups_read_as_before(demo: tuple[ConsentService, int]) -> None:
    service, school_id = demo
    text = _text(service.overview_pdf(school_id, on=DAY))
    assert text.count("\f") == 7  # eight groups, one sheet each
    assert "Niet fotograferen of publiceren" in text and "Groep 1/2a" in text
    _check("demo_all_groups", text)


def test_one_group_reads_as_before(demo: tuple[ConsentService, int]) -> None:
    service, school_id = demo
    group = service.find_group(school_id, "5")
    text = _text(service.overview_pdf(school_id, group.id, on=DAY))
    assert "Groep 5" in text and "Groep 6" not in text
    _check("demo_group_5", text)


def test_halfway_the_campaign_reads_as_before(demo: tuple[ConsentService, int]) -> None:
    """On 15-10-2026 part of the forms had come in: the answers dated later do not count yet."""
    service, school_id = demo
    text = _text(service.overview_pdf(school_id, on=date(2026, 10, 15)))
    assert text != (EXPECTED / "demo_all_groups.txt").read_text(encoding="utf-8")
    _check("demo_all_groups_2026_10_15", text)
