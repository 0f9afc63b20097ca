"""Line items: find the table header, map columns, then read rows across pages.

Works on word lines, so ruled and unruled PDF tables, DOCX and XLSX tables, text and OCRed scans are read alike.
A row starts where the quantity (or price and amount) column holds a number; a line without numbers continues
the previous row's description (wrapped text). Ruled tables add their row bands so that a vertically centred
number still joins its wrapped description. The table ends at a totals line or a labelled terms line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from extractors.fields.context import FieldContext
from extractors.fields.label_trie import label_trie
from extractors.fields.labels import label_fields
from extractors.fields.table_header import Column, header_columns, row_bands, snap_to_table, stacked
from extractors.layout import Line
from extractors.normalize.currency import find_currency
from extractors.normalize.dates import parse_date
from extractors.normalize.numbers import parse_decimal
from extractors.normalize.phrases import PhraseMatcher, lexicon_words
from extractors.normalize.units import parse_unit
from models.pages import Page, Word

STOP_FIELDS = frozenset({"subtotal", "total_amount", "tax_amount", "freight", "discount"})
TERMS_FIELDS = frozenset(
    {
        "incoterms", "payment_terms", "delivery_date", "shipping_marks", "packaging", "notes", "forwarder",
        "shipping_method", "port_of_loading", "port_of_discharge", "partial_shipment", "transshipment",
        "documents_required",
    }
)  # fmt: skip
_AFFIX = r"(?:[A-Za-z]{1,3}\$?|[$€£¥₹]|RMB|元)?"
NUMBER = re.compile(rf"^{_AFFIX}\s?[-(]?\d[\d.,'\s\u00a0\u202f]*\)?-?\s?{_AFFIX}$")
"""A printed number, optionally with a currency symbol or code before or after it."""
QTY_UNIT = re.compile(r"^\s*([\d.,'\s\u00a0\u202f]*\d)\s*([^\d\s].*)?$")
TEXT_ROLES = ("description", "sku", "customer_sku")
PAGE_PROBATION = 8
"""Lines at the top of a following page within which the table must go on (a header or an item)."""
PLAIN_NUMBER = re.compile(r"^[-(]?[$€£¥]?\d[\d.,'\u00a0\u202f]*%?\)?$")


@dataclass(slots=True)
class Row:
    """Cell texts of one line item, by column role, with the lines it came from."""

    cells: dict[str, list[str]] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    above: int = 0
    """Lines of a vertically centred cell above the row's figures."""
    below: list[tuple[Line, dict[str, list[str]]]] = field(default_factory=list)
    """Continuation lines below the row's figures, with their cells."""

    def text(self, role: str) -> str:
        """A cell's text (wrapped parts joined by a space)."""
        return " ".join(self.cells.get(role, [])).strip()


NUMERIC_ROLES = frozenset({"quantity", "unit_price", "amount", "line_no", "discount", "tax_rate"})


def _word_column(word: Word, columns: list[Column]) -> Column:
    """The column a word belongs to: the one it overlaps most, else its nearer neighbour of the right kind.

    Left-aligned text grows to the right of its header and right-aligned numbers to the left of theirs, so a
    word in the gap between two columns goes to the numeric one if it is a number, else to the text one.
    """
    best, overlap = None, 0.0
    for col in columns:
        width = min(word.x1, col.x1) - max(word.x0, col.x0)
        if width > overlap:
            best, overlap = col, width
    if best is not None:
        return best
    left = max((c for c in columns if c.x1 <= word.x0), key=lambda c: c.x1, default=None)
    right = min((c for c in columns if c.x0 >= word.x1), key=lambda c: c.x0, default=None)
    if left is None or right is None:
        return left or right or columns[0]
    numeric = bool(PLAIN_NUMBER.match(word.text))
    fits = [c for c in (left, right) if (c.role in NUMERIC_ROLES) == numeric]
    if len(fits) == 1:
        return fits[0]
    if numeric and len(fits) == 2:
        return left  # a right-aligned number wider than its header, stopping short of the next column
    return left if word.x0 - left.x1 <= right.x0 - word.x1 else right


