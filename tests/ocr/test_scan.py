"""OCR of PDF pages without a usable text layer, with the real Tesseract."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader as ReportlabImage
from reportlab.pdfgen import canvas

from extractors.readers.pdf import PdfReader
from extractors.readers.scan import ocr_pdf_pages
from models.options import ExtractOptions, OcrOptions
from models.pages import Page, ReadDocument
from tests.ocr.conftest import Rendered, render_lines

OPTIONS = ExtractOptions()


def image_pdf(image: Image.Image, dpi: float) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=dpi)
    return buffer.getvalue()


def needs_ocr_document(data: bytes) -> ReadDocument:
    doc = PdfReader().read(data, "scan.pdf", OPTIONS)
    assert all(page.needs_ocr for page in doc.pages)
    return doc


def test_image_only_pdf_becomes_a_scanned_pdf_with_words_in_points(german_page: Rendered) -> None:
    data = image_pdf(german_page.image, german_page.dpi)

    doc = ocr_pdf_pages(needs_ocr_document(data), data, OPTIONS)

    assert doc.kind == "scanned_pdf"
    [page] = doc.pages
    points = 72 / german_page.dpi
    assert page.ocr and not page.needs_ocr
    assert page.width == pytest.approx(german_page.image.width * points, abs=1)
    number = next(w for w in page.words if w.text == "4500012345")
    x0, top, x1, bottom = german_page.boxes["4500012345"]
    assert number.x0 == pytest.approx(x0 * points, abs=2) and number.x1 == pytest.approx(x1 * points, abs=2)
    assert number.top <= top * points + 2 and bottom * points <= number.bottom + 2
    assert json.loads(doc.metadata["ocr"])[0]["languages"] == ["deu"]


def test_fax_pdf_with_a_ccitt_image_is_read() -> None:
    fax = render_lines(["Fax order 4711 from Hansen GmbH", "Quantity 500 pcs, price 12.50 EUR"], dpi=200)
    data = image_pdf(fax.image.point(lambda v: 255 if v > 150 else 0).convert("1"), 200)

    doc = ocr_pdf_pages(needs_ocr_document(data), data, OPTIONS)

    assert {"4711", "Hansen", "12.50"} <= {w.text for w in doc.pages[0].words}


def test_only_pages_without_text_are_ocred_in_a_mixed_pdf(german_page: Rendered) -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica", 11)
    for row, text in enumerate(["Purchase order 4711 from Hansen GmbH"] * 12):
        pdf.drawString(72, 760 - 16 * row, f"{text} line {row}")
    pdf.showPage()
    pdf.drawImage(ReportlabImage(german_page.image), 0, 500, width=432, height=432 * german_page.image.height / 1200)
    pdf.showPage()
    pdf.save()
    data = buffer.getvalue()
    read = PdfReader().read(data, "mixed.pdf", OPTIONS)
    assert [p.needs_ocr for p in read.pages] == [False, True]

    doc = ocr_pdf_pages(read, data, OPTIONS)

    assert doc.kind == "pdf"
    assert doc.pages[0] is read.pages[0] and not doc.pages[0].ocr
    assert doc.pages[1].ocr and doc.pages[1].number == 2
    assert "4500012345" in {w.text for w in doc.pages[1].words}


def test_with_ocr_disabled_the_pages_stay_unread_with_a_warning() -> None:
    doc = ReadDocument(kind="pdf", media_type="application/pdf", pages=[Page(1, 595, 842, needs_ocr=True)])

    result = ocr_pdf_pages(doc, b"%PDF-1.4", ExtractOptions(ocr=OcrOptions(enabled=False)))

    assert result.pages[0].words == [] and result.kind == "pdf"
    assert "OCR is disabled" in result.warnings[0]


def ruled_order_page(dpi: int = 200) -> Image.Image:
    """A scanned order whose ruled grid has descriptions wrapped over two lines beside figures centred in the row."""
    from PIL import ImageDraw, ImageFont

    from tests.ocr.conftest import LATIN_FONT

    font = ImageFont.truetype(LATIN_FONT, round(9 * dpi / 72))
    page = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(page)
    draw.text((150, 150), "PURCHASE ORDER  PO-77120", font=font, fill=0)
    xs = [150, 450, 1050, 1250, 1450, 1600]
    rows = [("Item code", ["Description"], "Qty", "Price", "Amount")]
    rows += [
        ("LP-6060", ["LED panel light 600 x 600 mm,", "40 W, 4000 K, white frame"], "500", "12.50", "6,250.00"),
        ("DL-12W", ["Downlight 12 W round,", "cut-out 150 mm, 3000 K,", "opal diffuser"], "1,200", "3.85", "4,620.00"),
        ("TR-30", ["Track spot 30 W, black housing,", "beam angle 24 degrees"], "300", "9.60", "2,880.00"),
    ]
    top, height = 300, 130
    for n, (code, lines, qty, price, amount) in enumerate(rows):
        y = top + n * height
        draw.line((xs[0], y, xs[-1], y), fill=0, width=3)
        middle = y + height // 2 - 15
        draw.text((xs[0] + 10, middle), code, font=font, fill=0)
        for k, text in enumerate(lines):
            draw.text((xs[1] + 10, middle - 19 * (len(lines) - 1) + 38 * k), text, font=font, fill=0)
        for x, text in ((xs[2], qty), (xs[3], price), (xs[4], amount)):
            draw.text((x + 10, middle), text, font=font, fill=0)
    bottom = top + len(rows) * height
    draw.line((xs[0], bottom, xs[-1], bottom), fill=0, width=3)
    for x in xs:
        draw.line((x, top, x, bottom), fill=0, width=3)
    return page.rotate(0.8, resample=Image.Resampling.BICUBIC, fillcolor=255)


def test_a_ruled_grid_erased_before_ocr_still_bounds_the_rows_of_wrapped_descriptions() -> None:
    from extractors import extract_order

    data = image_pdf(ruled_order_page(), 200)

    order = extract_order(data, filename="scan.pdf").order

    assert [(i.sku, i.description, str(i.quantity)) for i in order.line_items] == [
        ("LP-6060", "LED panel light 600 x 600 mm, 40 W, 4000 K, white frame", "500"),
        ("DL-12W", "Downlight 12 W round, cut-out 150 mm, 3000 K, opal diffuser", "1200"),
        ("TR-30", "Track spot 30 W, black housing, beam angle 24 degrees", "300"),
    ]
