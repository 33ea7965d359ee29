"""The database server goes away (issue 19, finding 5): Dutch messages in the command line and on every
page, never the driver's text, SQL or row values; nothing half-saved; work goes on when it is back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, event, func, select

from ibp_desktop.cli import main
from ibp_desktop.services.database.connection import Location, open_location
from ibp_desktop.store.models import Pupil
from tests.conftest import TEST_PASSWORD
from tests.importers.files import write_parnassys
from tests.pg_server import PostgresServer

pytestmark = pytest.mark.postgres
LEAKS = ("INSERT", "SELECT", "psycopg", "OperationalError", "Traceback", "Berg-de Vries", "2018-05-03")


@contextmanager
def server_stops_at(server: PostgresServer, statement_start: str) -> Iterator[list[int]]:
    """The first time a statement starting so is sent, the server ends that connection (as a stopped or
    restarted server does); yields the ended backend pids."""
    ended: list[int] = []

    def before(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if ended or not statement.lstrip().upper().startswith(statement_start):
            return
        pid = conn.connection.dbapi_connection.info.backend_pid
        with psycopg.connect(host=server.host, port=server.port, user=server.user, dbname="postgres",
                             autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        ended.append(pid)

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield ended
    finally:
        event.remove(Engine, "before_cursor_execute", before)


def _pupils(url: str) -> int:
    database = open_location(Location(data_dir=Path("/nonexistent"), database_url=url))
    try:
        with database.transaction() as session:
            return int(session.scalar(select(func.count(Pupil.id))) or 0)
    finally:
        database.dispose()


def test_server_stopped_mid_import(
    postgres_server: PostgresServer, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("IBP_DESKTOP_DATABASE_URL", postgres_url)
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    assert main(["init", "--school", "OBS De Wilgen", "--brin", "12AB", "--user", "beheer"]) == 0
    capsys.readouterr()
    path = write_parnassys(tmp_path / "leerlingen.csv")
    command = ["import-pupils", str(path), "--brin", "12AB", "--user", "beheer"]
    with server_stops_at(postgres_server, "INSERT INTO PUPILS") as ended:
        code = main(command)
    captured = capsys.readouterr()
    assert ended, "the import never reached the pupils"
    assert code == 1
    assert "De databaseserver is niet bereikbaar. Er is niets opgeslagen." in captured.err
    for leak in LEAKS:
        assert leak not in captured.err
    assert _pupils(postgres_url) == 0  # all or nothing
    # The server is back: the same command imports everything.
    assert main(command) == 0
    assert "Geïmporteerd: 6 nieuw" in capsys.readouterr().out
    assert _pupils(postgres_url) == 6


def test_unreachable_server_at_start_is_told_in_dutch(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as sock:  # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("IBP_DESKTOP_DATABASE_URL", f"postgresql+psycopg://ibp@127.0.0.1:{port}/ibp")
    monkeypatch.setenv("IBP_DESKTOP_PASSWORD", TEST_PASSWORD)
    monkeypatch.setenv("IBP_DESKTOP_DB_PASSWORD", "iets")
    assert main(["users", "list", "--user", "beheer"]) == 1
    err = capsys.readouterr().err
    assert f"De databaseserver 127.0.0.1:{port} is niet bereikbaar." in err
    assert "connection" not in err.lower() and "psycopg" not in err
