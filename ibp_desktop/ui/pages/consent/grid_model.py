"""Pupils x purposes of one group as a table: the mark (JA / NEE / ?) in words, the tone as colour."""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ibp_desktop.services.consent.decisions import GroupConsentGrid, PupilConsentStatus
from ibp_desktop.services.consent.queries import PurposeStatus
from ibp_desktop.ui.pages.consent.common import TONE_COLOURS

_Index = QModelIndex | QPersistentModelIndex


_JOINING_WORDS = {"van", "de", "het", "en", "of", "voor", "bij", "in", "op", "met", "aan", "uit"}


def cell_text(purpose: PurposeStatus) -> str:
    """The mark alone (JA / NEE / ?): ten purposes must fit beside the names on a 1280 px screen.
    The colour and the tooltip tell "ingetrokken" or "geen antwoord" apart, as does the list of
    pupils who may not appear."""
    return purpose.status.mark


def short_label(text: str) -> str:
    """The head of a purpose label for a narrow column header: "Sociale media van de school" ->
    "Sociale media", "Schoolgids, brochure en kalender" -> "Schoolgids" (the tooltip has it all)."""
    words: list[str] = []
    for word in text.split():
        if word.startswith("(") or (words and word.lower() in _JOINING_WORDS) or len(words) == 2:
            break
        words.append(word.rstrip(",;:"))
        if word.endswith((",", ";", ":")):
            break
    return " ".join(words) or text


def header_text(text: str, width: int = 12) -> str:
    """A short purpose label broken over lines (whole words) so the columns stay narrow."""
    return "\n".join(textwrap.wrap(short_label(text), width, break_long_words=False)) or text


class GridModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.grid: GroupConsentGrid | None = None

    def set_grid(self, grid: GroupConsentGrid | None) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def row_at(self, row: int) -> PupilConsentStatus | None:
        if self.grid is None or not 0 <= row < len(self.grid.rows):
            return None
        return self.grid.rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else 1 + len(self.grid.purposes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if self.grid is None or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "Leerling" if role == Qt.ItemDataRole.DisplayRole else None
        purpose = self.grid.purposes[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(purpose.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{purpose.label}: {purpose.description}"
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.pupil.name
            if role == Qt.ItemDataRole.ToolTipRole:
                notes = [row.pupil.name] + ([row.warning] if row.warning else [])
                if row.conflict:
                    notes.append("Ouders/verzorgers zijn het oneens over een doel.")
                return " ".join(notes) or None
            return None
        purpose = row.purposes[index.column() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(purpose)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{row.pupil.name} – {purpose.label}: {purpose.status.label}"
            return f"{text}. {purpose.status.warning}" if purpose.status.warning else text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, text = TONE_COLOURS[purpose.status.tone]
            colour = background if role == Qt.ItemDataRole.BackgroundRole else text
            return QBrush(QColor(colour))
        return None
