"""README "Back-ups van de server": the pg_dump and pg_restore commands given there restore a board's server
database that `ibp-desktop check` then confirms, and `backup` keeps pointing at pg_dump (issue 19)."""

from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path

import pytest

from ibp_desktop.cli import main
from ibp_desktop.core.roles import Role
from ibp_desktop.services.accounts.schools import SchoolService
from ibp_desktop.services.accounts.users import UserService
from ibp_desktop.services.database.connection import Location
from tests.conftest import make_school_db
from tests.pg_server import PostgresServer

pytestmark = pytest.mark.postgres
README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_commands() -> tuple[str, str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Back-ups van de server", 1)[1].split("\n## ", 1)[0]
    dump = re.search(r"^pg_dump .*$", section, re.MULTILINE)
    restore = re.search(r"^pg_restore .*$", section, re.MULTILINE)
    assert dump and restore, "README must give the pg_dump and pg_restore lines"
    return dump.group(0), restore.group(0)


def _run(server: PostgresServer, line: str, database: str, file: Path) -> None:
    args = []
    for arg in line.split():
        if arg.startswith("--dbname="):
            arg = f"--dbname={database}"
        arg = arg.replace("ibp-server.dump", str(file))
        args.append(arg)
    command = [
        str(server.bindir / args[0]),
        *args[1:],
        "-h",
        server.host,
        "-p",
        str(server.port),
        "-U",
        "postgres",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


def test_readme_dump_and_restore_then_check(
    postgres_server: PostgresServer,
    postgres_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    board = make_school_db(Location(data_dir=tmp_path / "x", database_url=postgres_url))
    school = SchoolService(board.database, board.actor).add_school("CBS Het Kompas", "56EF")
    UserService(board.database, board.actor).add_user(
        "dir-kompas", "Łucja Wiśniewska", "Tijdelijk-1234", frozenset({Role.DIRECTOR}), frozenset({school.id})
    )
    board.database.dispose()
    source = postgres_url.rsplit("/", 1)[1]
    restored = f"ibp_restored_{uuid.uuid4().hex[:8]}"
    postgres_server.create_database(restored)
    dump_line, restore_line = _readme_commands()
    dump = tmp_path / "ibp-server.dump"
    try:
        _run(postgres_server, dump_line, source, dump)
        _run(postgres_server, restore_line, restored, dump)
        monkeypatch.delenv("IBP_DESKTOP_DATA_DIR", raising=False)
        assert main(["check", "--database-url", postgres_server.url(restored)]) == 0
        out = capsys.readouterr().out
        assert "Alles in orde" in out
        assert re.search(r"OK\s+.*logboek", out, re.IGNORECASE), out
        assert main(["backup", "--database-url", postgres_server.url(restored)]) != 0
        assert "pg_dump" in capsys.readouterr().err
    finally:
        postgres_server.drop_database(restored)
