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

from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

_UNCACHEABLE = ""  # ReportLab wrote something we do not recognise: always ask it


class TextOpsCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no type hints
    """``drawString`` with the text operators of each distinct string kept per document."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._text_ops: dict[tuple[str, float, float, str], str] = {}

    def drawString(  # ReportLab's names and defaults
        self, x: float, y: float, text: str, mode: int | None = None, charSpace: float = 0,
        direction: str | None = None, wordSpace: float | None = None, shaping: bool = False,
    ) -> None:  # fmt: skip
        plain = mode is None and not charSpace and direction is None and not wordSpace and not shaping
        if not plain or not self.bottomup:  # what the cache was not made for: ReportLab as it is
            super().drawString(x, y, text, mode, charSpace, direction, wordSpace, shaping)
            return
        key = (self._fontname, self._fontsize, self._leading, text)
        ops = self._text_ops.get(key)
        origin = f"BT 1 0 0 1 {fp_str(x, y)} Tm "
        if ops:
            self._code.append(origin + ops)
            return
        super().drawString(x, y, text)
        if ops is None:  # the first time: keep what ReportLab wrote after the origin
            written = self._code[-1]
            self._text_ops[key] = written[len(origin) :] if written.startswith(origin) else _UNCACHEABLE


__all__ = ["TextOpsCanvas"]
