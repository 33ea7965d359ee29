"""A throwaway PostgreSQL server for the tests (a pytest plugin).

Load it with ``pytest_plugins = ["tests.pg_server"]`` in tests/conftest.py (or ``-p tests.pg_server``).

Fixtures:

- ``postgres_server`` (session): starts ``initdb`` + ``pg_ctl`` on a temporary folder and a free TCP
  port on 127.0.0.1 (trust authentication, user ``postgres``, fsync off), stops and removes it at the end.
  When the tests run as root it runs the server as the ``postgres`` system user, since initdb refuses root.
- ``postgres_url`` (function): a fresh, uniquely named database for one test, dropped afterwards;
  the value is its SQLAlchemy URL (``postgresql+psycopg://postgres@127.0.0.1:PORT/NAME``).

Tests that use either fixture get the ``postgres`` marker automatically (``-m "not postgres"`` skips
them); mark them explicitly too for readability. Without PostgreSQL server binaries the tests are
skipped (Debian/Ubuntu: ``apt-get install postgresql``), unless ``CI`` is set or
``IBP_REQUIRE_POSTGRES=1``, in which case they fail. ``IBP_PG_BINDIR`` points at another bin folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import psycopg

_FIXTURES = ("postgres_server", "postgres_url")


def _version_key(bindir: str) -> tuple[int, ...]:
    name = Path(bindir).parent.name
    try:
        return tuple(int(part) for part in name.split("."))
    except ValueError:
        return (0,)


def find_bindir() -> Path | None:
    """The folder with initdb and pg_ctl.

    Tried in order: $IBP_PG_BINDIR, the newest /usr/lib/postgresql/*/bin, ``pg_config --bindir``, PATH.
    """
    override = os.environ.get("IBP_PG_BINDIR")
    if override:
        return Path(override)
    debian = [d for d in glob.glob("/usr/lib/postgresql/*/bin") if os.path.exists(os.path.join(d, "initdb"))]
    if debian:
        return Path(max(debian, key=_version_key))
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out and shutil.which("initdb", path=out):
            return Path(out)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _postgres_required() -> bool:
    ci = os.environ.get("CI", "").strip().lower()
    return ci not in ("", "0", "false", "no") or os.environ.get("IBP_REQUIRE_POSTGRES") == "1"


class PostgresServer:
    """A running throwaway server; ``url()`` and ``create_database()`` are what tests use."""

    def __init__(self, bindir: Path, base: Path, run_as: str | None) -> None:
        self.bindir = bindir
        self.base = base
        self.datadir = base / "data"
        self.socketdir = base / "sock"
        self.logfile = base / "server.log"
        self.run_as = run_as
        self.host = "127.0.0.1"
        self.port = 0
        self.user = "postgres"
        self.startup_seconds = 0.0

    # -- process control ------------------------------------------------------------------
    def _run(self, args: Sequence[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            runuser = shutil.which("runuser")
            if runuser:
                cmd = [runuser, "-u", self.run_as, "--", *cmd]
            else:
                cmd = ["su", self.run_as, "-s", "/bin/sh", "-c", subprocess.list2cmdline(cmd)]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        return subprocess.run(
            cmd, capture_output=True, text=True, env=env, cwd=self.base, timeout=timeout, check=False
        )

    def _check(self, proc: subprocess.CompletedProcess[str], what: str) -> None:
        if proc.returncode != 0:
            log = self.logfile.read_text(errors="replace")[-4000:] if self.logfile.exists() else ""
            raise RuntimeError(
                f"PostgreSQL test server: {what} failed (exit {proc.returncode}).\n"
                f"command: {proc.args}\nstdout: {proc.stdout}\nstderr: {proc.stderr}\nserver log:\n{log}"
            )

    def start(self) -> None:
        started = time.perf_counter()
        self.socketdir.mkdir()
        if self.run_as:
            shutil.chown(self.base, user=self.run_as)
            shutil.chown(self.socketdir, user=self.run_as)
        initdb = ["initdb", "-D", str(self.datadir), "-A", "trust", "-U", self.user, "-E", "UTF8"]
        initdb.append("--no-sync")
        proc = self._run([*initdb, "--locale=C.UTF-8"])
        if proc.returncode != 0:  # a system without the C.UTF-8 locale
            shutil.rmtree(self.datadir, ignore_errors=True)
            proc = self._run([*initdb, "--locale=C"])
        self._check(proc, "initdb")
        sockets = "" if sys.platform == "win32" else str(self.socketdir)
        with open(self.datadir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# IBP Desktop test server\n"
                f"listen_addresses = '{self.host}'\n"
                f"unix_socket_directories = '{sockets}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 60\n"
            )
        for _attempt in range(3):  # a free port may be taken between choosing and binding it
            self.port = _free_port()
            proc = self._run(
                [
                    "pg_ctl",
                    "-D",
                    str(self.datadir),
                    "-l",
                    str(self.logfile),
                    "-o",
                    f"-p {self.port}",
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            )
            if proc.returncode == 0:
                break
        self._check(proc, "pg_ctl start")
        self.startup_seconds = time.perf_counter() - started

    def stop(self) -> None:
        try:
            if (self.datadir / "postmaster.pid").exists():
                self._run(["pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop"], timeout=60)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    # -- what tests use ---------------------------------------------------------------------
    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def _admin(self) -> psycopg.Connection[Any]:
        import psycopg

        return psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        )

    def create_database(self, name: str) -> str:
        from psycopg import sql

        with self._admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def recreate_from_template(self, url: str, template: str) -> None:
        """Replace the (empty) database of ``url`` by a copy of ``template`` (a file copy on the server)."""
        from psycopg import sql
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        assert name and name != template
        self.drop_database(name)
        with self._admin() as conn:
            create = sql.SQL("CREATE DATABASE {} TEMPLATE {}")
            conn.execute(create.format(sql.Identifier(name), sql.Identifier(template)))

    def drop_database(self, name: str) -> None:
        from psycopg import sql

        with self._admin() as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            force = " WITH (FORCE)" if conn.info.server_version >= 130000 else ""
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}" + force).format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bindir = find_bindir()
    if bindir is None or shutil.which("initdb", path=str(bindir)) is None:
        message = (
            "PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian/Ubuntu package "
            "'postgresql' (or set IBP_PG_BINDIR)"
        )
        if _postgres_required():
            pytest.fail(message + "; they are required here (CI or IBP_REQUIRE_POSTGRES=1).", pytrace=False)
        pytest.skip(message)
    run_as = None
    parent = None
    if _is_root():
        run_as = "postgres"
        try:
            import pwd

            pwd.getpwnam(run_as)
        except KeyError:
            pytest.fail(
                "running as root, but there is no 'postgres' system user to run initdb as", pytrace=False
            )
        parent = "/tmp" if os.path.isdir("/tmp") else None  # reachable by the postgres user
    base = Path(tempfile.mkdtemp(prefix="ibp-pg-", dir=parent))
    server = PostgresServer(bindir, base, run_as)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    name = f"ibp_test_{uuid.uuid4().hex[:16]}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixturenames = getattr(item, "fixturenames", ())
        if any(name in fixturenames for name in _FIXTURES):
            item.add_marker(pytest.mark.postgres)
