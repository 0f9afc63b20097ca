"""Per-page work of the PDF reader: words, ruled tables and the text-layer quality check.

Everything here works on what pdfplumber has already parsed for the page (its cached objects): one
`extract_words` call, one `find_tables` call on pages that have enough rulings, and cheap string and area
arithmetic; there is no second pass over the characters.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from models.pages import Cell, Table, Word

WORD_SETTINGS: dict[str, Any] = {
    "x_tolerance_ratio": 0.2,
    "y_tolerance": 3,
    "keep_blank_chars": False,
    "use_text_flow": False,
}
"""Characters closer than 0.2 em join into a word: word spaces (about 0.25 em and up) and table columns
split, while tracking and kerning inside a word do not."""

TABLE_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
MIN_RULINGS = 3
"""Fewer horizontal or vertical rulings than this cannot make a table of two cells."""
MAX_RULINGS = 3000
"""More vector objects than this (a chart, a drawing, hatching) are not a table; the table finder's edge
intersection is quadratic, so such pages are skipped."""

_GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
_MAX_GARBAGE_RATIO = 0.3
_FEW_CHARS = 200
"""A page image with fewer readable characters than this on top (a stamp, typed form fields) is OCRed."""
_IMAGE_COVERAGE = 0.5


def page_words(page: Any) -> list[Word]:
    """All words of a pdfplumber page, in its reading order, with boxes relative to the page's top-left."""
    dx, dy = float(page.bbox[0]), float(page.bbox[1])
    return [
        Word(w["text"], w["x0"] - dx, w["top"] - dy, w["x1"] - dx, w["bottom"] - dy)
        for w in page.extract_words(**WORD_SETTINGS)
    ]


def page_tables(page: Any, words: list[Word]) -> list[Table]:
    """Ruled tables of a page (lines strategy), cells filled from the page's words.

    Pages without enough ruling lines are skipped without calling the table finder. Single-cell boxes
    (a frame around an address) are not tables and are dropped.
    """
    if not _has_enough_rulings(page):
        return []
    dx, dy = float(page.bbox[0]), float(page.bbox[1])
    tables: list[Table] = []
    for found in page.find_tables(TABLE_SETTINGS):
        grid = [[_shift(cell, dx, dy) for cell in row.cells] for row in found.rows]
        if sum(cell is not None for row in grid for cell in row) < 2:
            continue
        _fill_cells(grid, words)
        tables.append(Table(rows=grid, source="ruled"))
    return tables


def _has_enough_rulings(page: Any) -> bool:
    objects = page.objects
    rects = len(objects.get("rect", ()))
    lines = len(objects.get("line", ())) + len(objects.get("curve", ()))
    if rects + lines > MAX_RULINGS:
        return False
    return rects * 2 + lines >= MIN_RULINGS or rects >= 2


def _shift(bbox: tuple[float, float, float, float] | None, dx: float, dy: float) -> Cell | None:
    if bbox is None:
        return None
    x0, top, x1, bottom = bbox
    return Cell("", x0 - dx, top - dy, x1 - dx, bottom - dy)


def _fill_cells(grid: list[list[Cell | None]], words: list[Word]) -> None:
    """Put each word into the cell containing its centre; lines within a cell joined by newlines."""
    cells = [cell for row in grid for cell in row if cell is not None]
    left = min(c.x0 for c in cells)
    right = max(c.x1 for c in cells)
    top = min(c.top for c in cells)
    bottom = max(c.bottom for c in cells)
    row_tops = [min((c.top for c in row if c), default=top) for row in grid]
    texts: dict[int, list[Word]] = {}
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        if not (left <= cx <= right and top <= cy <= bottom):
            continue
        row_index = bisect.bisect_right(row_tops, cy) - 1
        for candidate_row in range(row_index, -1, -1):  # a cell spanning rows sits in its first row
            cell = _cell_at(grid[candidate_row], cx, cy)
            if cell is not None:
                texts.setdefault(id(cell), []).append(word)
                break
    for cell in cells:
        cell.text = _join_words(texts.get(id(cell), []))


def _cell_at(row: list[Cell | None], cx: float, cy: float) -> Cell | None:
    for cell in row:
        if cell is not None and cell.x0 <= cx <= cell.x1 and cell.top <= cy <= cell.bottom:
            return cell
    return None


def _join_words(words: list[Word]) -> str:
    parts: list[str] = []
    previous: Word | None = None
    for word in words:
        if previous is not None:
            same_line = abs(word.top - previous.top) < 0.5 * (previous.bottom - previous.top)
            parts.append(" " if same_line else "\n")
        parts.append(word.text)
        previous = word
    return "".join(parts)


def text_layer_unusable(page: Any, words: list[Word]) -> bool:
    """Whether the page needs OCR: no words, mostly undecodable glyphs, or an image with hardly any text.

    Args:
        page: The pdfplumber page (its already parsed image objects are used).
        words: The page's words.

    Returns:
        True when OCR should read this page.

    """
    if not words:
        return True
    text = "".join(word.text for word in words)
    garbage = sum(len(match) for match in _GARBAGE.findall(text))
    if garbage > _MAX_GARBAGE_RATIO * len(text):
        return True
    return len(text) - garbage < _FEW_CHARS and _image_coverage(page) >= _IMAGE_COVERAGE


def _image_coverage(page: Any) -> float:
    width, height = float(page.width), float(page.height)
    if width <= 0 or height <= 0:
        return 0.0
    x_min, y_min = float(page.bbox[0]), float(page.bbox[1])
    covered = 0.0
    for image in page.objects.get("image", ()):
        x0, x1 = max(image["x0"], x_min), min(image["x1"], x_min + width)
        top, bottom = max(image["top"], y_min), min(image["bottom"], y_min + height)
        if x1 > x0 and bottom > top:
            covered += (x1 - x0) * (bottom - top)
    return min(covered / (width * height), 1.0)
