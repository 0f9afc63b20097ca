"""A PDF whose CJK font pdfminer cannot decode (CFF CID font from fpdf2) is read from its text layer through
poppler, not sent to OCR."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from fpdf import FPDF

from extractors.api import read_document
from models.options import ExtractOptions

CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.mark.skipif(not CJK.is_file(), reason="fonts-noto-cjk is installed by make")
def test_cjk_text_layer_that_pdfminer_cannot_decode_is_read_by_poppler(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", "", str(CJK), collection_font_number=2)
    pdf.set_font("cjk", size=12)
    pdf.cell(0, 10, "采购订单", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 10, "订单号：CG-2027-0042", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "order.pdf"
    pdf.output(str(path))
    with pdfplumber.open(path) as plumber:
        if plumber.pages[0].chars:
            pytest.skip("this pdfminer decodes the font; the fallback is not needed")
    doc = read_document(path.read_bytes(), "order.pdf", ExtractOptions(isolate=False))
    page = doc.pages[0]
    assert not page.needs_ocr
    assert [w.text for w in page.words] == ["采购订单", "订单号：CG-2027-0042"]
    assert 0 < page.words[0].x0 < page.words[0].x1 < page.width and page.words[0].top < page.words[1].top
