"""A canvas that writes the PDF text of a string it has drawn before without encoding it again.

ReportLab's ``drawString`` makes a text object per call and runs the string through the embedded
font's subset encoding (``_formatText``, ``splitString``): about 9 µs per call on this machine, most
of a table's drawing time. A printed grid repeats the same few strings thousands of times ("JA",
"NEE", "? geen antw."). For a given font, size, leading and text the operators after the text origin
are always the same within one document (a glyph keeps its subset once it has one), so the first call
goes through ReportLab and its operators are kept; later calls only write the new origin. The cached
output is byte for byte what ReportLab writes (tests/reports/test_text_ops.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

Key = tuple[str, float, float, str, float]  # font, size, leading, text, share of the width left of x


class TextOpsCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
    """``drawString``, ``drawCentredString`` and ``drawRightString`` with the text operators of each
    distinct string kept per document."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._text_ops: dict[Key, tuple[float, str]] = {}  # -> (width, operators after the origin)

    def drawString(  # ReportLab's names and defaults
        self, x: float, y: float, text: str, mode: int | None = None, charSpace: float = 0,
        direction: str | None = None, wordSpace: float | None = None, shaping: bool = False,
    ) -> None:  # fmt: skip
        self._draw(0.0, super().drawString, x, y, text, mode, charSpace, direction, wordSpace, shaping)

    def drawCentredString(
        self, x: float, y: float, text: str, mode: int | None = None, charSpace: float = 0,
        direction: str | None = None, wordSpace: float | None = None, shaping: bool = False,
    ) -> None:  # fmt: skip
        self._draw(0.5, super().drawCentredString, x, y, text, mode, charSpace, direction, wordSpace, shaping)

    def drawRightString(
        self, x: float, y: float, text: str, mode: int | None = None, charSpace: float = 0,
        direction: str | None = None, wordSpace: float | None = None, shaping: bool = False,
    ) -> None:  # fmt: skip
        self._draw(1.0, super().drawRightString, x, y, text, mode, charSpace, direction, wordSpace, shaping)

    def _draw(
        self, share: float, draw: Callable[..., None], x: float, y: float, text: str, mode: int | None,
        charSpace: float, direction: str | None, wordSpace: float | None, shaping: bool,
    ) -> None:  # fmt: skip
        if mode is not None or charSpace or direction is not None or wordSpace or shaping:
            draw(x, y, text, mode, charSpace, direction, wordSpace, shaping)  # not what the cache is for
            return
        self._draw_cached(x, y, text, share, draw)

    def _draw_cached(self, x: float, y: float, text: str, share: float, draw: Callable[..., None]) -> None:
        if not self.bottomup:  # a top-down canvas writes another text matrix: ReportLab as it is
            draw(x, y, text)
            return
        key = (self._fontname, self._fontsize, self._leading, text, share)
        found = self._text_ops.get(key)
        if found is not None and found[1]:
            self._code.append(f"BT 1 0 0 1 {fp_str(_left(x, found[0], share), y)} Tm {found[1]}")
            return
        draw(x, y, text)
        if found is None:  # the first time: keep what ReportLab wrote after the origin
            width = float(stringWidth(text, self._fontname, self._fontsize)) if share else 0.0
            origin = f"BT 1 0 0 1 {fp_str(_left(x, width, share), y)} Tm "
            written = self._code[-1]
            self._text_ops[key] = (width, written[len(origin) :] if written.startswith(origin) else "")


def _left(x: float, width: float, share: float) -> float:
    """Where the text starts, computed as ReportLab does (the same float, so the same digits)."""
    if share == 0.5:
        return x - 0.5 * width
    return x - width if share else x


__all__ = ["TextOpsCanvas"]
