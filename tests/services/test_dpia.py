"""DPIAs: the pre-scan, risks whose measures become actions, the FG's advice before the decision (both
backends)."""

from __future__ import annotations

from datetime import date

import pytest

from ibp_desktop.core.accountability.dpia import Decision
from ibp_desktop.core.accountability.processing import DpiaNeed
from ibp_desktop.core.accountability.records import PrescanInput, RiskInput
from ibp_desktop.core.errors import BadInputError, PermissionDeniedError, StaleEditError
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accountability.dpia import DpiaService
from ibp_desktop.services.accountability.processing import ProcessingService
from ibp_desktop.services.actions.register import ActionService
from ibp_desktop.services.dashboard.overview import DashboardService
from ibp_desktop.services.policy.ibp_calendar import IbpCalendarService
from tests.conftest import SchoolDb
from tests.reports.pdf_helpers import assert_only_embedded_dejavu, page_texts
from tests.services.incident_helpers import actor_with

TODAY = date(2026, 11, 28)


def _camera(school_db: SchoolDb) -> int:
    rows = ProcessingService(school_db.database, school_db.actor).list_activities(school_db.school_id)
    return next(r.id for r in rows if r.name == "Camerabewaking")


def test_prescan_keeps_its_outcome_and_reasoning(school_db: SchoolDb) -> None:
    service = DpiaService(school_db.database, school_db.actor)
    quiz = service.start(
        school_db.school_id,
        PrescanInput(
            "Quizapp in groep 7",
            criteria=frozenset({"kwetsbaar"}),
            note="Alleen voornaam en score.",
            on=date(2026, 10, 1),
        ),
    )
    assert (quiz.number, quiz.needed) == ("DPIA-2026-01", False)
    assert quiz.prescan_reasoning == (
        "1 van de 9 EDPB-criteria van toepassing: gegevens van kwetsbare personen. Minder dan twee "
        "criteria: een DPIA is niet verplicht. Alleen voornaam en score."
    )
    assert quiz.status.text == "Niet nodig (voortoets)"
    with pytest.raises(BadInputError, match="geen DPIA nodig"):
        service.describe(quiz.id, quiz.version, "x", "y")

    camera_id = _camera(school_db)
    camera = service.start(
        school_db.school_id,
        PrescanInput(
            "",
            ap_items=frozenset({"camera"}),
            criteria=frozenset({"monitoring", "kwetsbaar"}),
            activity_id=camera_id,
            on=date(2026, 10, 2),
        ),
    )
    assert (camera.number, camera.subject, camera.needed) == ("DPIA-2026-02", "Camerabewaking", True)
    assert camera.prescan_reasoning.startswith(
        "Staat op de lijst van de AP (Cameratoezicht): een DPIA is verplicht."
    )
    activity = ProcessingService(school_db.database, school_db.actor).detail(camera_id)
    assert activity.facts.dpia_needed is DpiaNeed.YES
    assert [d.label for d in activity.dpias] == ["DPIA-2026-02"]


