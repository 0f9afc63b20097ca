"""Recognising the header row of a line-item table and the columns it defines."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from extractors.fields.label_trie import label_trie
from extractors.layout import Line, Segment
from extractors.normalize.phrases import has_cjk, lexicon_words
from models.pages import Page, Table, Word

ROLE_PRIORITY = (
    "quantity",
    "unit_price",
    "amount",
    "description",
    "sku",
    "customer_sku",
    "unit",
    "line_no",
    "delivery_date",
    "hs_code",
    "discount",
    "tax_rate",
)


@dataclass(slots=True)
class Column:
    """One column of a line-item table: its role and horizontal extent."""

    role: str
    x0: float
    x1: float
    header: str


def _match_words(line: Line) -> list[tuple[frozenset[str], float, float, str, int]]:
    """Column-label matches in each segment of the line, as (roles, x0, x1, text, segment index).

    A label never spans two segments: "Unit" and "Price £" in two cells are two headers, not "Unit Price".
    """
    found = []
    for k, seg in enumerate(line.segments):
        words = seg.words
        text = " ".join(w.text for w in words)
        starts, pos = [], 0
        for w in words:
            starts.append(pos)
            pos += len(w.text) + 1
        for m in label_trie("columns").find(text):
            a, b = m.start, m.end - 1
            first = max(bisect.bisect_right(starts, a) - 1, 0)
            if starts[first] + len(words[first].text) <= a:
                first += 1
            covered = words[first : bisect.bisect_right(starts, b)]
            if covered:
                found.append((m.fields, covered[0].x0, covered[-1].x1, text[a : b + 1], k))
    return found


@cache
def _supplier_words() -> frozenset[str]:
    return frozenset(word.casefold() for word in lexicon_words("supplier_words"))


def _names_supplier(header: str) -> bool:
    """A column header that says the number is the supplier's ("Your Part No.", "Ihre Art.-Nr.", "供应商编号")."""
    words = set(re.findall(r"[^\W\d_]+\.?", header.casefold()))
    return bool(words & _supplier_words()) or any(w in header for w in _supplier_words() if has_cjk(w))


def header_columns(line: Line) -> list[Column] | None:
    """Columns if the line is a line-item table header: quantity plus at least two other roles."""
    matches = _match_words(line)
    if len(matches) < 3:
        return None
    covered = sum(len(m[3]) for m in matches)
    cells = {m[4] for m in matches}
    wide = len(line.segments) >= 8 and len(cells) >= 0.4 * len(line.segments)  # a flat ERP export's many columns
    if covered < 0.6 * sum(len(w.text) for w in line.words) and not wide:
        return None
    used: set[str] = set()
    columns: list[Column] = []

    def rank(match: tuple[frozenset[str], float, float, str, int]) -> tuple[bool, bool]:
        # the supplier's own item number ("Ihre Art.-Nr.", "Vendor Item #") is the sku; a second code column
        # beside it ("Material", "Item #") is then the buyer's; a label that is its whole cell ("Kurztext") goes
        # before one that is a word of a longer header ("Name" of "Name des Lieferanten")
        roles, _, _, text, k = match
        whole = len(text) >= 0.8 * len(line.segments[k].text.strip())
        return not ("sku" in roles and _names_supplier(text)), not whole

    for roles, x0, x1, text, _ in sorted(matches, key=rank):
        role = next((r for r in ROLE_PRIORITY if r in roles and r not in used), None)
        if role is None and "sku" in roles and "customer_sku" not in used:
            role = "customer_sku"
        if role is None:
            continue
        used.add(role)
        columns.append(Column(role, x0, x1, text))
    if "quantity" not in used or not ({"description", "sku"} & used) or len(columns) < 3:
        return None
    return sorted(columns + _other_columns(line, columns), key=lambda c: c.x0)


def _other_columns(line: Line, columns: list[Column]) -> list[Column]:
    """Header words no lexicon knows ("Partida arancelaria", "Weight") become columns of role `other:N`.

    Their data then stays in its own column instead of spilling into a neighbour's (an HS code into the quantity).
    """
    others: list[Column] = []
    for word in line.words:
        if any(min(word.x1, c.x1) - max(word.x0, c.x0) > 0 for c in columns):
            continue
        gap = 0.9 * max(word.bottom - word.top, 1.0)
        near = next((c for c in columns if -gap < word.x0 - c.x1 < gap), None)
        if near is not None:  # "(EUR)" after "Valore", "Ordered" after "Qty": part of that header
            near.x0, near.x1 = min(near.x0, word.x0), max(near.x1, word.x1)
            continue
        last = others[-1] if others else None
        if last is not None and word.x0 - last.x1 < 0.9 * max(word.bottom - word.top, 1.0):
            last.x1, last.header = word.x1, f"{last.header} {word.text}"
            continue
        others.append(Column(f"other:{len(others)}", word.x0, word.x1, word.text))
    return others