def assign(line: Line, columns: list[Column]) -> dict[str, list[str]]:
    """Distribute a line's words over the columns; words of one column are joined in reading order."""
    cells: dict[str, list[str]] = {}
    for seg in line.segments:
        spanned = [c for c in columns if min(seg.x1, c.x1) - max(seg.x0, c.x0) > 0]
        if len(spanned) > 1:
            previous: Column | None = None
            last: Word | None = None
            for word in seg.words:
                # A word over no column's header continues its neighbour (a "150" inside a description).
                over = [c for c in columns if min(word.x1, c.x1) - max(word.x0, c.x0) > 0]
                col = _word_column(word, columns) if over or previous is None else previous
                gap = last is None or word.x0 - last.x1 > 0.8 * (word.bottom - word.top)
                if gap and col.role in cells:
                    # the column is filled by an earlier segment, or a column gap inside this one: the word
                    # starts the next column it reaches into ("MAT-172390" | "EG-GB-3S" under two headers)
                    col = next((c for c in over if c.x0 > col.x0 and c.role not in cells), col)
                cells.setdefault(col.role, []).append(word.text)
                previous, last = col, word
            continue
        col = spanned[0] if spanned else _word_column(Word(seg.text, seg.x0, seg.top, seg.x1, seg.bottom), columns)
        match = QTY_UNIT.match(seg.text)
        if col.role == "unit" and match and match.group(2) and any(c.role == "quantity" for c in columns):
            # "280 boîtes" printed as one cell that starts left of the unit header: the number is the quantity
            cells.setdefault("quantity", []).append(match.group(1))
            cells.setdefault("unit", []).append(match.group(2))
            continue
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


def _leading_label(line: Line) -> tuple[frozenset[str], str | None]:
    """Read "Label: value" at the start of a line.

    Returns the fields that the text before the first colon of the first segment names, and the text after
    that colon (None when there is no colon).
    """
    parts = re.split(r"[:：]", line.segments[0].text, maxsplit=1)
    return label_fields(parts[0]), parts[1].strip() if len(parts) == 2 else None


def _stops(line: Line) -> bool:
    """A totals line or a labelled terms line: the table is over."""
    fields, value = _leading_label(line)
    if fields & STOP_FIELDS:
        return True
    return bool(fields & TERMS_FIELDS) and value is not None


@cache
def _carried_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher((w, "carried") for w in lexicon_words("carried_forward"))


def _carried(line: Line) -> bool:
    """A page's running total inside the table ("Suma y sigue 169.462,40", "Übertrag", "承上页"): no item, no end."""
    hit = _carried_matcher().search(line.segments[0].text)
    return hit is not None and hit.start == 0


def _names_a_total(line: Line) -> bool:
    """The first words name a total ("Goods total", "货款合计", "TOTAL US$ 175,040.00"), before any figure."""
    first = re.split(r"\d", line.segments[0].text, maxsplit=1)[0]
    return any(m.fields & STOP_FIELDS for m in label_trie("labels").find(first))


def _item_like(cells: dict[str, list[str]]) -> bool:
    """The line holds what an item has besides a number: an item number or a description, and a price."""
    return bool(cells.get("unit_price")) and bool(cells.get("sku") or cells.get("description"))


@dataclass(slots=True)
class TableState:
    """The table being read: its columns and the ruled row bands of the current page."""

    columns: list[Column]
    bands: list[tuple[float, float]]
    header_line: int
    first_line: int = -1


def _band_of(line: Line, bands: list[tuple[float, float]]) -> int | None:
    mid = (line.top + line.bottom) / 2
    return next((i for i, (t, b) in enumerate(bands) if t - 0.5 <= mid <= b + 0.5), None)


def _header_at(lines: list[Line], i: int) -> tuple[list[Column], int] | None:
    """Columns of a header on line i (or on lines i and i+1, or i to i+2, stacked); with its last line index."""
    single = header_columns(lines[i])
    merged = stacked(lines[i], lines[i + 1]) if i + 1 < len(lines) else None
    double = header_columns(merged) if merged is not None else None
    lower = stacked(lines[i + 1], lines[i + 2]) if i + 2 < len(lines) and single is None else None
    triple = stacked(lines[i], lower) if lower is not None else None
    if triple is not None and (columns := header_columns(triple)) and _known(columns) > _known(double or []):
        return columns, i + 2  # "Preço | Total" over "Item | Qtd. | Un." over "unit. | (EUR)" (OCR rows)
    if double:
        below = header_columns(lines[i + 1])
        if below and _known(below) >= _known(double):
            return None  # a group row ("Produto | Quantidade | Valores") over the real header: read that one
        if not single or _known(double) >= _known(single):
            return double, i + 1
    return (single, i) if single else None


