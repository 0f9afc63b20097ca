"""Builders of real sample files for the reader tests (a uniquely named module, imported by the tests)."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

PAGE_HEIGHT = A4[1]
RULED_TABLE = [["Item", "Qty", "Price"], ["LED panel 600x600", "500", "12.50"], ["Driver 40W", "500", "3.20"]]
RULED_X = [72.0, 272.0, 352.0, 432.0]
RULED_TOP = 150.0
ROW_HEIGHT = 20.0


def _ruled_table(pdf: canvas.Canvas) -> None:
    rows = len(RULED_TABLE)
    ys = [PAGE_HEIGHT - RULED_TOP - i * ROW_HEIGHT for i in range(rows + 1)]
    for y in ys:
        pdf.line(RULED_X[0], y, RULED_X[-1], y)
    for x in RULED_X:
        pdf.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(RULED_TABLE):
        for c, text in enumerate(row):
            pdf.drawString(RULED_X[c] + 4, ys[r] - 14, text)


def build_order_pdf(**canvas_options: object) -> bytes:
    """Two pages: a heading and a ruled table, then an unruled table of text columns."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, **canvas_options)  # type: ignore[arg-type]
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, PAGE_HEIGHT - 80, "PURCHASE ORDER")
    pdf.drawString(72, PAGE_HEIGHT - 100, "Order No.: 4711")
    _ruled_table(pdf)
    pdf.showPage()
    pdf.setFont("Helvetica", 10)
    for index, (sku, qty, price) in enumerate([("SKU", "Qty", "Unit price"), ("A-100", "10", "1.50")]):
        y = PAGE_HEIGHT - 100 - index * 16
        pdf.drawString(72, y, sku)
        pdf.drawString(300, y, qty)
        pdf.drawString(400, y, price)
    pdf.drawString(72, PAGE_HEIGHT - 200, "Payment: 30% T/T deposit")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def build_order_docx() -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Hansen Maschinenbau GmbH"
    document.sections[0].footer.paragraphs[0].text = "Bank: Example Bank"
    document.add_paragraph("Order No.:\t4711")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["Item", "Qty", "Price"], ["LED panel", "500", "12.50"], ["Total", "", "6250.00"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(2, 0).merge(table.cell(2, 1))
    table.cell(1, 0).add_paragraph("600x600 mm")
    nested = table.cell(0, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "EUR"
    nested.cell(0, 1).text = "net"
    paragraph = document.add_paragraph("Delivery: May")
    paragraph.runs[0].add_break(WD_BREAK.PAGE)
    paragraph.add_run("Terms on page two")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_order_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Order"
    sheet["A1"] = "Purchase order 4711"
    sheet["A3"], sheet["B3"] = "Date", dt.date(2026, 3, 14)
    sheet["A4"], sheet["B4"] = "Created", dt.datetime(2026, 3, 1, 9, 30)
    sheet.append(["Item", "Qty", "Unit price", "Amount", "Share"])
    sheet.append(["LED panel light 600x600 40W", 500, 12.5, 0.1 + 0.2, 0.3])
    sheet["C6"].number_format = "0.00"
    sheet["E6"].number_format = "0%"
    sheet["B6"].number_format = "#,##0"
    sheet.merge_cells("A8:C8")
    sheet["A8"], sheet["D8"] = "Total", 1234567.5
    sheet["D8"].number_format = "#,##0.00"
    sheet.column_dimensions["A"].width = 40
    hidden = workbook.create_sheet("Internal")
    hidden["A1"] = "cost price 7.10"
    hidden.sheet_state = "hidden"
    workbook.create_sheet("Empty")
    terms = workbook.create_sheet("Terms")
    terms["A1"] = "FOB Ningbo"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
