"""File names that are safe on Windows, macOS and Linux.

Group names like "1/2a" and "4/5" are everywhere in Dutch primary schools; a "/" in a suggested file
name makes a folder of it (or a save that fails), and Windows refuses \\ : * ? " < > | as well as a
name ending in a dot or a space and the old device names (CON, NUL, COM1, ...).
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN = '/\\:*?"<>|'
_FORBIDDEN_RUN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10))}
MAX_STEM = 120  # leaves room for the folder within Windows' 260 characters


def safe_file_name(name: str, default: str = "document") -> str:
    """``name`` (with its extension) made safe: forbidden characters become "-" ("groep 1/2a.pdf" ->
    "groep 1-2a.pdf"), no trailing dots or spaces, no device names; letters such as ş and ł stay."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,5}", extension):
        stem, extension = name, ""
    stem = _clean(stem)[:MAX_STEM].rstrip(". ") or default
    if stem.split(".")[0].upper() in _DEVICES:
        stem = f"{stem}-bestand"
    return f"{stem}.{extension.lower()}" if extension else stem


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN_RUN.sub("-", text)
    text = _SPACES.sub(" ", text).strip()
    return text.strip(". -") if text.strip(". -") else ""
