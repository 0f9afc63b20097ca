"""XLSX renderer (openpyxl): order forms, flat ERP line exports and two-sheet workbooks.

Variants (layout.variant): "form" (default), "form_text" (numbers and dates as printed text), "export_list"
(one row per line repeating the order fields), "two_sheets" (terms on a second sheet).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.content import LabelledValue, PartyBlock, PrintedOrder, build_printed
from generator.formats import format_date
from generator.layout import Layout
from generator.model import LineSpec, OrderSpec
from generator.office_xml import normalize_zip
from generator.phrasing import phrasebook
from generator.xlsx_export import write_export_list

CellValue = Decimal | date | str | int | None
"""What the generator stores in a cell: a number, a date, or printed text."""
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDE3EA")
BOLD = Font(bold=True)
DATE_FORMATS = {"dmy_dot": "DD.MM.YYYY", "dmy_slash": "DD/MM/YYYY", "iso": "YYYY-MM-DD", "mdy_slash": "MM/DD/YYYY"}
WIDTHS = {
    "line_no": 6,
    "sku": 16,
    "customer_sku": 14,
    "description": 46,
    "quantity": 10,
    "unit": 8,
    "unit_price": 12,
    "amount": 14,
    "delivery_date": 12,
    "hs_code": 12,
}


def render_xlsx(spec: OrderSpec, path: Path, layout: Layout) -> None:
    """Render a spec as an Excel workbook.

    Args:
        spec: What the document says.
        path: Output file.
        layout: How it is laid out; `layout.variant` picks the workbook shape.
    """
    doc = build_printed(spec, layout)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(doc.title)
    if layout.variant == "export_list":
        write_export_list(sheet, spec, doc)
    else:
        _form(sheet, spec, doc, layout)
        if layout.variant == "two_sheets":
            terms_sheet = book.create_sheet(sheet_title(doc.terms_heading))
            _terms(terms_sheet, doc, 1, layout)
    book.properties.creator = doc.letterhead.lines[0]
    book.properties.created = datetime(2026, 1, 2, 9, 0)
    book.save(str(path))
    normalize_zip(path)


def sheet_title(text: str) -> str:
    r"""A valid sheet name: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31].strip() or "Sheet"


def cell_value(value: CellValue, spec: OrderSpec, printed: str, as_text: bool) -> CellValue:
    """The value to store: a real number or date, or the printed text in text mode."""
    if as_text or (isinstance(value, date) and spec.locale.date_style not in DATE_FORMATS):
        return printed
    return value


