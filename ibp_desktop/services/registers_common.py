"""What the register services (complaints, processing, DPIA, requests, processors, actions, incidents,
policy documents, the IBP calendar) and the reports over them do the same way: which schools a list
covers, the period asked for, the search box's filter, and an edit of a record that carries a version
number."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Protocol, TypeVar

from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.errors import BadInputError, StaleEditError
from ibp_desktop.core.incidents.rules import search_key
from ibp_desktop.services.context import Work


class Versioned(Protocol):
    """A stored record with SQLAlchemy's version counter (``version_id_col``)."""

    @property
    def version(self) -> int: ...


R = TypeVar("R")
V = TypeVar("V", bound=Versioned)


def school_scope(work: Work, school_id: int | None) -> list[int]:
    """The schools a list covers: the one asked for, else every school the user may see (in id order).
    The caller has checked access to ``school_id`` already (``_work(..., school_id=school_id)``)."""
    return [school_id] if school_id is not None else sorted(work.actor.school_ids)


def check_period(date_from: date | None, date_to: date | None) -> None:
    """Refuse a period that ends before it starts (both ends included; an open end is fine), before any
    work: the user swapped the dates."""
    if date_from is not None and date_to is not None and date_to < date_from:
        raise BadInputError(
            f"De einddatum {date_to:%d-%m-%Y} ligt vóór de begindatum {date_from:%d-%m-%Y}. Draai ze om."
        )


def matching(rows: Iterable[R], text: str, searchable: Callable[[R], str]) -> list[R]:
    """The rows whose ``searchable`` text contains ``text``, ignoring case and accents; every row when
    ``text`` is empty or only spaces."""
    needle = search_key(text.strip())
    if not needle:
        return list(rows)
    return [row for row in rows if needle in search_key(searchable(row))]


@contextmanager
def versioned_edit(
    work_in: AbstractContextManager[Work], load: Callable[[Work], V], version: int, stale: str
) -> Iterator[tuple[Work, V]]:
    """One change of a record that carries a version number: a stale edit is refused with the area's
    Dutch ``stale`` message, never overwritten (ARCHITECTURE.md, "Several users").

    ``work_in`` is the service's ``self._work(permission)`` (permission, one transaction); ``load`` finds
    the record in it. Refused when the record's version is no longer the ``version`` the user edited, or
    when another PC saved in the same moment (SQLAlchemy's version check in the UPDATE raises
    StaleDataError when the flush at the end finds the row changed)."""
    try:
        with work_in as work:
            record = load(work)
            if record.version != version:
                raise StaleEditError(stale)
            yield work, record
            work.session.flush()
    except StaleDataError as error:
        raise StaleEditError(stale) from error
