"""The flat "PO lines export" sheet: one row per line, the order's header fields repeated on every row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.content import PrintedOrder
from generator.model import OrderSpec

CellValue = Decimal | date | str | int | None

REPEATED = ("order_number", "order_date", "currency", "delivery_date", "incoterms")
"""Header fields an ERP line export repeats on every row (when the order has them)."""


def _header_row(doc: PrintedOrder) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    repeated = [(item.key, item.label) for item in doc.header + doc.terms if item.key in REPEATED]
    return repeated, list(doc.columns)


def _repeated_value(key: str, spec: OrderSpec, doc: PrintedOrder) -> CellValue:
    if key == "order_date":
        return spec.order_date
    if key == "delivery_date" and spec.delivery_date:
        return spec.delivery_date
    return next(item.value for item in doc.header + doc.terms if item.key == key)


def _line_value(role: str, index: int, spec: OrderSpec, doc: PrintedOrder) -> CellValue:
    line = spec.lines[index]
    numbers: dict[str, CellValue] = {"quantity": line.quantity, "unit_price": line.unit_price, "amount": line.amount}
    if role in numbers and spec.locale.currency_placement != "amounts":
        return numbers[role]
    if role == "line_no":
        return line.line_no
    if role == "delivery_date" and line.delivery_date:
        return line.delivery_date
    return doc.rows[index][[r for r, _ in doc.columns].index(role)]


def _store(sheet: Worksheet, row: int, column: int, value: CellValue) -> None:
    cell = sheet.cell(row, column, value)
    if isinstance(value, date):
        cell.number_format = "YYYY-MM-DD"
    elif isinstance(value, Decimal):
        decimals = max(-int(value.as_tuple().exponent), 0)
        cell.number_format = "0" + ("." + "0" * decimals if decimals else "")


def _top(sheet: Worksheet, doc: PrintedOrder) -> int:
    """Letterhead at the left, supplier and ship-to blocks to the right, the title and unrepeated fields below."""
    for index, line in enumerate(doc.letterhead.lines):
        sheet.cell(1 + index, 1, line).font = Font(bold=index == 0, size=13 if index == 0 else 9)
    blocks = [doc.addressee] + ([doc.ship_to] if doc.ship_to else [])
    for offset, block in enumerate(blocks):
        column = 5 + offset * 4
        sheet.cell(1, column, block.heading).font = Font(bold=True)
        for index, line in enumerate(block.lines, start=2):
            sheet.cell(index, column, line)
    row = max(len(doc.letterhead.lines), *(len(b.lines) + 1 for b in blocks)) + 2
    sheet.cell(row, 1, doc.title).font = Font(bold=True, size=13)
    for item in doc.header:
        if item.key not in REPEATED:
            row += 1
            sheet.cell(row, 1, item.label).font = Font(bold=True)
            sheet.cell(row, 2, item.value)
    return row + 2


def _line_rows(sheet: Worksheet, spec: OrderSpec, doc: PrintedOrder, row: int) -> int:
    """The title row and one row per line; returns the last row written."""
    repeated, columns = _header_row(doc)
    titles = [label for _, label in repeated] + [title for _, title in columns]
    description = dict(columns).get("description")
    for column, title in enumerate(titles, start=1):
        sheet.cell(row, column, title).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = 40 if title == description else 14
    for index in range(len(spec.lines)):
        row += 1
        values = [_repeated_value(key, spec, doc) for key, _ in repeated]
        values += [_line_value(role, index, spec, doc) for role, _ in columns]
        for column, value in enumerate(values, start=1):
            _store(sheet, row, column, value)
    amount_column = len(repeated) + [r for r, _ in columns].index("amount") + 1
    for label, printed in doc.totals:
        row += 1
        sheet.cell(row, amount_column - 1, label).alignment = Alignment(horizontal="right")
        sheet.cell(row, amount_column, printed).font = Font(bold=True)
    return row


def write_export_list(sheet: Worksheet, spec: OrderSpec, doc: PrintedOrder) -> None:
    """Write the export: letterhead and parties on top, the line rows, then totals and remaining terms.

    Args:
        sheet: The sheet to fill.
        spec: The order spec (real numbers and dates for the cells).
        doc: The printed pieces (labels, texts).
    """
    row = _line_rows(sheet, spec, doc, _top(sheet, doc)) + 1
    for item in doc.terms:
        if item.key not in REPEATED:
            row += 1
            sheet.cell(row, 1, item.label).font = Font(bold=True)
            sheet.cell(row, 2, item.value).alignment = Alignment(wrap_text=True, vertical="top")
    for text in doc.closing + doc.footer:
        row += 2
        sheet.cell(row, 1, text).font = Font(size=8)
