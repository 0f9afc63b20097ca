"""Line items: find the table header, map columns, then read rows across pages.

Works on word lines, so ruled and unruled PDF tables, DOCX and XLSX tables, text and OCRed scans are read alike.
A row starts where the quantity (or price and amount) column holds a number; a line without numbers continues
the previous row's description (wrapped text). Ruled tables add their row bands so that a vertically centred
number still joins its wrapped description. The table ends at a totals line or a labelled terms line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.fields.context import FieldContext
from extractors.fields.labels import label_fields
from extractors.fields.table_header import Column, header_columns, row_bands, snap_to_table
from extractors.layout import Line, Segment
from extractors.normalize.currency import find_currency
from extractors.normalize.dates import parse_date
from extractors.normalize.numbers import parse_decimal
from extractors.normalize.units import parse_unit
from models.pages import Page

STOP_FIELDS = frozenset({"subtotal", "total_amount", "tax_amount", "freight", "discount"})
TERMS_FIELDS = frozenset({"incoterms", "payment_terms", "delivery_date", "shipping_marks", "packaging", "notes"})
NUMBER = re.compile(r"^[^\d\s]{0,4}\s?[-(]?\d[\d.,'\s\u00a0\u202f]*\)?\s?[^\d\s]{0,4}$")
QTY_UNIT = re.compile(r"^\s*([\d.,'\s\u00a0\u202f]*\d)\s*([^\d\s].*)?$")
TEXT_ROLES = ("description", "sku", "customer_sku")


@dataclass(slots=True)
class Row:
    """Cell texts of one line item, by column role, with the lines it came from."""

    cells: dict[str, list[str]] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)

    def text(self, role: str) -> str:
        """A cell's text (wrapped parts joined by a space)."""
        return " ".join(self.cells.get(role, [])).strip()


def _distance(seg: Segment, col: Column) -> float:
    if seg.x1 < col.x0:
        return col.x0 - seg.x1
    if seg.x0 > col.x1:
        return seg.x0 - col.x1
    return -min(seg.x1, col.x1) + max(seg.x0, col.x0)


def assign(line: Line, columns: list[Column]) -> dict[str, list[str]]:
    """Distribute a line's segments (or, for a segment spanning columns, its words) over the columns."""
    cells: dict[str, list[str]] = {}
    for seg in line.segments:
        spanned = [c for c in columns if seg.x0 < c.x1 - 1 and seg.x1 > c.x0 + 1]
        if len(spanned) > 1 and not any(c.role in TEXT_ROLES for c in spanned):
            for word in seg.words:
                one = Segment([word], word.text, word.x0, word.top, word.x1, word.bottom)
                col = min(columns, key=lambda c, s=one: _distance(s, c))
                cells.setdefault(col.role, []).append(word.text)
            continue
        col = min(columns, key=lambda c, s=seg: _distance(s, c))
        cells.setdefault(col.role, []).append(seg.text)
    return {k: [" ".join(v)] for k, v in cells.items()}


def _is_number(text: str) -> bool:
    return bool(text) and bool(NUMBER.match(text)) and any(ch.isdigit() for ch in text)


def _qty_text(text: str) -> str:
    match = QTY_UNIT.match(text)
    return match.group(1) if match else text


def starts_row(cells: dict[str, list[str]]) -> bool:
    """A new item: a quantity, or a price with an amount."""
    qty = " ".join(cells.get("quantity", []))
    if qty and _is_number(_qty_text(qty)):
        return True
    return all(_is_number(" ".join(cells.get(r, []))) for r in ("unit_price", "amount"))


def _stops(line: Line) -> bool:
    first = line.segments[0].text
    head = re.split(r"[:：]", first, maxsplit=1)[0]
    fields = label_fields(head)
    if fields & STOP_FIELDS:
        return True
    return bool(fields & TERMS_FIELDS) and (":" in first or "：" in first)


@dataclass(slots=True)
class TableState:
    """The table being read: its columns and the ruled row bands of the current page."""

    columns: list[Column]
    bands: list[tuple[float, float]]
    header_line: int


def _band_of(line: Line, bands: list[tuple[float, float]]) -> int | None:
    mid = (line.top + line.bottom) / 2
    return next((i for i, (t, b) in enumerate(bands) if t - 0.5 <= mid <= b + 0.5), None)


def _find_header(lines: list[Line], start: int, pages: dict[int, Page]) -> TableState | None:
    for line in lines[start:]:
        columns = header_columns(line)
        if columns:
            table = snap_to_table(columns, line, pages.get(line.page))
            return TableState(columns, row_bands(table), line.index)
    return None


