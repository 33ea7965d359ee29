"""Reading a CSV or .xlsx export into a plain :class:`Table`: the generic first step of every import.

How an import uses this package (pupils, parent-app consent answers, the incident register)::

    table = read_table(path)                          # CSV or .xlsx -> Table; ImportRejected if unreadable
    mapping = guess_mapping(table.headers, FIELDS)    # FieldSpec per field -> column index (mapping.py)
    mapping = apply_overrides(table.headers, FIELDS, mapping, overrides)  # the user's corrections
    problems = ProblemList(table.source_name)
    problems.items.extend(missing_fields(mapping, FIELDS))
    for row in mapped_rows(table, mapping):           # MappedRow: .number (as in the spreadsheet)
        born = row.value("date_of_birth", parse_date, problems)   # values.py parsers; problems collected
    problems.raise_if_any()                           # ImportRejected lists every problem, nothing written

The header is the row that matches most of the import's known captions (:mod:`header`): title rows
above it and footer or total lines below the data ("Aantal leerlingen: 29") are skipped and listed in
``Table.skipped``. Limits refuse hostile files early: file size, unpacked .xlsx size, filled cells and
rows (:data:`MAX_ROWS`; Excel's formatted empty rows do not count).

``Table.rows`` holds every data row below the header, blank rows included, so that ``rows[i]`` is
spreadsheet row ``header_row + 1 + i``; trailing blank rows are dropped. Cells are stripped text,
``date`` (Excel date cells) or ``None`` (empty). Numbers from Excel become text ("1234", not 1234.0),
so pupil numbers keep their form.

CSV: comma, semicolon or tab (``csv.Sniffer`` with a fallback on the header line); UTF-8 with or without
BOM, UTF-16 with BOM (Excel's "Unicode text"), else Windows-1252. A strict UTF-8 decode comes first;
charset-normalizer is asked only when that fails, and only trusted for a few Western code pages.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ibp_desktop.core.os_errors import reason as os_reason
from ibp_desktop.importers.header import SkippedRow, find_header, footer_row, is_footer, title_rows
from ibp_desktop.importers.problems import ImportRejected, file_problem
from ibp_desktop.importers.values import Cell

__all__ = ["MAX_FILE_BYTES", "MAX_ROWS", "Table", "read_table", "table_from_bytes"]

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 200
# The largest primary school has about 1,500 pupils; a consent export with one row per guardian or a
# register of many years stays far below this. More rows means a wrong (or hostile) file.
MAX_ROWS = 20_000
MAX_LINES = 10 * MAX_ROWS  # empty (formatted) rows included; bounds the time spent on a hostile file
MAX_CELLS = 400_000  # 20,000 rows of 20 columns
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a 5,000-pupil .xlsx unpacks to a few MB
_TOO_MANY_ROWS = (
    "Het bestand heeft meer dan 20.000 regels; zoveel heeft geen school. Kies het juiste bestand."
)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
_HINTED_CODEPAGES = {"cp850", "cp437", "mac_roman", "iso8859_15", "latin_1"}
_HOW_TO_SAVE = "Sla het bestand in Excel op als 'CSV (gescheiden door lijstscheidingsteken)' of als .xlsx."


@dataclass(frozen=True)
class Table:
    source_name: str
    headers: list[str]
    rows: list[list[Cell]]
    encoding: str | None  # None for .xlsx
    delimiter: str | None  # None for .xlsx
    header_row: int = 1
    skipped: tuple[SkippedRow, ...] = ()  # title rows above the header, footer and total lines

    @property
    def kind(self) -> str:
        return "xlsx" if self.encoding is None else "csv"

    def row_number(self, index: int) -> int:
        """The spreadsheet row number of ``rows[index]``."""
        return self.header_row + 1 + index

    def describe(self) -> str:
        """ "CSV, puntkomma, Windows-1252" / "Excel (.xlsx)" for the preview."""
        if self.encoding is None:
            return "Excel (.xlsx)"
        names = {";": "puntkomma", ",": "komma", "\t": "tab"}
        encodings = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16"}
        separator = names.get(self.delimiter or ",", repr(self.delimiter))
        return f"CSV, {separator}, {encodings.get(self.encoding, self.encoding)}"


def read_table(path: Path | str, captions: Sequence[str] = ()) -> Table:
    """Read a CSV or .xlsx file; ImportRejected (a BadInputError) when it cannot be read.

    ``captions`` are the header texts the import knows; the row matching most of them is the header.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise file_problem(
                f"Het bestand is te groot ({size // (1024 * 1024)} MB). Een leerlingenexport is "
                "meestal kleiner dan 5 MB. Kies het juiste bestand.",
                path.name,
            )
        data = path.read_bytes()
    except OSError as error:
        raise file_problem(f"Het bestand kan niet worden gelezen: {os_reason(error)}.", path.name) from error
    return table_from_bytes(data, path.name, captions)


