"""Phone photos of a page: find the sheet on the table, warp it flat, even out the light.

A photo of a printed page lying on a darker table is not a page image: the page fills 70-90 % of the frame at a
slight angle and in perspective, the table around it is dark (and textured), and the light falls off across
the frame. Tesseract binarizes with one global Otsu threshold, so the dark table and the shaded half of the
page both come out black, and the frame's size says nothing about the paper's resolution. Measured on
rendered orders photographed that way (docs/ocr.md): no word at all was read on 8 of 8 photos before.

1. `find_page`: on a small copy (`FIND_SIDE` pixels long), Otsu splits paper from table; each side of the
   sheet is fitted as a straight line through the outermost paper pixel of every row or column (trimmed
   least squares, so a finger or a fold does not pull it), and the four lines meet at the corners. The sheet
   is taken only when the frame's border is mostly table (darker than the paper by `MIN_CONTRAST`), it covers
   `MIN_AREA` to `MAX_AREA` of the frame and its corners are near right angles.
2. `flatten`: a perspective warp maps the quadrilateral (moved inwards by `INSET` of the page so that the
   sheet's edge and shadow stay out) to an upright rectangle. The paper's resolution is estimated from its
   area as an A4 sheet, not from the frame.
3. `even_light`: the paper's brightness (a max filter over a 1/16 copy, wider than any text stroke, smoothed)
   divides the image, so the paper is evenly white and the text keeps its contrast in the shade. Only done
   where the paper's brightness varies by more than `UNEVEN` (photos, shadows), never on even scans.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

FIND_SIDE = 600
"""Long side of the copy the sheet is searched on."""
MIN_AREA = 0.2
MAX_AREA = 0.96
"""Share of the frame the sheet must cover; above MAX_AREA there is nothing to cut away."""
MIN_CONTRAST = 40.0
"""Gray levels by which the table at the frame's border must be darker than the paper."""
MIN_TABLE_BORDER = 0.5
"""Share of the frame's border pixels that must be table, not paper."""
MAX_CORNER_DEVIATION = 20.0
"""Degrees a corner of the sheet may differ from a right angle (perspective of a hand-held photo)."""
INSET = 0.008
"""Share of the sheet's width and height cut off at each edge (the paper's edge and its shadow; margins
of printed pages are wider)."""
A4_AREA = 8.27 * 11.69
"""Square inches of an A4 sheet: the resolution of a photographed page comes from its area."""
PAPER = 235.0
"""Gray level of the paper after the light is evened out."""
UNEVEN = 1.12
"""Ratio of the 95th to the 5th percentile of the paper's brightness above which the light is evened out."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """A page found in a photo: corners in frame pixels (top left, top right, bottom right, bottom left)."""

    corners: tuple[tuple[float, float], ...]

    @property
    def width(self) -> float:
        """Mean length of the top and bottom edges, in frame pixels."""
        (a, b, c, d) = self.corners
        return (math.dist(a, b) + math.dist(d, c)) / 2

    @property
    def height(self) -> float:
        """Mean length of the left and right edges, in frame pixels."""
        (a, b, c, d) = self.corners
        return (math.dist(a, d) + math.dist(b, c)) / 2

    @property
    def dpi(self) -> float:
        """Resolution of the paper in the photo, taking the sheet for A4."""
        return math.sqrt(self.width * self.height / A4_AREA)


def find_page(gray: Image.Image) -> Sheet | None:
    """The sheet of paper lying on a darker table in a photo, or None when the frame is no such photo."""
    factor = FIND_SIDE / max(gray.size)
    if factor >= 1.0:
        return None
    size = (max(16, round(gray.width * factor)), max(16, round(gray.height * factor)))
    small = np.asarray(gray.resize(size, Image.Resampling.BOX).filter(ImageFilter.GaussianBlur(1.5)), dtype=np.int16)
    if int(small.max()) - int(small.min()) < MIN_CONTRAST:
        return None  # one level all over (a blank page): no sheet to tell from a table
    threshold = _otsu(small)
    paper = small > threshold
    border = np.concatenate([small[:3].ravel(), small[-3:].ravel(), small[:, :3].ravel(), small[:, -3:].ravel()])
    inside = small[paper]
    if not inside.size or float((border <= threshold).mean()) < MIN_TABLE_BORDER:
        return None
    if float(np.median(inside)) - float(np.median(border)) < MIN_CONTRAST:
        return None
    # Text and rules inside the sheet are dark too: close them (max then min filter) before reading the edges.
    closed = Image.fromarray((paper * 255).astype(np.uint8)).filter(ImageFilter.MaxFilter(5))
    mask = np.asarray(closed.filter(ImageFilter.MinFilter(9)).filter(ImageFilter.MaxFilter(5))) > 0
    if not MIN_AREA <= float(mask.mean()) <= MAX_AREA:
        return None
    lines = _edges(mask)
    if lines is None:
        return None
    top, right, bottom, left = lines
    corners = [_meet(top, left), _meet(top, right), _meet(bottom, right), _meet(bottom, left)]
    if any(c is None for c in corners):
        return None
    points = [(c[0] / factor, c[1] / factor) for c in corners if c is not None]
    sheet = Sheet(tuple(points))
    if not _plausible(sheet, gray.size):
        return None
    return sheet


def flatten(gray: Image.Image, sheet: Sheet, dpi: float) -> Image.Image:
    """The sheet warped to an upright rectangle at dpi (the paper's edge cut off by `INSET`)."""
    factor = dpi / sheet.dpi
    width, height = max(1, round(sheet.width * factor)), max(1, round(sheet.height * factor))
    (tl, tr, br, bl) = sheet.corners
    u, v = INSET, 1 - INSET

    def at(s: float, t: float) -> tuple[float, float]:
        # Bilinear position on the quadrilateral: close enough to the projective one for a few percent's inset.
        x = (1 - s) * (1 - t) * tl[0] + s * (1 - t) * tr[0] + s * t * br[0] + (1 - s) * t * bl[0]
        y = (1 - s) * (1 - t) * tl[1] + s * (1 - t) * tr[1] + s * t * br[1] + (1 - s) * t * bl[1]
        return x, y

    source = [at(u, u), at(v, u), at(v, v), at(u, v)]
    out_w, out_h = round(width * (v - u)), round(height * (v - u))
    target = [(0.0, 0.0), (float(out_w), 0.0), (float(out_w), float(out_h)), (0.0, float(out_h))]
    coefficients = _perspective(source, target)
    return gray.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC)


