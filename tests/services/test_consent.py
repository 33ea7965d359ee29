"""ConsentService: recording paper forms, withdrawals, history, grids and search, on both backends."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ibp_desktop.core.consent.rules import ConsentState, Relation
from ibp_desktop.core.errors import BadInputError, NotFoundError
from ibp_desktop.services.consent.decisions import ConsentService
from ibp_desktop.services.consent.queries import today
from ibp_desktop.store.consent_models import ConsentDecision
from ibp_desktop.store.models import AuditEntry, Group, Pupil
from tests.conftest import SchoolDb

TODAY = today()
LAST_WEEK = TODAY - timedelta(days=7)
YESTERDAY = TODAY - timedelta(days=1)

PUPILS = [
    ("1001", "Şükrü", "", "Yılmaz", date(2017, 3, 5), "5"),
    ("1002", "Łucja", "", "Wiśniewska", date(2017, 8, 1), "5"),
    ("1003", "An", "", "Nguyễn Văn", date(2017, 1, 20), "5"),
    ("1004", "Anne-Fleur", "van der", "Berg-de Vries", date(2014, 6, 2), "8"),
]


def add_pupils(
    school: SchoolDb, extra: list[tuple[str, str, str, str, date, str]] | None = None
) -> dict[str, int]:
    """The test pupils (and groups "5" and "8"); returns pupil number -> id."""
    rows = PUPILS + (extra or [])
    with school.database.transaction() as session:
        groups = {}
        for order, name in enumerate(sorted({r[5] for r in rows})):
            existing = session.scalars(
                select(Group).where(Group.school_id == school.school_id, Group.name == name)
            )
            groups[name] = existing.first() or Group(school_id=school.school_id, name=name, sort_order=order)
            session.add(groups[name])
        session.flush()
        pupils = [
            Pupil(
                school_id=school.school_id,
                pupil_number=number,
                first_name=first,
                infix=infix,
                last_name=last,
                date_of_birth=born,
                group_id=groups[group].id,
            )
            for number, first, infix, last, born, group in rows
        ]
        session.add_all(pupils)
        session.flush()
        return {p.pupil_number or "": p.id for p in pupils}


def yes_to_all(service: ConsentService, school_id: int, **overrides: bool) -> dict[int, bool]:
    form = service.current_form(school_id)
    return {p.purpose_id: overrides.get(p.code, True) for p in form.purposes}


def purpose_id(service: ConsentService, school_id: int, code: str) -> int:
    return next(p.purpose_id for p in service.current_form(school_id).purposes if p.code == code)


def decision_count(school: SchoolDb) -> int:
    with school.database.transaction() as session:
        return int(session.scalar(select(func.count(ConsentDecision.id))) or 0)


def test_a_new_school_gets_the_default_purposes_and_form(school_db: SchoolDb) -> None:
    service = ConsentService(school_db.database, school_db.actor)
    labels = [p.label for p in service.purposes(school_db.school_id)]
    assert labels[:3] == [
        "Schoolgids, brochure en kalender",
        "Website van de school",
        "Sociale media van de school",
    ]
    assert {"Ouderapp (besloten groep)", "Klassenfoto en schoolfotograaf", "Voornaam bij foto"} <= set(labels)
    form = service.current_form(school_db.school_id)
    assert form.number == 1 and "Vult u niets in? Dan is het antwoord nee." in form.text
    assert len(form.purposes) == 10 and all(p.changed for p in form.purposes)
    assert service.current_form(school_db.school_id).number == 1  # installed once


def test_record_form_writes_one_decision_per_answer_and_returns_the_status(school_db: SchoolDb) -> None:
    ids = add_pupils(school_db)
    service = ConsentService(school_db.database, school_db.actor)
    answers = yes_to_all(service, school_db.school_id, website=False, lokale_pers=False)
    status = service.record_form(
        ids["1001"], answers, "Ayşe Yılmaz", "ouder/verzorger 1", "papier", LAST_WEEK
    )
    assert status.pupil.name == "Şükrü Yılmaz"
    by_code = {p.code: p.status for p in status.purposes}
    assert by_code["website"].state is ConsentState.REFUSED
    assert by_code["schoolgids"].state is ConsentState.GRANTED
    assert [p.code for p in status.not_allowed] == ["website", "lokale_pers"]
    history = service.history(ids["1001"])
    assert len(history) == 10
    first = history[0]
    assert (first.given_by, first.relation_label, first.channel_label) == (
        "Ayşe Yılmaz",
        "ouder/verzorger 1",
        "papier",
    )
    assert first.recorded_by == "Anne-Fleur van der Berg-de Vries" and first.form_number == 1
    assert first.given_on == LAST_WEEK and first.school_year.count("-") == 1


def test_the_audit_entry_holds_codes_not_names(school_db: SchoolDb) -> None:
    ids = add_pupils(school_db)
    service = ConsentService(school_db.database, school_db.actor)
    service.record_form(
        ids["1002"], yes_to_all(service, school_db.school_id), "Jan Kowalski", "voogd", "e-mail", YESTERDAY
    )
    with school_db.database.transaction() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "consent_form_recorded")).one()
    details = json.loads(entry.details)["after"]
    assert details["relation"] == "legal_guardian" and details["answers"]["website"] is True
    for name in ("Kowalski", "Łucja", "Wiśniewska"):
        assert name not in entry.details


@pytest.mark.parametrize(
    ("given_by", "relation", "given_on", "message"),
    [
        ("  ", "ouder/verzorger 1", LAST_WEEK, "Vul in wie het formulier heeft ingevuld"),
        ("Ayşe", "ouder/verzorger 1", TODAY + timedelta(days=3), "ligt in de toekomst"),
        ("Ayşe", "oma", LAST_WEEK, "Onbekende relatie 'oma'"),
        ("Şükrü", "leerling (16+)", LAST_WEEK, "nog geen 16"),
    ],
)
def test_bad_forms_are_refused_and_write_nothing(
    school_db: SchoolDb, given_by: str, relation: str, given_on: date, message: str
) -> None:
    ids = add_pupils(school_db)
    service = ConsentService(school_db.database, school_db.actor)
    answers = yes_to_all(service, school_db.school_id)
    with pytest.raises(BadInputError, match=message):
        service.record_form(ids["1001"], answers, given_by, relation, "papier", given_on)
    assert decision_count(school_db) == 0


def test_an_unknown_purpose_or_pupil_is_refused(sqlcipher_school: SchoolDb) -> None:
    ids = add_pupils(sqlcipher_school)
    service = ConsentService(sqlcipher_school.database, sqlcipher_school.actor)
    with pytest.raises(BadInputError, match="niet \\(meer\\) op het huidige formulier"):
        service.record_form(ids["1001"], {999999: True}, "Ayşe", "ouder/verzorger 1", "papier", LAST_WEEK)
    with pytest.raises(NotFoundError, match="bestaat niet"):
        service.record_form(999999, {1: True}, "Ayşe", "ouder/verzorger 1", "papier", LAST_WEEK)
    with pytest.raises(BadInputError, match="geen enkel doel"):
        service.record_form(ids["1001"], {}, "Ayşe", "ouder/verzorger 1", "papier", LAST_WEEK)
    assert decision_count(sqlcipher_school) == 0


def test_guardians_who_disagree_give_no_and_show_the_conflict(school_db: SchoolDb) -> None:
    ids = add_pupils(school_db)
    service = ConsentService(school_db.database, school_db.actor)
    sid = school_db.school_id
    service.record_form(
        ids["1003"], yes_to_all(service, sid), "Mai Nguyễn", "ouder/verzorger 1", "papier", LAST_WEEK
    )
    status = service.record_form(
        ids["1003"],
        yes_to_all(service, sid, sociale_media=False),
        "Bao Nguyễn",
        "ouder/verzorger 2",
        "ouderapp",
        YESTERDAY,
    )
    social = next(p for p in status.purposes if p.code == "sociale_media")
    assert social.status.state is ConsentState.CONFLICT and status.conflict
    grid = service.group_grid(sid, None)
    social_list = next(n for n in grid.not_allowed if n.purpose_id == social.purpose_id)
    assert [(p.name, p.reason) for p in social_list.pupils if p.pupil_id == ids["1003"]] == [
        ("An Nguyễn Văn", "Tegenstrijdig: geen toestemming")
    ]


def test_withdrawal_is_a_new_decision_and_keeps_the_follow_up(school_db: SchoolDb) -> None:
    ids = add_pupils(school_db)
    service = ConsentService(school_db.database, school_db.actor)
    sid = school_db.school_id
    service.record_form(
        ids["1001"], yes_to_all(service, sid), "Ayşe Yılmaz", "ouder/verzorger 1", "papier", LAST_WEEK
    )
    website = purpose_id(service, sid, "website")
    status = service.withdraw(
        ids["1001"],
        website,
        "Ayşe Yılmaz",
        Relation.GUARDIAN_1,
        "e-mail",
        YESTERDAY,
        "foto van website verwijderd",
    )
    assert status.for_purpose(website).status.state is ConsentState.WITHDRAWN
    assert status.for_purpose(website).status.label == "Ingetrokken"
    history = service.history(ids["1001"])
    assert len(history) == 11  # nothing was changed or removed, one line added
    last = history[-1]
    assert (last.answer, last.follow_up, last.channel_label) == (
        "Ingetrokken",
        "foto van website verwijderd",
        "e-mail",
    )
    assert [h.answer for h in history if h.purpose_id == website] == ["Ja", "Ingetrokken"]


def test_no_answer_is_no_in_the_group_grid(school_db: SchoolDb) -> None:
    ids = add_pupils(school_db)
    service = ConsentService(school_db.database, school_db.actor)
    sid = school_db.school_id
    service.record_form(
        ids["1001"], yes_to_all(service, sid), "Ayşe Yılmaz", "ouder/verzorger 1", "papier", LAST_WEEK
    )
    group5 = service.find_group(sid, "5")
    grid = service.group_grid(sid, group5.id)
    assert grid.group_name == "5" and [r.pupil.name for r in grid.rows] == [
        "An Nguyễn Văn",
        "Łucja Wiśniewska",
        "Şükrü Yılmaz",
    ]
    states = {r.pupil.name: {p.status.state for p in r.purposes} for r in grid.rows}
    assert states["Şükrü Yılmaz"] == {ConsentState.GRANTED}
    assert states["Łucja Wiśniewska"] == {ConsentState.NO_ANSWER}
    assert all("Łucja Wiśniewska" in [p.name for p in n.pupils] for n in grid.not_allowed)
    with pytest.raises(BadInputError, match="Groep '9z' bestaat niet"):
        service.find_group(sid, "9z")


def test_a_changed_purpose_asks_again_and_old_versions_stay(school_db: SchoolDb) -> None:
    ids = add_pupils(school_db)
    service = ConsentService(school_db.database, school_db.actor)
    sid = school_db.school_id
    service.record_form(
        ids["1001"], yes_to_all(service, sid), "Ayşe Yılmaz", "ouder/verzorger 1", "papier", LAST_WEEK
    )
    website = next(p for p in service.purposes(sid) if p.code == "website")
    form = service.edit_purpose(
        sid,
        website.id,
        label="Website en YouTube-kanaal",
        description="Ook video's.",
        active=True,
        expected_version=website.version,
    )
    assert form.number == 2 and [p.code for p in form.purposes if p.changed] == ["website"]
    status = service.pupil_status(ids["1001"])
    assert status.for_purpose(website.id).status.state is ConsentState.ASK_AGAIN
    assert status.for_purpose(website.id).label == "Website en YouTube-kanaal"
    assert sum(p.allowed for p in status.purposes) == 9
    history = service.history(ids["1001"])
    old = next(h for h in history if h.purpose_id == website.id)
    assert old.purpose_label == "Website van de school" and "Opnieuw vragen" in old.note
    assert [v.number for v in service.form_versions(sid)] == [2, 1]


def test_adding_a_purpose_and_retiring_one(school_db: SchoolDb) -> None:
    service = ConsentService(school_db.database, school_db.actor)
    sid = school_db.school_id
    form = service.add_purpose(sid, "Schoolkrant", "De krant die de leerlingen zelf maken.")
    assert form.number == 2 and [p.label for p in form.purposes if p.changed] == ["Schoolkrant"]
    with pytest.raises(BadInputError, match="Er is al een doel 'schoolkrant'"):
        service.add_purpose(sid, "schoolkrant")
    research = next(p for p in service.purposes(sid) if p.code == "onderzoek")
    form = service.edit_purpose(
        sid,
        research.id,
        label=research.label,
        description=research.description,
        active=False,
        expected_version=research.version,
    )
    assert "onderzoek" not in [p.code for p in form.purposes] and not any(p.changed for p in form.purposes)


def test_a_stale_purpose_edit_is_refused(school_db: SchoolDb) -> None:
    from ibp_desktop.core.errors import StaleEditError

    service = ConsentService(school_db.database, school_db.actor)
    sid = school_db.school_id
    website = next(p for p in service.purposes(sid) if p.code == "website")
    service.edit_purpose(
        sid, website.id, label="Website", description="", active=True, expected_version=website.version
    )
    with pytest.raises(StaleEditError, match="Iemand anders heeft dit doel net ook gewijzigd"):
        service.edit_purpose(
            sid, website.id, label="Site", description="", active=True, expected_version=website.version
        )


def test_a_new_text_asks_again_only_for_the_named_purposes(sqlcipher_school: SchoolDb) -> None:
    ids = add_pupils(sqlcipher_school)
    service = ConsentService(sqlcipher_school.database, sqlcipher_school.actor)
    sid = sqlcipher_school.school_id
    service.record_form(
        ids["1001"], yes_to_all(service, sid), "Ayşe Yılmaz", "ouder/verzorger 1", "papier", LAST_WEEK
    )
    service.set_form_text(sid, "Nieuwe tekst zonder inhoudelijke wijziging.", ask_again=[])
    assert service.pupil_status(ids["1001"]).all_allowed
    press = purpose_id(service, sid, "lokale_pers")
    form = service.set_form_text(sid, "Nu ook landelijke pers.", ask_again=[press])
    assert form.number == 3 and form.text == "Nu ook landelijke pers."
    assert [p.code for p in service.pupil_status(ids["1001"]).not_allowed] == ["lokale_pers"]


def test_at_sixteen_the_pupil_decides(school_db: SchoolDb) -> None:
    born = date(TODAY.year - 16, TODAY.month, 1) - timedelta(days=40)  # turned 16 about 40 days ago
    ids = add_pupils(school_db, [("2001", "Mehmet", "", "Demir", born, "8")])
    service = ConsentService(school_db.database, school_db.actor)
    sid = school_db.school_id
    with school_db.database.transaction() as session:  # a guardian's form from before the birthday
        service_form = service.current_form(sid)
        session.add_all(
            ConsentDecision(
                pupil_id=ids["2001"],
                purpose_id=p.purpose_id,
                granted=True,
                withdrawal=False,
                school_year="2025-2026",
                form_version_id=service_form.id,
                given_by="Zeynep Demir",
                relation="guardian_1",
                channel="paper",
                given_on=born + timedelta(days=365 * 15),
                follow_up="",
            )
            for p in service_form.purposes
        )
    status = service.pupil_status(ids["2001"])
    assert status.warning == "Leerling is 16: leerling beslist nu zelf" and not any(
        p.allowed for p in status.purposes
    )
    with pytest.raises(BadInputError, match="beslist nu zelf"):
        service.record_form(
            ids["2001"], yes_to_all(service, sid), "Zeynep Demir", "ouder/verzorger 1", "papier", YESTERDAY
        )
    status = service.record_form(
        ids["2001"], yes_to_all(service, sid), "Mehmet Demir", "leerling (16+)", "papier", YESTERDAY
    )
    assert status.all_allowed and status.warning == ""
    notes = {h.note for h in service.history(ids["2001"]) if h.relation is Relation.GUARDIAN_1}
    assert notes == {"Telt niet meer: de leerling is 16 en beslist nu zelf."}


def test_pupil_search_ignores_diacritics(school_db: SchoolDb) -> None:
    add_pupils(school_db)
    service = ConsentService(school_db.database, school_db.actor)
    sid = school_db.school_id
    assert [h.name for h in service.pupil_search(sid, "sukru")] == ["Şükrü Yılmaz"]
    assert [h.name for h in service.pupil_search(sid, "LUC")] == ["Łucja Wiśniewska"]
    assert [h.name for h in service.pupil_search(sid, "van der")] == ["Anne-Fleur van der Berg-de Vries"]
    assert [h.group_name for h in service.pupil_search(sid, "1003")] == ["5"]
    index = service.pupil_index(sid)
    assert len(index) == 4 and index.search("nguyen") == service.pupil_search(sid, "nguy")
    assert service.pupil_search(sid, "zzz") == [] and service.pupil_search(sid, " ") == []


def test_school_overview_grids_in_one_pass_equal_the_per_group_grids(tmp_path: Path, demo_copy) -> None:
    """The whole school's overview reads pupils and decisions once; it shows what each group's own
    grid shows, group by group, in register order."""
    from ibp_desktop.services.consent.forms import form_info
    from ibp_desktop.services.consent.grid_queries import build_grid, school_grids
    from ibp_desktop.services.consent.queries import school_groups
    from ibp_desktop.services.database.connection import open_location
    from ibp_desktop.store.consent_models import ConsentFormVersion
    from ibp_desktop.store.models import School

    day = date(2026, 11, 28)
    location = demo_copy(day)
    database = open_location(location)
    with database.transaction() as session:
        school = session.scalars(select(School)).one()
        form = session.scalars(
            select(ConsentFormVersion).order_by(ConsentFormVersion.number.desc()).limit(1)
        ).one()
        info = form_info(session, form)
        one_pass = school_grids(session, school.id, school.name, info, day)
        groups = school_groups(session, school.id)
        per_group = [build_grid(session, school.id, g.id, form, day, info) for g in groups]
    assert len(one_pass) == 8 and one_pass == per_group
    assert sum(len(g.rows) for g in one_pass) == 200
    database.dispose()
