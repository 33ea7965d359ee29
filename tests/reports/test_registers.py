"""The request register and the processor register as PDF and CSV, from plain data."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from ibp_desktop.core.processors import EuStorage, ModelVersion, agreement_status
from ibp_desktop.core.register_records import (
    AgreementInput,
    AgreementView,
    ProcessorRegister,
    ProductRow,
    RequestRegister,
    RequestRow,
    SupplierRow,
    count_suppliers,
)
from ibp_desktop.core.requests import Outcome, Relation, Right, count_requests, request_status
from ibp_desktop.reports.processor_register import (
    render_processor_register_csv,
    render_processor_register_pdf,
)
from ibp_desktop.reports.request_register import render_request_register_csv, render_request_register_pdf
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts

TODAY = date(2026, 3, 10)
MADE = datetime(2026, 3, 10, 13, 5, tzinfo=UTC)


def _request(number: str, received: date, requester: str, pupil: str, **extra: object) -> RequestRow:
    answered = extra.get("answered_on")
    assert answered is None or isinstance(answered, date)
    extended = bool(extra.get("extended", False))
    status = request_status(received, extended, answered, TODAY)
    outcome = extra.get("outcome")
    return RequestRow(
        id=1,
        version=1,
        school_id=1,
        brin=str(extra.get("brin", "12AB")),
        number=number,
        received_on=received,
        requester_name=requester,
        relation=Relation.GUARDIAN,
        right=Right(str(extra.get("right", "access"))),
        pupil_id=None,
        pupil_name=pupil,
        deadline=status.deadline,
        extended=extended,
        fg_consulted=True,
        outcome=outcome if isinstance(outcome, Outcome) else None,
        answered_on=answered,
        handled_by="Anne-Fleur van der Berg-de Vries" if answered else "",
        status=status,
    )


def _requests() -> RequestRegister:
    rows = (
        _request("2026-001", date(2026, 1, 5), "Nguyễn Văn An", "Şükrü Yılmaz"),
        _request(
            "2026-002",
            date(2026, 1, 31),
            '=HYPERLINK("x")',
            "Łucja Wiśniewska",
            right="erasure",
            extended=True,
            brin="34CD",
        ),
        _request(
            "2026-003",
            date(2026, 2, 2),
            "Piet de Vries",
            "",
            answered_on=date(2026, 2, 20),
            outcome=Outcome.PARTLY,
        ),
    )
    counts = count_requests([(r.right, r.status, r.extended, r.outcome) for r in rows])
    return RequestRegister(
        "Stichting Samen Wijs: alle scholen", date(2026, 1, 1), date(2026, 3, 10), TODAY, rows, counts
    )


def test_request_register_pdf_shows_rows_statuses_and_totals() -> None:
    pdf = render_request_register_pdf(_requests(), MADE)
    assert_only_embedded_dejavu(pdf)
    text = " ".join(" ".join(page_texts(pdf)).split())  # cells wrap: compare words, not lines
    for expected in (
        "Register van verzoeken van betrokkenen",
        "Verzoeken ontvangen van 01-01-2026 tot en met 10-03-2026",
        "Nguyễn Văn An",
        "Şükrü Yılmaz",
        "Łucja Wiśniewska",
        "Te laat (33 dagen)",
        "28-04-2026 (verlengd)",
        "Deels toegewezen op 20-02-2026",
        "Beantwoord op tijd",
        "34CD",
    ):
        assert expected in text, expected
    totals = text[text.index("Totalen") :]
    assert "Verzoeken 3" in totals and "Open en te laat 1" in totals and "waarvan verwijdering 1" in totals


def test_request_register_csv_is_excel_friendly() -> None:
    data = render_request_register_csv(_requests())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Nummer", "School (BRIN)", "Ontvangen op", "Verzoeker"]
    assert rows[1][3] == "Nguyễn Văn An" and rows[1][6] == "Şükrü Yılmaz"
    assert rows[2][3] == '\'=HYPERLINK("x")'  # a formula stays text in Excel
    assert rows[2][8] == "Ja" and rows[3][10] == "Deels toegewezen"


def _supplier(name: str, agreement: AgreementInput | None, products: tuple[str, ...]) -> SupplierRow:
    status = agreement_status(
        agreement is not None,
        agreement.signed_on if agreement else None,
        agreement.ends_on if agreement else None,
        agreement.review_on if agreement else None,
        TODAY,
    )
    return SupplierRow(
        id=1,
        version=1,
        name=name,
        covenant_participant=agreement is not None,
        notes="",
        products=tuple(ProductRow(i, 1, p, (1,), ("12AB",)) for i, p in enumerate(products)),
        agreement=AgreementView(1, 1, agreement) if agreement else None,
        status=status,
    )


def test_processor_register_pdf_and_csv() -> None:
    rows = (
        _supplier(
            "Gynzy",
            AgreementInput(
                ModelVersion.V3,
                date(2022, 8, 1),
                date(2026, 4, 19),
                "2.0",
                "Cloud in de EU",
                EuStorage.YES,
                "Naam, groep",
                date(2026, 9, 1),
            ),
            ("Gynzy",),
        ),
        _supplier("Fotostudio Zonnestraal", None, ("Schoolfoto's",)),
        _supplier(
            "Topicus",
            AgreementInput(
                ModelVersion.V4, date(2025, 1, 1), None, "4.1", "", EuStorage.UNKNOWN, "NAW", None
            ),
            ("ParnasSys", "Parro"),
        ),
    )
    data = ProcessorRegister("OBS De Regenboog", TODAY, rows, count_suppliers(rows))
    pdf = render_processor_register_pdf(data, MADE)
    assert_only_embedded_dejavu(pdf)
    text = " ".join(" ".join(page_texts(pdf)).split())
    for expected in (
        "Register van verwerkersovereenkomsten",
        "Stand van zaken op 10-03-2026",
        "Verloopt over 40 dagen",
        "Geen overeenkomst",
        "ParnasSys (12AB); Parro (12AB)",
        "Model 3.0 (oud); bijsluiter 2.0",
        "tot 19-04-2026",
        "Met verwerkersovereenkomst 2",
        "Zonder verwerkersovereenkomst 1",
    ):
        assert expected in text, expected
    table = list(
        csv.reader(io.StringIO(render_processor_register_csv(data).decode("utf-8-sig")), delimiter=";")
    )
    assert table[0][0] == "Leverancier" and len(table) == 4
    assert table[2][:5] == ["Fotostudio Zonnestraal", "Schoolfoto's", "12AB", "Nee", "Geen overeenkomst"]
    assert table[3][1] == "ParnasSys, Parro" and table[3][9] == "Onbekend"