def _known(columns: list[Column]) -> int:
    return sum(1 for c in columns if not c.role.startswith("other"))


def _find_header(lines: list[Line], start: int, pages: dict[int, Page]) -> TableState | None:
    for i in range(start, len(lines)):
        found = _header_at(lines, i)
        if found:
            columns, last = found
            table = snap_to_table(columns, lines[i], pages.get(lines[i].page))
            state = TableState(columns, row_bands(table), last)
            grouped = i > start and stacked(lines[i - 1], lines[i]) is not None
            state.first_line = i - 1 if grouped else i  # a group row above the header belongs to the table
            return state
    return None


def read_rows(ctx: FieldContext, pages: dict[int, Page]) -> list[Row]:
    """All item rows of the document's line-item table(s)."""
    lines = ctx.layout.lines
    state = _find_header(lines, 0, pages)
    if state is None:
        return []
    reader = _RowReader(ctx, pages, state)
    body = lines[state.header_line + 1 :]
    for i, line in enumerate(body):
        reader.next_line = body[i + 1] if i + 1 < len(body) else None
        if not reader.feed(line):
            break
    rows = [r for r in reader.rows if starts_row(r.cells)]
    refine_roles(rows, reader.state.columns)
    _constant_columns(ctx, reader.state.columns, rows)
    amount = next((c for c in reader.state.columns if c.role == "amount"), None)
    if rows and amount is not None:
        ctx.amount_column = (amount.x0, amount.x1)
    quantity = next((c for c in reader.state.columns if c.role == "quantity"), None)
    if rows and quantity is not None:
        header = lines[reader.state.header_line]
        cells = [seg.text for seg in header.segments if min(seg.x1, quantity.x1) - max(seg.x0, quantity.x0) > 0]
        named = next((m for text in cells if (m := _HEADER_UNIT.search(text))), None)
        ctx.header_unit = named.group(1) if named else None
    return rows


_HEADER_UNIT = re.compile(r"[(（]\s*([^()（）\d]{1,8}?)\s*[)）]")
"""A unit in brackets in the quantity header: "Qtd. (pç)", "Qty (pcs)", "数量（个）"."""


def _constant_columns(ctx: FieldContext, columns: list[Column], rows: list[Row]) -> None:
    """Order-level values printed as table columns (flat ERP exports repeat "PO Number" on every row)."""
    headers = {c.role: c.header for c in columns}
    constant = {role for row in rows for role in row.cells if role.startswith("other")}
    if len(rows) > 1:
        constant.add("delivery_date")  # one date on every row is the order's date too
    for role in constant:
        values = {r.text(role) for r in rows}
        header = headers.get(role) or headers.get(role.removeprefix("other:"))
        if header and len(values) == 1 and (value := values.pop()):
            ctx.column_values[header] = (value, rows[0].lines[0])


CODE = re.compile(r"^(?=.*\d)(?!\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$)[A-Z0-9][A-Z0-9./_-]{2,}$", re.IGNORECASE)
"""An item number: letters, digits and separators with at least one digit, and not a date."""


def _mean_words(rows: list[Row], role: str) -> float:
    texts = [r.text(role) for r in rows if r.text(role)]
    return sum(len(t.split()) for t in texts) / len(texts) if texts else 0.0


CAPS_CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:[-./][A-Z0-9]+)+$")
"""An item number of capitals in parts, with or without digits ("SCF-CH-ARM")."""


def _code_share(rows: list[Row], role: str) -> float:
    """Share of code-like cells in a column whose cells differ (a repeated PO number is no item number)."""
    texts = [r.text(role) for r in rows if r.text(role)]
    if not texts or (len(texts) > 1 and len(set(texts)) == 1):
        return 0.0
    return sum(1 for t in texts if CODE.match(t) or CAPS_CODE.match(t)) / len(texts)


def _rename(rows: list[Row], old: str, new: str) -> None:
    for row in rows:
        if old in row.cells:
            row.cells[new] = row.cells.pop(old)


