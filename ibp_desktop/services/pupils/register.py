"""Pupils: importing the list from the pupil administration, listing, groups, deregistering.

The import is two calls. ``preview_import`` reads the file, guesses (or takes) the column mapping,
checks every row and computes the diff; it writes nothing and returns everything a preview page
shows, problems included. ``apply_import`` writes that diff in one transaction after computing it
again there: if the pupils changed in between, it refuses (StaleEditError) instead of overwriting.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import RowMapping, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from ibp_desktop.core.consent.names import collation_key, display_name, sort_key
from ibp_desktop.core.consent.school_year import age_on
from ibp_desktop.core.errors import BadInputError, NotFoundError, StaleEditError
from ibp_desktop.core.roles import Permission
from ibp_desktop.importers.mapping import guess_mapping
from ibp_desktop.importers.problems import ImportProblem, ImportRejected
from ibp_desktop.importers.pupil_diff import diff_pupils
from ibp_desktop.importers.pupils import PUPIL_FIELDS, check_mapping, read_pupils
from ibp_desktop.importers.tabular import read_table
from ibp_desktop.importers.values import format_date
from ibp_desktop.services.context import Service
from ibp_desktop.services.import_mappings import chosen_mapping, remember
from ibp_desktop.services.pupils.importing import (
    STALE_IMPORT,
    FieldChoice,
    ImportPreview,
    ImportResult,
    Progress,
    build_preview,
    existing_pupils,
    lossy_hint,
    pupil_captions,
    unconfirmed_message,
    write_diff,
)
from ibp_desktop.store.models import Group, Pupil

__all__ = [
    "FieldChoice",
    "GroupRow",
    "ImportPreview",
    "ImportResult",
    "PupilRow",
    "PupilService",
]

STALE_PUPIL = "Iemand anders heeft deze leerling net gewijzigd. Er is niets opgeslagen. Probeer het opnieuw."


@dataclass(frozen=True)
class PupilRow:
    id: int
    pupil_number: str | None
    display_name: str  # "Anne-Fleur van der Berg-de Vries"
    sort_name: str  # "Berg-de Vries, Anne-Fleur van der"
    sort_key: tuple[str, str, str, str]  # Dutch collation: use as the table's sort role
    search_text: str  # lower case without accents: name, sort name and pupil number
    group_id: int | None
    group_name: str | None
    date_of_birth: date
    age: int
    enrolled_on: date | None
    deregistered_on: date | None
    version: int = 0  # pass back as expected_version to deregister: a stale save is refused


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    pupil_count: int  # enrolled pupils
    sort_order: int


class PupilService(Service):
    # ------------------------------------------------------------------ import

    def preview_import(
        self,
        school_id: int,
        path: Path | str,
        mapping: Mapping[str, int | str | None] | None = None,
        *,
        today: date | None = None,
    ) -> ImportPreview:
        """Read and check the file and compute the diff; writes nothing.

        ``mapping`` corrects the guessed mapping: field key (or Dutch label) -> column index, header
        text, or None for "not in this file". A file that cannot be read at all raises
        ImportRejected; problems in rows or mapping come back in ``preview.problems``.
        """
        today = today or date.today()
        with self._work(Permission.IMPORT_PUPILS, school_id=school_id):
            pass  # check the permission before the file is even read
        table = read_table(path, pupil_captions())
        used = guess_mapping(table.headers, PUPIL_FIELDS)
        with self._work(Permission.IMPORT_PUPILS, school_id=school_id) as work:
            existing = existing_pupils(work.session, school_id)
            used, from_memory = chosen_mapping(
                work.session, school_id, "pupils", table.headers, PUPIL_FIELDS, used, mapping
            )
        try:
            records = read_pupils(table, used, today, lossy_hint(existing))
            problems: tuple[ImportProblem, ...] = ()
        except ImportRejected as rejected:
            records, problems = [], rejected.problems
        diff = diff_pupils(records, existing if not problems else [])
        preview = build_preview(
            school_id, table, check_mapping(used, table.headers)[0], problems, records, diff
        )
        return replace(preview, remembered_mapping=from_memory)

    def apply_import(
        self,
        school_id: int,
        preview: ImportPreview,
        deregister_missing_on: date | None = None,
        *,
        confirm_changes: bool = False,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Write the previewed diff, all or nothing; optionally deregister the missing pupils.

        Changes that matter (``diff.needs_confirmation``: re-enrolling, another name on a known pupil)
        are only written with ``confirm_changes``; without it nothing is written. ``progress(done,
        total)`` is called inside the transaction after each step (pupils written of pupils to write),
        the last time just before the commit; when it raises (the user cancelled), everything is rolled
        back and nothing is written.
        """
        if preview.school_id != school_id:
            raise BadInputError(
                "Deze voorvertoning hoort bij een andere school. Lees het bestand opnieuw in."
            )
        preview.raise_if_problems()
        if preview.diff.needs_confirmation and not confirm_changes:
            raise BadInputError(unconfirmed_message(preview.diff))
        try:
            with self._work(Permission.IMPORT_PUPILS, school_id=school_id) as work:
                diff = diff_pupils(preview.records, existing_pupils(work.session, school_id, lock=True))
                if diff != preview.diff:
                    raise StaleEditError(STALE_IMPORT)
                result = write_diff(
                    work, school_id, diff, deregister_missing_on, preview.source_name, progress
                )
                remember(work.session, school_id, "pupils", preview.headers, preview.mapping, PUPIL_FIELDS)
                return result
        except IntegrityError as error:  # another import added the same pupil number meanwhile
            raise StaleEditError(STALE_IMPORT) from error

    # ------------------------------------------------------------------ lists

    def list_pupils(
        self, school_id: int, include_deregistered: bool = False, *, today: date | None = None
    ) -> list[PupilRow]:
        """All pupils of the school in one query, sorted by group and then by Dutch name order."""
        today = today or date.today()
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            query = (
                select(Pupil.__table__, Group.name.label("group_name"), Group.sort_order)
                .outerjoin(Group, Group.id == Pupil.group_id)
                .where(Pupil.school_id == school_id)
            )
            if not include_deregistered:
                query = query.where(Pupil.deregistered_on.is_(None))
            found = work.session.execute(query).mappings().all()
        # Groups in school order (sort_order), pupils without a group last, then Dutch name order.
        ordered = sorted(
            found,
            key=lambda r: (
                r["sort_order"] is None,
                r["sort_order"] or 0,
                r["group_name"] or "",
                collation_key(r["first_name"], r["infix"], r["last_name"]),
            ),
        )
        return [_pupil_row(r, today) for r in ordered]

    def groups(self, school_id: int) -> list[GroupRow]:
        with self._work(Permission.VIEW_PUPILS, school_id=school_id) as work:
            enrolled = (
                select(Pupil.group_id, func.count(Pupil.id).label("n"))
                .where(Pupil.school_id == school_id, Pupil.deregistered_on.is_(None))
                .group_by(Pupil.group_id)
                .subquery()
            )
            rows = work.session.execute(
                select(Group.id, Group.name, func.coalesce(enrolled.c.n, 0), Group.sort_order)
                .outerjoin(enrolled, enrolled.c.group_id == Group.id)
                .where(Group.school_id == school_id)
                .order_by(Group.sort_order, Group.name)
            ).all()
            return [GroupRow(int(i), str(n), int(c), int(s)) for i, n, c, s in rows]

    def deregister(self, pupil_id: int, on: date, expected_version: int | None = None) -> None:
        """Deregister one pupil (uitschrijving) on the given date.

        ``expected_version`` is ``PupilRow.version`` as shown: if someone changed the pupil since,
        StaleEditError, nothing saved.
        """
        with self._work(Permission.IMPORT_PUPILS) as work:
            pupil = work.session.get(Pupil, pupil_id)
            if pupil is None:
                raise NotFoundError("Deze leerling bestaat niet (meer).")
            if expected_version is not None and pupil.version != expected_version:
                raise StaleEditError(STALE_PUPIL)
            work.require_school(pupil.school_id)
            if pupil.enrolled_on is not None and on < pupil.enrolled_on:
                raise BadInputError(
                    f"De datum van uitschrijving ({format_date(on)}) ligt vóór de inschrijving "
                    f"({format_date(pupil.enrolled_on)}). Kies een latere datum."
                )
            if pupil.deregistered_on == on:
                return
            before = pupil.deregistered_on
            pupil.deregistered_on = on
            try:
                work.session.flush()
            except StaleDataError as error:
                raise StaleEditError(STALE_PUPIL) from error
            work.audit(
                "pupil_deregistered",
                "pupil",
                pupil.id,
                school_id=pupil.school_id,
                before={"deregistered_on": before},
                after={"deregistered_on": on},
            )


def _search_text(*parts: str) -> str:
    text = " ".join(p for p in parts if p).casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _pupil_row(row: RowMapping, today: date) -> PupilRow:
    first, infix, last = row["first_name"], row["infix"], row["last_name"]
    born: date = row["date_of_birth"]
    shown = display_name(first, infix, last)
    listed = sort_key(first, infix, last)
    return PupilRow(
        id=row["id"],
        pupil_number=row["pupil_number"],
        display_name=shown,
        sort_name=listed,
        sort_key=collation_key(first, infix, last),
        search_text=_search_text(shown, listed, row["pupil_number"] or ""),
        group_id=row["group_id"],
        group_name=row["group_name"],
        date_of_birth=born,
        age=age_on(born, today) if born <= today else 0,
        enrolled_on=row["enrolled_on"],
        deregistered_on=row["deregistered_on"],
        version=row["version"],
    )
