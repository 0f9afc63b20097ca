from __future__ import annotations

import io
import zipfile
from itertools import pairwise

import openpyxl
import pytest
from readers_samples import build_order_xlsx

from extractors.readers.cellvalues import render_number
from extractors.readers.xlsx import XlsxReader
from models.errors import CorruptInputError, InputTooLargeError
from models.options import ExtractOptions
from models.pages import Page


def _lines(page: Page) -> dict[float, list[str]]:
    lines: dict[float, list[str]] = {}
    for word in page.words:
        lines.setdefault(word.top, []).append(word.text)
    return lines


def test_one_page_per_visible_non_empty_sheet(order_xlsx: bytes, options: ExtractOptions) -> None:
    doc = XlsxReader().read(order_xlsx, "po.xlsx", options)
    assert doc.kind == "xlsx"
    assert doc.metadata["sheets"].split("\n") == ["Order", "Terms"]  # hidden and empty sheets skipped
    assert [[w.text for w in page.words] for page in doc.pages[1:]] == [["FOB", "Ningbo"]]
    assert all("cost" not in w.text for page in doc.pages for w in page.words)


def test_typed_cells_render_as_plain_strings(order_xlsx: bytes, options: ExtractOptions) -> None:
    lines = list(_lines(XlsxReader().read(order_xlsx, "po.xlsx", options).pages[0]).values())
    assert ["Date", "2026-03-14"] in lines
    assert ["Created", "2026-03-01"] in lines
    item_row = next(line for line in lines if line[0] == "LED")
    # 500 with #,##0; 12.5 with 0.00; 0.1 + 0.2 without float noise; 0.3 with 0%
    assert item_row[-4:] == ["500", "12.50", "0.3", "30%"]
    assert ["Total", "1234567.50"] in lines  # no thousands separator


def test_rows_are_lines_on_a_column_grid_with_merged_ranges(order_xlsx: bytes, options: ExtractOptions) -> None:
    page = XlsxReader().read(order_xlsx, "po.xlsx", options).pages[0]
    words = {w.text: w for w in page.words}
    assert words["Purchase"].top == 0.0 and words["Date"].top == 24.0  # row 2 is empty: one blank line
    assert words["Item"].top == words["Qty"].top == words["Share"].top
    assert words["Qty"].x0 >= 40 * 6  # column A is declared 40 characters wide
    columns = [words[name].x0 for name in ("Item", "Qty", "Unit", "Amount", "Share")]
    assert all(b - a >= 100 for a, b in pairwise(columns))
    (table,) = page.tables
    assert table.source == "xlsx"
    total_row = next(row for row in table.rows if row[0] is not None and row[0].text == "Total")
    total, covered_b, covered_c, amount = total_row[:4]
    assert covered_b is None and covered_c is None and total is not None and amount is not None
    assert total.x1 == amount.x0 == words["1234567.50"].x0  # the merged value spans A:C


def test_long_text_overflows_into_an_empty_neighbour_but_widens_a_full_one(options: ExtractOptions) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "A title that is much longer than one column"
    sheet["A2"], sheet["B2"] = "A description that is much longer than one column", 5
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = XlsxReader().read(buffer.getvalue(), "x.xlsx", options).pages[0]
    five = next(w for w in page.words if w.text == "5")
    column_a_end = max(w.x1 for w in page.words if w.top == five.top and w.text != "5")
    assert five.x0 - column_a_end >= 12


def test_entity_expansion_is_refused(options: ExtractOptions) -> None:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>'
    )
    source, patched = build_order_xlsx(), io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            is_sheet = item.filename == "xl/worksheets/sheet1.xml"
            zout.writestr(item, sheet.encode() if is_sheet else zin.read(item.filename))
    with pytest.raises(CorruptInputError, match="refused for safety"):
        XlsxReader().read(patched.getvalue(), "laughs.xlsx", options)


def test_cell_cap(monkeypatch: pytest.MonkeyPatch, order_xlsx: bytes, options: ExtractOptions) -> None:
    monkeypatch.setattr("extractors.readers.xlsx.MAX_CELLS", 10)
    with pytest.raises(InputTooLargeError, match="cells"):
        XlsxReader().read(order_xlsx, "po.xlsx", options)


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (12.5, "General", "12.5"),
        (0.1 + 0.2, "General", "0.3"),
        (100.0, "General", "100"),
        (1e-7, "General", "0.0000001"),
        (7, "0.00", "7.00"),
        (2.675, "0.00", "2.68"),
        (1234.5, "#,##0.000", "1234.500"),
        (0.125, "0.0%", "12.5%"),
        (12.5, '"€"#,##0.00', "€ 12.50"),
        (12.5, "#,##0.00 [$€-407]", "12.50 €"),
        (-3.5, "0.00", "-3.50"),
        (45000, "mm-dd-yy", "45000"),
    ],
)
def test_number_rendering(value: float, number_format: str, text: str) -> None:
    assert render_number(value, number_format) == text


def test_formulas_without_saved_values_are_reported(options: ExtractOptions) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"], sheet["C1"] = 2, 3, "=A1*B1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    doc = XlsxReader().read(buffer.getvalue(), "generated.xlsx", options)
    assert [w.text for w in doc.pages[0].words] == ["2", "3"]
    assert doc.warnings and "1 formula cell(s)" in doc.warnings[0]


def test_line_breaks_in_a_cell_make_a_taller_row(options: ExtractOptions) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "Marks:", "HANSEN\nPO NO. 4711\n\nMADE IN CHINA"
    sheet["A2"], sheet["B2"] = "Packing:", "Export carton"
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = XlsxReader().read(buffer.getvalue(), "x.xlsx", options).pages[0]
    assert _lines(page) == {
        0.0: ["Marks:", "HANSEN"],
        12.0: ["PO", "NO.", "4711"],
        24.0: ["MADE", "IN", "CHINA"],
        36.0: ["Packing:", "Export", "carton"],
    }
    assert page.tables[0].rows[0][1].text == "HANSEN\nPO NO. 4711\nMADE IN CHINA"  # type: ignore[union-attr]