def _form(sheet: Worksheet, spec: OrderSpec, doc: PrintedOrder, layout: Layout) -> None:
    roles = [role for role, _ in doc.columns]
    for index, role in enumerate(roles, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(role, 12)
    last_col = max(len(roles), 6)
    row = _letterhead(sheet, doc, layout, last_col)
    sheet.cell(row, 1, doc.title).font = Font(bold=True, size=15)
    row = _header(sheet, doc, layout, row + 2, last_col)
    _date_cells(sheet, spec, layout)
    row = _parties(sheet, doc, layout, row + 1, last_col)
    if layout.letter:
        for text in (doc.greeting, doc.intro):
            if text:
                sheet.cell(row, 1, text)
                row += 1
    row = _table(sheet, spec, doc, layout, row + 1)
    if doc.amount_in_words:
        sheet.cell(row, 1, doc.amount_in_words)
        row += 1
    if layout.variant != "two_sheets":
        row = _terms(sheet, doc, row + 1, layout)
    for text in doc.closing + doc.footer:
        row += 1
        sheet.cell(row, 1, text).font = Font(size=8, italic=text in doc.footer)


def _letterhead(sheet: Worksheet, doc: PrintedOrder, layout: Layout, last_col: int) -> int:
    column = 1 if layout.letterhead != "right" else last_col
    align = Alignment(horizontal="right" if layout.letterhead == "right" else "left")
    for row, line in enumerate(doc.letterhead.lines, start=1):
        cell = sheet.cell(row, column, line)
        cell.alignment = align
        cell.font = Font(bold=True, size=14) if row == 1 else Font(size=9)
    return len(doc.letterhead.lines) + 1


def _header(sheet: Worksheet, doc: PrintedOrder, layout: Layout, row: int, last_col: int) -> int:
    if layout.header == "label_above":
        for start in range(0, len(doc.header), 4):
            for offset, item in enumerate(doc.header[start : start + 4]):
                column = 1 + offset * 2
                sheet.cell(row, column, item.label).font = Font(size=8, color="666666")
                sheet.cell(row + 1, column, item.value).alignment = Alignment(wrap_text=True)
            row += 2
        return row
    return _labelled_rows(sheet, doc.header, row, 1, 3, doc.colon, boxed=layout.header == "grid")


def _date_cells(sheet: Worksheet, spec: OrderSpec, layout: Layout) -> None:
    """Turn the printed order and delivery dates of the header into real date cells (not in text mode)."""
    if layout.variant == "form_text" or spec.locale.date_style not in DATE_FORMATS:
        return
    book = phrasebook(spec.language)
    dates = {format_date(d, spec.locale.date_style, book): d for d in (spec.order_date, spec.delivery_date) if d}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value in dates:
                cell.value = dates[cell.value]
                cell.number_format = DATE_FORMATS[spec.locale.date_style]


def _labelled_rows(
    sheet: Worksheet, items: list[LabelledValue], row: int, column: int, span: int, colon: str, boxed: bool
) -> int:
    for item in items:
        label = sheet.cell(row, column, item.label if boxed else f"{item.label}{colon}")
        label.font = BOLD
        value = sheet.cell(row, column + 1, item.value)
        value.alignment = Alignment(wrap_text=True, vertical="top")
        if "\n" in item.value:
            sheet.row_dimensions[row].height = 13 * (item.value.count("\n") + 1)
        if span > 1:
            sheet.merge_cells(start_row=row, start_column=column + 1, end_row=row, end_column=column + span)
        if boxed:
            label.border = value.border = BOX
        row += 1
    return row


def _block(sheet: Worksheet, block: PartyBlock, row: int, column: int) -> int:
    if block.heading:
        sheet.cell(row, column, block.heading).font = Font(bold=True, color="365F91")
        row += 1
    for index, line in enumerate(block.lines):
        sheet.cell(row, column, line).font = BOLD if index == 0 else Font()
        row += 1
    return row


def _parties(sheet: Worksheet, doc: PrintedOrder, layout: Layout, row: int, last_col: int) -> int:
    if layout.parties == "side_by_side":
        bottom = _block(sheet, doc.addressee, row, 1)
        if doc.ship_to:
            bottom = max(bottom, _block(sheet, doc.ship_to, row, min(4, last_col)))
        return bottom
    row = _block(sheet, doc.addressee, row, 1)
    return _block(sheet, doc.ship_to, row + 1, 1) if doc.ship_to else row


def _line_values(
    line: LineSpec, printed: list[str], roles: list[str], spec: OrderSpec, as_text: bool
) -> list[CellValue]:
    raw: dict[str, CellValue] = {
        "line_no": line.line_no,
        "quantity": line.quantity,
        "unit_price": line.unit_price,
        "amount": line.amount,
        "delivery_date": line.delivery_date,
    }
    values: list[CellValue] = []
    for role, text in zip(roles, printed, strict=True):
        value = raw.get(role)
        if value is None or (role == "quantity" and "unit" not in roles and line.unit_text):
            values.append(text)
        else:
            values.append(cell_value(value, spec, text, as_text))
    return values


def _table(sheet: Worksheet, spec: OrderSpec, doc: PrintedOrder, layout: Layout, row: int) -> int:
    roles = [role for role, _ in doc.columns]
    as_text = layout.variant == "form_text"
    boxed = layout.table == "ruled"
    for column, (_, title) in enumerate(doc.columns, start=1):
        cell = sheet.cell(row, column, title)
        cell.font = BOLD
        if boxed:
            cell.border, cell.fill = BOX, HEAD_FILL
    for line, printed in zip(spec.lines, doc.rows, strict=True):
        row += 1
        for column, (role, value) in enumerate(
            zip(roles, _line_values(line, printed, roles, spec, as_text), strict=True), 1
        ):
            _style_cell(sheet.cell(row, column, value), role, spec, boxed)
    return _totals_rows(sheet, spec, doc, row, as_text)


def _totals_rows(sheet: Worksheet, spec: OrderSpec, doc: PrintedOrder, row: int, as_text: bool) -> int:
    """Totals under the amount column: numbers when they print without a currency, else the printed text."""
    if not doc.totals:
        return row + 2
    amount_column = [role for role, _ in doc.columns].index("amount") + 1
    for (label, total_text), number in zip(doc.totals, _totals_numbers(spec), strict=True):
        row += 1
        sheet.cell(row, amount_column - 1, label).font = BOLD
        sheet.cell(row, amount_column - 1).alignment = Alignment(horizontal="right")
        plain = spec.locale.currency_placement in ("header", "columns") or spec.currency is None
        cell = sheet.cell(row, amount_column, number if plain and not as_text else total_text)
        cell.number_format = "#,##0.00"
        cell.font = BOLD
    return row + 2


def _totals_numbers(spec: OrderSpec) -> list[Decimal]:
    numbers = [spec.subtotal, spec.freight, spec.tax_amount if spec.tax_rate is not None else None, spec.total_amount]
    return [n for n in numbers if n is not None]


def _style_cell(cell: Cell, role: str, spec: OrderSpec, boxed: bool) -> None:
    value = cell.value
    if isinstance(value, Decimal):
        decimals = max(-int(value.as_tuple().exponent), 0)
        cell.number_format = "#,##0" + ("." + "0" * decimals if decimals else "")
    elif isinstance(value, date):
        cell.number_format = DATE_FORMATS.get(spec.locale.date_style, "YYYY-MM-DD")
    if role == "description":
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if boxed:
        cell.border = BOX


def _terms(sheet: Worksheet, doc: PrintedOrder, row: int, layout: Layout) -> int:
    if not doc.terms and not doc.prose:
        return row
    if layout.variant == "two_sheets":
        sheet.column_dimensions["A"].width = 26
        sheet.column_dimensions["B"].width = 90
    sheet.cell(row, 1, doc.terms_heading).font = Font(bold=True, size=11)
    row += 1
    for paragraph in doc.prose:
        sheet.cell(row, 1, paragraph)
        row += 1
    span = 1 if layout.variant == "two_sheets" else 6
    return _labelled_rows(sheet, doc.terms, row, 1, span, doc.colon, boxed=layout.terms == "grid")
