"""WordprocessingML (the XML inside a DOCX) to a layout flow: paragraphs, tables and page breaks.

The XML is walked directly (python-docx's element tree) rather than through python-docx's paragraph API,
so that text inside content controls (`w:sdt`), simple fields, smart tags and tracked insertions is kept,
while deleted text, hidden runs, field instructions and the VML fallback copy of a text box are not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from extractors.readers.layout import PAGE_BREAK, FlowCell, FlowItem, FlowTable, TabbedLine

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _TBL, _TR, _TC, _R = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}r"
_T, _TAB, _BR, _CR = f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"
_TXBX = f"{W}txbxContent"
_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag", f"{W}ins"})
_SKIPPED = frozenset(
    {
        f"{MC}Fallback", f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", f"{W}pPr", f"{W}rPr",
        f"{W}sdtPr", f"{W}tblPr", f"{W}trPr", f"{W}tcPr", f"{W}sectPr", f"{W}footnoteReference",
        f"{W}commentReference", f"{W}endnoteReference",
    }
)  # fmt: skip
_PAGE_MARK = "\f"
_TWIPS_PER_POINT = 20.0
_MAX_COLUMNS = 64
"""Word allows 63 columns; larger spans in the XML are clamped."""


def style_tab_stops(styles: Any) -> dict[str, tuple[float, ...]]:
    """Tab stops of each paragraph style (in points), following `basedOn` chains.

    Args:
        styles: The `w:styles` element of the document's styles part, or None.

    Returns:
        Style id -> sorted tab stop positions.
    """
    if styles is None:
        return {}
    own: dict[str, list[tuple[float, bool]]] = {}
    parents: dict[str, str] = {}
    for style in styles.iterfind(f"{W}style"):
        style_id = style.get(f"{W}styleId")
        if style_id:
            own[style_id] = _tab_specs(style)
            based_on = style.find(f"{W}basedOn")
            if based_on is not None and based_on.get(f"{W}val"):
                parents[style_id] = based_on.get(f"{W}val")
    resolved: dict[str, tuple[float, ...]] = {}
    for style_id in own:
        chain = [style_id]
        while chain[-1] in parents and parents[chain[-1]] not in chain and len(chain) < 10:
            chain.append(parents[chain[-1]])
        stops: set[float] = set()
        for ancestor in reversed(chain):
            _apply_specs(stops, own.get(ancestor, []))
        resolved[style_id] = tuple(sorted(stops))
    return resolved


def _tab_specs(element: Any) -> list[tuple[float, bool]]:
    """(position in points, cleared) of the `w:tabs` of a paragraph or style; bar tabs are not stops."""
    specs: list[tuple[float, bool]] = []
    for tab in element.iterfind(f"{W}pPr/{W}tabs/{W}tab"):
        kind = tab.get(f"{W}val", "left")
        if kind != "bar":
            specs.append((_int_attr(tab, 0, attribute="pos") / _TWIPS_PER_POINT, kind == "clear"))
    return specs


def _apply_specs(stops: set[float], specs: list[tuple[float, bool]]) -> None:
    for position, cleared in specs:
        if cleared:
            stops.discard(position)
        elif position > 0:
            stops.add(position)


class DocxFlow:
    """Builds the flow of WordprocessingML containers, knowing the document's paragraph style tab stops."""

    def __init__(self, style_tabs: dict[str, tuple[float, ...]] | None = None) -> None:
        self.style_tabs = style_tabs or {}

    def block_items(self, container: Any) -> list[FlowItem]:
        """The flow of a block container (document body, header, footer, table cell, text box).

        Args:
            container: An lxml element whose children are paragraphs, tables and content controls.

        Returns:
            Lines, tables and page breaks in document order.

        """
        items: list[FlowItem] = []
        for child in _block_children(container):
            if child.tag == _P:
                items.extend(self.paragraph_items(child))
            elif child.tag == _TBL:
                items.extend(self.table_items(child))
        return items

    def paragraph_items(self, paragraph: Any) -> list[FlowItem]:
        """One line per paragraph (more where it has line breaks), then the content of its text boxes."""
        pieces: list[str] = []
        text_boxes: list[Any] = []
        _collect_runs(paragraph, pieces, text_boxes)
        stops = self.tab_stops(paragraph) if "\t" in pieces else ()
        items: list[FlowItem] = [PAGE_BREAK] if _breaks_page_before(paragraph) else []
        segments = "".join(pieces).split(_PAGE_MARK)
        for index, segment in enumerate(segments):
            if index:
                items.append(PAGE_BREAK)
            if segment or len(segments) == 1:
                items.extend(
                    TabbedLine(line, stops) if stops and "\t" in line else line for line in segment.split("\n")
                )
        for text_box in text_boxes:
            items.extend(self.block_items(text_box))
        if _ends_section_with_page_break(paragraph):
            items.append(PAGE_BREAK)
        return items

    def tab_stops(self, paragraph: Any) -> tuple[float, ...]:
        """The paragraph's tab stops: its style's, changed by its own `w:tabs`."""
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = style.get(f"{W}val") if style is not None else "Normal"
        stops = set(self.style_tabs.get(style_id or "", ()))
        _apply_specs(stops, _tab_specs(paragraph))
        return tuple(sorted(stops))

    def table_items(self, table: Any) -> list[FlowItem]:
        """A table as a `FlowTable` on its column grid; a single-column (layout) table as plain lines."""
        cells: list[FlowCell] = []
        open_merges: dict[int, FlowCell] = {}
        n_rows = n_cols = 0
        for row in _children(table, _TR):
            col = min(max(_int_attr(row.find(f"{W}trPr/{W}gridBefore"), 0), 0), _MAX_COLUMNS)
            for cell in _children(row, _TC):
                span = min(max(_int_attr(cell.find(f"{W}tcPr/{W}gridSpan"), 1), 1), _MAX_COLUMNS)
                merge = cell.find(f"{W}tcPr/{W}vMerge")
                origin = open_merges.get(col)
                if merge is not None and merge.get(f"{W}val", "continue") == "continue" and origin is not None:
                    origin.row_span = n_rows - origin.row + 1
                else:
                    flow_cell = FlowCell(self._cell_items(cell), n_rows, col, col_span=span)
                    cells.append(flow_cell)
                    for covered in range(col, col + span):
                        open_merges.pop(covered, None)
                    open_merges[col] = flow_cell
                col += span
            n_rows += 1
            n_cols = max(n_cols, col)
        if n_rows == 0 or n_cols == 0:
            return []
        if len({cell.col for cell in cells if any(cell.items)}) <= 1:  # a layout frame, not a table
            return [item for cell in cells for item in cell.items]
        widths = _grid_widths(table)
        return [FlowTable(cells=cells, n_rows=n_rows, n_cols=n_cols, col_widths=widths, source="docx")]

    def _cell_items(self, cell: Any) -> list[FlowItem]:
        items = [item for item in self.block_items(cell) if item is not PAGE_BREAK]
        while items and items[-1] == "":
            items.pop()
        return items


