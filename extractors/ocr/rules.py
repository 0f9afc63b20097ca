"""Table rulings erased before OCR.

Tesseract reads the vertical rules of a ruled table as `|`, `[` or `]` glued to the neighbouring cell text
(`|KP-WL-2040`, `7,300}`) and lets rules merge cells into one word box, which breaks both the values and the
column positions the line-item reader goes by. A rule is a straight run of ink far longer than any letter
stroke: vertical runs of at least `MIN_VERTICAL_INCHES` and horizontal runs of at least
`MIN_HORIZONTAL_INCHES` are painted white (with a pixel of margin for anti-aliasing). Run on the deskewed
page, where rules are axis-parallel; a quarter-size look first skips pages without rules at little cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
from PIL import Image

MIN_VERTICAL_INCHES = 0.5
"""Longer than the stroke of a 30 pt capital, shorter than three table rows."""
MIN_HORIZONTAL_INCHES = 0.6
MIN_FILL_INCHES = 0.08
"""Piled-up horizontal ink runs at least this tall are a shaded area, not a rule (a 3 pt rule is 0.04 in)."""
MIN_FILL_WIDTH_INCHES = 1.0
"""Narrower shaded boxes are logos or stamps, whose words are no order field: they are left as they are."""
MAX_TEXT_INCHES = 0.15
"""Gap between ink runs bridged when a shaded area is measured: a line of text on it (white letters break the
runs of a dark band); less than a table row, so the rules above and below a row are not taken for a shade."""
LOOK_FACTOR = 4
GRID_TOLERANCE_INCHES = 0.1
"""Rules whose ends lie this close belong to one grid; a rule broken for longer is two rules."""


Rule = tuple[float, float, float]
"""A rule as (position across it, start, end) in pixels: (y, x0, x1) when horizontal, (x, y0, y1) vertical."""


@dataclass(slots=True)
class Rulings:
    """The rules erased from a page."""

    horizontal: list[Rule] = field(default_factory=list)
    vertical: list[Rule] = field(default_factory=list)

    def grid_rows(self, dpi: float) -> list[list[tuple[float, float, float, float]]]:
        """The row boxes (x0, top, x1, bottom) of each ruled grid: a table ruled between its rows and columns.

        Consecutive horizontal rules of the same extent bound a row of a grid when at least two vertical rules
        cross that row; a run of such rows, two or more, is a grid. Rules under a header only (no columns ruled)
        make none: their bands would hold several items.
        """
        tol = GRID_TOLERANCE_INCHES * dpi
        found: list[list[tuple[float, float, float, float]]] = []
        for group in self._same_extent(tol):
            run: list[tuple[float, float, float, float]] = []
            for a, b in pairwise(group):
                crossing = [
                    v
                    for v in self.vertical
                    if a[1] - tol <= v[0] <= a[2] + tol and v[1] <= a[0] + tol and v[2] >= b[0] - tol
                ]
                if len(crossing) >= 2:
                    run.append((a[1], a[0], a[2], b[0]))
                    continue
                if len(run) >= 2:
                    found.append(run)
                run = []
            if len(run) >= 2:
                found.append(run)
        return found

    def _same_extent(self, tol: float) -> list[list[Rule]]:
        groups: list[list[Rule]] = []
        for rule in sorted(self.horizontal):
            group = next((g for g in groups if abs(g[-1][1] - rule[1]) < tol and abs(g[-1][2] - rule[2]) < tol), None)
            if group is None:
                groups.append([rule])
            else:
                group.append(rule)
        return groups


def erase_rules(gray: Image.Image, dpi: float, hairlines: bool = True) -> tuple[Image.Image | None, Rulings]:
    """The page with its shaded cells lifted and its table rules erased (None when it has neither), and the rules.

    Args:
        gray: The deskewed page.
        dpi: Its resolution.
        hairlines: Look for thin gray rules too (pages that were gray before any scaling, not faxes).
    """
    small = np.asarray(gray.reduce(LOOK_FACTOR))
    threshold = otsu_threshold(small)
    lifted = lift_fills(gray, dpi, small, threshold)
    if lifted is not None:
        # The threshold stays the page's own: the lifted areas are no rules, the rest of the page is as it was.
        gray = lifted
        small = np.asarray(gray.reduce(LOOK_FACTOR))
    rulings = Rulings()
    return _without_rules(gray, dpi, small, threshold, hairlines, rulings) or lifted, rulings


def lift_fills(gray: Image.Image, dpi: float, small: np.ndarray, threshold: int) -> Image.Image | None:
    """The page with its shaded areas (header cells, dark header bands) turned into text on white, or None.

    A shaded table header is darker than the ink threshold over its whole area: rule erasure would take it
    for a thick rule and paint it white together with the words on it, and Tesseract's own binarization
    turns it into a black box. An area counts as shaded when long horizontal runs of ink pile up to at least
    `MIN_FILL_INCHES` (rows of a light text line or of white letters on a dark band in between are bridged
    up to `MAX_TEXT_INCHES`) and its median is darker than the threshold. Each area is stretched so that its
    shade becomes white and its text black: dark text on a light shade keeps its tone order, white text on a
    dark band is inverted.
    """
    ink = small < threshold
    runs = _runs(ink, round(MIN_HORIZONTAL_INCHES * dpi / LOOK_FACTOR), axis=1)
    if not runs.any():
        return None
    thick = _runs(
        _bridged(runs, round(MAX_TEXT_INCHES * dpi / LOOK_FACTOR)), round(MIN_FILL_INCHES * dpi / LOOK_FACTOR), axis=0
    )
    areas = [
        (top * LOOK_FACTOR, bottom * LOOK_FACTOR, left * LOOK_FACTOR, right * LOOK_FACTOR)
        for top, bottom in _spans(np.asarray(thick.any(axis=1)))
        for left, right in _spans(np.asarray(thick[top:bottom].any(axis=0)))
        if (right - left) * LOOK_FACTOR >= MIN_FILL_WIDTH_INCHES * dpi
    ]
    pixels = np.asarray(gray).copy()
    changed = False
    for top, bottom, left, right in areas:
        area = pixels[top:bottom, left:right]
        shade = float(np.median(area))
        if shade >= threshold:
            continue  # rules close together, not a shaded area
        darkest, lightest = np.percentile(area, [1, 99])
        if shade - darkest >= lightest - shade:
            # Dark text on a light shade: brightened until the shade is white, the text as dark as it was.
            scaled = area.astype(np.float32) / max(shade, 1.0)
        else:
            # Light text on a dark band: inverted, then brightened the same way.
            scaled = (255.0 - area.astype(np.float32)) / max(255.0 - shade, 1.0)
        pixels[top:bottom, left:right] = np.clip(scaled * 255.0, 0, 255).astype(np.uint8)
        changed = True
    return Image.fromarray(pixels) if changed else None


def _bridged(mask: np.ndarray, gap: int) -> np.ndarray:
    """The mask with vertical gaps of at most `gap` pixels between two of its pixels in a column filled."""
    rows = np.arange(mask.shape[0], dtype=np.int64)[:, np.newaxis]
    above = np.maximum.accumulate(np.where(mask, rows, -(10**9)), axis=0)
    below = np.minimum.accumulate(np.where(mask, rows, 10**9)[::-1], axis=0)[::-1]
    return mask | ((below - above) <= gap + 1)


def _spans(hits: np.ndarray) -> list[tuple[int, int]]:
    """Index ranges [start, end) of the runs of True."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], hits.astype(np.int8), [0]])))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _without_rules(
    gray: Image.Image, dpi: float, small: np.ndarray, threshold: int, hairlines: bool, rulings: Rulings
) -> Image.Image | None:
    # On a gray page the darkest pixel of each block, not the mean: a deskewed hairline one pixel thick is a
    # quarter as dark in the mean. Not on a black-and-white page (a fax, `hairlines` False), where the darkest
    # pixels of its noise line up into runs (measured: scan_en_3 lost a line item and the seller e-mail).
    small_ink = (_block_min(np.asarray(gray)) if hairlines else small) < threshold
    vertical_hits = np.asarray(_runs(small_ink, round(MIN_VERTICAL_INCHES * dpi / LOOK_FACTOR), axis=0).any(axis=0))
    horizontal_hits = np.asarray(_runs(small_ink, round(MIN_HORIZONTAL_INCHES * dpi / LOOK_FACTOR), axis=1).any(axis=1))
    columns, rows = _bands(vertical_hits), _bands(horizontal_hits)
    if not columns and not rows:
        return None
    original = np.asarray(gray)
    pixels = original.copy()
    # Both directions are found on the original: erasing vertical rules first would cut the horizontal ones
    # into cell-wide pieces too short to be recognised as rules.
    vertical = [
        (a, b, _runs(original[:, a:b] < threshold, round(MIN_VERTICAL_INCHES * dpi), axis=0)) for a, b in columns
    ]
    horizontal = [
        (a, b, _runs(original[a:b, :] < threshold, round(MIN_HORIZONTAL_INCHES * dpi), axis=1)) for a, b in rows
    ]
    if not any(rule.any() for _, _, rule in vertical + horizontal):
        return None  # the look's darkest pixels lined up, the page's own runs are not rules
    for a, b, rule in vertical:
        _erase(pixels[:, a:b], rule, axis=1)
        rulings.vertical.extend(_pieces(rule.T, a, dpi))
    for a, b, rule in horizontal:
        _erase(pixels[a:b, :], rule, axis=0)
        rulings.horizontal.extend(_pieces(rule, a, dpi))
    return Image.fromarray(pixels)


