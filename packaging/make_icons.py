"""Draw the IBP Desktop application icon: a petrol-blue shield with a white lock that says "IBP".

One geometry (in a 256 x 256 design space) feeds both the SVG and the Pillow drawing, so the vector
and bitmap icons match. Run from the repository root after changing the drawing:

    .venv/bin/python packaging/make_icons.py

Writes resources/icons/ibp-desktop.svg, ibp-desktop-<size>.png (16 ... 256) and ibp-desktop.ico
(all sizes in one file, for the Windows executable and installer). Needs Pillow only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"

PETROL = "#1d6a8a"
PETROL_DARK = "#14506a"
WHITE = "#ffffff"
SIZES = (16, 24, 32, 48, 64, 128, 256)
TEXT_FROM = 48  # below this the letters are unreadable: draw a keyhole instead
SUPERSAMPLE = 4

# Shield outline: a start point, then cubic Bézier segments (c1, c2, end) and straight lines (end,).
SHIELD_START = (128.0, 14.0)
SHIELD_SEGMENTS: tuple[tuple[tuple[float, float], ...], ...] = (
    ((160, 33), (192, 40), (224, 40)),
    ((224, 118),),
    ((224, 180), (182, 220), (128, 244)),
    ((74, 220), (32, 180), (32, 118)),
    ((32, 40),),
    ((64, 40), (96, 33), (128, 14)),
)
SHACKLE_CENTER, SHACKLE_RADIUS, SHACKLE_WIDTH = (128, 112), 36, 16  # radius to the stroke's middle
BODY = (70, 114, 186, 202)  # left, top, right, bottom
BODY_RADIUS = 12
TEXT, TEXT_SIZE, TEXT_Y = "IBP", 44, 160
KEYHOLE_CENTER, KEYHOLE_RADIUS = (128, 150), 14


def _bezier(p0: tuple[float, float], c1: tuple[float, float], c2: tuple[float, float],
            p3: tuple[float, float], steps: int = 24) -> list[tuple[float, float]]:
    points = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        x = u**3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p3[0]
        y = u**3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p3[1]
        points.append((x, y))
    return points


def shield_polygon() -> list[tuple[float, float]]:
    points = [SHIELD_START]
    for segment in SHIELD_SEGMENTS:
        if len(segment) == 1:
            points.append(segment[0])
        else:
            points.extend(_bezier(points[-1], segment[0], segment[1], segment[2]))
    return points


def shield_path() -> str:
    parts = [f"M {SHIELD_START[0]:g} {SHIELD_START[1]:g}"]
    for segment in SHIELD_SEGMENTS:
        coords = ", ".join(f"{x:g} {y:g}" for x, y in segment)
        parts.append(("L " if len(segment) == 1 else "C ") + coords)
    return " ".join(parts) + " Z"


def svg() -> str:
    cx, cy = SHACKLE_CENTER
    r = SHACKLE_RADIUS
    left, top, right, bottom = BODY
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>IBP Desktop</title>
  <path d="{shield_path()}" fill="{PETROL}" stroke="{PETROL_DARK}" stroke-width="6" stroke-linejoin="round"/>
  <path d="M {cx - r} {top + 4} L {cx - r} {cy} A {r} {r} 0 0 1 {cx + r} {cy} L {cx + r} {top + 4}"
        fill="none" stroke="{WHITE}" stroke-width="{SHACKLE_WIDTH}"/>
  <rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" rx="{BODY_RADIUS}"
        fill="{WHITE}"/>
  <text x="128" y="{TEXT_Y}" text-anchor="middle" dominant-baseline="central" fill="{PETROL}"
        font-family="DejaVu Sans, Verdana, sans-serif" font-weight="bold"
        font-size="{TEXT_SIZE}">{TEXT}</text>
</svg>
"""


def draw(size: int) -> Image.Image:
    """The icon at size x size pixels: drawn large, then scaled down for smooth edges."""
    scale = size * SUPERSAMPLE / 256
    big = round(size * SUPERSAMPLE)
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def s(*values: float) -> list[float]:
        return [v * scale for v in values]

    pen.polygon([(x * scale, y * scale) for x, y in shield_polygon()], fill=PETROL, outline=PETROL_DARK,
                width=max(1, round(6 * scale)))
    cx, cy = SHACKLE_CENTER
    outer = SHACKLE_RADIUS + SHACKLE_WIDTH / 2
    pen.arc(s(cx - outer, cy - outer, cx + outer, cy + outer), 180, 360, fill=WHITE,
            width=round(SHACKLE_WIDTH * scale))
    for leg_x in (cx - outer, cx + outer - SHACKLE_WIDTH):
        pen.rectangle(s(leg_x, cy, leg_x + SHACKLE_WIDTH, BODY[1] + 4), fill=WHITE)
    pen.rounded_rectangle(s(*BODY), radius=BODY_RADIUS * scale, fill=WHITE)
    if size >= TEXT_FROM:
        font = ImageFont.truetype(str(FONT), round(TEXT_SIZE * scale))
        pen.text((128 * scale, TEXT_Y * scale), TEXT, font=font, fill=PETROL, anchor="mm")
    else:
        kx, ky = KEYHOLE_CENTER
        pen.ellipse(s(kx - KEYHOLE_RADIUS, ky - KEYHOLE_RADIUS, kx + KEYHOLE_RADIUS, ky + KEYHOLE_RADIUS),
                    fill=PETROL)
        pen.polygon(s(kx - 8, ky, kx + 8, ky, kx + 12, ky + 36, kx - 12, ky + 36), fill=PETROL)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "ibp-desktop.svg").write_text(svg(), encoding="utf-8")
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        image.save(ICONS / f"ibp-desktop-{size}.png", optimize=True)
    # The .ico holds every size drawn at that size (not scaled from 256), so 16 px stays crisp.
    largest = images[max(SIZES)]
    largest.save(ICONS / "ibp-desktop.ico", format="ICO", sizes=[(s, s) for s in SIZES],
                 append_images=[images[s] for s in SIZES if s != max(SIZES)])
    print(f"icons written to {ICONS.relative_to(ROOT)}: svg, png {', '.join(map(str, SIZES))}, ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
