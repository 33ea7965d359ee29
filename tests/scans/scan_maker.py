"""Makes "scans" from the program's own consent form PDFs, as a copier would hand them back.

A page is rendered (pypdfium2) at 150-300 dpi, filled in with pen-like strokes (ticks, crosses, a
crossed-out box, a scribble, a signature), then turned a little (or upside down), greyed, noised and
JPEG-compressed. ``Fill`` says what was written, so a test knows the truth.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from ibp_desktop.core.consent.scan_layout import (
    BOX,
    JA_X,
    NEE_X,
    QR_SIZE,
    QR_X,
    RELATION_X,
    SIGNATURE_X,
    FormCode,
)
from ibp_desktop.reports.consent_forms import ConsentForms, FormPupil, render_consent_forms
from ibp_desktop.reports.form_marks import CodeRecorder

PURPOSES = (
    ("Schoolgids", "Foto's in de gedrukte schoolgids."),
    ("Website", "Foto's op de website van de school."),
    ("Sociale media", "Foto's op de accounts van de school."),
    ("Nieuwsbrief", "Foto's in de nieuwsbrief."),
    ("Ouderapp", "Foto's in de ouderapp van de groep."),
    ("Klassenfoto", "De klassenfoto en de portretfoto."),
)
NAMES = ("Şükrü Yılmaz", "Łucja Wiśniewska", "Nguyễn Văn An", "Anne-Fleur van der Berg-de Vries")
MARKS = ("ja", "nee", None, "both", "crossed", "scribble", "cross_ja", "cross_nee")
SURE = {"ja": True, "nee": False, None: None, "cross_ja": True, "cross_nee": False}


@dataclass(frozen=True)
class Fill:
    """What the parent wrote: per purpose one of MARKS; relation index or None; signed or not."""

    marks: tuple[str | None, ...]
    relation: int | None = 0
    signed: bool = True


@dataclass(frozen=True)
class Look:
    """How the copier handed it back."""

    dpi: int = 200
    angle: float = 0.0
    upside_down: bool = False
    grey: bool = False
    noise: float = 4.0
    jpeg: int | None = 75
    hide_code: bool = False


@dataclass
class FormSet:
    pdf: bytes
    codes: list[FormCode | None] = field(default_factory=list)


def forms_pdf(brin: str, pupil_ids: list[int], purposes: tuple[tuple[str, str], ...] = PURPOSES) -> FormSet:
    pupils = tuple(
        FormPupil(NAMES[i % len(NAMES)], f"{1000 + pid}", "5", "05-03-2017", pid)
        for i, pid in enumerate(pupil_ids)
    )
    data = ConsentForms(
        "OBS De Regenboog",
        "2026-2027",
        1,
        "Beste ouder of verzorger,\n\nVoor elk doel vragen we apart of u dat goed vindt.",
        purposes,
        pupils,
        datetime(2026, 9, 1, 9, 0, tzinfo=UTC),
        "groep 5",
        brin,
    )
    recorder = CodeRecorder(brin, 1)
    return FormSet(render_consent_forms(data, recorder), recorder.codes)


def render(pdf: bytes, index: int, dpi: int) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


class _Pen:
    def __init__(self, image: Image.Image, dpi: int, rng: random.Random) -> None:
        self.draw = ImageDraw.Draw(image)
        self.scale = dpi / 25.4
        self.rng = rng
        self.width = max(2, round(0.45 * self.scale))

    def line(self, points: list[tuple[float, float]]) -> None:
        jitter = [(x + self.rng.uniform(-0.15, 0.15), y + self.rng.uniform(-0.15, 0.15)) for x, y in points]
        ink = self.rng.randint(20, 130)  # black to light-blue ballpoint, in grey
        self.draw.line(
            [(x * self.scale, y * self.scale) for x, y in jitter], fill=ink, width=self.width, joint="curve"
        )

    def tick(self, x: float, y: float) -> None:
        self.line([(x + 0.7, y + 2.2), (x + 1.7, y + 3.4), (x + 3.8, y + 0.3), (x + 4.6, y - 0.8)])

    def cross(self, x: float, y: float) -> None:
        self.line([(x + 0.5, y + 0.5), (x + BOX - 0.5, y + BOX - 0.5)])
        self.line([(x + BOX - 0.5, y + 0.5), (x + 0.5, y + BOX - 0.5)])

    def blot(self, x: float, y: float) -> None:
        """Scribbled over until the box is (nearly) black: a crossed-out answer."""
        steps = int(BOX / 0.3)
        for i in range(steps):
            t = 0.3 + i * 0.3
            self.line([(x + 0.2, y + t), (x + BOX - 0.2, y + t + self.rng.uniform(-0.2, 0.2))])

    def scribble(self, x: float, y: float) -> None:
        points = [
            (x + self.rng.uniform(0.2, BOX - 0.2), y + self.rng.uniform(0.2, BOX - 0.2)) for _ in range(24)
        ]
        self.line(points)
        self.blot(x, y) if self.rng.random() < 0.5 else self.line(points[::-1])

    def signature(self, x: float, y: float) -> None:
        start = x + self.rng.uniform(5, 30)
        length = self.rng.uniform(35, 70)
        points = []
        for i in range(120):
            t = i / 119
            points.append(
                (start + t * length, y + 6 + 3.5 * math.sin(t * 19 + self.rng.random()) * (1 - t / 2))
            )
        self.line(points)


def fill_in(image: Image.Image, code: FormCode, fill: Fill, dpi: int, rng: random.Random) -> None:
    pen = _Pen(image, dpi, rng)
    for mark, y in zip(fill.marks, code.purpose_ys, strict=False):
        if mark == "ja":
            pen.tick(JA_X, y)
        elif mark == "nee":
            pen.tick(NEE_X, y)
        elif mark == "cross_ja":
            pen.cross(JA_X, y)
        elif mark == "cross_nee":
            pen.cross(NEE_X, y)
        elif mark == "both":
            pen.tick(JA_X, y)
            pen.tick(NEE_X, y)
        elif mark == "crossed":  # ticked ja, then blacked it out and ticked nee
            pen.blot(JA_X, y)
            pen.tick(NEE_X, y)
        elif mark == "scribble":
            pen.scribble(JA_X, y)
    if fill.relation is not None and code.relation_y is not None:
        pen.tick(RELATION_X[fill.relation], code.relation_y)
    if fill.signed and code.signature_y is not None:
        pen.signature(SIGNATURE_X, code.signature_y)


def copier(image: Image.Image, look: Look, rng: random.Random, code: FormCode | None = None) -> Image.Image:
    """What the copier makes of a filled-in page."""
    if look.hide_code and code is not None:
        s = look.dpi / 25.4
        ImageDraw.Draw(image).rectangle(
            [(QR_X - 1) * s, (code.qr_y - 1) * s, (QR_X + QR_SIZE + 1) * s, (code.qr_y + QR_SIZE + 1) * s],
            fill=255,
        )
    if look.angle:
        image = image.rotate(look.angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if look.upside_down:
        image = image.rotate(180)
    pixels = np.asarray(image, dtype=np.float64)
    if look.grey:
        pixels = pixels * 0.78 + 8
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, look.noise, pixels.shape)
    image = Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))
    if look.jpeg:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=look.jpeg)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return image


def scan(forms: FormSet, index: int, fill: Fill, look: Look, rng: random.Random) -> Image.Image:
    code = forms.codes[index]
    assert code is not None
    page = render(forms.pdf, index, look.dpi)
    fill_in(page, code, fill, look.dpi, rng)
    return copier(page, look, rng, code)


def blank_page(look: Look, rng: random.Random) -> Image.Image:
    s = look.dpi / 25.4
    return copier(Image.new("L", (round(210 * s), round(297 * s)), 255), look, rng)


def random_fill(rng: random.Random, purposes: int, unsure_share: float = 0.05) -> Fill:
    marks: list[str | None] = []
    for _ in range(purposes):
        if rng.random() < unsure_share:
            marks.append(rng.choice(("both", "crossed", "scribble")))
        else:
            marks.append(rng.choice(("ja", "ja", "nee", None, "cross_ja", "cross_nee")))
    return Fill(tuple(marks), rng.choice((0, 0, 1, 2, None)), rng.random() > 0.05)


def random_look(rng: random.Random) -> Look:
    return Look(
        dpi=rng.choice((150, 200, 300)),
        angle=rng.uniform(-3, 3),
        upside_down=rng.random() < 0.15,
        grey=rng.random() < 0.3,
        noise=rng.uniform(2, 9),
        jpeg=rng.choice((None, 55, 75, 90)),
    )