def read_rows(ctx: FieldContext, pages: dict[int, Page]) -> list[Row]:
    """All item rows of the document's line-item table(s)."""
    lines = ctx.layout.lines
    state = _find_header(lines, 0, pages)
    if state is None:
        return []
    rows: list[Row] = []
    ctx.table_lines.add(state.header_line)
    current: Row | None = None
    band_of_current: int | None = None
    page = lines[state.header_line].page
    for line in lines[state.header_line + 1 :]:
        if line.page != page:
            page = line.page
            again = header_columns(line)
            if again:
                table = snap_to_table(again, line, pages.get(line.page))
                state = TableState(again, row_bands(table), line.index)
                ctx.table_lines.add(line.index)
                continue
            state.bands = []
        if _stops(line):
            break
        if header_columns(line):
            ctx.table_lines.add(line.index)
            continue
        cells = assign(line, state.columns)
        band = _band_of(line, state.bands) if state.bands else None
        if band is not None:
            if band != band_of_current or current is None:
                current = Row(lines=[line])
                rows.append(current)
                band_of_current = band
            else:
                current.lines.append(line)
            _merge(current, cells)
        elif starts_row(cells):
            current = Row(lines=[line])
            rows.append(current)
            _merge(current, cells)
            band_of_current = None
        elif current is not None and _continues(cells, current, line):
            current.lines.append(line)
            _merge(current, cells)
        elif rows:
            current = None
            if _far_below(line, rows[-1]):
                break
            continue
        ctx.table_lines.add(line.index)
    return [r for r in rows if starts_row(r.cells)]


def _merge(row: Row, cells: dict[str, list[str]]) -> None:
    for role, texts in cells.items():
        row.cells.setdefault(role, []).extend(texts)


def _continues(cells: dict[str, list[str]], row: Row, line: Line) -> bool:
    """A wrapped description: text only in text columns, close under the previous line."""
    if not cells or any(role not in TEXT_ROLES for role in cells):
        return False
    return line.top - row.lines[-1].bottom < 1.5 * max(line.height, 1.0)


def _far_below(line: Line, row: Row) -> bool:
    return line.page == row.lines[-1].page and line.top - row.lines[-1].bottom > 6 * max(line.height, 1.0)


def _put_row(ctx: FieldContext, i: int, row: Row, number: int) -> None:
    """Normalize one row into line_items[i].* values with evidence."""
    prefix = f"line_items[{i}]"
    first = row.lines[0]
    conf = 0.93

    def put(name: str, value: object, factor: float = 1.0) -> None:
        ctx.put(f"{prefix}.{name}", value, first, conf * factor, row_text)

    row_text = " | ".join(ln.text for ln in row.lines)[:300]
    line_no = re.sub(r"\D", "", row.text("line_no"))
    put("line_no", int(line_no) if line_no and len(line_no) < 6 else number)
    for role in ("sku", "customer_sku", "description"):
        put(role, row.text(role) or None)
    qty_text = row.text("quantity")
    match = QTY_UNIT.match(qty_text)
    put("quantity", parse_decimal(match.group(1) if match else qty_text, ctx.decimal))
    unit_text = row.text("unit") or (match.group(2) or "" if match else "")
    unit = parse_unit(unit_text.strip()) if unit_text.strip() else None
    if unit is not None:
        put("unit", unit[0])
        put("unit_text", unit[1])
    elif unit_text.strip():
        put("unit_text", unit_text.strip(), 0.7)
    for role in ("unit_price", "amount"):
        put(role, parse_decimal(_strip_currency(row.text(role)), ctx.decimal))
    if row.text("delivery_date"):
        parsed = parse_date(row.text("delivery_date"), date_order=ctx.date_order, country=ctx.country)
        put("delivery_date", parsed.value if parsed else None)
    hs = re.sub(r"[^\d.]", "", row.text("hs_code"))
    put("hs_code", hs or None)


def _strip_currency(text: str) -> str:
    return re.sub(r"[^\d.,'\s\u00a0\u202f()-]", "", text).strip()


def extract_line_items(ctx: FieldContext, pages: dict[int, Page]) -> list[Row]:
    """Read the line items into ctx.values; returns the rows found."""
    rows = read_rows(ctx, pages)
    for i, row in enumerate(rows):
        _put_row(ctx, i, row, i + 1)
    return rows


def currency_from_table(ctx: FieldContext, rows: list[Row]) -> None:
    """The currency printed in the price column header or the price cells (when no label gave one)."""
    header = ctx.layout.lines[min(ctx.table_lines)] if ctx.table_lines else None
    texts = [header.text] if header else []
    texts += [r.text("unit_price") + " " + r.text("amount") for r in rows[:5]]
    for text in texts:
        code = find_currency(text)
        if code:
            ctx.put("currency", code, header, 0.8, text[:200])
            return
