from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from PIL import Image
from readers_samples import PAGE_HEIGHT, RULED_TABLE, RULED_TOP, build_order_pdf
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader as ReportlabImage
from reportlab.pdfgen import canvas

from extractors.readers.pdf import PdfReader
from extractors.readers.pdfpage import text_layer_unusable
from models.errors import CorruptInputError, EncryptedInputError, InputTooLargeError
from models.options import ExtractOptions, Limits
from models.pages import Word


def _word(doc_page, text: str) -> Word:
    return next(word for word in doc_page.words if word.text == text)


def test_words_have_top_left_boxes_in_points(order_pdf: bytes, options: ExtractOptions) -> None:
    doc = PdfReader().read(order_pdf, "po.pdf", options)
    assert doc.kind == "pdf" and len(doc.pages) == 2
    first = doc.pages[0]
    assert (first.width, first.height) == pytest.approx(A4)
    number = _word(first, "4711")
    # drawn with its baseline 100 pt below the top edge in 12 pt Helvetica
    assert number.top == pytest.approx(90.5, abs=1.5)
    assert number.bottom == pytest.approx(102.5, abs=1.5)
    assert _word(first, "Order").x0 == pytest.approx(72.0)
    assert _word(first, "PURCHASE").top < number.top
    assert not any(page.needs_ocr for page in doc.pages)
    assert "ReportLab" in doc.metadata["producer"]


def test_ruled_table_is_found_with_cell_texts_and_boxes(order_pdf: bytes, options: ExtractOptions) -> None:
    first, second = PdfReader().read(order_pdf, "po.pdf", options).pages
    assert len(first.tables) == 1
    rows = first.tables[0].rows
    assert [[cell.text for cell in row if cell] for row in rows] == RULED_TABLE
    header = rows[0][0]
    assert header is not None
    assert (header.x0, header.top, header.x1, header.bottom) == pytest.approx((72.0, RULED_TOP, 272.0, RULED_TOP + 20))
    assert second.tables == []  # the unruled columns are left to the layout-based extractors
    assert [w.text for w in second.words if w.top < 105] == ["SKU", "Qty", "Unit", "price"]
    assert _word(second, "1.50").x0 == pytest.approx(400.0)


def test_spanned_cells_are_none(options: ExtractOptions) -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    xs, ys = [72, 200, 300, 400], [PAGE_HEIGHT - 100 - 20 * i for i in range(4)]
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    for x in (72, 300, 400):
        pdf.line(x, ys[0], x, ys[-1])
    pdf.line(200, ys[0], 200, ys[2])  # no divider in the last row: "Total" spans two columns
    for row, texts in enumerate([("Item", "Qty", "Amount"), ("Bolt", "5", "10.00"), ("Total", None, "10.00")]):
        for x, text in zip(xs, texts, strict=False):
            if text:
                pdf.drawString(x + 4, ys[row] - 14, text)
    pdf.save()
    rows = PdfReader().read(buffer.getvalue(), "t.pdf", options).pages[0].tables[0].rows
    total, spanned, amount = rows[2]
    assert spanned is None
    assert total is not None and total.text == "Total" and total.x1 == pytest.approx(300.0)
    assert amount is not None and amount.text == "10.00"


def test_image_only_page_needs_ocr(options: ExtractOptions) -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    image = Image.new("L", (200, 280), color=255)
    pdf.drawImage(ReportlabImage(image), 0, 0, width=A4[0], height=A4[1])
    pdf.drawString(20, 20, "Scanned by")  # a stamp-like bit of text does not make a text layer
    pdf.showPage()
    pdf.drawString(72, 700, "A real text page with enough words to be read without OCR at all. " * 3)
    pdf.save()
    scanned, digital = PdfReader().read(buffer.getvalue(), "scan.pdf", options).pages
    assert scanned.needs_ocr and not digital.needs_ocr


def test_garbage_text_layer_needs_ocr() -> None:
    page = SimpleNamespace(width=595.0, height=842.0, bbox=(0, 0, 595, 842), objects={})
    garbage = [Word("(cid:12)(cid:7)(cid:42)", 0, 0, 10, 10), Word("\ufffd\ufffdab", 20, 0, 30, 10)]
    assert text_layer_unusable(page, garbage)
    assert not text_layer_unusable(page, [Word("Purchase", 0, 0, 10, 10), Word("order", 20, 0, 30, 10)])
    assert text_layer_unusable(page, [])


def test_password_protected_pdf_is_refused_with_advice(options: ExtractOptions) -> None:
    with pytest.raises(EncryptedInputError) as caught:
        PdfReader().read(build_order_pdf(encrypt="secret"), "locked.pdf", options)
    assert caught.value.code == "input.encrypted"
    assert "unprotected copy" in caught.value.message


def test_owner_password_only_pdf_is_read(options: ExtractOptions) -> None:
    restricted = build_order_pdf(encrypt=StandardEncryption("", ownerPassword="owner", canCopy=0))
    doc = PdfReader().read(restricted, "restricted.pdf", options)
    assert "4711" in [word.text for word in doc.pages[0].words]
    assert doc.metadata["encrypted"] == "true"


@pytest.mark.parametrize("keep", [0.5, 0.98])
def test_truncated_pdf_is_corrupt(order_pdf: bytes, options: ExtractOptions, keep: float) -> None:
    with pytest.raises(CorruptInputError) as caught:
        PdfReader().read(order_pdf[: int(len(order_pdf) * keep)], "cut.pdf", options)
    assert caught.value.code == "input.corrupt"


def test_page_limit(order_pdf: bytes) -> None:
    with pytest.raises(InputTooLargeError, match="2 pages"):
        PdfReader().read(order_pdf, "po.pdf", ExtractOptions(limits=Limits(max_pages=1)))
