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
from ibp_desktop.store.models import Group, Pupil
from tests.conftest import SchoolDb
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


def _school_with(school: SchoolDb, groups: dict[str, int]) -> None:
    """Groups with that many pupils each ("" for pupils without a group)."""
    with school.database.transaction() as session:
        made = {name: Group(school_id=school.school_id, name=name, sort_order=i)
                for i, name in enumerate(groups) if name}  # fmt: skip
        session.add_all(made.values())
        session.flush()
        for name, count in groups.items():
            session.add_all(
                Pupil(school_id=school.school_id, pupil_number=f"{name}{n}", first_name="Łucja", infix="",
                      last_name=f"Wiśniewska {name or 'zonder'} {n}", date_of_birth=date(2017, 1, 1),
                      group_id=made[name].id if name else None)
                for n in range(count)
            )  # fmt: skip


@pytest.mark.parametrize(
    ("groups", "sheets"),
    [
        ({}, ["Groep Alle groepen", "Er staan geen leerlingen in deze groep."]),
        ({"": 2}, ["Groep Alle groepen", "Wiśniewska zonder 1"]),
        ({"3": 0, "4": 0}, ["Er zijn nog geen groepen met leerlingen."]),
        ({"3": 0}, ["Groep 3", "Er staan geen leerlingen in deze groep."]),
        ({"3": 0, "4": 2, "": 1}, ["Groep 4", "Wiśniewska 4 1"]),
    ],
    ids=["no groups", "pupils without a group", "only empty groups", "one empty group", "an empty group"],
)
def test_which_groups_get_a_sheet(
    sqlcipher_school: SchoolDb, groups: dict[str, int], sheets: list[str]
) -> None:
    _school_with(sqlcipher_school, groups)
    service = ConsentService(sqlcipher_school.database, sqlcipher_school.actor)
    text = _text(service.overview_pdf(sqlcipher_school.school_id, on=DAY))
    assert all(" ".join(s.split()) in " ".join(text.split()) for s in sheets), text
    assert text.count("Groep ") == sum(s.startswith("Groep ") for s in sheets)
    assert "zonder" not in text or "Alle groepen" in text  # pupils without a group: only on "Alle groepen"