def even_light(gray: Image.Image, dpi: float) -> Image.Image | None:
    """The image divided by its paper brightness, or None when the light is even enough as it is."""
    step = max(1, round(dpi / 20))
    small_size = (max(4, gray.width // step), max(4, gray.height // step))
    small = gray.resize(small_size, Image.Resampling.BOX)
    # At 20 dpi a 7 px window is 0.35 inch: wider than text strokes and rules, so only the paper's light is left.
    paper = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.MinFilter(3)).filter(ImageFilter.GaussianBlur(2))
    levels = np.asarray(paper, dtype=np.float32)
    low, high = np.percentile(levels, [5, 95])
    if low <= 0 or high / max(low, 1.0) < UNEVEN:
        return None
    background = np.asarray(paper.resize(gray.size, Image.Resampling.BILINEAR), dtype=np.float32)
    pixels = np.asarray(gray, dtype=np.float32)
    evened = pixels * (PAPER / np.maximum(background, 16.0))
    return Image.fromarray(evened.clip(0, 255).astype(np.uint8))


def _otsu(pixels: np.ndarray) -> float:
    histogram = np.bincount(pixels.ravel().clip(0, 255).astype(np.int64), minlength=256).astype(np.float64)
    total = histogram.sum()
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight / total - mean) ** 2 / (weight * (total - weight))
    return float(np.nanargmax(between[:-1]))


