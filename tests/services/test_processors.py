"""Suppliers, products and processor agreements, with the dashboard reminders (both backends)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.processors import EuStorage, ModelVersion
from ibp_desktop.core.register_records import AgreementInput, SupplierInput
from ibp_desktop.core.roles import Role
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.processors.register import ProcessorService
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with

TODAY = date(2026, 11, 28)


def terms(**changes: object) -> AgreementInput:
    base = AgreementInput(
        model_version=ModelVersion.V4,
        signed_on=date(2025, 9, 1),
        bijsluiter_version="4.1",
        sub_processors="Hosting in Nederland",
        data_in_eu=EuStorage.YES,
        data_categories="Naam, groep, resultaten",
        review_on=date(2027, 9, 1),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_suppliers_products_agreements_and_reminders(school_db: SchoolDb) -> None:
    service = ProcessorService(school_db.database, school_db.actor)
    school = frozenset({school_db.school_id})
    topicus = service.add_supplier(SupplierInput("Topicus", covenant_participant=True))
    topicus = service.add_product(topicus.id, "ParnasSys", school)
    topicus = service.add_product(topicus.id, "Parro", school)
    assert topicus.status_text == "Geen overeenkomst"
    topicus = service.save_agreement(topicus.id, terms())
    assert (topicus.status_text, topicus.model_label) == ("In orde", "Model 4.0")
    assert [(p.name, p.schools) for p in topicus.products] == [("ParnasSys", ("12AB",)), ("Parro", ("12AB",))]

    gynzy = service.add_supplier(SupplierInput("Gynzy", True))
    service.add_product(gynzy.id, "Gynzy", school)
    gynzy = service.save_agreement(
        gynzy.id, terms(model_version=ModelVersion.V3, ends_on=TODAY + timedelta(days=40))
    )
    snappet = service.add_supplier(SupplierInput("Snappet", True))
    service.add_product(snappet.id, "Snappet", school)
    service.save_agreement(snappet.id, terms(review_on=TODAY))
    photo = service.add_supplier(SupplierInput("Fotostudio Zonnestraal"))
    service.add_product(photo.id, "Schoolfoto's", school)
    service.add_supplier(SupplierInput("Nog niet in gebruik"))  # no products: no reminder

    rows = {r.name: r.status_text for r in service.list_suppliers(today=TODAY)}
    assert rows == {
        "Fotostudio Zonnestraal": "Geen overeenkomst",
        "Gynzy": "Verloopt over 40 dagen",
        "Nog niet in gebruik": "Geen overeenkomst",
        "Snappet": "Herbeoordelen",
        "Topicus": "In orde",
    }
    assert [r.name for r in service.list_suppliers(school_db.school_id, today=TODAY)] == [
        "Fotostudio Zonnestraal",
        "Gynzy",
        "Snappet",
        "Topicus",
    ]
    assert [r.name for r in service.list_suppliers(text="parro", today=TODAY)] == ["Topicus"]
    reminders = [(r.supplier_name, r.text, r.level.value) for r in service.reminders(TODAY)]
    assert reminders == [
        (
            "Fotostudio Zonnestraal",
            "Fotostudio Zonnestraal: geen verwerkersovereenkomst voor Schoolfoto's.",
            "red",
        ),
        ("Snappet", "Verwerkersovereenkomst Snappet: herbeoordelen.", "red"),
        ("Gynzy", "Verwerkersovereenkomst Gynzy: verloopt over 40 dagen.", "amber"),
    ]
    attention = DashboardService(school_db.database, school_db.actor).overview(TODAY).attention
    assert [i.severity for i in attention if i.area == "verwerkers"] == ["urgent", "urgent", "warning"]

    counts = service.register(today=TODAY).counts
    assert (counts.suppliers, counts.with_agreement, counts.model_4, counts.model_3) == (5, 3, 2, 1)
    assert (counts.without_agreement, counts.needs_attention) == (2, 4)


def test_edits_are_checked(school_db: SchoolDb) -> None:
    service = ProcessorService(school_db.database, school_db.actor)
    supplier = service.add_supplier(SupplierInput("Cito"))
    with pytest.raises(BadInputError, match="staat er al in"):
        service.add_supplier(SupplierInput(" cito "))
    with pytest.raises(BadInputError, match="vóór de datum van ondertekening"):
        service.save_agreement(supplier.id, terms(ends_on=date(2025, 1, 1)))
    saved = service.save_agreement(supplier.id, terms())
    assert saved.agreement is not None
    first_version = saved.agreement.version
    again = service.save_agreement(supplier.id, terms(bijsluiter_version="4.2"), first_version)
    assert again.agreement is not None and again.agreement.terms.bijsluiter_version == "4.2"
    with pytest.raises(StaleEditError, match="net gewijzigd"):
        service.save_agreement(supplier.id, terms(bijsluiter_version="4.3"), first_version)
    with pytest.raises(StaleEditError):
        service.save_agreement(supplier.id, terms(), None)  # someone else added the first one already
    renamed = service.update_supplier(supplier.id, supplier.version, SupplierInput("Cito B.V.", True))
    assert renamed.name == "Cito B.V." and renamed.covenant_participant
    with pytest.raises(StaleEditError):
        service.update_supplier(supplier.id, supplier.version, SupplierInput("Cito", True))
    service.delete_supplier(renamed.id, renamed.version)
    assert service.list_suppliers(today=TODAY) == []


def test_who_may_read_and_change(school_db: SchoolDb) -> None:
    ProcessorService(school_db.database, school_db.actor).add_supplier(SupplierInput("Basispoort", True))
    for username, role in (("adm", Role.ADMINISTRATION), ("fg", Role.DPO), ("ict", Role.ICT)):
        service = ProcessorService(school_db.database, actor_with(school_db, username, role))
        assert [r.name for r in service.list_suppliers(today=TODAY)] == ["Basispoort"]
        with pytest.raises(PermissionDeniedError, match="verwerkersovereenkomsten beheren"):
            service.add_supplier(SupplierInput("Gynzy"))
    director = ProcessorService(school_db.database, actor_with(school_db, "dir", Role.DIRECTOR))
    director.add_supplier(SupplierInput("Gynzy"))
