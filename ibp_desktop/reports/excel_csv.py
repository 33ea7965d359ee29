"""CSV for a Dutch Excel: semicolons, Windows line ends and UTF-8 with a BOM (so ş, ł and é survive),
and cells that Excel would run as a formula kept as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


def _safe(cell: str) -> str:
    # A cell starting with = + - @ is a formula to Excel; a leading apostrophe keeps it text.
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell


def excel_csv(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