def _order(ordered: list[str]) -> Callable[[str], tuple[int, str]]:
    """Sort roles by their column's position (deterministic, left to right)."""
    return lambda role: (ordered.index(role) if role in ordered else len(ordered), role)


def refine_roles(rows: list[Row], columns: list[Column]) -> None:
    """Fix column roles from their content when a header word was ambiguous or unknown.

    Without a description column, the text column with the longest cells is the description ("Artículo" can
    head either); without an item-number column, an unknown column of code-like cells is the item number, else
    the buyer's code column when it is the only code printed.
    """
    roles = {role for row in rows for role in row.cells}
    ordered = [c.role for c in columns]
    for role in ("sku", "customer_sku"):
        values = [r.text(role) for r in rows if r.text(role)]
        if len(values) >= 3 and len(set(values)) == 1:  # a repeated value ("GBP") is no item number
            _rename(rows, role, f"other:{role}")
            roles = (roles - {role}) | {f"other:{role}"}
    if "description" not in roles:
        texty = [r for r in sorted(roles, key=_order(ordered)) if r in ("sku", "customer_sku") or r.startswith("other")]
        best = max(texty, key=lambda r: _mean_words(rows, r), default=None)
        if best is not None and _mean_words(rows, best) >= 2.5:
            _rename(rows, best, "description")
            roles = (roles - {best}) | {"description"}
    if "sku" not in roles:
        coded = [r for r in sorted(roles, key=_order(ordered)) if r.startswith("other") and _code_share(rows, r) >= 0.8]
        if coded:
            _rename(rows, coded[0], "sku")
        elif "customer_sku" in roles:
            _rename(rows, "customer_sku", "sku")  # the one item code printed ("Our Code") identifies the items


