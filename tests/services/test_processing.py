"""The processing register: preload per school, editing, links, warnings, PDF and CSV (both backends)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pytest

from ibp_desktop.core.accountability.processing import Denomination, DpiaNeed, LegalBasis, Transfer
from ibp_desktop.core.accountability.records import ActivityInput, ActivityRow
from ibp_desktop.core.errors import BadInputError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.processors import EuStorage, ModelVersion
from ibp_desktop.core.register_records import AgreementInput, SupplierInput
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accountability.processing import ProcessingService
from ibp_desktop.services.accountability.processing_seed import SchoolTypeService
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.processors.register import ProcessorService
from tests.conftest import SchoolDb
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts
from tests.services.incident_helpers import actor_with

TODAY = date(2026, 11, 28)
PRELOADED = [
    "Leerlingadministratie",
    "Leerlingvolgsysteem (LVS)",
    "Zorg en begeleiding (OPP, groeidocument)",
    "Communicatie met ouders (ouderapp, nieuwsbrief)",
    "Beeldmateriaal van leerlingen",
    "Toetsen (doorstroomtoets, methodetoetsen)",
    "Digitale leermiddelen en accounts (ECK-iD)",
    "Personeelsadministratie",
    "Sollicitanten",
    "Camerabewaking",
    "Website en nieuwsbrief",
]


def _by_name(service: ProcessingService, school_id: int) -> dict[str, ActivityRow]:
    return {r.name: r for r in service.list_activities(school_id, today=TODAY)}


def test_a_school_starts_with_the_preloaded_activities_and_their_links(school_db: SchoolDb) -> None:
    service = ProcessingService(school_db.database, school_db.actor)
    rows = service.list_activities(school_db.school_id, today=TODAY)
    assert [r.name for r in rows] == PRELOADED
    care = rows[2]
    assert care.facts.special_categories.startswith("Gezondheidsgegevens")
    assert [(r.code, r.detail) for r in care.retention] == [
        ("dossier_verwijzing", "3 jaar na uitschrijving"),
        ("leerlingdossier", "2 jaar na uitschrijving"),
    ]
    images = rows[4]
    assert images.facts.legal_basis is LegalBasis.CONSENT
    assert "Website van de school" in [c.label for c in images.consent]
    # An openbare school: its tasks rest on the public task, never on legitimate interest.
    assert LegalBasis.LEGITIMATE_INTEREST not in {r.facts.legal_basis for r in rows}
    assert rows[9].facts.legal_basis is LegalBasis.PUBLIC_TASK  # camera surveillance
    # Never reviewed yet: every row asks for its yearly check.
    assert {r.status.text for r in rows} == {"Nog nooit beoordeeld", "DPIA nodig, nog niet gedaan"}
    # The retention categories and consent purposes point back to their activities.
    assert service.linked_activities(school_db.school_id, "retention")["leerlingdossier"] == [
        "Leerlingvolgsysteem (LVS)",
        "Zorg en begeleiding (OPP, groeidocument)",
        "Toetsen (doorstroomtoets, methodetoetsen)",
    ]
    assert service.linked_activities(school_db.school_id, "consent")["website"] == [
        "Beeldmateriaal van leerlingen",
        "Website en nieuwsbrief",
    ]
    # Loading again does not load the defaults twice.
    assert len(service.list_activities(school_db.school_id, today=TODAY)) == len(PRELOADED)


def test_a_bijzondere_school_may_use_legitimate_interest(school_db: SchoolDb) -> None:
    schools = SchoolTypeService(school_db.database, school_db.actor)
    schools.set_denomination(school_db.school_id, Denomination.PRIVATE)  # before the first use
    service = ProcessingService(school_db.database, school_db.actor)
    rows = _by_name(service, school_db.school_id)
    camera = rows["Camerabewaking"]
    assert camera.facts.legal_basis is LegalBasis.LEGITIMATE_INTEREST
    assert rows["Leerlingadministratie"].facts.legal_basis is LegalBasis.LEGAL_OBLIGATION
    # The school sets its own basis for the website; back to openbaar moves only the defaults.
    site = rows["Website en nieuwsbrief"]
    service.update(site.id, site.version, replace(site.facts, legal_basis=LegalBasis.CONSENT))
    assert schools.set_denomination(school_db.school_id, Denomination.PUBLIC) == 2  # camera, communication
    rows = _by_name(service, school_db.school_id)
    assert rows["Camerabewaking"].facts.legal_basis is LegalBasis.PUBLIC_TASK
    assert rows["Website en nieuwsbrief"].facts.legal_basis is LegalBasis.CONSENT
    assert schools.denomination(school_db.school_id) is Denomination.PUBLIC
    ict = actor_with(school_db, "ict2", Role.ICT)
    with pytest.raises(PermissionDeniedError):
        SchoolTypeService(school_db.database, ict).set_denomination(school_db.school_id, Denomination.PRIVATE)


def test_one_school_type_for_beheer_the_register_and_the_retention_schedule(school_db: SchoolDb) -> None:
    """Openbaar or bijzonder is one fact of the school: chosen in the processing register it shows in
    Beheer and the schedule follows; chosen in Beheer the register's defaults follow."""
    from ibp_desktop.core.legal_basis import SchoolType
    from ibp_desktop.services.retention.legal_basis import SchoolTypeService as BeheerSchoolType

    register = SchoolTypeService(school_db.database, school_db.actor)
    beheer = BeheerSchoolType(school_db.database, school_db.actor)
    service = ProcessingService(school_db.database, school_db.actor)
    _by_name(service, school_db.school_id)  # the preloaded activities exist
    register.set_denomination(school_db.school_id, Denomination.PRIVATE)
    assert beheer.school_type(school_db.school_id) is SchoolType.PRIVATE
    camera = _by_name(service, school_db.school_id)["Camerabewaking"]
    assert camera.facts.legal_basis is LegalBasis.LEGITIMATE_INTEREST
    beheer.set_school_type(school_db.school_id, SchoolType.PUBLIC)
    assert register.denomination(school_db.school_id) is Denomination.PUBLIC
    camera = _by_name(service, school_db.school_id)["Camerabewaking"]
    assert camera.facts.legal_basis is LegalBasis.PUBLIC_TASK


