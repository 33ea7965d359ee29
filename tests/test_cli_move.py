"""`ibp-desktop move-to-server`: the demo school's own file moves onto a board's server that already has a
school; counts and the audit chain checked on both sides (issue 19)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ibp_desktop.cli import main
from ibp_desktop.core.accountability.complaints import ComplainantRole
from ibp_desktop.core.accountability.records import ComplaintInput
from ibp_desktop.core.errors import AuthenticationError
from ibp_desktop.core.roles import Role
from ibp_desktop.security.audit import verify_chain
from ibp_desktop.services.accountability.complaints import ComplaintService
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.schools import SchoolService
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.services.demo.school import create_demo
from ibp_desktop.store.database import ReadOnlyDatabaseError
from ibp_desktop.store.models import AuditEntry, Pupil, School, Setting
from ibp_desktop.store.policy_models import PolicyDocument
from ibp_desktop.store.processing_models import Complaint, EvidenceFile
from tests.conftest import TEST_PASSWORD, make_school_db

pytestmark = pytest.mark.postgres
TODAY = date(2026, 11, 16)


@pytest.fixture
def board_and_school(postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    server = make_school_db(Location(data_dir=tmp_path / "unused", database_url=postgres_url))
    UserService(server.database, server.actor).add_user(
        "directeur", "Directeur van 12AB", "Tijdelijk-1234", frozenset({Role.DIRECTOR})
    )
    # The server's school has complaints of its own: the moved ones get other ids than in the file.
    complaints = ComplaintService(server.database, server.actor)
    for day in (date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 3)):
        complaints.register_complaint(
            server.school_id, ComplaintInput(day, ComplainantRole.STAFF, "Rooster in de hal"), TODAY
        )
    server.database.dispose()
    local = Location(data_dir=tmp_path / "regenboog")
    create_demo(local, TODAY)
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DATABASE_URL", raising=False)
    monkeypatch.delenv("IBP_DESKTOP_DATA_DIR", raising=False)
    return postgres_url, local.data_dir


def _server_state(url: str) -> tuple[int, int, int, bool, int]:
    database = open_location(Location(data_dir=Path("/nonexistent"), database_url=url))
    try:
        with database.transaction() as session:
            schools = session.scalar(select(func.count(School.id))) or 0
            pupils = session.scalar(select(func.count(Pupil.id))) or 0
            entries = session.scalar(select(func.count(AuditEntry.id))) or 0
            board_docs = session.scalar(
                select(func.count(PolicyDocument.id)).where(PolicyDocument.school_id.is_(None))
            )
            return schools, pupils, entries, verify_chain(session).intact, board_docs or 0
    finally:
        database.dispose()


def test_move_a_school_onto_the_server(
    board_and_school: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    url, data_dir = board_and_school
    command = ["move-to-server", "--data-dir", str(data_dir), "--database-url", url, "--user", "eerste"]
    local_db = open_location(Location(data_dir=data_dir))
    with local_db.transaction() as session:
        local_entries = verify_chain(session).entries
    local_db.dispose()
    before = _server_state(url)

    assert main([*command, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Proefdraai: OBS De Regenboog (99ZZ)" in out and "er is niets veranderd" in out
    after_dry_run = _server_state(url)
    assert after_dry_run[:2] == before[:2] and after_dry_run[2] == before[2] + 1  # only the login
    assert after_dry_run[4] == before[4]

    assert main(command) == 0
    out = capsys.readouterr().out
    assert re.search(r"OK\s+leerlingen\s+209 = 209", out), out
    assert re.search(r"OK\s+toestemmingen\s+(\d+) = \1", out)
    assert "FOUT" not in out
    assert re.search(r"directeur\s+-> directeur-99zz\s+de naam 'directeur' bestond al", out)
    assert re.search(r"fg\s+-> fg\s+rol Functionaris gegevensbescherming \(FG\) vervalt.*uitgeschakeld", out)
    schools, pupils, entries, intact, board_docs = _server_state(url)
    assert (schools, pupils, intact) == (before[0] + 1, before[1] + 209, True)
    # The file's "board" documents were the school's own: on the server the school's, not the board's.
    assert board_docs == before[4]
    assert re.search(r"Wat in het bestand voor het hele bestuur gold \(.*7 beleidsdocumenten.*\), hoort", out)
    assert entries == after_dry_run[2] + 1 + 1 + local_entries + 1  # login, marker, the file's log, closing

    # On the server the school's people log in with their own password and see only their school.
    server = open_location(Location(data_dir=Path("/nonexistent"), database_url=url))
    try:
        security = login(server, "security", "Regenboog-security")
        assert not security.board_level
        assert [s.brin for s in SchoolService(server, security).visible_schools()] == ["99ZZ"]
        listed = {u.username for u in UserService(server, security).list_users()}
        assert listed == {"administratie", "directeur-99zz", "security", "fg", "bestuur", "ict"}
        moved_id = SchoolService(server, security).school_by_brin("99ZZ").id
        with server.transaction() as session:  # the year calendar is not seeded a second time
            assert session.get(Setting, f"ibp_calendar_seeded:{moved_id}") is not None
            assert session.get(Setting, f"processing_register_seeded:{moved_id}") is not None
            # The answer e-mail still belongs to the moved complaint it was attached to.
            owner = session.scalars(select(EvidenceFile.owner_id)).one()
            complaint = session.get(Complaint, owner)
            assert complaint is not None and complaint.school_id == moved_id
            assert complaint.subject.startswith("Klassenfoto op de website")
        with pytest.raises(AuthenticationError, match="uitgeschakeld"):
            login(server, "fg", "Regenboog-fg")  # its only role belonged to the board: disabled
    finally:
        server.dispose()

    # The file stays as the school's own copy: it opens for viewing only, its own chain intact.
    local_db = open_location(Location(data_dir=data_dir))
    try:
        assert local_db.read_only
        refused = pytest.raises(ReadOnlyDatabaseError, match="verhuisd naar de databaseserver")
        with refused, local_db.transaction() as session:
            session.add(School(board_id=1, name="X", brin="11XX"))
        with local_db.transaction() as session:
            assert verify_chain(session).intact
    finally:
        local_db.dispose()
    assert main(command) == 2
    assert "al naar de server verhuisd" in capsys.readouterr().err
    assert main(["check", "--data-dir", str(data_dir)]) == 0  # the school's own copy checks out
    assert "Alles in orde" in capsys.readouterr().out


def test_move_refused_for_a_school_account_and_a_brin_the_server_has(
    board_and_school: tuple[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, data_dir = board_and_school
    server = open_location(Location(data_dir=Path("/nonexistent"), database_url=url))
    try:
        board = login(server, "eerste", TEST_PASSWORD)
        school_id = SchoolService(server, board).school_by_brin("12AB").id
        UserService(server, board).add_user(
            "so-school",
            "Şükrü Yılmaz",
            "Tijdelijk-1234",
            frozenset({Role.SECURITY_OFFICER}),
            frozenset({school_id}),
        )
    finally:
        server.dispose()
    command = ["move-to-server", "--data-dir", str(data_dir), "--database-url", url]
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Tijdelijk-1234")
    assert main([*command, "--user", "so-school"]) == 1
    assert "Alleen een account van het bestuur" in capsys.readouterr().err
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    server = open_location(Location(data_dir=Path("/nonexistent"), database_url=url))
    try:
        SchoolService(server, login(server, "eerste", TEST_PASSWORD)).add_school("Andere Regenboog", "99ZZ")
    finally:
        server.dispose()
    before = _server_state(url)
    assert main([*command, "--user", "eerste"]) == 2
    assert "al een school met BRIN-code 99ZZ" in capsys.readouterr().err
    after = _server_state(url)
    assert after[:2] == before[:2] and after[4] == before[4]
    local_db = open_location(Location(data_dir=data_dir))
    try:
        assert not local_db.read_only  # not marked: the school keeps working in its file
    finally:
        local_db.dispose()
