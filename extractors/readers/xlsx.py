"""Excel workbooks (XLSX): one virtual page per visible, non-empty sheet, plus one `Table` per sheet.

openpyxl reads cached values (`data_only=True`) and parses XML through defusedxml, so entity tricks are
refused. Each used row is a line (a cell with line breaks makes its row several lines high, as Excel shows
wrapped text); a cell's words start at its column's x (declared width, at least 100
units, grown to fit unless the text may run into an empty neighbour as in Excel). Merged cells show their
value once, over the merged range.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException

from extractors.readers.cellvalues import render_value
from extractors.readers.layout import CHAR_WIDTH, FlowCell, FlowItem, FlowTable, block_page, table_block
from extractors.readers.sniff import XLSX
from extractors.readers.ziplimits import check_zip
from models.errors import CorruptInputError, InputTooLargeError, IntakeError
from models.options import ExtractOptions
from models.pages import Page, ReadDocument

MAX_CELLS = 200_000
MAX_SHEET_XML_BYTES = 64 * 1024 * 1024
MIN_COLUMN_WIDTH = 100.0
_FORMULA_WITHOUT_VALUE = re.compile(rb"(?:</f>|<f\b[^>]*/>)\s*(?:<v>\s*</v>|<v\s*/>)?\s*</c>")


@dataclass(slots=True)
class _SheetGrid:
    """The used part of a sheet: visible rows and columns that hold values, and the rendered values."""

    rows: list[int]
    cols: list[int]
    values: dict[tuple[int, int], str]
    merges: dict[tuple[int, int], tuple[int, int]]
    """Top-left (row, col) of a merged range -> its bottom-right (row, col)."""


class XlsxReader:
    """XLSX workbooks: cell values as text on a column grid; hidden sheets, rows and columns skipped."""

    kind = "xlsx"

    def read(self, data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
        """Read an XLSX workbook.

        Args:
            data: The file's bytes.
            name: Display name for messages.
            options: Zip limits and `max_pages` are enforced.

        Returns:
            An `xlsx` document, one page per visible non-empty sheet (sheet names in `metadata["sheets"]`).

        Raises:
            InputTooLargeError: the container or the cell count is past the limits.
            CorruptInputError: the file is not a valid workbook or uses forbidden XML constructs.
            EncryptedInputError: the container is encrypted.

        """
        sizes = check_zip(data, options.limits, required=("xl/workbook.xml",))
        _check_sheet_sizes(sizes)
        workbook = _open(data)
        try:
            document = _read_workbook(workbook, options)
            missing = formulas_without_values(data)
            if missing:
                document.warnings.append(
                    f"{missing} formula cell(s) have no saved result (the file was not last saved by a spreadsheet "
                    "program), so their values are missing."
                )
            return document
        except IntakeError:
            raise
        except Exception as exc:
            raise CorruptInputError(f"The Excel workbook is damaged ({type(exc).__name__}).") from exc
        finally:
            workbook.close()


def formulas_without_values(data: bytes) -> int:
    """Count formula cells that carry no cached result (files written by libraries, never opened in Excel)."""
    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                count += len(_FORMULA_WITHOUT_VALUE.findall(archive.read(member)))
    return count


def _check_sheet_sizes(sizes: dict[str, int]) -> None:
    sheet_bytes = sum(size for part, size in sizes.items() if part.startswith("xl/worksheets/"))
    sheet_bytes += sizes.get("xl/sharedStrings.xml", 0)
    if sheet_bytes > MAX_SHEET_XML_BYTES:
        raise InputTooLargeError(
            f"The workbook's sheets hold {sheet_bytes:,} bytes of data, more than the limit of "
            f"{MAX_SHEET_XML_BYTES:,}; please send only the order."
        )


def _open(data: bytes) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions and styles
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types (KeyError, TypeError, defusedxml errors...)
        if _caused_by_forbidden_xml(exc):
            raise CorruptInputError(
                "The Excel workbook contains XML entity or DTD declarations, which are refused for safety; "
                "please save it again from Excel or send it as PDF."
            ) from exc
        raise CorruptInputError(f"The Excel workbook could not be opened ({type(exc).__name__}: {exc}).") from exc


def _caused_by_forbidden_xml(exc: BaseException) -> bool:
    seen = 0
    cause: BaseException | None = exc
    while cause is not None and seen < 10:
        if isinstance(cause, DefusedXmlException):
            return True
        cause, seen = cause.__cause__ or cause.__context__, seen + 1
    return False


def _read_workbook(workbook: Any, options: ExtractOptions) -> ReadDocument:
    pages: list[Page] = []
    names: list[str] = []
    cell_count = 0
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        grid = _sheet_grid(sheet)
        cell_count += len(grid.values)
        if cell_count > MAX_CELLS:
            raise InputTooLargeError(f"The workbook has more than {MAX_CELLS:,} filled cells.")
        if not grid.values:
            continue
        if len(pages) >= options.limits.max_pages:
            raise InputTooLargeError(f"The workbook has more than {options.limits.max_pages} sheets with data.")
        pages.append(_sheet_page(sheet, grid, len(pages) + 1))
        names.append(sheet.title)
    document = ReadDocument(kind="xlsx", media_type=XLSX, pages=pages or [Page(1, MIN_COLUMN_WIDTH, 12.0)])
    document.metadata["sheets"] = "\n".join(names)
    if not pages:
        document.warnings.append("The workbook has no visible cells with values.")
    return document


def _sheet_grid(sheet: Any) -> _SheetGrid:
    hidden_rows = {index for index, dim in sheet.row_dimensions.items() if dim.hidden}
    hidden_cols = _hidden_columns(sheet)
    values: dict[tuple[int, int], str] = {}
    cells = sheet._cells  # the stored cells only; iter_rows would create every empty cell of the range
    if len(cells) > MAX_CELLS:
        raise InputTooLargeError(f"The sheet '{sheet.title}' has more than {MAX_CELLS:,} cells.")
    for (row, col), cell in cells.items():
        if row in hidden_rows or col in hidden_cols:
            continue
        text = render_value(cell.value, cell.number_format or "General")
        if text:
            values[(row, col)] = text
    merges: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in sheet.merged_cells.ranges:
        if (merged.min_row, merged.min_col) in values:
            merges[(merged.min_row, merged.min_col)] = (merged.max_row, merged.max_col)
    rows = sorted({row for row, _ in values})
    cols = sorted({col for _, col in values})
    return _SheetGrid(rows=rows, cols=cols, values=values, merges=merges)


def _hidden_columns(sheet: Any) -> set[int]:
    hidden: set[int] = set()
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden and dimension.min and dimension.max:
            hidden.update(range(dimension.min, min(dimension.max, 16384) + 1))
    return hidden


def _sheet_page(sheet: Any, grid: _SheetGrid, number: int) -> Page:
    """Lay out a sheet: one line per used row (one blank line where rows were skipped)."""
    row_index = _row_positions(grid.rows)
    col_index = {col: index for index, col in enumerate(grid.cols)}
    cells: list[FlowCell] = []
    for (row, col), text in grid.values.items():
        end_row, end_col = grid.merges.get((row, col), (row, col))
        row_span = row_index[grid.rows[bisect_right(grid.rows, end_row) - 1]] - row_index[row] + 1
        col_span = bisect_right(grid.cols, end_col) - col_index[col]
        next_index = col_index[col] + col_span
        fits = next_index < len(grid.cols) and (row, grid.cols[next_index]) in grid.values
        lines: list[FlowItem] = list(text.split("\n"))
        cells.append(FlowCell(lines, row_index[row], col_index[col], row_span, col_span, fits=fits))
    table = FlowTable(
        cells=cells,
        n_rows=max(row_index.values()) + 1,
        n_cols=len(grid.cols),
        col_widths=_column_widths(sheet, grid.cols),
        source="xlsx",
        min_col_width=MIN_COLUMN_WIDTH,
    )
    return block_page(table_block(table), number)


def _row_positions(rows: list[int]) -> dict[int, int]:
    positions: dict[int, int] = {}
    index = -1
    previous: int | None = None
    for row in rows:
        index += 1 if previous is None or row == previous + 1 else 2
        positions[row] = index
        previous = row
    return positions


def _column_widths(sheet: Any, cols: list[int]) -> list[float]:
    """Declared widths (Excel character units, one character = `CHAR_WIDTH`), at least `MIN_COLUMN_WIDTH`."""
    declared: dict[int, float] = {}
    wanted = set(cols)
    for dimension in sheet.column_dimensions.values():
        if dimension.customWidth and dimension.width and dimension.min and dimension.max:
            for col in wanted.intersection(range(dimension.min, dimension.max + 1)):
                declared[col] = float(dimension.width) * CHAR_WIDTH
    return [max(MIN_COLUMN_WIDTH, declared.get(col, 0.0)) for col in cols]
