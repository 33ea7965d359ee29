"""The shape most commands share: log in, find the school named by --brin, call a service, dispose.

    target = school_command.output_path(args.output, (".pdf", ".csv"))
    with school_command.school_scope(args) as login:
        data = login.service(ProcessorService).register_pdf(login.school_id)
    school_command.save_export(target, data, "Register van verwerkersovereenkomsten")

The database is disposed when the ``with`` block ends, also after an error or an early ``return``
(a dry run), so what is printed after it uses only the plain values the services returned.
Services are imported inside the commands and here, so that `ibp-desktop --help` stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from ibp_desktop.commands import common

if TYPE_CHECKING:
    from ibp_desktop.services.accounts.schools import SchoolInfo
    from ibp_desktop.services.context import Actor
    from ibp_desktop.store.database import Database

ServiceT = TypeVar("ServiceT")


class SchoolRegister(Protocol):
    """A service with a register of one school (``school_id``) or of every school the user sees (None)."""

    def register_pdf(self, school_id: int | None = None) -> bytes: ...

    def register_csv(self, school_id: int | None = None) -> bytes: ...


@dataclass(frozen=True)
class _Login:
    database: Database
    actor: Actor

    def service(self, kind: Callable[[Database, Actor], ServiceT]) -> ServiceT:
        """An area service for the logged-in user, e.g. ``login.service(IncidentService)``."""
        return kind(self.database, self.actor)


@dataclass(frozen=True)
class Login(_Login):
    """Logged in; ``school_id`` is the school of an optional --brin, None for every school the user sees."""

    school_id: int | None


@dataclass(frozen=True)
class SchoolLogin(_Login):
    """Logged in for the one school named by a required --brin."""

    school: SchoolInfo


def add_file_import(
    parser: argparse.ArgumentParser, *, file_help: str, dry_run_help: str, map_help: str
) -> None:
    """The options of an import from a school's file: FILE --brin --dry-run --map FIELD=COLUMN (repeated)."""
    common.add_common(parser)
    common.add_user(parser)
    parser.add_argument("file", metavar="FILE", help=file_help)
    parser.add_argument("--brin", required=True, help="BRIN code of the school, e.g. 12AB")
    parser.add_argument("--dry-run", action="store_true", help=dry_run_help)
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN", help=map_help)


@contextmanager
def _logged_in(
    args: argparse.Namespace, meanwhile: Callable[[], object] | None = None
) -> Iterator[tuple[Database, Actor]]:
    database, actor = common.logged_in(args, meanwhile=meanwhile)
    try:
        yield database, actor
    finally:
        database.dispose()


def _school(database: Database, actor: Actor, brin: str) -> SchoolInfo:
    """The school with this BRIN code; one the user may not see is a Dutch error (exit 2)."""
    from ibp_desktop.services.accounts.schools import SchoolService

    return SchoolService(database, actor).school_by_brin(brin)


@contextmanager
def school_scope(args: argparse.Namespace) -> Iterator[Login]:
    """Log in for a command whose --brin is optional (or absent): one school, or all the user may see."""
    with _logged_in(args) as (database, actor):
        brin = getattr(args, "brin", None)
        yield Login(database, actor, _school(database, actor, brin).id if brin else None)


@contextmanager
def one_school(
    args: argparse.Namespace, *, meanwhile: Callable[[], object] | None = None
) -> Iterator[SchoolLogin]:
    """Log in for a command that works on the one school of its required --brin. ``meanwhile``: what
    to import while Argon2id checks the password (common.logged_in)."""
    with _logged_in(args, meanwhile) as (database, actor):
        yield SchoolLogin(database, actor, _school(database, actor, args.brin))


def output_path(path: str, suffixes: tuple[str, ...]) -> Path:
    """The -o file, refused (before logging in) unless it ends in one of ``suffixes``."""
    target = Path(path)
    if target.suffix.lower() not in suffixes:
        raise common.CommandError(f"Kies een bestandsnaam die eindigt op {' of '.join(suffixes)}: {path}")
    return target


def is_csv(target: Path) -> bool:
    return target.suffix.lower() == ".csv"


def save_export(target: Path, data: bytes, what: str) -> int:
    """Write an export safely (owner-only, no half file left) and say where it is."""
    from ibp_desktop.services.output_file import write_export

    write_export(target, data)
    print(f"{what} opgeslagen als {target}.")
    return common.EXIT_OK


def export_register(
    args: argparse.Namespace, kind: Callable[[Database, Actor], SchoolRegister], what: str
) -> int:
    """`export NAME [--brin CODE] -o FILE.pdf|FILE.csv` for a register that has no other options."""
    target = output_path(args.output, (".pdf", ".csv"))
    with school_scope(args) as login:
        service = login.service(kind)
        render = service.register_csv if is_csv(target) else service.register_pdf
        data = render(login.school_id)
    return save_export(target, data, what)


class ColumnPreview(Protocol):
    """What an import's preview says about the file's columns (incidents, staff)."""

    @property
    def mapping_lines(self) -> list[str]: ...

    @property
    def unused_columns(self) -> tuple[str, ...]: ...

    @property
    def skipped(self) -> tuple[object, ...]: ...


def print_columns(preview: ColumnPreview) -> None:
    """Which column holds which field, the columns not used, and the rows passed over (no data in them)."""
    for line in preview.mapping_lines:
        print(f"  {line}")
    unused = ", ".join(f"'{h}'" for h in preview.unused_columns) or "geen (alle kolommen gebruikt)"
    print(f"Niet gebruikt: {unused}")
    for row in preview.skipped:
        print(f"Overgeslagen: {row}")
