from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from extractors.readers.docx import DocxReader
from extractors.readers.layout import TAB_GAP
from models.errors import CorruptInputError, InputTooLargeError
from models.options import ExtractOptions, Limits
from models.pages import Page

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _lines(page: Page) -> list[str]:
    lines: dict[float, list[str]] = {}
    for word in page.words:
        lines.setdefault(word.top, []).append(word.text)
    return [" ".join(words) for _, words in sorted(lines.items())]


def _save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_header_body_footer_order_and_page_break(order_docx: bytes, options: ExtractOptions) -> None:
    doc = DocxReader().read(order_docx, "po.docx", options)
    assert doc.kind == "docx" and len(doc.pages) == 2
    first, second = (_lines(page) for page in doc.pages)
    assert first[0] == "Hansen Maschinenbau GmbH"  # header first
    assert first[1] == "Order No.: 4711"
    assert first[-1] == "Delivery: May"
    assert second == ["Terms on page two", "Bank: Example Bank"]  # footer last


def test_tab_becomes_a_wide_gap_on_the_virtual_grid(order_docx: bytes, options: ExtractOptions) -> None:
    page = DocxReader().read(order_docx, "po.docx", options).pages[0]
    label = next(w for w in page.words if w.text == "No.:")
    value = next(w for w in page.words if w.text == "4711")
    assert value.top == label.top == 12.0 and value.bottom - value.top == 10.0
    assert label.x0 == len("Order ") * 6 and label.x1 == label.x0 + 4 * 6
    assert value.x0 - label.x1 >= TAB_GAP


def test_tables_with_merged_and_nested_cells(order_docx: bytes, options: ExtractOptions) -> None:
    page = DocxReader().read(order_docx, "po.docx", options).pages[0]
    outer, nested = page.tables
    assert outer.source == "docx"
    texts = [[cell.text if cell else None for cell in row] for row in outer.rows]
    assert texts == [
        ["Item", "Qty", "Price\nEUR\tnet"],
        ["LED panel\n600x600 mm", "500", "12.50"],
        ["Total", None, "6250.00"],  # merged cell once, the covered grid cell None
    ]
    assert [[cell.text for cell in row if cell] for row in nested.rows] == [["EUR", "net"]]
    total, _, amount = outer.rows[2]
    qty = outer.rows[1][1]
    assert total is not None and amount is not None and qty is not None
    assert total.x1 == amount.x0 and qty.x0 - outer.rows[1][0].x0 >= 80  # type: ignore[union-attr]
    words = {w.text: w for w in page.words}
    assert words["500"].x0 == qty.x0 and words["12.50"].x0 == amount.x0
    assert words["600x600"].top == words["LED"].top + 12  # second line of a multi-line cell, same row
    assert words["EUR"].x0 >= amount.x0  # the nested table sits inside its cell


def test_text_boxes_content_controls_hidden_and_deleted_text(options: ExtractOptions) -> None:
    document = docx.Document()
    body = document.element.body
    text_box = (
        f"<w:p {NAMESPACES}><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent>"
        "<mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Ship to: Hamburg</w:t>"
        "</w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        "<w:txbxContent><w:p><w:r><w:t>Ship to: Hamburg</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    control = (
        f"<w:sdt {NAMESPACES}><w:sdtContent><w:p><w:r><w:t>PO: </w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>"
        "A-17</w:t></w:r></w:sdtContent></w:sdt><w:r><w:rPr><w:vanish/></w:rPr><w:t>internal</w:t></w:r>"
        "<w:del><w:r><w:delText>old</w:delText></w:r></w:del></w:p></w:sdtContent></w:sdt>"
    )
    sect = body[-1]
    sect.addprevious(parse_xml(text_box))
    sect.addprevious(parse_xml(control))
    doc = DocxReader().read(_save(document), "form.docx", options)
    assert _lines(doc.pages[0]) == ["Anchor", "Ship to: Hamburg", "PO: A-17"]


def test_zip_bomb_is_refused_before_opening(options: ExtractOptions) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * 20_000_000)
    with pytest.raises(InputTooLargeError, match="zip bomb"):
        DocxReader().read(buffer.getvalue(), "bomb.docx", options)


