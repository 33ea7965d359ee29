"""Remembering the column mapping of an import per school and file layout (table ``import_mappings``).

Called inside the import's own transaction: ``remembered`` before guessing (the preview), ``remember``
when the import is written. The stored mapping is complete (every field, None for "not in this file"),
so applying it as the user's corrections gives exactly the mapping of the last import.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ibp_desktop.importers.mapping import ColumnMapping, FieldSpec, apply_overrides
from ibp_desktop.importers.problems import ImportRejected
from ibp_desktop.importers.values import fold
from ibp_desktop.store.import_models import ImportMapping
from ibp_desktop.store.types import utc_now

__all__ = ["chosen_mapping", "layout_key", "remember", "remembered", "with_remembered"]

log = logging.getLogger(__name__)
Overrides = dict[str, int | str | None]


def layout_key(headers: Sequence[str]) -> str:
    """The same export from the same system gives the same key; another column order does not."""
    return hashlib.sha256("\x1f".join(fold(h) for h in headers).encode("utf-8")).hexdigest()


def remembered(session: Session, school_id: int, kind: str, headers: Sequence[str]) -> Overrides | None:
    """The mapping used the last time this layout was imported for this school, as overrides."""
    stored = session.scalar(
        select(ImportMapping.mapping).where(
            ImportMapping.school_id == school_id,
            ImportMapping.kind == kind,
            ImportMapping.layout == layout_key(headers),
        )
    )
    if stored is None:
        return None
    try:
        data = json.loads(stored)
    except ValueError:
        log.warning("import mapping of school %s (%s) is not valid JSON; ignored", school_id, kind)
        return None
    known = set(headers)
    # A header that is no longer in the file cannot be meant; let the guess decide for that field.
    return {str(k): v for k, v in data.items() if v is None or (isinstance(v, str) and v in known)}


def remember(
    session: Session,
    school_id: int,
    kind: str,
    headers: Sequence[str],
    mapping: Mapping[str, int],
    specs: Sequence[FieldSpec],
) -> None:
    data = {spec.key: headers[mapping[spec.key]] if spec.key in mapping else None for spec in specs}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    layout = layout_key(headers)
    row = session.scalar(
        select(ImportMapping).where(
            ImportMapping.school_id == school_id, ImportMapping.kind == kind, ImportMapping.layout == layout
        )
    )
    if row is None:
        session.add(
            ImportMapping(school_id=school_id, kind=kind, layout=layout, mapping=text, updated_at=utc_now())
        )
    elif row.mapping != text:
        row.mapping, row.updated_at = text, utc_now()
    log.info("import mapping remembered: school %s, kind %s, %d fields", school_id, kind, len(mapping))


def with_remembered(
    headers: Sequence[str], specs: Sequence[FieldSpec], guessed: ColumnMapping, stored: Overrides | None
) -> tuple[ColumnMapping, bool]:
    """The guess corrected by the remembered mapping; the guess alone when that no longer fits."""
    if not stored:
        return guessed, False
    try:
        used = apply_overrides(headers, specs, guessed, stored)
    except ImportRejected:  # a field that no longer exists (another version of the program)
        log.info("remembered import mapping no longer fits; guessed instead")
        return guessed, False
    return used, True


def chosen_mapping(
    session: Session,
    school_id: int,
    kind: str,
    headers: Sequence[str],
    specs: Sequence[FieldSpec],
    guessed: ColumnMapping,
    overrides: Mapping[str, int | str | None] | None,
) -> tuple[ColumnMapping, bool]:
    """The columns an import reads: the ``guessed`` mapping corrected by the user's ``overrides`` when
    there are any, else by the mapping remembered for this school and layout of ``kind`` ("pupils",
    "consent", "incidents", "staff"). The flag says the remembered mapping was used.

    An override naming a field or column that does not exist raises ImportRejected (Dutch)."""
    if overrides:
        return apply_overrides(headers, specs, guessed, overrides), False
    return with_remembered(headers, specs, guessed, remembered(session, school_id, kind, headers))