def test_processors_without_agreement_and_reviews_show_on_the_overview(school_db: SchoolDb) -> None:
    processors = ProcessorService(school_db.database, school_db.actor)
    parnassys = processors.add_supplier(SupplierInput("Topicus", covenant_participant=True))
    processors.save_agreement(
        parnassys.id,
        AgreementInput(
            ModelVersion.V4, signed_on=date(2025, 9, 1), data_in_eu=EuStorage.YES, review_on=date(2027, 9, 1)
        ),
    )
    camera = processors.add_supplier(SupplierInput("Beveiliging Noord"))
    service = ProcessingService(school_db.database, school_db.actor)
    rows = _by_name(service, school_db.school_id)
    lvs = rows["Leerlingvolgsysteem (LVS)"]
    lvs = service.update(lvs.id, lvs.version, replace(lvs.facts, supplier_ids=frozenset({parnassys.id})))
    lvs = service.mark_reviewed(lvs.id, lvs.version, on=date(2026, 9, 1))
    assert (lvs.status.text, [s.label for s in lvs.suppliers]) == ("In orde", ["Topicus"])
    cam = rows["Camerabewaking"]
    cam = service.update(
        cam.id,
        cam.version,
        replace(cam.facts, supplier_ids=frozenset({camera.id}), last_reviewed_on=date(2025, 10, 1)),
    )
    assert cam.status.text == "Geen verwerkersovereenkomst met Beveiliging Noord"
    late = service.detail(lvs.id, today=date(2027, 9, 2)).status.text
    assert late == "Jaarlijkse controle te laat (laatst 01-09-2026)"

    items = DashboardService(school_db.database, school_db.actor).overview(TODAY).attention
    texts = {i.text: (i.area, i.severity) for i in items}
    assert texts["Verwerking Camerabewaking: geen verwerkersovereenkomst met Beveiliging Noord."] == (
        "verwerkingen",
        "urgent",
    )
    assert texts["Verwerking Zorg en begeleiding (OPP, groeidocument): een DPIA is nodig en nog niet gedaan."]
    # The LVS was checked this school year; the other ten (camera: over a year ago) were not.
    assert texts["Verwerkingsregister: 10 verwerkingen zijn het afgelopen jaar niet gecontroleerd."] == (
        "verwerkingen",
        "warning",
    )
    assert not any("Leerlingvolgsysteem" in t for t in texts)


