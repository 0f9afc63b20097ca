"""Delimited text (CSV, TSV) as a table on the virtual grid, so that columns stay columns."""

from __future__ import annotations

import csv
import io

from extractors.readers.layout import FlowCell, FlowItem, FlowTable
from models.errors import InputTooLargeError

DELIMITED_SUFFIXES = frozenset({".csv", ".tsv", ".tab"})
MAX_CELLS = 200_000
_DELIMITERS = ",;\t|"


def detect_delimiter(text: str) -> str:
    """The field delimiter of a CSV text: the sniffer's answer, else the most frequent candidate."""
    sample = text[:20_000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first_lines = "\n".join(sample.splitlines()[:20])
        return max(_DELIMITERS, key=first_lines.count)


def delimited_to_flow(text: str) -> list[FlowItem]:
    """Lay out CSV/TSV text as one table (one row per record, quoted fields and embedded newlines honoured).

    Args:
        text: The decoded file.

    Returns:
        A flow with one `FlowTable` (source `csv`), or plain lines when there is a single column.

    Raises:
        InputTooLargeError: more than `MAX_CELLS` non-empty fields.
    """
    reader = csv.reader(io.StringIO(text), delimiter=detect_delimiter(text))
    cells: list[FlowCell] = []
    n_rows = n_cols = 0
    for row_index, record in enumerate(reader):
        for col_index, value in enumerate(record):
            value = " ".join(value.split())
            if value:
                cells.append(FlowCell([value], row_index, col_index))
        n_rows, n_cols = row_index + 1, max(n_cols, len(record))
        if len(cells) > MAX_CELLS:
            raise InputTooLargeError(f"The file has more than {MAX_CELLS:,} filled fields.")
    if n_cols <= 1:
        lines: list[FlowItem] = [""] * n_rows
        for cell in cells:
            lines[cell.row] = str(cell.items[0])
        return lines
    return [FlowTable(cells=cells, n_rows=n_rows, n_cols=n_cols, source="csv")]
