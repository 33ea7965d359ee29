"""Safe file names (issue 16): "Overzicht opslaan" for group 1/2a suggested "2a.pdf" in the home folder."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ibp_desktop.core.file_names import FORBIDDEN, safe_file_name
from ibp_desktop.services.demo.data import GROUP_NAMES


def _is_safe(name: str) -> bool:
    stem = name.rsplit(".", 1)[0]
    return (bool(name) and not any(ch in FORBIDDEN for ch in name) and not name.endswith((".", " "))
            and stem.upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"})


def test_every_demo_group_gives_a_safe_name_that_still_says_which_group() -> None:
    for group in GROUP_NAMES:
        name = safe_file_name(f"toestemming-groep {group}.pdf")
        assert _is_safe(name) and name.endswith(".pdf")
        assert group.replace("/", "-") in name
    assert safe_file_name("Toestemming beeldmateriaal – groep 1/2a.pdf") == \
        "Toestemming beeldmateriaal – groep 1-2a.pdf"


def test_names_keep_their_letters_and_lose_what_windows_refuses() -> None:
    assert safe_file_name("Inzage Şükrü Yılmaz.pdf") == "Inzage Şükrü Yılmaz.pdf"
    assert safe_file_name('a\\b:c*d?e"f<g>h|i.csv') == "a-b-c-d-e-f-g-h-i.csv"
    assert safe_file_name("verslag. .pdf") == "verslag.pdf"
    assert safe_file_name("CON.pdf") == "CON-bestand.pdf"
    assert safe_file_name("/.pdf") == "document.pdf"
    assert safe_file_name("Herstelsleutel OBS De Wilgen") == "Herstelsleutel OBS De Wilgen"


@given(st.text(max_size=200))
def test_any_text_becomes_a_safe_name(text: str) -> None:
    assert _is_safe(safe_file_name(text + ".pdf"))
    assert _is_safe(safe_file_name(text))