def table_from_bytes(data: bytes, source_name: str, captions: Sequence[str] = ()) -> Table:
    if data.startswith(_ZIP_MAGIC) or source_name.lower().endswith((".xlsx", ".xlsm")):
        records = _read_xlsx(data, source_name)
        return _to_table(records, source_name, None, None, captions)
    if data.startswith(_OLE_MAGIC) or source_name.lower().endswith(".xls"):
        raise file_problem(f"Dit is een oud Excel-bestand (.xls). {_HOW_TO_SAVE}", source_name)
    records, encoding, delimiter = _read_csv(data, source_name)
    return _to_table(records, source_name, encoding, delimiter, captions)


# --------------------------------------------------------------------------- CSV


def _decode(data: bytes, source_name: str) -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise file_problem(
                    f"Het bestand begint als {encoding.upper()}-tekst, maar bevat tekens die daar niet "
                    f"in passen. {_HOW_TO_SAVE}",
                    source_name,
                ) from None
    if _looks_utf16(data):  # "Unicode text" without a byte order mark
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(encoding), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data and data.count(0) * 20 > len(data):
        raise file_problem(f"Dit is geen CSV- of Excel-bestand. {_HOW_TO_SAVE}", source_name)
    if b"\x00" in data:  # text with a stray NUL, e.g. pasted into a name
        row = data[: data.index(b"\x00")].count(b"\n") + 1
        raise file_problem(
            f"Rij {row} bevat een NUL-teken (een onzichtbaar stuurteken); zo'n bestand is geen gewone "
            f"CSV. Verwijder het teken of sla het bestand opnieuw op. {_HOW_TO_SAVE}",
            source_name,
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _hinted_codepage(data) or "cp1252"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        # Bytes that Windows-1252 leaves undefined: Latin-1 reads every byte.
        return data.decode("latin_1"), "latin_1"


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    zeros = max(sample[0::2].count(0), sample[1::2].count(0))
    return len(sample) >= 4 and zeros >= len(sample) // 2 * 0.9


def _hinted_codepage(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is None:
        return None
    return best.encoding if best.encoding in _HINTED_CODEPAGES else None


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        found = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        found = ""
    # The header is the line with the most separators (title rows above it have few or none).
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    counts = {d: max((line.count(d) for line in lines), default=0) for d in (";", ",", "\t")}
    # The sniffer can be fooled by commas in quoted names; trust it only if the header agrees.
    if found in counts and counts[found] > 0:
        return found
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _csv_cell(text: str) -> Cell:
    text = text.strip()
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        text = text[2:-1].strip()  # ="0123": Excel's trick to keep leading zeros
    return text or None


_CSV_TOO_LONG = (
    'een cel is langer dan 128.000 tekens. Meestal staat er ergens een aanhalingsteken (") '
    "dat niet wordt gesloten."
)
_CSV_BROKEN = 'een aanhalingsteken (") of regeleinde staat op een plek waar het niet hoort.'


def _read_csv(data: bytes, source_name: str) -> tuple[list[list[Cell]], str, str]:
    if data.count(b"\n") > MAX_LINES:  # quick refusal before decoding 50 MB
        raise file_problem(_TOO_MANY_ROWS, source_name)
    text, encoding = _decode(data, source_name)
    delimiter = _delimiter(text)
    records: list[list[Cell]] = []
    filled = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            cells = [_csv_cell(c) for c in record[: MAX_COLUMNS + 1]]
            # Excel writes ";;;;" lines for formatted empty rows: only rows with data count.
            filled += any(c is not None for c in cells)
            records.append(cells)
            if filled > MAX_ROWS:
                raise file_problem(_TOO_MANY_ROWS, source_name)
    except csv.Error as error:
        # Python's csv messages are English ("field larger than field limit (131072)"): say it in Dutch.
        why = _CSV_TOO_LONG if "field limit" in str(error) else _CSV_BROKEN
        raise file_problem(
            f"Het CSV-bestand is beschadigd bij regel {reader.line_num}: {why} {_HOW_TO_SAVE}", source_name
        ) from None
    return records, encoding, delimiter


# --------------------------------------------------------------------------- XLSX


def _xlsx_cell(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.time() != time(0):  # a date-and-time cell: the time matters (the AP's 72 hours)
            return value.strftime("%d-%m-%Y %H:%M")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value).strip() or None


def _check_unpacked_size(data: bytes, source_name: str) -> None:
    """Refuse a "zip bomb" before openpyxl unpacks it: zipfile stops at the sizes the archive declares."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl reports the damage below
    if unpacked <= MAX_UNPACKED_BYTES:
        # A damaged part is left to openpyxl, which reports the damage below.
        with contextlib.suppress(zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
            _check_cells(data, source_name)
        return
    if unpacked > MAX_UNPACKED_BYTES:
        raise file_problem(
            f"Het Excel-bestand pakt uit tot {unpacked // (1024 * 1024)} MB; een schoolexport is "
            "hoogstens enkele MB. Het bestand is beschadigd of onbetrouwbaar en wordt niet gelezen.",
            source_name,
        )


def _check_cells(data: bytes, source_name: str) -> None:
    """Count the filled cells in the sheets' XML before openpyxl builds them (which is much slower):
    a file far beyond any school export is refused within a second."""
    cells = rows = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            with archive.open(info) as stream:
                while chunk := stream.read(1 << 20):
                    cells += chunk.count(b"<v>") + chunk.count(b"<v ") + chunk.count(b"<is>")
                    rows += chunk.count(b"<row ")
    if cells > MAX_CELLS or rows > MAX_LINES:
        raise file_problem(
            f"Het Excel-bestand heeft {cells} gevulde cellen in {rows} rijen; zoveel heeft geen "
            "schoolexport. Kies het juiste bestand.",
            source_name,
        )


def _xlsx_records(sheet: Any, source_name: str) -> list[list[Cell]]:
    records: list[list[Cell]] = []
    cells = filled = 0
    for row in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
        record = [_xlsx_cell(v) for v in row]
        count = sum(1 for c in record if c is not None)
        cells, filled = cells + count, filled + (count > 0)
        records.append(record if count else [])  # formatted empty rows: kept for the numbering only
        if filled > MAX_ROWS or len(records) > MAX_LINES:
            raise file_problem(_TOO_MANY_ROWS, source_name)
        if cells > MAX_CELLS:
            raise file_problem(
                "Het Excel-bestand heeft meer dan 400.000 gevulde cellen; zoveel heeft geen "
                "schoolexport. Kies het juiste bestand.",
                source_name,
            )
    return records


def _read_xlsx(data: bytes, source_name: str) -> list[list[Cell]]:
    from openpyxl import load_workbook

    _check_unpacked_size(data, source_name)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.active or workbook.worksheets[0]
            records = _xlsx_records(sheet, source_name)
        finally:
            workbook.close()
    except ImportRejected:
        raise
    except Exception as error:  # openpyxl raises many kinds (zip, XML, key errors) for damaged files
        raise file_problem(
            f"Het Excel-bestand kan niet worden gelezen; het is beschadigd of geen .xlsx-bestand "
            f"({type(error).__name__}). Open het in Excel en sla het opnieuw op.",
            source_name,
        ) from None
    return records


# --------------------------------------------------------------------------- both


def _to_table(
    records: list[list[Cell]],
    source_name: str,
    encoding: str | None,
    delimiter: str | None,
    captions: Sequence[str] = (),
) -> Table:
    start = find_header(records, captions)
    if start is None:
        raise file_problem("Het bestand is leeg.", source_name)
    skipped = title_rows(records, start)
    body = records[start + 1 :]
    for index, row in enumerate(body):
        if is_footer(row):  # blanked, not removed: row numbers stay as the spreadsheet shows them
            skipped.append(footer_row(row, start + 2 + index))
            body[index] = []
    end = len(body)
    while end > 0 and not any(c is not None for c in body[end - 1]):
        end -= 1
    body = body[:end]
    if not body:
        raise file_problem("Het bestand heeft alleen een kopregel en verder geen regels.", source_name)
    header = records[start]
    width = max(max((_used_width(r) for r in body), default=0), _used_width(header))
    if width > MAX_COLUMNS:
        raise file_problem(
            f"Het bestand heeft meer dan {MAX_COLUMNS} kolommen. Kies het juiste bestand.", source_name
        )
    headers = [_header_text(header[i] if i < len(header) else None, i) for i in range(width)]
    rows = [(r + [None] * width)[:width] for r in body]
    return Table(source_name, headers, rows, encoding, delimiter, start + 1, tuple(skipped))


def _used_width(row: list[Cell]) -> int:
    return max((i + 1 for i, c in enumerate(row) if c is not None), default=0)


def _header_text(cell: Cell, index: int) -> str:
    if cell is None:
        return f"Kolom {index + 1}"
    text = cell.strftime("%d-%m-%Y") if isinstance(cell, date) else " ".join(cell.split())
    return text or f"Kolom {index + 1}"
