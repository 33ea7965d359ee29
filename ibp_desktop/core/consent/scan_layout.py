"""Where things are on a printed consent form, shared by the renderer and the scan reader.

All measures in millimetres on an A4 page, origin top-left, y downwards (like an image). Fixed: the four
corner marks, the box size, the columns of the Ja/Nee and relation boxes and the signature field. What
depends on the length of the form text (the y of each purpose row, the signature field, the code itself)
travels in the QR code, so the reader never guesses: the code says where to look on this very page.

The code holds no names: "IBP1 <BRIN> <pupil id> <form version> <page> <code y> <signature y>
<relation y> <purpose y>.<purpose y>..." with y in half millimetres (QR alphanumeric mode, small).
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_W = 210.0
PAGE_H = 297.0
MARK_SIZE = 5.0
MARK_CENTRES: tuple[tuple[float, float], ...] = ((10.0, 10.0), (200.0, 10.0), (200.0, 287.0), (10.0, 287.0))
BOX = 4.2  # side of an answer box
QR_SIZE = 20.0
QR_X = 192.0 - QR_SIZE  # right-aligned with the text column (left margin 18 mm, width 174 mm)
CONTENT_X = 18.0
CONTENT_W = 174.0
CHOICE_COL_W = 22.0  # width of the Ja and the Nee column
CELL_PAD = 6 / 72 * 25.4  # ReportLab's default cell padding (6 pt)
JA_X = CONTENT_X + CONTENT_W - 2 * CHOICE_COL_W + CELL_PAD
NEE_X = CONTENT_X + CONTENT_W - CHOICE_COL_W + CELL_PAD
RELATION_LABEL_W = 40.0
RELATION_COL_WS = (36.0, 36.0, 22.0, 36.0)
RELATION_X: tuple[float, ...] = tuple(
    CONTENT_X + RELATION_LABEL_W + sum(RELATION_COL_WS[:i]) for i in range(len(RELATION_COL_WS))
)
SIGNATURE_X = CONTENT_X + RELATION_LABEL_W
SIGNATURE_W = CONTENT_W - RELATION_LABEL_W
SIGNATURE_H = 12.0
PREFIX = "IBP1"
HALF = 2.0  # units per millimetre in the code


@dataclass(frozen=True)
class FormCode:
    """What one page's QR code says."""

    brin: str
    pupil_id: int
    form_number: int
    page: int
    qr_y: float
    signature_y: float | None  # None: no signature field on this page
    relation_y: float | None
    purpose_ys: tuple[float, ...]  # one per purpose, in form order; empty when on another page

    def encode(self) -> str:
        def unit(value: float | None) -> str:
            return "0" if value is None else str(round(value * HALF))

        ys = ".".join(unit(y) for y in self.purpose_ys) or "0"
        return " ".join(
            (
                PREFIX,
                self.brin.upper(),
                str(self.pupil_id),
                str(self.form_number),
                str(self.page),
                unit(self.qr_y),
                unit(self.signature_y),
                unit(self.relation_y),
                ys,
            )
        )


def decode(text: str) -> FormCode | None:
    """The code on a page, or None when the text is not an IBP form code."""
    parts = text.strip().split(" ")
    if len(parts) != 9 or parts[0] != PREFIX:
        return None
    try:
        numbers = [int(p) for p in parts[2:8]]
        ys = tuple(int(p) / HALF for p in parts[8].split(".") if p != "0")
    except ValueError:
        return None

    def mm(value: int) -> float | None:
        return None if value == 0 else value / HALF

    pupil_id, form_number, page, qr_y, signature_y, relation_y = numbers
    return FormCode(parts[1], pupil_id, form_number, page, qr_y / HALF, mm(signature_y), mm(relation_y), ys)


def qr_corners(code: FormCode) -> tuple[tuple[float, float], ...]:
    """The symbol's corners in reading order: top-left, top-right, bottom-right, bottom-left."""
    x0, y0, s = QR_X, code.qr_y, QR_SIZE
    return ((x0, y0), (x0 + s, y0), (x0 + s, y0 + s), (x0, y0 + s))
