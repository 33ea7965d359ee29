"""Reading parent-app consent exports: mapping, pupil matching, problems per row, and the diff."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ibp_desktop.core.consent.rules import Channel, Relation
from ibp_desktop.importers.consent import (
    AnswerDefaults,
    ConsentRow,
    consent_fields,
    guess_consent_mapping,
    read_consent,
)
from ibp_desktop.importers.consent_diff import AnswerKind, PastDecision, diff_consent
from ibp_desktop.importers.consent_fields import parse_given_by
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.importers.tabular import Table, read_table, table_from_bytes
from ibp_desktop.importers.values import CellError
from tests.importers.consent_files import (
    PURPOSES,
    known_pupils,
    parro_rows,
    social_schools_rows,
    write_parro,
    write_social_schools,
)

TODAY = date(2026, 9, 20)
ON = date(2026, 9, 12)
DEFAULTS = AnswerDefaults(given_on=TODAY, today=TODAY)
SPECS = consent_fields(PURPOSES)


def _read(table: Table, defaults: AnswerDefaults = DEFAULTS, **left: date) -> list[ConsentRow]:
    mapping = guess_consent_mapping(table.headers, SPECS)
    return read_consent(table, mapping, PURPOSES, known_pupils(left), defaults)


def _csv(text: str) -> Table:
    return table_from_bytes(text.encode("utf-8"), "ouderapp.csv")


def _problems(text: str, **left: date) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        _read(_csv(text), **left)
    return [str(p) for p in caught.value.problems]


def _labels(table: Table) -> dict[str, str]:
    mapping = guess_consent_mapping(table.headers, SPECS)
    return {key: table.headers[column] for key, column in mapping.items()}


def test_parro_headers_find_the_purposes(tmp_path: Path) -> None:
    table = read_table(write_parro(tmp_path / "parro.csv", parro_rows(ON)))
    assert table.describe() == "CSV, puntkomma, UTF-8"
    assert _labels(table) == {
        "pupil_number": "Leerlingnummer",
        "full_name": "Leerling",
        "group": "Groep",
        "given_by": "Ingevuld door",
        "given_on": "Datum",
        "schoolgids": "Schoolgids: ja/nee",
        "website": "Website: ja/nee",
        "sociale_media": "Social media: ja/nee",
        "nieuwsbrief": "Nieuwsbrief: ja/nee",
        "ouderapp": "Parro: ja/nee",
    }  # "Opmerking" is read by nothing


def test_parro_rows_are_matched_with_their_answers(tmp_path: Path) -> None:
    rows = _read(read_table(write_parro(tmp_path / "parro.csv", parro_rows(ON))))
    assert [(r.row, r.pupil.pupil_number, r.given_by, r.given_on) for r in rows] == [
        (2, "1001", "Ayşe Yılmaz", ON),
        (3, "1002", "Katarzyna Wiśniewska", ON),
        (4, "1003", "ouder/verzorger via ouderapp", ON),  # empty cell: the default
        (5, "1004", "Mark van der Berg", ON),
    ]
    assert rows[1].answers == ((11, True), (12, False), (13, False), (14, True), (15, True))
    assert rows[3].answers == ((11, False),)  # empty cells are no answer, not "no"
    assert {r.relation for r in rows} == {Relation.GUARDIAN_1}


def test_social_schools_rows_are_matched_on_name_and_birth_date(tmp_path: Path) -> None:
    table = read_table(write_social_schools(tmp_path / "ss.csv", social_schools_rows(ON)))
    assert _labels(table)["website"] == "Toestemming website"
    assert _labels(table)["klassenfoto"] == "Toestemming klassenfoto"
    rows = _read(table)
    # "Yılmaz, Şükrü" and "Nguyễn Văn An" (stored as An / Nguyễn Văn) are found; of the two pupils
    # called Daan de Jong, the birth date picks the one in group 7.
    assert [(r.pupil.pupil_number, r.given_on) for r in rows] == [("1001", ON), ("1003", ON), ("1006", ON)]
    assert rows[0].answers == ((12, True), (13, False), (16, True))
    assert rows[2].answers == ((12, False), (16, True))  # "Niet ingevuld" is no answer


def test_the_group_tells_equal_names_apart_and_else_the_user_is_asked() -> None:
    header = "Naam;Groep;Website\n"
    rows = _read(_csv(header + "Daan de Jong;groep 3;ja\n"))
    assert rows[0].pupil.pupil_number == "1005"
    assert _problems(header + "Daan de Jong;;ja\n") == [
        "Rij 2, kolom 'Naam': 'Daan de Jong' past bij 2 leerlingen (groep 3, groep 7). Voeg een kolom met "
        "het leerlingnummer of de geboortedatum toe."
    ]


def test_every_problem_with_row_column_and_value() -> None:
    text = (
        "Leerlingnummer;Naam;Datum;Website;Nieuwsbrief\n"
        "1001;Şükrü Yılmaz;12-09-2026;ja;nee\n"
        "9999;Onbekend Kind;12-09-2026;ja;ja\n"
        ";Piet Puk;12-09-2026;ja;ja\n"
        "1002;Łucja Wiśniewska;12-09-2026;misschien;ja\n"
        "1003;Nguyễn Văn An;30-09-2026;ja;ja\n"
        "1001;Şükrü Yılmaz;12-09-2026;ja;ja\n"
        "1004;Jan Jansen;12-09-2026;ja;ja\n"
    )
    assert _problems(text) == [
        "Rij 3, kolom 'Leerlingnummer': Er is geen leerling met leerlingnummer 9999 op deze school. "
        "Controleer het nummer, of importeer eerst de nieuwe leerlingenlijst.",
        "Rij 4, kolom 'Naam': Er is geen leerling met de naam 'Piet Puk' op deze school. Controleer de "
        "spelling, of voeg een kolom met het leerlingnummer toe.",
        "Rij 5, kolom 'Website': 'misschien' is geen ja of nee. Vul ja, nee of niets in.",
        "Rij 6, kolom 'Datum': De datum 30-09-2026 ligt in de toekomst (kolom 'Datum').",
        "Rij 7, kolom 'Leerlingnummer': Şükrü Yılmaz staat ook op rij 2 (zelfde ouder/verzorger). Laat één "
        "rij per leerling staan, of vul een kolom 'Relatie' in (ouder 1, ouder 2).",
        "Rij 8, kolom 'Leerlingnummer': Leerlingnummer 1004 hoort bij Anne-Fleur van der Berg-de Vries, maar "
        "in het bestand staat 'Jan Jansen'. Controleer of de kolom echt het leerlingnummer bevat.",
    ]


def test_two_guardians_in_two_rows_with_a_relation_column() -> None:
    text = (
        "Leerlingnummer;Relatie;Ouder;Website\n1001;ouder 1;Ayşe Yılmaz;ja\n1001;ouder 2;Mehmet Yılmaz;nee\n"
    )
    rows = _read(_csv(text))
    assert [(r.relation, r.given_by, r.answers) for r in rows] == [
        (Relation.GUARDIAN_1, "Ayşe Yılmaz", ((12, True),)),
        (Relation.GUARDIAN_2, "Mehmet Yılmaz", ((12, False),)),
    ]
    assert _problems("Leerlingnummer;Relatie;Website\n1001;moeder;ja\n") == [
        "Rij 2, kolom 'Relatie': Onbekende relatie 'moeder'. Kies uit: ouder/verzorger 1, "
        "ouder/verzorger 2, voogd, leerling (16+)."
    ]


def test_a_deregistered_pupil_is_refused() -> None:
    problems = _problems("Leerlingnummer;Website\n1004;ja\n", **{"1004": date(2026, 7, 17)})
    assert problems == [
        "Rij 2, kolom 'Leerlingnummer': Anne-Fleur van der Berg-de Vries is uitgeschreven op 17-07-2026. "
        "Haal deze rij uit het bestand."
    ]


def test_a_file_without_pupil_or_purpose_columns_says_what_to_map() -> None:
    assert _problems("Kind id;Opmerking\n55;hallo\n") == [
        "Geen kolom gevonden voor de leerling. Geef aan welke kolom het leerlingnummer bevat, of welke kolom "
        "de naam van de leerling.",
        "Geen kolom gevonden voor een doel. Geef aan welke kolom bij welk doel hoort ('Schoolgids, brochure "
        "en kalender', 'Website van de school', 'Sociale media van de school', 'Nieuwsbrief', 'Ouderapp "
        "(besloten groep)', 'Klassenfoto en schoolfotograaf', 'Lokale pers', 'Onderzoek', 'Video voor studie "
        "en scholing', 'Voornaam bij foto').",
    ]


def test_the_date_option_is_used_without_a_date_column() -> None:
    defaults = AnswerDefaults(given_on=date(2026, 9, 1), today=TODAY, given_by="Ouder (Parro)")
    rows = _read(_csv("Leerlingnummer;Website\n1001;ja\n"), defaults)
    assert (rows[0].given_on, rows[0].given_by) == (date(2026, 9, 1), "Ouder (Parro)")


# ---------------------------------------------------------------------- the diff


def _past(granted: bool, on: date, channel: str = "parent_app", order: int = 1, **kw: object) -> PastDecision:
    values: dict[str, object] = {
        "relation": Relation.GUARDIAN_1,
        "granted": granted,
        "withdrawal": False,
        "channel": channel,
        "school_year": "2026-2027" if on >= date(2026, 8, 1) else "2025-2026",
        "form_number": 1,
        "given_on": on,
        "order": order,
    }
    values.update(kw)
    return PastDecision(**values)  # type: ignore[arg-type]


def _kinds(history: dict[tuple[int, int], list[PastDecision]]) -> list[tuple[str, str, str]]:
    rows = _read(_csv("Leerlingnummer;Website;Nieuwsbrief\n1001;nee;ja\n"), AnswerDefaults(ON, TODAY))
    diff = diff_consent(rows, PURPOSES, history, Channel.PARENT_APP)
    return [(a.code, a.kind.value, str(a)) for a in diff.pupils[0].answers]


def test_diff_new_unchanged_changed_and_confirmed() -> None:
    assert _kinds({}) == [
        ("website", "new", "Website van de school: nee"),
        ("nieuwsbrief", "new", "Nieuwsbrief: ja"),
    ]
    same_import = {(100, 12): [_past(False, ON)], (100, 14): [_past(True, ON)]}
    assert [k[1] for k in _kinds(same_import)] == ["unchanged", "unchanged"]
    # A yes becoming no is recorded as a refusal; last year's yes confirmed this year.
    changed = {(100, 12): [_past(True, date(2026, 9, 2))], (100, 14): [_past(True, date(2026, 3, 1))]}
    assert _kinds(changed) == [
        ("website", "changed", "Website van de school: ja → nee"),
        ("nieuwsbrief", "confirmed", "Nieuwsbrief: ja"),
    ]


def test_diff_an_app_still_saying_yes_does_not_undo_a_paper_withdrawal() -> None:
    history = {
        (100, 14): [
            _past(True, date(2026, 9, 2), order=1),
            _past(False, date(2026, 9, 10), channel="paper", order=2, withdrawal=True),
        ]
    }
    assert _kinds(history)[1] == ("nieuwsbrief", "unchanged", "Nieuwsbrief: ja")


def test_diff_a_yes_on_a_form_from_before_the_purpose_changed_is_asked_again() -> None:
    purposes = [
        p if p.code != "nieuwsbrief" else type(p)(14, "nieuwsbrief", "Nieuwsbrief", 2) for p in PURPOSES
    ]
    rows = _read(_csv("Leerlingnummer;Nieuwsbrief\n1001;ja\n"), AnswerDefaults(ON, TODAY))
    diff = diff_consent(rows, purposes, {(100, 14): [_past(True, ON, form_number=1)]}, Channel.PARENT_APP)
    assert diff.pupils[0].answers[0].kind is AnswerKind.CONFIRMED
    assert diff.counts.to_write == 1 and diff.changes_anything


def test_lost_letters_in_a_parent_app_csv_say_how_to_save_and_which_pupil() -> None:
    from ibp_desktop.importers.consent import AnswerDefaults, guess_consent_mapping, read_consent
    from ibp_desktop.importers.problems import ImportRejected
    from ibp_desktop.importers.tabular import table_from_bytes
    from tests.importers.consent_files import PURPOSES, known_pupils

    text = "Leerling;Groep;Geboortedatum;Website\r\nY?lmaz, ?ükrü;Groep 5;05-03-2017;Ja\r\n"
    table = table_from_bytes(text.encode("cp1252"), "parro.csv")
    mapping = guess_consent_mapping(table.headers, consent_fields(PURPOSES))
    with pytest.raises(ImportRejected) as caught:
        read_consent(
            table, mapping, PURPOSES, known_pupils(), AnswerDefaults(date(2026, 9, 1), date(2026, 9, 2))
        )
    message = str(caught.value.problems[0])
    assert message.startswith("Rij 2, kolom 'Leerling': In de naam 'Y?lmaz, ?ükrü' staat een '?'")
    assert "CSV UTF-8" in message
    assert message.endswith("Deze rij hoort waarschijnlijk bij 1001 Şükrü Yılmaz (groep 5).")


def test_parro_privacy_preferences_with_a_title_row_are_recognised() -> None:
    from ibp_desktop.importers.consent import AnswerDefaults, guess_consent_mapping, read_consent
    from ibp_desktop.importers.tabular import table_from_bytes
    from tests.importers.consent_files import PURPOSES, known_pupils

    specs = consent_fields(PURPOSES)
    text = (
        "Privacyvoorkeuren leerlingen\r\n\r\n"
        "Leerling;Groep;Geboortedatum;Beeldmateriaal nieuwsbrief;Beeldmateriaal Parro;Beeldmateriaal "
        "schoolgids;Beeldmateriaal social media;Beeldmateriaal website;Deelname aan onderzoeken;"
        "Laatst gewijzigd;Gewijzigd door\r\n"
        "Şükrü Yılmaz;Groep 5;05-03-2017;Ja;Ja;Nee;;Ja;Nee;02-09-2026 14:05;ouder/verzorger (Parro)\r\n"
    )
    captions = [c for spec in specs for c in (spec.label_nl, *spec.synonyms)]
    table = table_from_bytes(text.encode("utf-8-sig"), "parro.csv", captions)
    mapping = guess_consent_mapping(table.headers, specs)
    assert table.header_row == 3 and len(mapping) == len(table.headers)  # every column used
    [row] = read_consent(
        table, mapping, PURPOSES, known_pupils(), AnswerDefaults(date(2026, 9, 3), date(2026, 9, 3))
    )
    assert (row.pupil.pupil_number, row.given_by, row.given_on) == (
        "1001",
        "ouder/verzorger (Parro)",
        date(2026, 9, 2),
    )
    assert dict(row.answers) == {
        11: False,
        12: True,
        14: True,
        15: True,
        18: False,
    }  # social media: no answer


def test_an_invisible_character_in_a_guardians_name_is_refused() -> None:
    with pytest.raises(CellError, match="U\\+202E"):
        parse_given_by("Ayşe\u202eYılmaz")
