"""Read one scanned consent form page: find the QR code, fit the page from the code and the corner marks,
and measure each answer box and the signature field.

The fit is an affine map from page millimetres to image pixels (rotation, also upside down, skew and
scale), first from the code's four corners, then refined by least squares on the four corner marks.
A box is measured by sampling its inside (away from the printed border) and counting ink: pixels much
darker than the paper around it. No OpenCV: NumPy does the sampling, zxing-cpp the code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import zxingcpp
from numpy.typing import NDArray
from PIL import Image

from ibp_desktop.core.consent.scan_layout import (
    BOX,
    JA_X,
    MARK_CENTRES,
    MARK_SIZE,
    NEE_X,
    RELATION_X,
    SIGNATURE_H,
    SIGNATURE_W,
    SIGNATURE_X,
    FormCode,
    decode,
    qr_corners,
)

log = logging.getLogger(__name__)

Affine = NDArray[np.float64]  # 2x3: page mm (x, y, 1) -> image px (column, row)
INSET = 0.7  # mm kept free of the printed border inside a box
EMPTY_BELOW = 0.03  # ink fraction of a box's inside
TICKED_FROM = 0.07
FILLED_FROM = 0.6  # blacked out: crossed out or a scribble, not a tick
SCRIBBLE_FROM = 2.2  # strokes crossed per line through the box
SIGNED_FROM = 0.004
INK_LEVEL = 0.7  # a pixel darker than this share of the paper's brightness is ink


class Box(StrEnum):
    TICKED = "ticked"
    EMPTY = "empty"
    UNSURE = "unsure"


@dataclass(frozen=True)
class AnswerRead:
    """One purpose: ``value`` True (ja), False (nee), None (nothing ticked); ``sure`` False: check it."""

    index: int
    ja: Box
    nee: Box
    ja_ink: float
    nee_ink: float
    value: bool | None
    sure: bool


@dataclass(frozen=True)
class PageRead:
    """What was read on one page. ``code`` None: no readable code (``blank`` says if it was empty)."""

    code: FormCode | None
    blank: bool
    answers: tuple[AnswerRead, ...]
    relation: int | None  # index into the form's relations, None: none or unsure
    relation_sure: bool
    signed: bool | None  # None: unsure
    signature_ink: float
    upside_down: bool
    transform: Affine | None

    @property
    def sure(self) -> bool:
        return (
            self.code is not None
            and all(a.sure for a in self.answers)
            and self.relation_sure
            and self.signed is not None
        )


def read_page(image: Image.Image) -> PageRead:
    """Read one page image (any mode; any resolution from about 150 dpi)."""
    gray = image.convert("L")
    pixels = np.asarray(gray, dtype=np.uint8)
    found = _find_code(gray)
    if found is None:
        return _unreadable(pixels)
    code, corners = found
    transform = _fit(np.array(qr_corners(code)), corners)
    transform = _refine_with_marks(pixels, transform)
    answers = tuple(_answer(pixels, transform, i, y) for i, y in enumerate(code.purpose_ys))
    relation, relation_sure = _relation(pixels, transform, code.relation_y)
    signed, ink = _signature(pixels, transform, code.signature_y)
    return PageRead(
        code, False, answers, relation, relation_sure, signed, ink, _upside_down(transform), transform
    )


def _unreadable(pixels: NDArray[np.uint8]) -> PageRead:
    paper = float(np.percentile(pixels, 95)) or 1.0
    ink = float(np.mean(pixels < paper * INK_LEVEL))
    return PageRead(None, ink < 0.002, (), None, False, None, 0.0, False, None)


def _find_code(gray: Image.Image) -> tuple[FormCode, NDArray[np.float64]] | None:
    for result in zxingcpp.read_barcodes(
        gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    ):
        code = decode(result.text)
        if code is None:
            continue
        pos = result.position
        corners = [(p.x, p.y) for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)]
        return code, np.array(corners, dtype=np.float64)
    return None


def _fit(page_points: NDArray[np.float64], image_points: NDArray[np.float64]) -> Affine:
    """Least-squares affine map from page mm to image px."""
    ones = np.ones((len(page_points), 1))
    design = np.hstack([page_points, ones])
    solution, *_ = np.linalg.lstsq(design, image_points, rcond=None)
    return np.asarray(solution.T, dtype=np.float64)


def _apply(transform: Affine, points: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(points @ transform[:, :2].T + transform[:, 2], dtype=np.float64)


def _px_per_mm(transform: Affine) -> float:
    return float(np.sqrt(abs(np.linalg.det(transform[:, :2]))))


def _upside_down(transform: Affine) -> bool:
    return bool(transform[0, 0] < 0 and transform[1, 1] < 0)


def _refine_with_marks(pixels: NDArray[np.uint8], transform: Affine) -> Affine:
    found_page, found_image = [], []
    for centre in MARK_CENTRES:
        hit = _mark(pixels, transform, centre)
        if hit is not None:
            found_page.append(centre)
            found_image.append(hit)
    if len(found_page) < 3:
        log.info("scan: %d corner marks found, fit from the code only", len(found_page))
        return transform
    return _fit(np.array(found_page, dtype=np.float64), np.array(found_image, dtype=np.float64))


def _mark(
    pixels: NDArray[np.uint8], transform: Affine, centre: tuple[float, float]
) -> tuple[float, float] | None:
    """The centre of the dark square near where the code says a corner mark is."""
    scale = _px_per_mm(transform)
    (cx, cy), radius = _apply(transform, np.array([centre]))[0], 5.5 * scale
    top, left = max(int(cy - radius), 0), max(int(cx - radius), 0)
    window = pixels[top : int(cy + radius) + 1, left : int(cx + radius) + 1]
    if window.size == 0:
        return None
    paper = max(float(np.percentile(window, 90)), 1.0)
    rows, cols = np.nonzero(window < paper * 0.5)
    area = MARK_SIZE * MARK_SIZE * scale * scale
    if not 0.5 * area <= len(rows) <= 1.8 * area:
        return None
    return left + float(cols.mean()), top + float(rows.mean())


def _sample(
    pixels: NDArray[np.uint8], transform: Affine, x: float, y: float, w: float, h: float, step: float
) -> NDArray[np.uint8]:
    """Pixels at a grid of page points in the rectangle (mm), nearest neighbour, upright."""
    xs = np.arange(x, x + w, step)
    ys = np.arange(y, y + h, step)
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.stack([grid_x.ravel(), grid_y.ravel()], axis=1)
    image = _apply(transform, points)
    cols = np.clip(np.rint(image[:, 0]).astype(np.int64), 0, pixels.shape[1] - 1)
    rows = np.clip(np.rint(image[:, 1]).astype(np.int64), 0, pixels.shape[0] - 1)
    return pixels[rows, cols].reshape(len(ys), len(xs))


def cutout(image: Image.Image, transform: Affine, x: float, y: float, w: float, h: float) -> Image.Image:
    """An upright picture of a page rectangle (mm) at 10 px/mm, for the review screen."""
    pixels = np.asarray(image.convert("L"), dtype=np.uint8)
    return Image.fromarray(_sample(pixels, transform, x, y, w, h, 0.1))


def _ink_mask(
    pixels: NDArray[np.uint8], transform: Affine, x: float, y: float, w: float, h: float
) -> NDArray[np.bool_]:
    step = max(1.0 / _px_per_mm(transform), 0.08)
    around = _sample(pixels, transform, x - 2.5, y - 2.5, w + 5, h + 5, step * 2)
    paper = max(float(np.percentile(around, 90)), 1.0)
    inside = _sample(pixels, transform, x, y, w, h, step)
    return np.asarray(inside < paper * INK_LEVEL)


def _ink(pixels: NDArray[np.uint8], transform: Affine, x: float, y: float, w: float, h: float) -> float:
    return float(np.mean(_ink_mask(pixels, transform, x, y, w, h)))


def _strokes(mask: NDArray[np.bool_]) -> float:
    """How many separate strokes a line through the box crosses, on average over rows and columns:
    a tick or a cross crosses one or two, a scribble many."""
    counts = []
    for lines in (mask, mask.T):
        starts = np.diff(lines.astype(np.int8), axis=1, prepend=0) == 1
        per_line = starts.sum(axis=1)
        counts.extend(per_line[per_line > 0].tolist())
    return float(np.mean(counts)) if counts else 0.0


def _box(pixels: NDArray[np.uint8], transform: Affine, x: float, y: float) -> tuple[Box, float]:
    mask = _ink_mask(pixels, transform, x + INSET, y + INSET, BOX - 2 * INSET, BOX - 2 * INSET)
    ink = float(np.mean(mask))
    if ink < EMPTY_BELOW:
        return Box.EMPTY, ink
    if TICKED_FROM <= ink < FILLED_FROM and _strokes(mask) < SCRIBBLE_FROM:
        return Box.TICKED, ink
    return Box.UNSURE, ink


def _answer(pixels: NDArray[np.uint8], transform: Affine, index: int, y: float) -> AnswerRead:
    ja, ja_ink = _box(pixels, transform, JA_X, y)
    nee, nee_ink = _box(pixels, transform, NEE_X, y)
    boxes = (ja, nee)
    if Box.UNSURE in boxes or boxes == (Box.TICKED, Box.TICKED):
        return AnswerRead(index, ja, nee, ja_ink, nee_ink, None, False)
    value = True if ja is Box.TICKED else False if nee is Box.TICKED else None
    return AnswerRead(index, ja, nee, ja_ink, nee_ink, value, True)


def _relation(pixels: NDArray[np.uint8], transform: Affine, y: float | None) -> tuple[int | None, bool]:
    """The ticked relation; none ticked is sure (the reviewer or the default decides), two is not."""
    if y is None:
        return None, True
    states = [_box(pixels, transform, x, y)[0] for x in RELATION_X]
    ticked = [i for i, s in enumerate(states) if s is Box.TICKED]
    if Box.UNSURE in states or len(ticked) > 1:
        return None, False
    return (ticked[0] if ticked else None), True


def _signature(pixels: NDArray[np.uint8], transform: Affine, y: float | None) -> tuple[bool | None, float]:
    if y is None:
        return None, 0.0
    # leave out the printed line at the bottom and the edges
    ink = _ink(pixels, transform, SIGNATURE_X + 2, y + 1, SIGNATURE_W - 4, SIGNATURE_H - 2.5)
    if ink >= SIGNED_FROM:
        return True, ink
    return (False if ink < SIGNED_FROM / 3 else None), ink