def _block_children(container: Any) -> Iterator[Any]:
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _block_children(child)


def _collect_runs(element: Any, pieces: list[str], text_boxes: list[Any]) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            pieces.append(child.text or "")
        elif tag == _TAB:
            pieces.append("\t")
        elif tag in (_BR, _CR):
            pieces.append(_PAGE_MARK if child.get(f"{W}type") == "page" else "\n")
        elif tag == f"{W}noBreakHyphen":
            pieces.append("-")
        elif tag == _TXBX:
            text_boxes.append(child)
        elif tag in _SKIPPED or not isinstance(tag, str) or (tag == _R and _is_hidden(child)):
            continue
        else:
            _collect_runs(child, pieces, text_boxes)


def _is_on(element: Any) -> bool:
    return element is not None and element.get(f"{W}val", "true") not in ("0", "false", "off")


def _is_hidden(run: Any) -> bool:
    return _is_on(run.find(f"{W}rPr/{W}vanish"))


def _breaks_page_before(paragraph: Any) -> bool:
    return _is_on(paragraph.find(f"{W}pPr/{W}pageBreakBefore"))


def _ends_section_with_page_break(paragraph: Any) -> bool:
    section = paragraph.find(f"{W}pPr/{W}sectPr")
    if section is None:
        return False
    kind = section.find(f"{W}type")
    return kind is None or kind.get(f"{W}val", "nextPage") in ("nextPage", "oddPage", "evenPage")


def _children(element: Any, tag: str) -> Iterator[Any]:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _grid_widths(table: Any) -> list[float] | None:
    widths = [_int_attr(col, 0, attribute="w") / _TWIPS_PER_POINT for col in table.iterfind(f"{W}tblGrid/{W}gridCol")]
    return widths or None


def _int_attr(element: Any, default: int, *, attribute: str = "val") -> int:
    if element is None:
        return default
    try:
        return int(float(element.get(f"{W}{attribute}", default)))
    except (TypeError, ValueError):
        return default
