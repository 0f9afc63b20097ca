"""HTML to a layout flow with the standard library's parser: text lines and tables, nothing evaluated.

Script, style and head content is dropped; block elements and `<br>` start new lines; table cells become
`FlowTable` cells so that they are laid out in columns separated by wide gaps. Tables of a single column
(layout tables, common in e-mail HTML) are unwrapped into plain lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from extractors.readers.layout import FlowCell, FlowItem, FlowTable, flow_text

_SKIPPED = frozenset({"script", "style", "head", "title", "template", "svg", "object", "iframe", "select"})
_BLOCKS = frozenset(
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "section",
        "article", "header", "footer", "address", "blockquote", "hr", "pre", "form", "fieldset", "center",
        "caption", "nav", "aside", "main", "figure", "figcaption", "tbody", "thead", "tfoot", "table",
    }
)  # fmt: skip
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source"})
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_MAX_SPAN = 50
_MAX_GRID_SLOTS = 1_000_000


@dataclass(slots=True)
class _Container:
    """Where text goes: the document or one table cell."""

    items: list[FlowItem] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)

    def end_line(self, *, keep_empty: bool = False) -> None:
        line = "".join(self.pieces).strip(" ")
        self.pieces.clear()
        if line or keep_empty:
            self.items.append(line)

    def blank_line(self) -> None:
        self.end_line()
        if self.items and self.items[-1] != "":
            self.items.append("")


@dataclass(slots=True)
class _CellSpec:
    container: _Container
    row_span: int
    col_span: int


@dataclass(slots=True)
class _TableBuilder:
    depth: int
    """Number of open containers when the table started; its open cell is the one above."""
    rows: list[list[_CellSpec]] = field(default_factory=list)
    cell_open: bool = False


class _FlowParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.containers: list[_Container] = [_Container()]
        self.tables: list[_TableBuilder] = []
        self.skip_depth = 0
        self.pre_depth = 0

    # --- events -------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag == "table":
            self.containers[-1].end_line()
            self.tables.append(_TableBuilder(depth=len(self.containers)))
        elif tag == "tr":
            self._close_cell()
            if self.tables:
                self.tables[-1].rows.append([])
        elif tag in ("td", "th"):
            self._open_cell(attrs)
        elif tag == "br":
            self.containers[-1].end_line(keep_empty=True)
        elif tag == "pre":
            self.containers[-1].end_line()
            self.pre_depth += 1
        elif tag in _BLOCKS:
            self.containers[-1].end_line()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID or tag in ("td", "th", "tr", "table", "p", "div"):
            self.handle_starttag(tag, attrs)
            if tag not in _VOID:
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag == "table":
            self._close_table()
        elif tag in ("td", "th", "tr"):
            self._close_cell()
        elif tag == "pre":
            self.containers[-1].end_line()
            self.pre_depth = max(0, self.pre_depth - 1)
        elif tag in _PARAGRAPHS:
            self.containers[-1].blank_line()
        elif tag in _BLOCKS:
            self.containers[-1].end_line()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        container = self.containers[-1]
        if self.pre_depth:
            first, *rest = data.replace("\r\n", "\n").split("\n")
            container.pieces.append(first)
            for line in rest:
                container.end_line(keep_empty=True)
                container.pieces.append(line)
        else:
            container.pieces.append(_SPACES.sub(" ", data).replace("\xa0", " "))

    # --- tables -------------------------------------------------------------------------------------
    def _open_cell(self, attrs: list[tuple[str, str | None]]) -> None:
        if not self.tables:
            self.containers[-1].end_line()
            return
        self._close_cell()
        table = self.tables[-1]
        if not table.rows:
            table.rows.append([])
        values = dict(attrs)
        spec = _CellSpec(_Container(), _span(values.get("rowspan")), _span(values.get("colspan")))
        table.rows[-1].append(spec)
        self.containers.append(spec.container)
        table.cell_open = True

    def _close_cell(self) -> None:
        if not self.tables or not self.tables[-1].cell_open:
            return
        table = self.tables[-1]
        while len(self.containers) > table.depth + 1:
            self.containers.pop()  # stray containers of unclosed nested structures
        cell = self.containers.pop()
        cell.end_line()
        while cell.items and cell.items[-1] == "":
            cell.items.pop()
        table.cell_open = False

    def _close_table(self) -> None:
        if not self.tables:
            return
        self._close_cell()
        table = self.tables.pop()
        del self.containers[table.depth :]
        target = self.containers[-1]
        target.end_line()
        target.items.extend(_build_table(table.rows))

    def finish(self) -> list[FlowItem]:
        """Close whatever is still open and return the document's flow."""
        self.close()
        while self.tables:
            self._close_table()
        self.containers[0].end_line()
        items = self.containers[0].items
        while items and items[-1] == "":
            items.pop()
        return items


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return min(max(int(str(value).strip()), 1), _MAX_SPAN)
    except ValueError:
        return 1


def _build_table(rows: list[list[_CellSpec]]) -> list[FlowItem]:
    """Place cells on a grid honouring row and column spans; unwrap single-column tables into lines."""
    occupied: set[tuple[int, int]] = set()
    cells: list[FlowCell] = []
    n_cols = 0
    for row_index, row in enumerate(rows):
        col = 0
        for spec in row:
            while (row_index, col) in occupied:
                col += 1
            row_span, col_span = min(spec.row_span, len(rows) - row_index), spec.col_span
            if len(occupied) + row_span * col_span > _MAX_GRID_SLOTS:
                row_span = col_span = 1  # hostile spans: lay the cell out as a plain one
            occupied.update((r, c) for r in range(row_index, row_index + row_span) for c in range(col, col + col_span))
            cells.append(FlowCell(spec.container.items, row_index, col, row_span, col_span))
            col += col_span
            n_cols = max(n_cols, col)
    if len({cell.col for cell in cells if any(cell.items)}) <= 1:
        return [item for cell in cells for item in cell.items]
    return [FlowTable(cells=cells, n_rows=len(rows), n_cols=n_cols, source="html")]


def html_to_flow(html: str) -> list[FlowItem]:
    """Parse HTML into a layout flow (lines and tables).

    Args:
        html: The markup; never evaluated, scripts and styles are dropped.

    Returns:
        The flow, ready for `layout.render_pages`.

    """
    parser = _FlowParser()
    parser.feed(html)
    return parser.finish()


def html_to_lines(html: str) -> list[str]:
    """Visible text of HTML as lines; table cells of a row are separated by tabs.

    Args:
        html: The markup.

    Returns:
        The lines, blank lines between paragraphs kept.

    """
    return flow_text(html_to_flow(html)).split("\n")