def test_a_dpia_from_risks_to_decision(school_db: SchoolDb) -> None:
    service = DpiaService(school_db.database, school_db.actor)
    fg = actor_with(school_db, "fg", Role.DPO, "Nguyễn Văn An")
    row = service.start(
        school_db.school_id,
        PrescanInput(
            "", criteria=frozenset({"monitoring", "kwetsbaar"}), activity_id=_camera(school_db), on=TODAY
        ),
    )
    row = service.describe(row.id, row.version, "Vier camera's bij de ingangen.", "Inbraken in 2025.")
    row = service.add_risk(
        row.id,
        row.version,
        RiskInput(
            "Beelden van kinderen worden te lang bewaard", 3, 3, "Na 4 weken automatisch overschrijven"
        ),
        due_on=date(2027, 1, 31),
    )
    row = service.add_risk(row.id, row.version, RiskInput("Onbevoegd meekijken", 1, 2))
    assert [(r.level_text, r.action_status) for r in row.risks] == [("Hoog", "Open"), ("Laag", "")]
    actions = ActionService(school_db.database, school_db.actor).list_actions(school_db.school_id)
    action = next(a for a in actions if a.facts.source_reference == row.number)
    assert action.title == "Na 4 weken automatisch overschrijven"
    assert action.facts.due_on == date(2027, 1, 31) and action.owner_label == "Security officer"
    with pytest.raises(StaleEditError):
        service.add_risk(row.id, row.version - 1, RiskInput("Oud venster", 1, 1))

    with pytest.raises(BadInputError, match="advies van de FG"):
        service.decide(
            row.id, row.version, Decision.WITH_MEASURES, "Met maatregelen", TODAY, date(2027, 11, 1)
        )
    row = service.ask_advice(row.id, row.version, on=TODAY)
    assert row.status.text == "Wacht op advies FG (gevraagd 28-11-2026)"
    with pytest.raises(PermissionDeniedError):
        service.record_advice(row.id, row.version, "Eigen advies")
    with pytest.raises(PermissionDeniedError):
        DpiaService(school_db.database, fg).decide(row.id, row.version, Decision.PROCEED, "x", TODAY, None)
    row = DpiaService(school_db.database, fg).record_advice(
        row.id, row.version, "Akkoord met maatregelen; bewaartermijn 4 weken.", on=date(2026, 12, 2)
    )
    assert row.advice_by_name == "Nguyễn Văn An"
    with pytest.raises(BadInputError, match="vóór het advies"):
        service.decide(row.id, row.version, Decision.WITH_MEASURES, "x", date(2026, 12, 1), date(2027, 12, 1))
    row = service.decide(
        row.id,
        row.version,
        Decision.WITH_MEASURES,
        "Advies FG gevolgd.",
        date(2026, 12, 3),
        date(2027, 12, 1),
        today=date(2026, 12, 3),
    )
    assert row.status.text == "Besloten: doorgaan met maatregelen"
    later = service.detail(row.id, today=date(2027, 11, 1))
    assert later.status.text == "Herbeoordelen op 01-12-2027"

    items = DashboardService(school_db.database, school_db.actor).overview(date(2027, 12, 2)).attention
    assert any(
        i.text == "DPIA DPIA-2026-01 (Camerabewaking): herbeoordelen (sinds 01-12-2027)." for i in items
    )

    plan = IbpCalendarService(school_db.database, school_db.actor).year_plan(school_db.school_id, 2027, TODAY)
    review = next(o for o in plan.occurrences if o.title.startswith("DPIA"))
    assert (review.title, review.period, review.owner_label, review.status_text) == (
        "DPIA DPIA-2026-01 herbeoordelen (Camerabewaking)",
        "december",
        "Security officer",
        "Gepland",
    )
    assert plan.occurrences[-1] == review or plan.occurrences[-1].month == 12

    pdf = service.dpia_pdf(row.id)
    text = " ".join(" ".join(page_texts(pdf)).split())
    for expected in (
        "DPIA-2026-01",
        "Camerabewaking",
        "Vier camera's bij de ingangen.",
        "Beelden van kinderen worden te lang bewaard",
        "Na 4 weken automatisch overschrijven",
        "Nguyễn Văn An",
        "Akkoord met maatregelen",
        "Doorgaan met maatregelen",
        "01-12-2027",
    ):
        assert expected in text
    assert_only_embedded_dejavu(pdf)


def test_who_may_do_what_with_dpias(school_db: SchoolDb) -> None:
    security = actor_with(school_db, "so", Role.SECURITY_OFFICER)
    director = actor_with(school_db, "dir", Role.DIRECTOR)
    board = actor_with(school_db, "bestuur", Role.BOARD)
    ict = actor_with(school_db, "ict", Role.ICT)
    row = DpiaService(school_db.database, security).start(
        school_db.school_id,
        PrescanInput("Nieuwe ouderapp", criteria=frozenset({"kwetsbaar", "grootschalig"})),
    )
    for reader in (director, board):
        assert [r.number for r in DpiaService(school_db.database, reader).list_dpias()] == [row.number]
        with pytest.raises(PermissionDeniedError, match="DPIA's uitvoeren"):
            DpiaService(school_db.database, reader).describe(row.id, row.version, "a", "b")
    with pytest.raises(PermissionDeniedError, match="DPIA's bekijken"):
        DpiaService(school_db.database, ict).list_dpias()
