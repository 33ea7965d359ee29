"""The retention PDFs read back: the due list for planning and the destruction certificate."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

from ibp_desktop.core.retention.records import (
    DueItem,
    LineKind,
    Outcome,
    RunDetail,
    RunLine,
    RunRow,
    RunStatus,
)
from ibp_desktop.core.retention.rules import System
from ibp_desktop.reports.destruction_certificate import render_certificate
from ibp_desktop.reports.retention_due import DueListData, render_due_list
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts

MADE = datetime(2026, 9, 3, 12, 5, tzinfo=UTC)


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page_texts(pdf)))


def _line(n: int, kind: LineKind, category: str, system: System, **extra: object) -> RunLine:
    values: dict[str, object] = {
        "id": n,
        "kind": kind,
        "target": "pupil_record",
        "category": category,
        "category_label": category,
        "system": system,
        "pupil_number": None,
        "description": "",
        "event_date": date(2019, 7, 12),
        "due_on": date(2021, 7, 12),
        "record_count": 1,
        "term_text": "2 jaar na uitschrijving",
        "basis": "Sectornorm (voorheen Vrijstellingsbesluit Wbp)",
        "hold_reason": "",
        "outcome": Outcome.OPEN,
        "outcome_note": "",
        "method": "",
        "done_by": "",
        "done_on": None,
        "certificate_ref": "",
    }
    values.update(extra)
    return RunLine(**values)  # type: ignore[arg-type]


def _detail() -> RunDetail:
    files = "Leerlingdossier (LVS, toetsen, gespreksverslagen, begeleiding)"
    shredded = {
        "outcome": Outcome.DONE,
        "method": "vernietigd door shredderbedrijf",
        "done_by": "Shredderbedrijf Veilig BV",
        "done_on": date(2026, 9, 2),
        "certificate_ref": "VB-2026-4471",
    }
    lines = (
        _line(
            1,
            LineKind.PROGRAM,
            "Toestemmingen beeldmateriaal (in dit programma)",
            System.PROGRAM,
            target="consent",
            record_count=20,
            pupil_number="70001",
            outcome=Outcome.DELETED,
            method="Definitief verwijderd in IBP Desktop",
            done_by="Fatima El Amrani",
            done_on=date(2026, 9, 1),
            event_date=date(2018, 7, 6),
        ),
        _line(2, LineKind.EXTERNAL, files, System.LAS, pupil_number="70001", **shredded),
        _line(3, LineKind.EXTERNAL, files, System.LAS, pupil_number="70002", **shredded),
        _line(
            4,
            LineKind.EXCEPTION,
            files,
            System.LAS,
            pupil_number="70003",
            description="Leerling 70003",
            hold_reason="Vernietiging gestopt: geschil met ouders (Łódź, Ørsted)",
        ),
    )
    run = RunRow(
        1,
        1,
        "2026-01",
        RunStatus.CARRIED_OUT,
        date(2026, 9, 1),
        "Fatima El Amrani",
        MADE,
        "Joost van den Heuvel",
        MADE,
        "Fatima El Amrani",
        MADE,
        20,
        2,
        0,
        1,
        3,
    )
    return RunDetail(run, "OBS Şükrü & Łucja", "12AB", lines)


def test_destruction_certificate_has_every_field() -> None:
    pdf = render_certificate(_detail(), MADE)
    text = _text(pdf)
    assert_only_embedded_dejavu(pdf)
    for expected in (
        "Verklaring van vernietiging",
        "Opruimronde 2026-01",
        "Nummer 2026-01",
        "Datum van vernietiging 03-09-2026",
        "OBS Şükrü & Łucja (BRIN 12AB)",
        "Goedgekeurd door (directeur) Joost van den Heuvel",
        "Uitgevoerd door Fatima El Amrani",
        "Periode (gebeurtenis) 12-07-2019",
        "Aantal records 20",
        "Aantal records 2",
        "Leerlingnummers 70001, 70002",
        "LAS (leerlingadministratie)",
        "dit programma",
        "2 jaar na uitschrijving",
        "Sectornorm",
        "vernietigd door shredderbedrijf",
        "VB-2026-4471",
        "Uitzonderingen (niet vernietigd)",
        "geschil met ouders (Łódź, Ørsted)",
        "Handtekening",
        "Blijvend bewaren",
        "pagina 1 van",
    ):
        assert expected in text, expected
    assert "concept" not in text.lower() and "BSN 1" not in text
    # Program records are counted, not listed: the consent section names no pupil number.
    consent = text.split("Toestemmingen beeldmateriaal")[1].split("Leerlingdossier")[0]
    assert "70001" not in consent


def test_a_certificate_before_execution_is_a_draft() -> None:
    detail = _detail()
    draft = replace(detail, run=replace(detail.run, status=RunStatus.PROPOSED))
    text = _text(render_certificate(draft, MADE))
    assert "concept – nog niet goedgekeurd" in text and "CONCEPT – NOG NIET GOEDGEKEURD" in text
    # Issue 16: a concept declares nothing ("De ondergetekenden verklaren ... zijn vernietigd").
    assert "verklaren" not in text and "zijn vernietigd" not in text and "Handtekening" not in text
    assert "nog niet vernietigd" in text
    approved = replace(detail, run=replace(detail.run, status=RunStatus.APPROVED))
    assert "concept – goedgekeurd, nog niet uitgevoerd" in _text(render_certificate(approved, MADE))


def _due(n: int, category: str, system: System, held: str = "", run: str | None = None) -> DueItem:
    return DueItem(
        f"pupil_record:{category}:{n}",
        category,
        category.capitalize(),
        system,
        "external",
        f"Leerling {70000 + n}",
        str(70000 + n),
        date(2019, 7, 12),
        date(2024, 7, 12),
        "5 jaar na uitschrijving",
        "Besluit bekostiging WPO",
        1,
        held,
        run,
        0 if category == "leerlingadministratie" else 1,
    )


def test_due_list_groups_by_category_and_system() -> None:
    items = (
        _due(1, "leerlingadministratie", System.LAS),
        _due(
            2, "leerlingadministratie", System.LAS, held="Vernietiging gestopt: incident 2026-003 is nog open"
        ),
        _due(3, "leerlingdossier", System.LAS, run="2026-01"),
    )
    pdf = render_due_list(DueListData("OBS Şükrü & Łucja", "12AB", date(2026, 9, 1), tuple(items)), MADE)
    assert_only_embedded_dejavu(pdf)
    text = _text(pdf)
    assert "Bewaartermijnen: wat vervalt" in text and "uiterlijk 01-09-2026" in text
    assert "Leerlingadministratie – LAS (leerlingadministratie)" in text
    assert "Termijn: 5 jaar na uitschrijving. Grondslag: Besluit bekostiging WPO." in text
    assert "Leerling 70001" in text and "12-07-2024" in text and "Te vernietigen" in text
    assert "incident 2026-003 is nog open" in text and "In opruimronde 2026-01" in text
    assert (
        "Te vernietigen (nog in geen opruimronde) 1" in text and "Gestopt (bewaarplicht of geschil) 1" in text
    )
    empty = _text(render_due_list(DueListData("OBS De Wilgen", "12AB", date(2026, 9, 1), ()), MADE))
    assert "vervalt niets" in empty
