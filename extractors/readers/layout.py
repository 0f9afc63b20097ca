"""Virtual page layout for formats without geometry (DOCX, HTML, plain text, spreadsheets).

Such formats are first turned into a *flow*: lines of text (`str`, a tab separating segments), tables
(`FlowTable`, whose cells hold flows themselves) and explicit page breaks. `render_pages` lays a flow out on
a virtual grid so that the layout-aware field extractors see the same shape as for a PDF:

- a character is `CHAR_WIDTH` (6) units wide (a wide CJK character 12); a word starts at `column * 6`;
- each line is `LINE_HEIGHT` (12) units below the previous one, words are `WORD_HEIGHT` (10) high;
- one space between words is a gap of 6 units, so a gap of 12 or more (two spaces) separates segments;
- a tab is a gap of `TAB_GAP` (60) units, or, on a `TabbedLine` (a DOCX paragraph with tab stops), a jump to
  the next tab stop at least `MIN_TAB_STOP_GAP` (12) units away, so that values after a tab align as in Word;
- table columns are at least `MIN_COLUMN_WIDTH` (80) units wide and a cell's text ends at least
  `CELL_PADDING` (24) units before the next column starts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from unicodedata import east_asian_width

from models.pages import Cell, Page, Table, Word

CHAR_WIDTH = 6.0
LINE_HEIGHT = 12.0
WORD_HEIGHT = 10.0
TAB_GAP = 60.0
MIN_TAB_STOP_GAP = 12.0
CELL_PADDING = 24.0
MIN_COLUMN_WIDTH = 80.0
MIN_PAGE_WIDTH = 480.0

_WORD_RE = re.compile(r"\S+")


class PageBreak:
    """An explicit page break in a flow."""


PAGE_BREAK = PageBreak()


@dataclass(slots=True)
class FlowCell:
    """One table cell: its grid position, spans and content."""

    items: list[FlowItem]
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    fits: bool = True
    """Whether the column must grow to fit the content; False lets text run into an empty neighbour."""


@dataclass(slots=True)
class FlowTable:
    """A table on a grid of `n_rows` x `n_cols`; grid positions covered by a span hold no cell."""

    cells: list[FlowCell]
    n_rows: int
    n_cols: int
    col_widths: list[float] | None = None
    """Declared column widths in layout units (points), if the format has them."""
    source: str = "docx"
    min_col_width: float = MIN_COLUMN_WIDTH


@dataclass(slots=True, frozen=True)
class TabbedLine:
    """A line whose tabs jump to explicit tab stops (x positions relative to the line start)."""

    text: str
    tab_stops: tuple[float, ...]


FlowItem = str | TabbedLine | FlowTable | PageBreak


@dataclass(slots=True)
class Block:
    """Laid-out content with its extent; coordinates relative to the block's top-left corner."""

    words: list[Word] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def line_words(text: str, top: float, x: float = 0.0, tab_stops: tuple[float, ...] = ()) -> list[Word]:
    """Lay out one line of text; a tab jumps to the next tab stop, or advances by `TAB_GAP`.

    Args:
        text: The line, without newlines.
        top: The line's top coordinate.
        x: Where the line starts.
        tab_stops: Sorted tab stop positions relative to `x`; a stop closer than `MIN_TAB_STOP_GAP` is passed.

    Returns:
        The words, each at `x + column * CHAR_WIDTH`, where a wide (CJK) character counts two columns as in a
        fixed-width text.

    """
    words: list[Word] = []
    cursor = x
    for index, segment in enumerate(text.split("\t")):
        if index:
            cursor = x + _next_tab(cursor - x, tab_stops)
        columns = None if segment.isascii() else _display_columns(segment)
        for match in _WORD_RE.finditer(segment):
            start, end = match.span()
            if columns is not None:
                start, end = columns[start], columns[end]
            words.append(
                Word(match.group(), cursor + start * CHAR_WIDTH, top, cursor + end * CHAR_WIDTH, top + WORD_HEIGHT)
            )
        cursor += (len(segment) if columns is None else columns[-1]) * CHAR_WIDTH
    return words


def _display_columns(text: str) -> list[int]:
    """Display column before each character (and at the end): wide East Asian characters take two columns."""
    columns = [0]
    for char in text:
        columns.append(columns[-1] + (2 if east_asian_width(char) in "WF" else 1))
    return columns


def _next_tab(offset: float, tab_stops: tuple[float, ...]) -> float:
    for stop in tab_stops:
        if stop >= offset + MIN_TAB_STOP_GAP:
            return stop
    return offset + TAB_GAP


def flow_block(items: Sequence[FlowItem]) -> Block:
    """Lay out a flow (page breaks ignored) as one block."""
    block = Block()
    for item in items:
        if isinstance(item, str | TabbedLine):
            words = line_words(item, block.height) if isinstance(item, str) else _tabbed_words(item, block.height)
            if words:
                block.words.extend(words)
                block.width = max(block.width, words[-1].x1)
            block.height += LINE_HEIGHT
        elif isinstance(item, FlowTable):
            table = table_block(item)
            _translate(table, 0.0, block.height)
            block.words.extend(table.words)
            block.tables.extend(table.tables)
            block.width = max(block.width, table.width)
            block.height += table.height
    return block


