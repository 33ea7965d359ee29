"""Access rights: systems x people, a leaver's and a mover's checklist (exactly that person's accesses,
ticked off with date and by whom), and the periodic review by the security officer."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from ibp_desktop.core.errors import BadInputError, PermissionDeniedError
from ibp_desktop.core.policy.access_records import ChecklistKind, ItemOutcome, ReviewOutcome
from ibp_desktop.core.roles import Role
from ibp_desktop.services.access.reviews import AccessReviewService
from ibp_desktop.services.access.rights import AccessRightsService
from ibp_desktop.services.policy.attention import policy_attention
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with

TODAY = date(2026, 11, 28)


def _register(service: AccessRightsService, school_id: int) -> dict[str, int]:
    systems = {s.name: s.id for s in service.add_default_systems(school_id)}
    people = {
        "Şükrü Yılmaz": service.add_person(school_id, "Şükrü Yılmaz", "Leerkracht groep 5").id,
        "Łucja Wiśniewska": service.add_person(school_id, "Łucja Wiśniewska", "Intern begeleider").id,
        "Nguyễn Văn An": service.add_person(school_id, "Nguyễn Văn An", "Conciërge").id,
    }
    grants = [
        ("Şükrü Yılmaz", "Leerlingadministratie", "Bewerken"),
        ("Şükrü Yılmaz", "Ouderapp", "Bewerken"),
        ("Şükrü Yılmaz", "E-mail en agenda", "Gebruiker"),
        ("Łucja Wiśniewska", "Leerlingadministratie", "Beheerder"),
        ("Łucja Wiśniewska", "Leerlingvolgsysteem", "Bewerken"),
        ("Nguyễn Văn An", "E-mail en agenda", "Gebruiker"),
    ]
    for person, system, level in grants:
        service.grant(systems[system], people[person], level, date(2024, 8, 1))
    return {**systems, **people}


def test_matrix_of_systems_and_people(school_db: SchoolDb) -> None:
    service = AccessRightsService(school_db.database, school_db.actor)
    ids = _register(service, school_db.school_id)
    matrix = service.matrix(school_db.school_id)
    assert len(matrix.systems) == 6 and matrix.people[0].name == "Łucja Wiśniewska"
    assert matrix.level(ids["Şükrü Yılmaz"], ids["Ouderapp"]) == "Bewerken"
    assert matrix.level(ids["Nguyễn Văn An"], ids["Ouderapp"]) == ""
    with pytest.raises(BadInputError, match="heeft al toegang tot Ouderapp"):
        service.grant(ids["Ouderapp"], ids["Şükrü Yılmaz"], "Alleen lezen")
    assert len(service.add_default_systems(school_db.school_id)) == 6  # nothing doubled


def test_a_leavers_checklist_lists_exactly_that_persons_accesses(school_db: SchoolDb) -> None:
    service = AccessRightsService(school_db.database, school_db.actor)
    ids = _register(service, school_db.school_id)
    checklist = service.start_checklist(ids["Şükrü Yılmaz"], ChecklistKind.LEAVER, date(2026, 7, 31))
    assert sorted((i.system_name, i.level) for i in checklist.items) == [
        ("E-mail en agenda", "Gebruiker"),
        ("Leerlingadministratie", "Bewerken"),
        ("Ouderapp", "Bewerken"),
    ]
    with pytest.raises(BadInputError, match="loopt al een checklist"):
        service.start_checklist(ids["Şükrü Yılmaz"], ChecklistKind.LEAVER, date(2026, 7, 31))
    with pytest.raises(BadInputError, match="elke toegang ingetrokken"):
        service.tick_item(checklist.items[0].id, ItemOutcome.KEPT)
    for item in checklist.items:
        checklist = service.tick_item(item.id, note="Account geblokkeerd", on=date(2026, 8, 1))
    done = checklist.items[0]
    assert (done.done_on, done.done_by, done.outcome_label) == (
        date(2026, 8, 1),
        "Anne-Fleur van der Berg-de Vries",
        "Ingetrokken",
    )
    assert checklist.finished
    matrix = service.matrix(school_db.school_id)
    assert "Şükrü Yılmaz" not in [p.name for p in matrix.people]  # has left
    assert all(g.person_name != "Şükrü Yılmaz" for g in matrix.grants)
    assert [
        p.left_on
        for p in service.matrix(school_db.school_id, include_left=True).people
        if p.name == "Şükrü Yılmaz"
    ] == [date(2026, 7, 31)]
    # The others kept everything.
    assert len(service.person_grants(ids["Łucja Wiśniewska"])) == 2


def test_a_movers_checklist_changes_or_keeps(sqlcipher_school: SchoolDb) -> None:
    service = AccessRightsService(sqlcipher_school.database, sqlcipher_school.actor)
    ids = _register(service, sqlcipher_school.school_id)
    with pytest.raises(BadInputError, match="nieuwe functie"):
        service.start_checklist(ids["Łucja Wiśniewska"], ChecklistKind.MOVER, date(2026, 8, 1))
    checklist = service.start_checklist(
        ids["Łucja Wiśniewska"], ChecklistKind.MOVER, date(2026, 8, 1), "Leerkracht groep 7"
    )
    administration, tracking = checklist.items
    with pytest.raises(BadInputError, match="nieuwe toegangsniveau"):
        service.tick_item(administration.id, ItemOutcome.CHANGED)
    service.tick_item(administration.id, ItemOutcome.CHANGED, "Bewerken")
    checklist = service.tick_item(tracking.id, ItemOutcome.KEPT)
    assert checklist.finished
    person = next(
        p for p in service.matrix(sqlcipher_school.school_id).people if p.name == "Łucja Wiśniewska"
    )
    assert person.function == "Leerkracht groep 7"
    assert (
        service.matrix(sqlcipher_school.school_id).level(person.id, ids["Leerlingadministratie"])
        == "Bewerken"
    )


def test_periodic_review_and_who_may_change(school_db: SchoolDb) -> None:
    db = school_db.database
    service = AccessRightsService(db, school_db.actor)
    ids = _register(service, school_db.school_id)
    director = AccessRightsService(db, actor_with(school_db, "dir", Role.DIRECTOR))
    assert len(director.matrix(school_db.school_id).grants) == 6  # the director reads ...
    with pytest.raises(PermissionDeniedError):
        director.grant(
            ids["Ouderapp"], ids["Nguyễn Văn An"], "Alleen lezen"
        )  # ... the security officer grants

    with db.transaction() as session:
        assert any("half jaar" in i.text for i in policy_attention(session, school_db.actor, TODAY))
    reviews = AccessReviewService(db, school_db.actor)
    review = reviews.start(school_db.school_id, date(2026, 9, 15))
    assert len(review.lines) == 6
    with pytest.raises(BadInputError, match="al een controle"):
        reviews.start(school_db.school_id)
    lines = {(line.person_name, line.system_name): line for line in review.lines}
    reviews.decide(
        lines[("Nguyễn Văn An", "E-mail en agenda")].id, ReviewOutcome.REVOKED, note="Geen mail nodig"
    )
    reviews.decide(lines[("Łucja Wiśniewska", "Leerlingadministratie")].id, ReviewOutcome.CHANGED, "Bewerken")
    with pytest.raises(BadInputError, match="Nog 4 toegang"):
        reviews.finish(review.id, reviews.review(review.id).version)
    for line in reviews.review(review.id).lines:
        if line.outcome is None:
            reviews.decide(line.id, ReviewOutcome.CONFIRMED)
    review = reviews.finish(
        review.id, reviews.review(review.id).version, "Alles nagelopen", date(2026, 9, 20)
    )
    assert review.status_text == "Afgerond op 20-09-2026"
    matrix = service.matrix(school_db.school_id)
    assert matrix.level(ids["Nguyễn Văn An"], ids["E-mail en agenda"]) == ""
    assert matrix.level(ids["Łucja Wiśniewska"], ids["Leerlingadministratie"]) == "Bewerken"
    assert not reviews.is_due(school_db.school_id, TODAY)
    assert reviews.is_due(school_db.school_id, date(2027, 3, 25))
    with db.transaction() as session:
        assert not any("half jaar" in i.text for i in policy_attention(session, school_db.actor, TODAY))
        details = " ".join(session.scalars(select(AuditEntry.details)).all())
    for name in ("Yılmaz", "Wiśniewska", "Nguyễn"):
        assert name not in details  # the audit log holds ids, not names