class _RowReader:
    """Feeds lines one by one into rows; knows the current row, page and ruled bands."""

    def __init__(self, ctx: FieldContext, pages: dict[int, Page], state: TableState) -> None:
        self.ctx, self.pages, self.state = ctx, pages, state
        self.rows: list[Row] = []
        self.current: Row | None = None
        self.band: int | None = None
        self.page = ctx.layout.lines[state.header_line].page
        self.waiting = False
        self.probation = 0
        self.next_line: Line | None = None
        self.pending: list[tuple[Line, dict[str, list[str]]]] = []
        """Upper lines of a vertically centred cell, waiting for the row line they belong to."""
        ctx.table_lines.update({state.header_line, state.first_line} - {-1})

    def _new_header(self, line: Line) -> bool:
        if line.index in self.ctx.table_lines:
            return True
        found = _header_at(self.ctx.layout.lines, line.index)
        if not found:
            return False
        columns, last = found
        if line.page != self.ctx.layout.lines[self.state.header_line].page or last != line.index:
            table = snap_to_table(columns, line, self.pages.get(line.page))
            self.state = TableState(columns, row_bands(table), last, line.index)
        self.ctx.table_lines.update(range(line.index, last + 1))
        return True

    def _group_total(self, line: Line) -> bool:
        """A subtotal row between items of one ruled table ("Subtotaal collectie MERIDA"): no item, no end.

        Only when the next line starts another item in a later row of the same table; totals rows at the
        table's end stop it.
        """
        bands = self.state.bands
        band = _band_of(line, bands) if bands else None
        if band is None or band >= len(bands) - 1 or not (_stops(line) or _names_a_total(line)):
            return False
        nxt = line.index + 1
        if nxt >= len(self.ctx.layout.lines) or (later := self.ctx.layout.lines[nxt]).page != line.page:
            return False
        cells = assign(later, self.state.columns)
        return (_band_of(later, bands) or 0) > band and starts_row(cells) and _item_like(cells)

    def feed(self, line: Line) -> bool:
        """Take one line; False when the table has ended."""
        if line.page != self.page:
            self.page, self.waiting = line.page, False
            self.state.bands = []
            self.probation = PAGE_PROBATION
        elif self.waiting:
            return True  # footer zone of a page whose table part is over
        if self._new_header(line):
            self.probation = 0
            return True
        if _carried(line) or self._group_total(line):
            self.current = None
            self.ctx.table_lines.add(line.index)
            return True
        if self._item_note(line):
            return True
        if _stops(line):
            return False
        cells = assign(line, self.state.columns)
        if self.rows and _names_a_total(line) and not (starts_row(cells) and _item_like(cells)):
            return False
        band = _band_of(line, self.state.bands) if self.state.bands else None
        if band is not None and (band == self.band and self.current is not None):
            self._extend(line, cells)
        elif band is not None or starts_row(cells):
            self._start_row(line, cells, band)
        elif self._centred_above(line, cells):
            self.pending.append((line, cells))
        elif self.current is not None and _continues(cells, self.current, line):
            self._extend(line, cells)
            self.current.below.append((line, cells))
        else:
            return self._skip(line)
        self.ctx.table_lines.add(line.index)
        return True

    def _centred_above(self, line: Line, cells: dict[str, list[str]]) -> bool:
        """Whether a text-only line is the upper line of a vertically centred cell.

        It stands less than a line height above the next line (half the leading, as a cell centred on the row
        puts it), which starts a row ("Lata RO-280 aluminio, ..." over the row's figures, "blanco" under them).
        """
        nxt = self.next_line
        if nxt is None or nxt.page != line.page or not cells or any(r not in TEXT_ROLES for r in cells):
            return False
        if nxt.top - line.top >= 0.95 * max(line.height, 1.0):
            return False
        return starts_row(assign(nxt, self.state.columns))

    def _item_note(self, line: Line) -> bool:
        """Take a labelled line indented under an item as part of that item.

        "Liefertermin: KW 14/2026" in the description column belongs to the item above and does not end the
        table as a terms line at the margin would.
        """
        fields, value = _leading_label(line)
        if self.current is None or not fields & TERMS_FIELDS or value is None:
            return False
        columns = self.state.columns
        if not columns or line.segments[0].x0 <= columns[0].x1 or line.page != self.current.lines[-1].page:
            return False
        if "delivery_date" in fields and "delivery_date" not in self.current.cells:
            self.current.cells["delivery_date"] = [value]
        self.ctx.table_lines.add(line.index)
        return True

    def _start_row(self, line: Line, cells: dict[str, list[str]], band: int | None) -> None:
        """A new item at this line, with the upper lines of its centred cell in front."""
        if self.pending:
            self._rebalance()
        self.current = Row(lines=[held for held, _ in self.pending] + [line])
        self.rows.append(self.current)
        for _, held in self.pending:
            _merge(self.current, held)
        self.current.above = len(self.pending)
        self.pending = []
        _merge(self.current, cells)
        self.band, self.probation = band, 0

    def _rebalance(self) -> None:
        """Give back the previous row's surplus lines in a table of vertically centred cells.

        The previous row keeps as many lines below its figures as it has above them; the rest are upper lines of
        the next row's cell (pending, in front of those held).
        """
        row = self.current
        if row is None:
            return
        if len(row.below) <= row.above:
            return
        moved, row.below = row.below[row.above :], row.below[: row.above]
        row.lines = [ln for ln in row.lines if all(ln is not m for m, _ in moved)]
        row.cells = {}
        for ln in row.lines:
            _merge(row, assign(ln, self.state.columns))
        self.pending = moved + self.pending

    def _skip(self, line: Line) -> bool:
        """A line that is no part of an item: a footer, a carried-forward line, a page header."""
        self.current = None
        if self.probation:
            self.probation -= 1
            return self.probation > 0  # a next page that shows no items soon holds no more of the table
        if self.rows and _far_below(line, self.rows[-1]):
            self.waiting = True  # the rest of this page is footer; the table may go on overleaf
        return True

    def _extend(self, line: Line, cells: dict[str, list[str]]) -> None:
        assert self.current is not None
        self.current.lines.append(line)
        _merge(self.current, cells)


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
    sku, description = row.text("sku"), row.text("description")
    if not sku and not row.text("customer_sku"):
        sku, description = _leading_code(description)
    put("sku", sku or None)
    put("customer_sku", row.text("customer_sku") or None)
    put("description", description or None)
    qty_text = row.text("quantity")
    match = QTY_UNIT.match(qty_text)
    put("quantity", parse_decimal(match.group(1) if match else qty_text, ctx.decimal))
    unit_text = row.text("unit") or (match.group(2) or "" if match else "") or (ctx.header_unit or "")
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