def test_own_activities_bad_input_and_stale_edits(school_db: SchoolDb) -> None:
    service = ProcessingService(school_db.database, school_db.actor)
    facts = ActivityInput(
        "Schoolreis en kamp",
        "Inschrijven voor kamp, medische bijzonderheden bijhouden.",
        LegalBasis.PUBLIC_TASK,
        Role.DIRECTOR,
        special_categories="Medicijngebruik",
        retention_codes=("leerlingdossier",),
        consent_codes=("klassenfoto",),
    )
    row = service.add(school_db.school_id, facts)
    assert row.name == "Schoolreis en kamp"
    with pytest.raises(BadInputError, match="staat al in het register"):
        service.add(school_db.school_id, replace(facts, name="schoolreis EN kamp"))
    with pytest.raises(BadInputError, match="doel van de verwerking"):
        service.add(school_db.school_id, replace(facts, name="Iets", purpose="  "))
    with pytest.raises(BadInputError, match="buiten de EER"):
        service.update(row.id, row.version, replace(facts, outside_eea=Transfer.YES))
    with pytest.raises(BadInputError, match="Onbekende bewaartermijncategorie: bestaat_niet"):
        service.update(row.id, row.version, replace(facts, retention_codes=("bestaat_niet",)))
    changed = service.update(
        row.id,
        row.version,
        replace(
            facts,
            outside_eea=Transfer.YES,
            transfer_note="VS, EU-VS Data Privacy Framework",
            dpia_needed=DpiaNeed.YES,
        ),
    )
    assert changed.transfer_label == "Ja"
    with pytest.raises(StaleEditError):
        service.update(row.id, row.version, facts)
    service.remove(changed.id, changed.version)
    assert "Schoolreis en kamp" not in _by_name(service, school_db.school_id)


def test_who_may_read_and_change_the_register(school_db: SchoolDb) -> None:
    ict = actor_with(school_db, "ict", Role.ICT)
    fg = actor_with(school_db, "fg", Role.DPO)
    rows = ProcessingService(school_db.database, ict).list_activities(school_db.school_id, today=TODAY)
    assert len(rows) == len(PRELOADED)
    for actor in (ict, fg):
        with pytest.raises(PermissionDeniedError, match="verwerkingsregister bijwerken"):
            ProcessingService(school_db.database, actor).mark_reviewed(rows[0].id, rows[0].version)


def test_register_pdf_and_csv(school_db: SchoolDb) -> None:
    service = ProcessingService(school_db.database, school_db.actor)
    pdf = service.register_pdf(school_db.school_id, today=TODAY)
    text = "\n".join(page_texts(pdf))
    assert "Verwerkingsregister" in text and "OBS Şükrü & Łucja" in text
    assert "artikel 30 lid 5" in text
    assert "Zorg en begeleiding (OPP, groeidocument)" in text
    assert "Gezondheidsgegevens (diagnoses, medische informatie)" in text
    assert "Leerlingdossier (LVS, toetsen, gespreksverslagen, begeleiding): 2 jaar na uitschrijving" in text
    assert_only_embedded_dejavu(pdf)
    data = service.register_csv(school_db.school_id, today=TODAY)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["School (BRIN)", "Verwerking", "Doel"]
    assert [r[1] for r in rows[1:]] == PRELOADED
    assert rows[3][7] == "Gezondheidsgegevens (diagnoses, medische informatie)"
