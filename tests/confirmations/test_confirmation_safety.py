"""Customer text is data: it comes out literally, never evaluated as a template, markup, formula or header."""

from __future__ import annotations

import io
import zipfile
from email import message_from_bytes, policy

import pytest
from confirmation_samples import HOSTILE, TODAY, docx_text, pdf_pages, squash

from models.order import LineItem
from pipeline.confirmations import RenderedConfirmation, render_confirmation
from pipeline.confirmations.safe_text import clean_text

PAGE_ALIAS = "{nb}"
PO_PLACEHOLDER = "{po_number}"


@pytest.fixture(scope="module")
def hostile(company) -> RenderedConfirmation:
    from confirmation_samples import make_result

    result = make_result("en")
    hostile_line = LineItem(line_no=4, sku="=HYPERLINK(\"http://x.example\")", description=HOSTILE,
                            quantity=1, unit_price=1, amount=1)  # fmt: skip
    result.order.line_items.append(hostile_line)
    result.order.packaging = f"{PAGE_ALIAS} {PO_PLACEHOLDER} \\1 \\g<0>"
    result.order.buyer.contact = "Eve <b>Bold</b>"
    result.order.buyer.email = "eve@buyer.example\r\nBcc: victim@else.example"
    result.order.order_number = "PO-1\r\nBcc: victim@else.example"
    result.missing[0].question = "Marks? <img src=x onerror=alert(1)> {{ config }}"
    return render_confirmation(result, company, today=TODAY)


def test_docx_holds_the_hostile_text_literally_and_no_field_but_page_numbers(hostile):
    text = docx_text(hostile.docx)
    assert HOSTILE in text
    assert f"{PAGE_ALIAS} {PO_PLACEHOLDER} \\1 \\g<0>" in text
    assert "Marks? <img src=x onerror=alert(1)> {{ config }}" in text
    with zipfile.ZipFile(io.BytesIO(hostile.docx)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        footer = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("word/footer")).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>" not in body
    assert "fldSimple" not in body and "instrText" not in body  # no field in the body at all
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer


def test_pdf_text_is_literal_and_the_page_count_alias_is_not_substituted(hostile):
    pages = pdf_pages(hostile.pdf)
    text = squash("\n".join(pages))
    assert squash(HOSTILE) in text
    assert f"{PAGE_ALIAS} {PO_PLACEHOLDER} \\1 \\g<0>" in text
    assert f"Page 1/{len(pages)}" in pages[0]


def test_eml_plain_text_is_literal_and_html_is_escaped(hostile):
    message = message_from_bytes(hostile.eml, policy=policy.default)
    plain = message.get_body(preferencelist=("plain",)).get_content()
    html_body = message.get_body(preferencelist=("html",)).get_content()
    assert "Marks? <img src=x onerror=alert(1)> {{ config }}" in plain
    assert "Eve <b>Bold</b>" in plain
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_body and "<img" not in html_body
    assert "Eve &lt;b&gt;Bold&lt;/b&gt;" in html_body and "<b>" not in html_body


def test_header_injection_is_impossible(hostile):
    message = message_from_bytes(hostile.eml, policy=policy.default)
    assert message["Bcc"] is None
    assert message["To"] is None  # an address with a line break in it is no address: the desk fills it in
    assert "\n" not in message["Subject"] and "PO-1 Bcc: victim@else.example" in message["Subject"]
    header_block = hostile.eml.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    assert "\nBcc:" not in header_block


def test_clean_text_drops_control_and_bidi_override_characters_only():
    assert clean_text("Invoice\u202egnp.exe") == "Invoicegnp.exe"
    assert clean_text("a\x00b\x1bc\x7f") == "abc"
    assert clean_text("  line 1\r\nline 2\tcol  ") == "line 1\nline 2\tcol"
    assert clean_text(HOSTILE) == HOSTILE
    assert clean_text("Müller 王伟 €") == "Müller 王伟 €"
