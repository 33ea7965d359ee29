from ibp_desktop.core.consent.names import collation_key, display_name, sort_key


def test_display_name() -> None:
    assert display_name("Anne-Fleur", "van der", "Berg-de Vries") == "Anne-Fleur van der Berg-de Vries"
    assert display_name("Şükrü", "", "Yılmaz") == "Şükrü Yılmaz"
    assert display_name("An", "", "Nguyễn Văn") == "An Nguyễn Văn"
    assert display_name(" Jesse ", " van 't ", " Zand ") == "Jesse van 't Zand"
    assert display_name("", "", "Tesfay") == "Tesfay"


def test_sort_key_puts_last_name_first_without_infix() -> None:
    assert sort_key("Anne-Fleur", "van der", "Berg-de Vries") == "Berg-de Vries, Anne-Fleur van der"
    assert sort_key("Łucja", "", "Wiśniewska") == "Wiśniewska, Łucja"
    assert sort_key("An", "", "Nguyễn Văn") == "Nguyễn Văn, An"
    assert sort_key("", "de", "Vries") == "Vries, de"
    assert sort_key("Noor", "", "") == "Noor"


def test_collation_ignores_infix_case_and_diacritics() -> None:
    people = [
        ("Jan", "van den", "Zwart"),
        ("Şükrü", "", "Yılmaz"),
        ("Anne-Fleur", "van der", "Berg-de Vries"),
        ("Mehmet", "", "Şahin"),
        ("Łucja", "", "Wiśniewska"),
        ("Ömer", "", "Öztürk"),
        ("Lotte", "de", "Vries"),
        ("İlayda", "", "Doğan"),
        ("Zoë", "", "Bakker"),
    ]
    ordered = [display_name(*p) for p in sorted(people, key=lambda p: collation_key(*p))]
    assert ordered == [
        "Zoë Bakker",
        "Anne-Fleur van der Berg-de Vries",
        "İlayda Doğan",
        "Ömer Öztürk",
        "Mehmet Şahin",
        "Lotte de Vries",
        "Łucja Wiśniewska",
        "Şükrü Yılmaz",
        "Jan van den Zwart",
    ]


def test_collation_first_name_breaks_ties() -> None:
    a = collation_key("Ilse", "", "Dijkstra")
    b = collation_key("İlayda", "", "Dijkstra")
    assert b < a
    assert collation_key("emma", "", "bos") != collation_key("Emma", "", "Bos")
