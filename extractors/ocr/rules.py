"""Table rulings erased before OCR.

Tesseract reads the vertical rules of a ruled table as `|`, `[` or `]` glued to the neighbouring cell text
(`|KP-WL-2040`, `7,300}`) and lets rules merge cells into one word box, which breaks both the values and the
column positions the line-item reader goes by. A rule is a straight run of ink far longer than any letter
stroke: vertical runs of at least `MIN_VERTICAL_INCHES` and horizontal runs of at least
`MIN_HORIZONTAL_INCHES` are painted white (with a pixel of margin for anti-aliasing). Run on the deskewed
page, where rules are axis-parallel; a quarter-size look first skips pages without rules at little cost.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

MIN_VERTICAL_INCHES = 0.5
"""Longer than the stroke of a 30 pt capital, shorter than three table rows."""
MIN_HORIZONTAL_INCHES = 0.6
LOOK_FACTOR = 4


def remove_rules(gray: Image.Image, dpi: float, hairlines: bool = True) -> Image.Image | None:
    """The page with its table rules erased, or None when it has none.

    Args:
        gray: The deskewed page.
        dpi: Its resolution.
        hairlines: Look for thin gray rules too (pages that were gray before any scaling, not faxes).
    """
    small = np.asarray(gray.reduce(LOOK_FACTOR))
    threshold = otsu_threshold(small)
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
    for a, b, rule in horizontal:
        _erase(pixels[a:b, :], rule, axis=0)
    return Image.fromarray(pixels)


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
