"""What makes a printed consent form readable by the scanner: answer boxes that note where they landed,
the signature field, the four corner marks and the QR code (see ibp_desktop.core.consent.scan_layout).

The flowables record their position on the page while ReportLab draws them; at the end of the page
``CodeRecorder.page_end`` draws the marks and a code that says where this page's boxes are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ibp_desktop.core.consent.scan_layout import (
    BOX,
    MARK_CENTRES,
    MARK_SIZE,
    PAGE_H,
    QR_SIZE,
    QR_X,
    SIGNATURE_H,
    FormCode,
    decode,
)
from ibp_desktop.reports.fonts import SANS
from ibp_desktop.reports.template import GRID, INK


@dataclass
class _Page:
    pupil_id: int | None = None
    page: int = 0
    qr_y: float | None = None
    signature_y: float | None = None
    relation_y: float | None = None
    purpose_ys: dict[int, float] = field(default_factory=dict)


class CodeRecorder:
    """Collects, per page, where the boxes landed; draws marks and code when the page ends."""

    def __init__(self, brin: str, form_number: int) -> None:
        self.brin = brin
        self.form_number = form_number
        self.page = _Page()
        self.codes: list[FormCode | None] = []  # per page, for tests and the scan generator

    def start_pupil(self, pupil_id: int) -> None:
        self.page.pupil_id = pupil_id
        self.page.page = 1

    def page_end(self, canvas: Canvas) -> None:
        page = self.page
        code = None
        if page.pupil_id is not None and page.qr_y is not None:
            code = FormCode(
                self.brin,
                page.pupil_id,
                self.form_number,
                page.page,
                page.qr_y,
                page.signature_y,
                page.relation_y,
                tuple(page.purpose_ys[i] for i in sorted(page.purpose_ys)),
            )
            code = decode(code.encode())  # as rounded in the code
            assert code is not None
            _draw_marks(canvas)
            _draw_code(canvas, code)
        self.codes.append(code)
        self.page = _Page(page.pupil_id, page.page + 1)


def _top_mm(canvas: Canvas, y_pt: float) -> float:
    """A y in the flowable's coordinates as millimetres from the top of the page."""
    _, absolute = canvas.absolutePosition(0, y_pt)
    return float(PAGE_H - absolute / mm)


def _draw_marks(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setFillColor(INK)
    for cx, cy in MARK_CENTRES:
        x, y = (cx - MARK_SIZE / 2) * mm, (PAGE_H - cy - MARK_SIZE / 2) * mm
        canvas.rect(x, y, MARK_SIZE * mm, MARK_SIZE * mm, stroke=0, fill=1)
    canvas.restoreState()


def _draw_code(canvas: Canvas, code: FormCode) -> None:
    widget = QrCodeWidget(
        code.encode(), barLevel="M", barBorder=0, barWidth=QR_SIZE * mm, barHeight=QR_SIZE * mm
    )
    drawing = Drawing(QR_SIZE * mm, QR_SIZE * mm)
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, QR_X * mm, (PAGE_H - code.qr_y - QR_SIZE) * mm)


class PupilStart(Flowable):  # type: ignore[misc]
    """Zero-size marker: from here on the pages belong to this pupil."""

    def __init__(self, recorder: CodeRecorder, pupil_id: int) -> None:
        super().__init__()
        self.recorder, self.pupil_id = recorder, pupil_id
        self.width = self.height = 0

    def draw(self) -> None:
        self.recorder.start_pupil(self.pupil_id)


class CodeSlot(Flowable):  # type: ignore[misc]
    """Keeps the room where the page's code is drawn at the end of the page."""

    def __init__(self, recorder: CodeRecorder | None) -> None:
        super().__init__()
        self.recorder = recorder
        self.width = self.height = QR_SIZE * mm if recorder else 0

    def draw(self) -> None:
        if self.recorder:
            self.recorder.page.qr_y = _top_mm(self.canv, self.height)


class Choice(Flowable):  # type: ignore[misc]
    """An empty square and its label ("Ja"); ``slot`` ("ja"/"nee"/"relation", index) says what it is."""

    def __init__(
        self,
        label: str,
        recorder: CodeRecorder | None,
        slot: tuple[str, int],
        width: float = 20 * mm,
        size: float = 9.5,
    ) -> None:
        super().__init__()
        self.label, self.recorder, self.slot, self.size = label, recorder, slot, size
        self.width, self.height = width, 6 * mm

    def draw(self) -> None:
        canvas = self.canv
        bottom = (self.height - BOX * mm) / 2
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.6)
        canvas.rect(0, bottom, BOX * mm, BOX * mm, stroke=1, fill=0)
        canvas.setFillColor(INK)
        canvas.setFont(SANS, self.size)
        canvas.drawString(BOX * mm + 1.6 * mm, bottom + 0.8 * mm, self.label)
        canvas.restoreState()
        if self.recorder is None:
            return
        top = _top_mm(canvas, bottom + BOX * mm)
        kind, index = self.slot
        if kind == "ja":  # the Nee box is on the same line
            self.recorder.page.purpose_ys[index] = top
        elif kind == "relation" and index == 0:
            self.recorder.page.relation_y = top


class SignatureField(Flowable):  # type: ignore[misc]
    """The room for the signature with a line under it."""

    def __init__(self, width: float, recorder: CodeRecorder | None) -> None:
        super().__init__()
        self.recorder = recorder
        self.width, self.height = width, SIGNATURE_H * mm

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(GRID)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0, self.width, 0)
        self.canv.restoreState()
        if self.recorder:
            self.recorder.page.signature_y = _top_mm(self.canv, self.height)