def stacked(top: Line, below: Line) -> Line | None:
    """A two-line header ("Order" over "Qty") as one line: words under a segment join that segment's text."""
    if below.page != top.page or below.top - top.bottom > 0.8 * max(top.height, 1.0):
        return None
    if any(ch.isdigit() for ch in below.text) or not _header_like(top, below):
        return None
    merged = [Word(w.text, w.x0, w.top, w.x1, w.bottom) for w in top.words]
    for word in below.words:
        overlaps = [(min(word.x1, m.x1) - max(word.x0, m.x0), m) for m in merged[: len(top.words)]]
        width, host = max(overlaps, key=lambda o: o[0], default=(0.0, None))
        if host is not None and width > 0:
            host.text, host.x1 = f"{host.text} {word.text}", max(host.x1, word.x1)
        else:
            merged.append(Word(word.text, word.x0, top.top, word.x1, top.bottom))
    merged.sort(key=lambda w: w.x0)
    segment = Segment(merged, " ".join(w.text for w in merged), merged[0].x0, top.top, merged[-1].x1, top.bottom)
    return Line(top.page, merged, [segment], segment.x0, top.top, segment.x1, below.bottom, top.index)


def _header_like(top: Line, below: Line) -> bool:
    """Whether `top` can be the upper line of a two-line header.

    It must hold header words, each segment over one column of the lower line: a contact line ("Attn. Wang
    Lei") right above a header is no part of it.
    """
    if not label_trie("columns").find(top.text):
        return False
    for seg in top.segments:
        spanned = [b for b in below.segments if min(seg.x1, b.x1) - max(seg.x0, b.x0) > 0]
        if len(spanned) > 1:
            return False
    return True


def snap_to_table(columns: list[Column], line: Line, page: Page | None) -> Table | None:
    """Widen columns to the cell edges of a ruled table holding the header line; return that table."""
    if page is None:
        return None
    center = (line.top + line.bottom) / 2
    for table in page.tables:
        if table.source == "ocr" and not _spans_header(table, line):
            continue
        for row in table.rows:
            cells = [c for c in row if c is not None]
            if not cells or not (min(c.top for c in cells) - 1 <= center <= max(c.bottom for c in cells) + 1):
                continue
            if len(cells) < max(2, len(columns) // 2):
                return table  # rules between rows only (one cell per row): the row bands, not the columns
            for col in columns:
                mid = (col.x0 + col.x1) / 2
                cell = next((c for c in cells if c.x0 - 1 <= mid <= c.x1 + 1), None)
                if cell is not None:
                    col.x0, col.x1 = cell.x0, cell.x1
            return table
    for table in page.tables:
        first = [c for c in table.rows[0] if c is not None] if table.rows else []
        height = max(line.bottom - line.top, 1.0)
        if table.source != "ocr" or not _spans_header(table, line):
            continue
        if first and line.bottom - height <= first[0].top <= line.bottom + 1.5 * height:
            return table  # a shaded header row without column rules over the ruled grid of the items
    return None


def _spans_header(table: Table, line: Line) -> bool:
    """A grid found from erased rules spans the header's columns (not the rules of one column or box)."""
    cells = [c for row in table.rows for c in row if c is not None]
    return bool(cells) and min(c.x0 for c in cells) <= line.x0 + 10 and max(c.x1 for c in cells) >= line.x1 - 10


def row_bands(table: Table | None) -> list[tuple[float, float]]:
    """Vertical extents of a structured table's rows (lines inside one band form one item)."""
    if table is None:
        return []
    bands = []
    for row in table.rows:
        cells = [c for c in row if c is not None]
        if cells:
            bands.append((min(c.top for c in cells), max(c.bottom for c in cells)))
    # a cell merged down over the next rows ("MERIDA" beside three items) ends its row where the next begins
    return [
        (top, min(bottom, nxt[0]) if nxt[0] > top else bottom)
        for (top, bottom), nxt in zip(bands, [*bands[1:], (1e9, 0.0)], strict=True)
    ]
