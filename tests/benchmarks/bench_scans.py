"""Reading scanned consent forms: pages per second and boxes read right / unsure / wrong.

    PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_scans.py [--pages 300] [--dpi 200] [--seed 1]

Makes a copier-style PDF of ``--pages`` filled-in forms (10 purposes each, tests/scans/scan_maker.py:
ticks, crosses, a few crossed-out/both/scribbled boxes, signatures, rotation up to 3 degrees, some upside
down, grey paper, noise, JPEG), then times what ``import-scans`` does per page: render the PDF page at
``--dpi`` (pypdfium2) and read it (code, marks, boxes, signature). Generation is not timed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

from ibp_desktop.importers.scan_pages import iter_pages
from ibp_desktop.importers.scan_reader import read_page
from ibp_desktop.services.consent.forms import default_purposes
from tests.scans.scan_maker import SURE, forms_pdf, random_fill, random_look, scan


def make_stack(pages: int, dpi: int, seed: int, folder: Path) -> tuple[Path, list]:  # type: ignore[type-arg]
    rng = random.Random(seed)
    purposes = tuple((label, description) for _code, label, description in default_purposes())
    forms = forms_pdf("04AB", list(range(1, pages + 1)), purposes)
    images, truth = [], []
    for index in range(pages):
        fill = random_fill(rng, len(purposes), unsure_share=0.03)
        look = replace(random_look(rng), dpi=dpi)
        images.append(Image.fromarray(np.asarray(scan(forms, index, fill, look, rng))).resize((1654, 2339)))
        truth.append(fill)
    path = folder / "stapel.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)
    return path, truth


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        path, truth = make_stack(args.pages, args.dpi, args.seed, Path(folder))
        made = time.perf_counter() - started
        print(f"made {args.pages} pages in {made:.0f} s ({path.stat().st_size >> 20} MB)")
        started = time.perf_counter()
        reads = [read_page(page.image) for page in iter_pages(path, args.dpi)]
        seconds = time.perf_counter() - started
    right = unsure = wrong = unsure_plain = 0
    codes = sum(r.code is not None for r in reads)
    for fill, read in zip(truth, reads, strict=True):
        for mark, answer in zip(fill.marks, read.answers, strict=True):
            if not answer.sure:
                unsure += 2
                unsure_plain += 2 if mark in SURE else 0
            elif mark in SURE and answer.value == SURE[mark]:
                right += 2
            else:
                wrong += 2
    boxes = right + unsure + wrong
    print(f"pages: {len(reads)}, code read on {codes}; {len(reads) / seconds:.1f} pages/s ({seconds:.1f} s)")
    print(
        f"boxes: {boxes}; right {right} ({right / boxes:.2%}), unsure {unsure} ({unsure / boxes:.2%}, "
        f"of which {unsure_plain} plain marks), wrong among sure {wrong}"
    )
    return 0 if wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