def _pieces(rule: np.ndarray, offset: int, dpi: float) -> list[Rule]:
    """The rules in a band's rule mask (rows across, columns along), split where they break for a while."""
    along = np.flatnonzero(rule.any(axis=0))
    if not len(along):
        return []
    across = offset + float(np.flatnonzero(rule.any(axis=1)).mean())
    breaks = np.flatnonzero(np.diff(along) > GRID_TOLERANCE_INCHES * dpi)
    starts, ends = [along[0], *along[breaks + 1]], [*along[breaks], along[-1]]
    return [(across, float(a), float(b)) for a, b in zip(starts, ends, strict=True)]


def _block_min(pixels: np.ndarray) -> np.ndarray:
    height, width = pixels.shape[0] // LOOK_FACTOR * LOOK_FACTOR, pixels.shape[1] // LOOK_FACTOR * LOOK_FACTOR
    blocks = pixels[:height, :width].reshape(height // LOOK_FACTOR, LOOK_FACTOR, width // LOOK_FACTOR, LOOK_FACTOR)
    return np.asarray(blocks.min(axis=(1, 3)))


def _bands(hits: np.ndarray) -> list[tuple[int, int]]:
    """Full-resolution index ranges (with a margin) around the quarter-size positions that hold rules."""
    bands: list[tuple[int, int]] = []
    for index in np.nonzero(hits)[0].tolist():
        first, last = max(0, (index - 1) * LOOK_FACTOR), (index + 2) * LOOK_FACTOR
        if bands and first <= bands[-1][1]:
            bands[-1] = (bands[-1][0], last)
        else:
            bands.append((first, last))
    return bands


def _erase(strip: np.ndarray, rule: np.ndarray, axis: int) -> None:
    """Paint rule pixels white, one pixel wider on both sides across the rule (anti-aliasing)."""
    wide = rule.copy()
    if axis == 1:
        wide[:, 1:] |= rule[:, :-1]
        wide[:, :-1] |= rule[:, 1:]
    else:
        wide[1:, :] |= rule[:-1, :]
        wide[:-1, :] |= rule[1:, :]
    strip[wide] = 255


def _runs(ink: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels that belong to an unbroken run of at least `length` ink pixels along the axis."""
    if length < 2 or ink.shape[axis] < length:
        return np.zeros_like(ink)
    counts = np.cumsum(ink, axis=axis, dtype=np.int32)
    counts = np.concatenate([np.zeros_like(counts.take([0], axis=axis)), counts], axis=axis)
    size = ink.shape[axis]
    full = (
        counts.take(np.arange(length, size + 1), axis=axis) - counts.take(np.arange(0, size - length + 1), axis=axis)
    ) == length
    # A pixel is covered when any full window starting at most length-1 before it contains it.
    starts = np.cumsum(full, axis=axis, dtype=np.int32)
    starts = np.concatenate([np.zeros_like(starts.take([0], axis=axis)), starts], axis=axis)
    upper = np.minimum(np.arange(size) + 1, full.shape[axis])
    lower = np.maximum(np.arange(size) - length + 1, 0)
    return (starts.take(upper, axis=axis) - starts.take(lower, axis=axis)) > 0


def otsu_threshold(pixels: np.ndarray) -> int:
    """Otsu's global threshold of an 8-bit image (ink is below it)."""
    histogram = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = histogram.sum()
    if not total:
        return 128
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    between = (mean[-1] * weight / total - mean) ** 2 / np.maximum(weight * (total - weight), 1e-9)
    return int(np.argmax(between[:-1])) + 1
