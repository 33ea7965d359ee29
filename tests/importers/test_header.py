"""The header finder: title rows above, footers and total lines below, whatever the data holds."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ibp_desktop.importers.header import find_header, is_footer
from ibp_desktop.importers.tabular import table_from_bytes
from ibp_desktop.importers.values import Cell
from ibp_desktop.services.pupils.importing import pupil_captions

CAPTIONS = pupil_captions()
HEADERS = [
    ["Leerlingnummer", "Roepnaam", "Achternaam", "Geboortedatum", "Groep"],
    ["Groep", "Leerling", "Geboortedatum", "Geslacht", "Leerlingnummer", "Datum inschrijving"],
    ["Stamnr", "Roepnaam", "Tussenv", "Achternaam", "Geb.datum", "Klas", "Studie", "Begindatum"],
    ["Roepnaam", "Tussenvoegsel", "Achternaam", "Geboortedatum", "Klasnaam", "Leerjaar"],
]
# Title rows as reports print them: words, a school name, a print date, a blank row.
titles = st.lists(
    st.one_of(
        st.sampled_from(
            [
                ["Overzicht leerlingen per groep"],
                ["Basisschool De Regenboog", None, None, "Afgedrukt op 02-09-2026"],
                ["Schooljaar 2026-2027"],
                [],
                [None, None],
                ["Leerlingen groep 3"],
            ]
        ),
        st.lists(st.text(alphabet="abcdefghij klmnopq", min_size=1, max_size=20), min_size=1, max_size=1),
    ),
    max_size=6,
)
names = st.text(alphabet="abcdeéëfghijklmnopqrsştuvwxyzıłễ -'", min_size=1, max_size=20).filter(str.strip)
data_rows = st.lists(
    st.tuples(
        st.integers(1, 99999),
        names,
        st.dates(date(2010, 1, 1), date(2021, 12, 31)),
        st.sampled_from(["Groep 3", "G8", "1/2a", "4/5", "7"]),
    ),
    min_size=1,
    max_size=30,
)


def _row(header: list[str], values: tuple[int, str, date, str]) -> list[Cell]:
    number, name, born, group = values
    by_caption = {
        "leerlingnummer": str(number),
        "stamnr": str(number).zfill(6),
        "geboortedatum": born,
        "geb.datum": born,
        "groep": group,
        "klas": group,
        "klasnaam": group,
    }
    return [by_caption.get(caption.casefold(), name) for caption in header]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(HEADERS), titles, data_rows)
def test_the_header_is_found_below_any_title_rows(
    header: list[str], above: list[list[Cell]], rows: list[tuple[int, str, date, str]]
) -> None:
    records: list[list[Cell]] = [*above, list(header), *(_row(header, r) for r in rows)]
    assert find_header(records, CAPTIONS) == len(above)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(HEADERS), titles, data_rows, st.integers(0, 3))
def test_footers_are_skipped_and_reported_with_their_row(
    header: list[str], above: list[list[Cell]], rows: list[tuple[int, str, date, str]], blanks: int
) -> None:
    lines = [";".join("" if c is None else str(c) for c in row) for row in above]
    lines.append(";".join(header))
    lines += [
        ";".join(c.strftime("%d-%m-%Y") if isinstance(c, date) else str(c) for c in _row(header, r))
        for r in rows
    ]
    lines += [""] * blanks + [f"Aantal leerlingen: {len(rows)}"]
    table = table_from_bytes("\r\n".join(lines).encode("utf-8"), "lijst.csv", CAPTIONS)
    assert table.headers == header
    assert sum(1 for row in table.rows if any(c is not None for c in row)) == len(rows)
    footer = [s for s in table.skipped if s.kind == "totaal"]
    assert [(s.row, s.text) for s in footer] == [(len(lines), f"Aantal leerlingen: {len(rows)}")]
    assert len([s for s in table.skipped if s.kind == "titel"]) == sum(
        1 for line in lines[: len(above)] if line.replace(";", "").strip()
    )


def test_without_known_captions_the_first_row_is_the_header() -> None:
    records: list[list[Cell]] = [[], ["Kolom A", "Kolom B"], ["1", "2"]]
    assert find_header(records, CAPTIONS) == 1


@given(st.lists(st.one_of(st.none(), st.text(max_size=15)), min_size=3, max_size=8))
def test_a_row_with_three_or_more_filled_cells_is_never_a_footer(cells: list[str | None]) -> None:
    filled = [c for c in cells if c and c.strip()]
    if len(filled) >= 3:
        assert not is_footer([*cells])


def test_footer_words() -> None:
    assert is_footer(["Aantal leerlingen: 29"])
    assert is_footer([None, "Totaal", "29"])
    assert is_footer(["Pagina 1 van 2"])
    assert not is_footer(["Aantal", "Jan", "Jansen", "3"])  # a pupil whose name is Aantal
    assert not is_footer(["Jansen, Piet"])
