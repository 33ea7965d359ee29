"""A saved record comes back with its status on the caller's day (the program passes the day its page
shows, the command line the real day), and "not in the future" is checked against that same day: what
the program's date fields allow is accepted, a date after the real day never without a day given."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ibp_desktop.core.accountability.dpia import Decision
from ibp_desktop.core.accountability.records import PrescanInput
from ibp_desktop.core.errors import BadInputError
from ibp_desktop.core.policy.records import DocumentInput
from ibp_desktop.core.policy.rules import Step
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accountability.dpia import DpiaService
from ibp_desktop.services.policy.documents import PolicyDocumentService
from ibp_desktop.services.requests.register import RequestService, today_here
from tests.conftest import SchoolDb
from tests.services.incident_helpers import actor_with
from tests.services.test_policy_documents import pdf_with
from tests.services.test_requests import facts

RECEIVED = date(2026, 1, 31)  # deadline Monday 02-03-2026
IN_TIME = date(2026, 2, 10)  # "Nog 20 dagen"
LATE = date(2026, 3, 10)  # "Te laat (8 dagen)"


def test_a_changed_request_and_a_remark_come_back_with_the_status_of_the_day_given(
    sqlcipher_school: SchoolDb,
) -> None:
    service = RequestService(sqlcipher_school.database, sqlcipher_school.actor)
    row = service.add(sqlcipher_school.school_id, facts(RECEIVED), IN_TIME).row
    assert row.status_text == "Nog 20 dagen"
    detail = service.update(row.id, row.version, facts(RECEIVED, description="Ook de map van groep 3"), LATE)
    assert detail.row.status_text == "Te laat (8 dagen)"
    fg = RequestService(sqlcipher_school.database, actor_with(sqlcipher_school, "fg", Role.DPO))
    assert fg.add_remark(row.id, "Let op de termijn.", IN_TIME).row.status_text == "Nog 20 dagen"
    assert fg.add_remark(row.id, "Nu te laat.", LATE).row.status_text == "Te laat (8 dagen)"


def test_a_request_s_date_is_checked_against_the_day_given_and_else_the_real_day(
    sqlcipher_school: SchoolDb,
) -> None:
    service = RequestService(sqlcipher_school.database, sqlcipher_school.actor)
    real = today_here()
    row = service.add(sqlcipher_school.school_id, facts(real - timedelta(days=3))).row
    with pytest.raises(BadInputError, match="in de toekomst"):  # the command line: the real day
        service.update(row.id, row.version, facts(real + timedelta(days=1)))
    ahead = real + timedelta(days=400)  # the program's day in the demo or a test
    with pytest.raises(BadInputError, match="in de toekomst"):
        service.update(row.id, row.version, facts(ahead + timedelta(days=1)), ahead)
    assert service.update(row.id, row.version, facts(ahead), ahead).row.received_on == ahead


def test_a_dpia_decision_comes_back_with_the_status_of_the_day_given(school_db: SchoolDb) -> None:
    service = DpiaService(school_db.database, school_db.actor)
    fg = DpiaService(school_db.database, actor_with(school_db, "fg", Role.DPO))
    on = date(2026, 10, 1)
    row = service.start(school_db.school_id, PrescanInput("Ouderapp", criteria=frozenset({"kwetsbaar",
                        "grootschalig"}), on=on), today=on)  # fmt: skip
    row = service.describe(row.id, row.version, "Berichten aan ouders.", "Nodig voor contact.", today=on)
    row = service.ask_advice(row.id, row.version, on=on, today=on)
    row = fg.record_advice(row.id, row.version, "Akkoord.", on=on, today=on)
    review = date(2027, 10, 1)
    decided = service.decide(row.id, row.version, Decision.PROCEED, "Advies gevolgd.", on, review,
                             today=review + timedelta(days=1))  # fmt: skip
    assert decided.status.text == "Herbeoordelen (sinds 01-10-2027)"
    assert service.detail(row.id, today=on).status.text == "Besloten: doorgaan"


def test_a_policy_evaluation_is_checked_against_the_day_given(sqlcipher_school: SchoolDb) -> None:
    service = PolicyDocumentService(sqlcipher_school.database, sqlcipher_school.actor)
    real = today_here()
    ahead = real + timedelta(days=400)
    document = DocumentInput("Protocol datalekken", school_id=sqlcipher_school.school_id)
    row = service.add_document(document, ahead)
    version = service.add_version(row.id, "datalek.pdf", pdf_with("datalek"))
    fg = PolicyDocumentService(sqlcipher_school.database, actor_with(sqlcipher_school, "fg", Role.DPO))
    version = fg.take_step(version.id, version.version, Step.FG_ADVICE, real - timedelta(days=30), "ok")
    service.take_step(version.id, version.version, Step.ADOPT, real - timedelta(days=20))
    row = service.detail(row.id).document
    with pytest.raises(BadInputError, match="in de toekomst"):  # the command line: the real day
        service.record_evaluation(row.id, row.version, real + timedelta(days=1))
    with pytest.raises(BadInputError, match="in de toekomst"):
        service.record_evaluation(row.id, row.version, ahead + timedelta(days=1), today=ahead)
    saved = service.record_evaluation(row.id, row.version, ahead, today=ahead)
    assert saved.last_evaluated_on == ahead and not saved.evaluation_overdue
    # evaluated today: a year on, on the day given, the next evaluation is late
    saved = service.record_evaluation(saved.id, saved.version, real, today=ahead)
    assert saved.evaluation_overdue and saved.status_text == "Evaluatie te laat"
    assert not service.detail(row.id).document.evaluation_overdue  # on the real day it is not