def test_zip_entry_and_size_limits(order_docx: bytes) -> None:
    with pytest.raises(InputTooLargeError, match="parts"):
        DocxReader().read(order_docx, "po.docx", ExtractOptions(limits=Limits(max_zip_entries=3)))
    with pytest.raises(InputTooLargeError, match="unpacks"):
        DocxReader().read(order_docx, "po.docx", ExtractOptions(limits=Limits(max_zip_uncompressed_bytes=1000)))


def test_broken_docx_is_corrupt(order_docx: bytes, options: ExtractOptions) -> None:
    with pytest.raises(CorruptInputError):
        DocxReader().read(order_docx[: len(order_docx) // 2], "cut.docx", options)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    with pytest.raises(CorruptInputError):
        DocxReader().read(buffer.getvalue(), "bad.docx", options)


def test_tabs_jump_to_paragraph_and_style_tab_stops(options: ExtractOptions) -> None:
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].paragraph_format.tab_stops.add_tab_stop(Pt(150))
    document.add_paragraph("PO:\t4711")
    document.add_paragraph("Ordered by:\tHans Müller")
    marks = document.add_paragraph("Marks:\tHANSEN")
    marks.paragraph_format.tab_stops.add_tab_stop(Pt(100))
    marks.runs[0].add_break()
    marks.add_run("\tC/NO. 1-UP")
    document.add_paragraph("A label longer than any tab stop:\tvalue")
    page = DocxReader().read(_save(document), "po.docx", options).pages[0]
    words = {w.text: w for w in page.words}
    assert words["4711"].x0 == words["Hans"].x0 == 150.0  # style stop: values align as in Word
    assert words["HANSEN"].x0 == words["C/NO."].x0 == 100.0  # paragraph stop, also on the continuation line
    label_end = words["stop:"].x1
    assert words["value"].x0 == label_end + TAB_GAP  # past the last stop: the plain wide gap


def test_items_beside_a_merged_group_cell_with_group_subtotals_are_each_an_item() -> None:
    from extractors import extract_order

    document = docx.Document()
    document.add_paragraph("Groenrijk Tuinmeubelen B.V.")
    document.add_paragraph("Inkooporder IO-260331")
    rows = [
        ["Collectie", "Pos.", "Artikelnr.", "Omschrijving", "Aantal", "Prijs USD", "Bedrag USD"],
        ["MERIDA", "1", "BDW-T160", "Tuintafel 160 cm", "120", "68,50", "8.220,00"],
        ["", "2", "BDW-C02", "Stapelstoel, set van 2", "240", "39,80", "9.552,00"],
        ["Subtotaal collectie MERIDA", "", "", "", "", "", "17.772,00"],
        ["LOTUS", "3", "BDW-L01", "Loungeset 4-delig", "40", "286,00", "11.440,00"],
        ["", "4", "BDW-SB65", "Bijzettafel rond 65 cm", "150", "31,75", "4.762,50"],
        ["Subtotaal collectie LOTUS", "", "", "", "", "", "16.202,50"],
        ["Totaal order", "", "", "", "", "", "33.974,50"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # "MERIDA" spans its two items
    table.cell(4, 0).merge(table.cell(5, 0))
    table.cell(1, 0).text = "MERIDA"
    table.cell(4, 0).text = "LOTUS"
    out = io.BytesIO()
    document.save(out)
    order = extract_order(out.getvalue(), filename="order.docx").order
    assert [(li.sku, str(li.quantity), str(li.amount)) for li in order.line_items] == [
        ("BDW-T160", "120", "8220.00"),
        ("BDW-C02", "240", "9552.00"),
        ("BDW-L01", "40", "11440.00"),
        ("BDW-SB65", "150", "4762.50"),
    ]
    assert order.total_amount is not None and str(order.total_amount) == "33974.50"
