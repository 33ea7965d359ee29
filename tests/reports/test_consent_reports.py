"""The consent PDFs, read back with pypdf: what a teacher, photographer or parent must find on them."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from ibp_desktop.core.consent.rules import ConsentState
from ibp_desktop.reports.consent_forms import ConsentForms, FormPupil, render_consent_forms
from ibp_desktop.reports.consent_history import HistoryLine, PupilHistory, render_pupil_history
from ibp_desktop.reports.consent_missing import MissingGroup, MissingResponses, render_missing_responses
from ibp_desktop.reports.consent_overview import (
    ConsentOverview,
    OverviewRow,
    OverviewSection,
    render_consent_overview,
)
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts, read

AT = datetime(2026, 11, 28, 13, 5, tzinfo=UTC)
S = ConsentState
NAMES = ["Şükrü Yılmaz", "Łucja Wiśniewska", "Nguyễn Văn An", "Anne-Fleur van der Berg-de Vries"]
PURPOSES = (
    "Schoolgids, brochure en kalender", "Website van de school", "Sociale media van de school", "Nieuwsbrief",
    "Ouderapp (besloten groep)", "Klassenfoto en schoolfotograaf", "Lokale pers", "Onderzoek",
    "Video voor studie en scholing", "Voornaam bij foto",
)  # fmt: skip


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _overview(purposes: tuple[str, ...] = PURPOSES) -> ConsentOverview:
    yes = (S.GRANTED,) * len(purposes)
    group5 = OverviewSection(
        "5",
        purposes,
        (
            OverviewRow(NAMES[0], (S.GRANTED, S.REFUSED, *yes[2:])),
            OverviewRow(NAMES[1], (S.NO_ANSWER,) * len(purposes)),
            OverviewRow(NAMES[2], (S.GRANTED, S.CONFLICT, S.WITHDRAWN, *yes[3:])),
            OverviewRow(NAMES[3], yes),
        ),
    )
    group8 = OverviewSection("8", purposes, (OverviewRow("Mehmet Demir", yes, "16+"),))
    return ConsentOverview("OBS Şükrü & Łucja", "2026-2027", 3, "28-11-2026", AT, (group5, group8))


def test_group_overview_names_who_may_not_per_purpose() -> None:
    pdf = render_consent_overview(_overview())
    assert_only_embedded_dejavu(pdf)
    pages = [_flat(t) for t in page_texts(pdf)]
    first_of_8 = next(i for i, t in enumerate(pages) if "Groep 8" in t)
    group5, group8 = " ".join(pages[:first_of_8]), " ".join(pages[first_of_8:])
    assert "Groep 5" not in group8  # every group starts on a new page
    assert "Niet fotograferen of publiceren" in group5
    assert "Voor geen enkel doel: Łucja Wiśniewska" in group5
    assert "Website van de school: Şükrü Yılmaz, Nguyễn Văn An (ouders oneens)" in group5
    assert "Sociale media van de school: Nguyễn Văn An (ingetrokken)" in group5
    assert "Iedereen in deze groep heeft voor alle doelen toestemming." in group8
    assert "Mehmet Demir (16+)" in group8
    for text in (
        "Schooljaar 2026-2027",
        "formulier versie 3",
        "stand van 28-11-2026",
        "Anne-Fleur van der Berg-de Vries",
    ):
        assert text in group5
    assert "JA" in group5 and "NEE" in group5 and "geen antw." in group5
    assert "Alles wat niet JA is, betekent: niet fotograferen of publiceren voor dat doel." in group5
    assert pages[0].count("pagina 1 van") == 1 and f"pagina {len(pages)} van {len(pages)}" in pages[-1]
    assert "Gemaakt op 28-11-2026" in pages[0]


def _class(size: int, purposes: int = 10) -> OverviewSection:
    """A group as schools have them: most pupils may everything, some refuse a few purposes, a few
    have no answer or may nothing (like the demo school's group 8)."""
    rows = []
    for i in range(size):
        if i % 12 == 0:
            states = (S.NO_ANSWER,) * purposes
        elif i % 12 == 6:
            states = (S.REFUSED,) * purposes
        elif i % 3 == 0:
            states = tuple(S.REFUSED if (i + p) % 4 == 0 else S.GRANTED for p in range(purposes))
        elif i % 5 == 0:
            states = tuple(S.WITHDRAWN if p == i % purposes else S.GRANTED for p in range(purposes))
        else:
            states = (S.GRANTED,) * purposes
        rows.append(OverviewRow(f"{NAMES[i % 4]} {i}", states))
    return OverviewSection("1/2a", PURPOSES[:purposes], tuple(rows))


def test_a_group_of_32_with_10_purposes_is_one_sheet_with_the_legend() -> None:
    groups = tuple(
        OverviewSection(name, s.purposes, s.rows) for name, s in (("1/2a", _class(32)), ("8", _class(24)))
    )
    pdf = render_consent_overview(
        ConsentOverview("OBS Şükrü & Łucja", "2026-2027", 3, "28-11-2026", AT, groups)
    )
    pages = page_texts(pdf)
    assert len(pages) == 2  # the first group's sheet has room for the document title too
    assert "Groep 1/2a" in pages[0] and "Groep 8" in pages[1]
    assert f"{NAMES[2]} 30" in pages[0] and f"{NAMES[3]} 27" in pages[0]  # the last pupils on the sheet
    for page in pages:
        assert "Alles wat niet JA is, betekent: niet fotograferen of publiceren voor dat doel." in page
        assert "Uitleg: JA = toestemming gegeven" in _flat(page)
    marks = [line for line in pages[0].splitlines() if "geen antw." in line and "=" not in line]
    assert marks and all("? geen antw." in line for line in marks)  # the mark is not wrapped


def test_a_box_taller_than_a_page_goes_on() -> None:
    long_names = tuple(
        OverviewRow(f"{NAMES[3]} {i}", tuple(S.GRANTED if p == i % 10 else S.REFUSED for p in range(10)))
        for i in range(90)
    )
    section = OverviewSection("Combinatiegroep", PURPOSES, long_names)
    pdf = render_consent_overview(ConsentOverview("OBS", "2026-2027", 1, "28-11-2026", AT, (section,)))
    text = _flat(" ".join(page_texts(pdf)))
    assert f"{NAMES[3]} 89" in text and "Voornaam bij foto:" in text


def test_many_purposes_print_landscape_few_portrait() -> None:
    wide = read(render_consent_overview(_overview())).pages[0].mediabox
    narrow = read(render_consent_overview(_overview(PURPOSES[:4]))).pages[0].mediabox
    assert wide.width > wide.height and narrow.width < narrow.height


def test_paper_forms_one_pupil_per_page() -> None:
    forms = ConsentForms(
        "OBS Şükrü & Łucja",
        "2026-2027",
        2,
        "Beste ouder of verzorger,\n\nVoor elk doel vragen we apart of u dat goed vindt.",
        tuple((p, "Uitleg bij " + p.lower()) for p in PURPOSES),
        tuple(FormPupil(name, f"10{i}", "5", "05-03-2017") for i, name in enumerate(NAMES)),
        AT,
        "groep 5",
    )
    pdf = render_consent_forms(forms)
    assert_only_embedded_dejavu(pdf)
    pages = [_flat(t) for t in page_texts(pdf)]
    assert len(pages) == len(NAMES)
    for name, page in zip(NAMES, pages, strict=True):
        assert f"Formulier voor {name}" in page
        assert "Schooljaar 2026-2027" in page and "Groep 5" in page and "Formulier versie 2" in page
        assert "Voor elk doel vragen we apart" in page
        # the boxes are drawn squares (so a scan can find them), followed by their word
        assert page.count("Nee") == len(PURPOSES) + 1  # and the "Ja/Nee" header
        for label in ("Naam ouder/verzorger", "Relatie tot de leerling", "Datum", "Handtekening", "voogd"):
            assert label in page


def test_missing_forms_list_and_reminder() -> None:
    data = MissingResponses(
        "OBS Şükrü & Łucja",
        "2026-2027",
        1,
        "01-10-2026",
        "Beste ouder of verzorger,\n\nLever het formulier uiterlijk 01-10-2026 in.",
        AT,
        (MissingGroup("5", 27, 25, ((NAMES[0], "1001"), (NAMES[2], "1003"))), MissingGroup("8", 20, 20, ())),
    )
    pdf = render_missing_responses(data)
    assert_only_embedded_dejavu(pdf)
    pages = [_flat(t) for t in page_texts(pdf)]
    assert len(pages) == 2  # the summary, then one page for the only group with missing forms
    assert "Totaal 47 45 2" in pages[0]
    assert "Groep 5" in pages[1] and "2 van de 27 formulieren zijn nog niet terug" in pages[1]
    assert (
        NAMES[0] in pages[1]
        and NAMES[2] in pages[1]
        and "Lever het formulier uiterlijk 01-10-2026 in." in pages[1]
    )


def test_missing_forms_in_correct_dutch_for_one_and_many() -> None:
    """Issue 16: "1 van de 24 formulieren zijn nog niet terug"."""
    groups = (MissingGroup("1/2a", 24, 23, ((NAMES[0], "1001"),)),
              MissingGroup("3", 1, 0, ((NAMES[1], "1002"),)))
    data = MissingResponses("OBS De Regenboog", "2026-2027", 1, "01-10-2026", "Beste ouder", AT, groups)
    pages = [_flat(t) for t in page_texts(render_missing_responses(data))]
    assert "1 van de 24 formulieren is nog niet terug" in pages[1]
    assert "Het formulier is nog niet terug" in pages[2]
    assert "zijn nog niet terug" not in " ".join(pages)


def test_a_reminder_after_the_deadline_asks_for_a_date_still_to_come() -> None:
    from datetime import date

    from ibp_desktop.services.consent.printing import reminder_deadline

    deadline = date(2026, 10, 1)
    assert reminder_deadline(deadline, date(2026, 9, 1)) == deadline
    assert reminder_deadline(deadline, date(2026, 12, 6)) == date(2026, 12, 20)
    assert reminder_deadline(deadline, date(2026, 9, 30)) == date(2026, 10, 14)  # one day is too short


def test_history_of_one_pupil() -> None:
    line = HistoryLine(
        "15-09-2026", "Website van de school", "Ingetrokken", "Ayşe Yılmaz", "ouder/verzorger 1", "e-mail",
        "versie 1 (2026-2027)", "Fatima El Amrani, 16-09-2026 10:12", "foto van website verwijderd", "",
    )  # fmt: skip
    data = PupilHistory(
        "OBS Şükrü & Łucja", NAMES[0], "1001", "5", "05-03-2017", "28-11-2026",
        (("Website van de school", "Ingetrokken"),), (line,), AT,
    )  # fmt: skip
    pdf = render_pupil_history(data)
    assert_only_embedded_dejavu(pdf)
    text = _flat(" ".join(page_texts(pdf)))
    for expected in (
        "Şükrü Yılmaz",
        "Ingetrokken",
        "Ayşe Yılmaz",
        "foto van website verwijderd",
        "Fatima El Amrani",
    ):
        assert expected in text
