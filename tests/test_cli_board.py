"""A board with several schools on a real PostgreSQL server with password login (scram-sha-256), set up
through the command line as the board's ICT would (issue 19)."""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ibp_desktop.cli import main
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.auth import login
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.connection import Location, open_location
from tests.conftest import TEST_PASSWORD
from tests.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def scram_url(postgres_server: PostgresServer) -> Iterator[tuple[str, str]]:
    """A database owned by a role that must log in with a password (scram-sha-256); (url, password)."""
    from psycopg import sql

    role = f"ibp_board_{uuid.uuid4().hex[:10]}"
    password = f"Server-{uuid.uuid4().hex[:12]}"
    hba = postgres_server.datadir / "pg_hba.conf"
    rule = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
    hba.write_text(rule + hba.read_text())  # first match wins: only this role needs the password
    with postgres_server._admin() as conn:
        conn.execute("SET password_encryption = 'scram-sha-256'")
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role), password))
        conn.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(role), sql.Identifier(role))
        )
        conn.execute("SELECT pg_reload_conf()")
    try:
        yield f"postgresql+psycopg://{role}@127.0.0.1:{postgres_server.port}/{role}", password
    finally:
        postgres_server.drop_database(role)
        with postgres_server._admin() as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        hba.write_text(hba.read_text().replace(rule, ""))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def board_cli(
    scram_url: tuple[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    url, server_password = scram_url
    monkeypatch.setenv("IBP_DESKTOP_DATABASE_URL", url)
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("IBP_DESKTOP_DB_PASSWORD", raising=False)
    # Without the server password: refused in Dutch, nothing made.
    code, _out, err = _run(capsys, "init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer")
    assert code != 0 and "vraagt een wachtwoord" in err
    monkeypatch.setenv("IBP_DESKTOP_DB_PASSWORD", server_password)
    code, out, err = _run(
        capsys,
        "init",
        "--school",
        "OBS De Wilgen",
        "--brin",
        "12AB",
        "--board",
        "Stichting Primair",
        "--user",
        "beheer",
        "--full-name",
        "Anne-Fleur van der Berg-de Vries",
    )
    assert code == 0, err
    assert "HERSTELSLEUTEL" not in out  # a server has its own protection
    code, out, err = _run(
        capsys, "schools", "add", "--school", "CBS Het Kompas", "--brin", "56ef", "--user", "beheer"
    )
    assert code == 0, err
    assert "CBS Het Kompas (56EF) is toegevoegd" in out
    return url


def _add(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str) -> str:
    monkeypatch.setenv("IBP_DESKTOP_NEW_PASSWORD", "Tijdelijk-wachtwoord-1")
    code, out, err = _run(capsys, "users", "add", *argv, "--user", "beheer")
    assert code == 0, err
    return out


def test_board_set_up_through_the_command_line(
    board_cli: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _err = _run(capsys, "schools", "list", "--user", "beheer")
    assert code == 0
    assert re.search(r"12AB\s+OBS De Wilgen", out) and re.search(r"56EF\s+CBS Het Kompas", out)
    # With two schools an account must say where it works.
    monkeypatch.setenv("IBP_DESKTOP_NEW_PASSWORD", "Tijdelijk-wachtwoord-1")
    code, _out, err = _run(
        capsys, "users", "add", "x", "--full-name", "X", "--roles", "ict", "--user", "beheer"
    )
    assert code == 2 and "--schools BRIN" in err
    out = _add(
        capsys,
        monkeypatch,
        "so-wilgen",
        "--full-name",
        "Şükrü Yılmaz",
        "--roles",
        "security_officer,ict",
        "--schools",
        "12ab",
    )
    assert "OBS De Wilgen" in out
    _add(
        capsys,
        monkeypatch,
        "dir-kompas",
        "--full-name",
        "Łucja Wiśniewska",
        "--roles",
        "director",
        "--schools",
        "56EF",
    )
    _add(
        capsys,
        monkeypatch,
        "ict-beide",
        "--full-name",
        "Nguyễn Văn An",
        "--roles",
        "ict",
        "--schools",
        "12AB,56EF",
    )
    out = _add(
        capsys,
        monkeypatch,
        "bestuur-so",
        "--full-name",
        "Bestuur SO",
        "--roles",
        "security_officer",
        "--board",
    )
    assert "Heel het bestuur" in out

    # The new security officer replaces the temporary password on the command line.
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Tijdelijk-wachtwoord-1")
    monkeypatch.setenv("IBP_DESKTOP_NEW_PASSWORD", "Eigen-wachtwoord-Wilgen")
    code, out, err = _run(capsys, "users", "change-password", "--user", "so-wilgen")
    assert code == 0, err
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", "Eigen-wachtwoord-Wilgen")
    code, out, _err = _run(capsys, "users", "list", "--user", "so-wilgen")
    assert code == 0
    assert {line.split()[0] for line in out.splitlines()} == {"so-wilgen"}
    # Finding 2 on the command line: the other school's director is out of reach.
    code, _out, err = _run(capsys, "users", "reset-password", "dir-kompas", "--user", "so-wilgen")
    assert code == 2 and "Er is geen gebruiker 'dir-kompas'" in err
    code, _out, err = _run(
        capsys, "schools", "add", "--school", "Nog een", "--brin", "78GH", "--user", "so-wilgen"
    )
    assert code == 1 and "account van het bestuur" in err


def test_two_sessions_of_one_account_at_once(board_cli: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 3: logins of one account at the same moment (a scheduled task while someone is logged in)
    never conflict, and an account edit made with the version read before those logins still saves."""
    monkeypatch.delenv("IBP_DESKTOP_PASSWORD")
    database = open_location(Location(data_dir=Path("/nonexistent"), database_url=board_cli))
    try:
        beheer = login(database, "beheer", TEST_PASSWORD)
        users = UserService(database, beheer)
        target = users.add_user(
            "planner",
            "Taakplanner",
            "Tijdelijk-1234",
            frozenset(beheer.roles - {Role.BOARD}),
            frozenset(beheer.school_ids),
        )
        errors: list[BaseException] = []
        barrier = threading.Barrier(4)

        def session() -> None:
            try:
                for _ in range(5):
                    barrier.wait(timeout=30)
                    login(database, "planner", "Tijdelijk-1234")
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=session) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        # The version the Beheer page read before the 20 logins is still the current one.
        changed = users.set_active(target.id, False, expected_version=target.version)
        assert not changed.active
        last = next(u for u in users.list_users() if u.username == "planner").last_login_at
        assert last is not None
    finally:
        database.dispose()