def _leading_code(description: str) -> tuple[str, str]:
    """Split an item number printed first in the description cell.

    Tables without an item-number column often print it there ("LT-CP-50-160 Centrifugal pump ..."). Returns
    (item number, description), or ("", description) when the cell does not start with a code.
    """
    first, _, rest = description.partition(" ")
    coded = CAPS_CODE.match(first) or (
        CODE.match(first) and any(ch.isalpha() for ch in first) and any(ch in "-./_" for ch in first)
    )
    if coded and rest.strip() and any(ch.isdigit() for ch in first):
        return first, rest.strip()
    return "", description


def _strip_currency(text: str) -> str:
    return re.sub(r"[^\d.,'\s\u00a0\u202f()-]", "", text).strip()


def extract_line_items(ctx: FieldContext, pages: dict[int, Page]) -> list[Row]:
    """Read the line items into ctx.values; returns the rows found."""
    rows = read_rows(ctx, pages)
    for i, row in enumerate(rows):
        _put_row(ctx, i, row, i + 1)
        page = pages.get(row.lines[-1].page)
        if page is not None and page.ocr:
            mend_misread_figure(ctx, i)
    return rows


def mend_misread_figure(ctx: FieldContext, i: int) -> None:
    """On an OCR page, mend the one figure of a row that breaks quantity x unit price = amount.

    When the other two give a value that is exact to the printed decimals and differs from the one read by at
    most one digit (two in numbers of five digits or more: "221" read for 2,27 with 1.050 x 2,27 = 2.383,50),
    that value was misread: it is corrected, its evidence confidence halved and its text notes the correction.
    """
    keys = {name: f"line_items[{i}].{name}" for name in ("quantity", "unit_price", "amount")}
    q, p, a = (ctx.values.get(key) for key in keys.values())
    if not all(isinstance(v, Decimal) and v > 0 for v in (q, p, a)):
        return
    assert isinstance(q, Decimal) and isinstance(p, Decimal) and isinstance(a, Decimal)
    if abs(q * p - a) <= Decimal("0.01") * max(Decimal(1), q):
        return
    printed = p.as_tuple().exponent
    exponent = min(printed, -2) if isinstance(printed, int) else -2
    options = [
        ("unit_price", (a / q).quantize(Decimal(1).scaleb(exponent)), p),
        ("amount", q * p, a),
        ("quantity", (a / p).quantize(Decimal(1)), q),
    ]
    for name, value, read in options:
        exact = {"unit_price": value * q == a, "amount": True, "quantity": value * p == a}[name]
        if exact and value > 0 and _digit_distance(value, read) <= (2 if len(read.as_tuple().digits) >= 5 else 1):
            evidence = ctx.evidence[keys[name]]
            ctx.values[keys[name]] = value
            ctx.evidence[keys[name]] = evidence.model_copy(
                update={"confidence": evidence.confidence / 2, "text": f"{evidence.text} (read; {value} fits the row)"}
            )
            return


def _digit_distance(value: Decimal, read: Decimal) -> int:
    """Edit distance between the digits of a value and of a number as read (at the read number's decimals)."""
    exponent = read.as_tuple().exponent
    fraction = 2 if value != value.to_integral() else 0
    places = -exponent if isinstance(exponent, int) and exponent < 0 else fraction
    x = format(value.quantize(Decimal(1).scaleb(-places)), "f").replace(".", "").lstrip("0")
    y = format(read, "f").replace(".", "").lstrip("0")  # "221": a decimal point OCR lost
    previous = list(range(len(y) + 1))
    for i, cx in enumerate(x, start=1):
        current = [i]
        for j, cy in enumerate(y, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (cx != cy)))
        previous = current
    return previous[-1]


def currency_from_table(ctx: FieldContext, rows: list[Row]) -> None:
    """The currency printed in the price column header or the price cells (when no label gave one)."""
    header = ctx.layout.lines[min(ctx.table_lines)] if ctx.table_lines else None
    texts = [header.text] if header else []
    texts += [r.text("unit_price") + " " + r.text("amount") for r in rows[:5]]
    for text in texts:
        code = find_currency(text, chinese=ctx.han)
        if code:
            ctx.put("currency", code, header, 0.8, text[:200])
            return