def _tabbed_words(line: TabbedLine, top: float) -> list[Word]:
    return line_words(line.text, top, tab_stops=line.tab_stops)


def render_pages(items: Sequence[FlowItem]) -> list[Page]:
    """Lay out a flow on virtual pages, starting a new page at each `PAGE_BREAK`.

    Returns:
        At least one page; numbered from 1.

    """
    chunks: list[list[FlowItem]] = [[]]
    for item in items:
        if isinstance(item, PageBreak):
            chunks.append([])
        else:
            chunks[-1].append(item)
    if len(chunks) > 1 and not chunks[-1]:
        chunks.pop()
    return [block_page(flow_block(chunk), number) for number, chunk in enumerate(chunks, start=1)]


def block_page(block: Block, number: int) -> Page:
    """Wrap a laid-out block into a page of at least `MIN_PAGE_WIDTH` x `LINE_HEIGHT`, words in reading order."""
    block.words.sort(key=lambda word: (word.top, word.x0))
    return Page(
        number=number,
        width=max(block.width, MIN_PAGE_WIDTH),
        height=max(block.height, LINE_HEIGHT),
        words=block.words,
        tables=block.tables,
    )


def flow_text(items: Sequence[FlowItem]) -> str:
    """Plain text of a flow: lines joined by newlines; a nested table's cells joined by tabs per row."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, str):
            lines.append(item)
        elif isinstance(item, TabbedLine):
            lines.append(item.text)
        elif isinstance(item, FlowTable):
            rows: dict[int, list[str]] = {}
            for cell in sorted(item.cells, key=lambda c: (c.row, c.col)):
                rows.setdefault(cell.row, []).append(flow_text(cell.items).replace("\n", " "))
            lines.extend("\t".join(texts) for _, texts in sorted(rows.items()))
    return "\n".join(lines).strip("\n")


def table_block(table: FlowTable) -> Block:
    """Lay out a table: columns from declared widths grown to fit their cells, rows as high as their cells.

    Returns:
        A block whose words are the cells' words and whose tables are this table (first) followed by any
        nested tables.

    """
    table.cells = [cell for cell in table.cells if cell.row < table.n_rows and cell.col < table.n_cols]
    contents = [flow_block(cell.items) for cell in table.cells]
    widths = _column_widths(table, contents)
    heights = _row_heights(table, contents)
    col_x = _cumulative(widths)
    row_y = _cumulative(heights)
    grid: list[list[Cell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
    block = Block(width=col_x[-1], height=row_y[-1])
    nested: list[Table] = []
    for cell, content in zip(table.cells, contents, strict=True):
        x0, top = col_x[cell.col], row_y[cell.row]
        _translate(content, x0, top)
        block.words.extend(content.words)
        nested.extend(content.tables)
        x1 = col_x[min(cell.col + cell.col_span, table.n_cols)]
        bottom = row_y[min(cell.row + cell.row_span, table.n_rows)] - (LINE_HEIGHT - WORD_HEIGHT)
        grid[cell.row][cell.col] = Cell(flow_text(cell.items), x0, top, x1, bottom)
    block.tables = [Table(rows=grid, source=table.source), *nested]
    return block


def _column_widths(table: FlowTable, contents: list[Block]) -> list[float]:
    declared = table.col_widths or []
    widths = [max(table.min_col_width, declared[i] if i < len(declared) else 0.0) for i in range(table.n_cols)]
    spanning: list[tuple[FlowCell, Block]] = []
    for cell, content in zip(table.cells, contents, strict=True):
        if not cell.fits or not content.words:
            continue
        if cell.col_span == 1:
            widths[cell.col] = max(widths[cell.col], content.width + CELL_PADDING)
        else:
            spanning.append((cell, content))
    for cell, content in sorted(spanning, key=lambda pair: pair[0].col_span):
        end = min(cell.col + cell.col_span, table.n_cols)
        missing = content.width + CELL_PADDING - sum(widths[cell.col : end])
        if missing > 0:
            widths[end - 1] += missing
    return widths


def _row_heights(table: FlowTable, contents: list[Block]) -> list[float]:
    heights = [LINE_HEIGHT] * table.n_rows
    spanning: list[tuple[FlowCell, Block]] = []
    for cell, content in zip(table.cells, contents, strict=True):
        if cell.row_span == 1:
            heights[cell.row] = max(heights[cell.row], content.height)
        else:
            spanning.append((cell, content))
    for cell, content in spanning:
        end = min(cell.row + cell.row_span, table.n_rows)
        missing = content.height - sum(heights[cell.row : end])
        if missing > 0:
            heights[end - 1] += missing
    return heights


def _cumulative(sizes: list[float]) -> list[float]:
    positions = [0.0]
    for size in sizes:
        positions.append(positions[-1] + size)
    return positions


def _translate(block: Block, dx: float, dy: float) -> None:
    if not dx and not dy:
        return
    for word in block.words:
        word.x0 += dx
        word.x1 += dx
        word.top += dy
        word.bottom += dy
    for table in block.tables:
        for row in table.rows:
            for cell in row:
                if cell is not None:
                    cell.x0 += dx
                    cell.x1 += dx
                    cell.top += dy
                    cell.bottom += dy