Line = tuple[float, float, bool]
"""y = a * x + b (horizontal edge, flag False) or x = a * y + b (vertical edge, flag True)."""


def _edges(mask: np.ndarray) -> tuple[Line, Line, Line, Line] | None:
    """Top, right, bottom and left edge of the paper region, fitted through its outermost pixels."""
    rows_with = np.flatnonzero(mask.any(axis=1))
    cols_with = np.flatnonzero(mask.any(axis=0))
    if len(rows_with) < 20 or len(cols_with) < 20:
        return None
    top_y = np.argmax(mask, axis=0).astype(np.float64)
    bottom_y = (mask.shape[0] - 1 - np.argmax(mask[::-1], axis=0)).astype(np.float64)
    left_x = np.argmax(mask, axis=1).astype(np.float64)
    right_x = (mask.shape[1] - 1 - np.argmax(mask[:, ::-1], axis=1)).astype(np.float64)
    fitted = []
    for values, span, vertical in (
        (top_y, cols_with, False),
        (right_x, rows_with, True),
        (bottom_y, cols_with, False),
        (left_x, rows_with, True),
    ):
        # The middle of each side only: near the corners the outermost pixel belongs to the neighbouring side.
        first, last = int(span[0]), int(span[-1])
        margin = (last - first) * 0.15
        positions = np.arange(round(first + margin), round(last - margin) + 1)
        line = _robust_line(positions.astype(np.float64), values[positions])
        if line is None:
            return None
        fitted.append((line[0], line[1], vertical))
    return fitted[0], fitted[1], fitted[2], fitted[3]


def _robust_line(xs: np.ndarray, ys: np.ndarray) -> tuple[float, float] | None:
    """Least-squares line through the points, refitted twice without the points far off it."""
    keep = np.ones(len(xs), dtype=bool)
    slope = intercept = 0.0
    for _ in range(3):
        if keep.sum() < max(10, len(xs) // 3):
            return None
        slope, intercept = (float(v) for v in np.polyfit(xs[keep], ys[keep], 1))
        residual = np.abs(ys - (slope * xs + intercept))
        limit = max(2.0, 3 * float(np.median(residual[keep])))
        keep = residual <= limit
    if keep.mean() < 0.5:
        return None
    return slope, intercept


def _meet(horizontal: Line, vertical: Line) -> tuple[float, float] | None:
    a, b, _ = horizontal  # y = a x + b
    c, d, _ = vertical  # x = c y + d
    denominator = 1 - a * c
    if abs(denominator) < 1e-6:
        return None
    y = (a * d + b) / denominator
    return c * y + d, y


def _plausible(sheet: Sheet, size: tuple[int, int]) -> bool:
    corners = sheet.corners
    area = 0.5 * abs(
        sum(corners[i][0] * corners[(i + 1) % 4][1] - corners[(i + 1) % 4][0] * corners[i][1] for i in range(4))
    )
    frame = size[0] * size[1]
    if not MIN_AREA * frame <= area <= 1.02 * frame:
        return False
    for i in range(4):
        a, b, c = corners[i - 1], corners[i], corners[(i + 1) % 4]
        v1, v2 = (a[0] - b[0], a[1] - b[1]), (c[0] - b[0], c[1] - b[1])
        norm = math.hypot(*v1) * math.hypot(*v2)
        if not norm:
            return False
        angle = math.degrees(math.acos(max(-1.0, min(1.0, (v1[0] * v2[0] + v1[1] * v2[1]) / norm))))
        if abs(angle - 90) > MAX_CORNER_DEVIATION:
            return False
    ratio = max(sheet.width, sheet.height) / max(1.0, min(sheet.width, sheet.height))
    return 1.0 <= ratio <= 1.8


def _perspective(source: list[tuple[float, float]], target: list[tuple[float, float]]) -> list[float]:
    """Coefficients of Pillow's PERSPECTIVE transform mapping target (output) points to source (input) points."""
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(source, dtype=np.float64).reshape(8))
    return [float(v) for v in solution]
