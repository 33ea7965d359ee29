"""The pages of a scan: a PDF from the copier (rendered with pypdfium2), JPEG/PNG/TIFF images (Pillow, a
multi-page TIFF gives each page), or a folder of those, in name order."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageSequence, UnidentifiedImageError

from ibp_desktop.core.errors import BadInputError

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
SUFFIXES = IMAGE_SUFFIXES | {".pdf"}
RENDER_DPI = 200
KEEP_DPI = 150  # the page kept as proof: enough to read a signature, ~250 kB as JPEG


@dataclass(frozen=True)
class ScanPage:
    source: str  # file name, for messages
    number: int  # page in that file, from 1
    image: Image.Image  # grayscale

    def label(self) -> str:
        return f"{self.source}, pagina {self.number}"


def scan_files(path: Path) -> list[Path]:
    """The scan files at ``path`` (a file, or a folder's files in name order)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        if not files:
            raise BadInputError(f"In de map {path.name} staan geen scans (PDF, JPEG, PNG of TIFF).")
        return files
    if not path.exists():
        raise BadInputError(f"Het bestand {path.name} bestaat niet.")
    if path.suffix.lower() not in SUFFIXES:
        raise BadInputError(f"{path.name} is geen scan: kies een PDF, JPEG, PNG of TIFF.")
    return [path]


def count_pages(path: Path) -> int:
    total = 0
    for file in scan_files(path):
        if file.suffix.lower() == ".pdf":
            document = _open_pdf(file)
            total += len(document)
            document.close()
        else:
            with _open_image(file) as image:
                total += getattr(image, "n_frames", 1)
    return total


def iter_pages(path: Path, dpi: int = RENDER_DPI) -> Iterator[ScanPage]:
    """Each page as a grayscale image, one at a time (a 300-page PDF never sits in memory at once)."""
    for file in scan_files(path):
        if file.suffix.lower() == ".pdf":
            yield from _pdf_pages(file, dpi)
        else:
            yield from _image_pages(file)


def _open_pdf(file: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(file)
    except pdfium.PdfiumError as error:
        raise BadInputError(f"{file.name} is geen leesbare PDF ({error}).") from error


def _open_image(file: Path) -> Image.Image:
    try:
        return Image.open(file)
    except (UnidentifiedImageError, OSError) as error:
        raise BadInputError(f"{file.name} is geen leesbare afbeelding.") from error


def _pdf_pages(file: Path, dpi: int) -> Iterator[ScanPage]:
    document = _open_pdf(file)
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            page.close()
            yield ScanPage(file.name, index + 1, image)
    finally:
        document.close()


def _image_pages(file: Path) -> Iterator[ScanPage]:
    with _open_image(file) as image:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            yield ScanPage(file.name, index + 1, frame.convert("L"))


def proof_jpeg(image: Image.Image, upside_down: bool, px_per_mm: float) -> bytes:
    """The page as kept for proof: upright, at most ~150 dpi, JPEG."""
    page = image.rotate(180) if upside_down else image
    wanted = KEEP_DPI / 25.4
    if px_per_mm > wanted * 1.1:
        factor = wanted / px_per_mm
        page = page.resize(
            (round(page.width * factor), round(page.height * factor)), Image.Resampling.LANCZOS
        )
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=80, optimize=True)
    return buffer.getvalue()


def fingerprint(image: Image.Image) -> str:
    """Same scan file read twice gives the same value (a new scan of the same page does not: the code
    recognises that)."""
    return hashlib.sha256(image.tobytes()).hexdigest()
