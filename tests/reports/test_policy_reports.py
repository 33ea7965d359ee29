"""The year plan and the access review as PDFs (read back), rendered from plain data, and both export
commands as an administrator runs them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from ibp_desktop.cli import main
from ibp_desktop.core.policy.access_records import ReviewLineRow, ReviewOutcome, ReviewRow
from ibp_desktop.core.policy.records import OccurrenceRow, YearPlan
from ibp_desktop.core.roles import Role
from ibp_desktop.reports.access_review import render_access_review_pdf
from ibp_desktop.reports.year_plan import render_year_plan_pdf
from tests.conftest import TEST_PASSWORD
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts

MADE = datetime(2026, 11, 28, 13, 5, tzinfo=UTC)


def _occurrence(title: str, month: int, role: Role, due: date, done: date | None = None) -> OccurrenceRow:
    return OccurrenceRow(
        1,
        1,
        title,
        role,
        2026,
        month,
        "",
        due,
        done,
        "",
        "",
        "Gedaan" if done else "Te laat",
        "green" if done else "red",
    )


def test_year_plan_fits_on_one_page() -> None:
    rows = [
        _occurrence(
            "Opschonen volgens de bewaartermijnen",
            1,
            Role.ADMINISTRATION,
            date(2026, 1, 31),
            date(2026, 1, 20),
        ),
        _occurrence("Controle toegangsrechten", 2, Role.SECURITY_OFFICER, date(2026, 2, 28)),
        replace(
            _occurrence("Toestemmingscampagne beeldmateriaal", 8, Role.ADMINISTRATION, date(2026, 10, 31)),
            period="augustus - oktober",
        ),
        _occurrence("Bewustwording in het teamoverleg", 9, Role.DIRECTOR, date(2026, 9, 30)),
        _occurrence("Verwerkersovereenkomsten nalopen", 9, Role.DIRECTOR, date(2026, 9, 30)),
        _occurrence("Evaluatie IBP-beleid", 11, Role.BOARD, date(2026, 11, 30)),
    ] * 2  # a full year's worth of lines still fits
    pdf = render_year_plan_pdf(YearPlan("OBS Şükrü & Łucja", 2026, tuple(rows)), MADE)
    texts = page_texts(pdf)
    assert len(texts) == 1
    text = texts[0]
    for expected in (
        "Jaarplan IBP 2026",
        "OBS Şükrü & Łucja",
        "Januari",
        "Augustus",
        "augustus - oktober",
        "Gedaan 20-01-2026",
        "Te laat",
        "Security officer",
        "31-10-2026",
        "pagina 1 van 1",
    ):
        assert expected in text
    assert_only_embedded_dejavu(pdf)


def test_access_review_for_the_fg() -> None:
    def line(system: str, person: str, outcome: ReviewOutcome | None, new_level: str = "") -> ReviewLineRow:
        return ReviewLineRow(
            1, system, person, "Leerkracht", "Bewerken", outcome, new_level, "", MADE, "Petra Jansen"
        )

    review = ReviewRow(
        3,
        1,
        1,
        "OBS De Regenboog",
        date(2026, 9, 15),
        "Petra Jansen",
        date(2026, 9, 20),
        "Petra Jansen",
        "Alles nagelopen",
        (
            line("Ouderapp", "Şükrü Yılmaz", ReviewOutcome.CONFIRMED),
            line("Leerlingadministratie", "Łucja Wiśniewska", ReviewOutcome.CHANGED, "Alleen lezen"),
            line("E-mail en agenda", "Nguyễn Văn An", ReviewOutcome.REVOKED),
            line("Bestandsopslag", "Anne-Fleur van der Berg-de Vries", ReviewOutcome.CONFIRMED),
            replace(line("IBP Desktop", "Joost van den Heuvel", ReviewOutcome.CONFIRMED),
                    level="Schooldirecteur", person_function="Directeur"),
        ),
    )
    pdf = render_access_review_pdf(review, MADE)
    text = " ".join(page_texts(pdf)).replace("\n", " ")
    assert "Schooldirecteur" in text  # issue 16: printed as "Schooldirecte" / "ur" on two lines
    for expected in (
        "Controle toegangsrechten",
        "Afgerond op 20-09-2026 door Petra Jansen",
        "Şükrü Yılmaz",
        "Łucja Wiśniewska",
        "Nguyễn Văn An",
        "Aangepast: Alleen lezen",
        "Ingetrokken",
        "Alles nagelopen",
        "Gecontroleerd en klopt",
    ):
        assert expected in text
    assert_only_embedded_dejavu(pdf)


@pytest.fixture
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> int:
    from ibp_desktop.services.access.reviews import AccessReviewService
    from ibp_desktop.services.access.rights import AccessRightsService
    from ibp_desktop.services.accounts.auth import login
    from ibp_desktop.services.database.connection import Location, open_location

    monkeypatch.setenv("IBP_DESKTOP_DATA_DIR", str(tmp_path / "school"))
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    database = open_location(Location(data_dir=tmp_path / "school"))
    try:
        actor = login(database, "beheer", TEST_PASSWORD)
        school_id = next(iter(actor.school_ids))
        access = AccessRightsService(database, actor)
        system = access.add_system(school_id, "Ouderapp")
        person = access.add_person(school_id, "Şükrü Yılmaz", "Leerkracht groep 5")
        access.grant(system.id, person.id, "Bewerken")
        return AccessReviewService(database, actor).start(school_id).id
    finally:
        database.dispose()


def test_export_commands(school: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "jaarplan.pdf"
    assert (
        main(["export", "year-plan", "--year", "2027", "--brin", "12AB", "-o", str(plan), "--user", "beheer"])
        == 0
    )
    text = PdfReader(plan).pages[0].extract_text()
    assert "Jaarplan IBP 2027" in text and "Toestemmingscampagne beeldmateriaal" in text
    review = tmp_path / "controle.pdf"
    assert main(["export", "access-review", str(school), "-o", str(review), "--user", "beheer"]) == 0
    assert "Şükrü Yılmaz" in PdfReader(review).pages[0].extract_text()
    capsys.readouterr()
    assert main(["export", "access-review", "999", "-o", str(review), "--user", "beheer"]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    assert (
        main(["export", "year-plan", "--year", "2027", "-o", str(tmp_path / "x.txt"), "--user", "beheer"])
        == 2
    )
