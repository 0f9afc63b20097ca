"""Acceptance: in each language the DOCX, PDF and reply e-mail say the right things, read back from the files."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from confirmation_samples import BUYERS, LANGUAGES, TODAY, docx_text, pdf_pages, squash

from pipeline.confirmations import build_content, render_confirmation
from pipeline.confirmations.docx_renderer import render_docx
from pipeline.confirmations.messages import load_messages
from pipeline.confirmations.pdf_renderer import render_pdf


def parse_eml(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_is_in_the_buyers_language_with_po_number_total_and_questions(language, company, rendered):
    buyer, texts = BUYERS[language], load_messages(language)
    text = squash("\n".join(pdf_pages(rendered(language).pdf)))
    assert texts.document.title in text
    assert buyer.po_number in text
    assert squash(buyer.total) in text
    assert squash(buyer.deposit) in text  # the deposit in money
    for question in buyer.questions:
        assert squash(question) in text
    assert texts.sections.questions in text and texts.sections.next_steps in text
    assert company.name in text  # letterhead


@pytest.mark.parametrize("language", LANGUAGES)
def test_docx_is_in_the_buyers_language_with_po_number_total_and_questions(language, company, rendered):
    buyer, texts = BUYERS[language], load_messages(language)
    text = squash(docx_text(rendered(language).docx))
    assert texts.document.title in text
    assert buyer.po_number in text
    assert squash(buyer.total) in text
    assert squash(buyer.deposit) in text
    for question in buyer.questions:
        assert squash(question) in text
    assert squash(buyer.descriptions[2]) in text
    assert company.name in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_reply_asks_the_questions_in_the_buyers_language_and_attaches_the_pdf(language, company, rendered):
    buyer, texts, result = BUYERS[language], load_messages(language), rendered(language)
    message = parse_eml(result.eml)
    assert message["To"] == f"orders@{language}.buyer.example"
    assert message["Subject"].startswith(texts.email.subject_no_po.split("{")[0].strip())
    assert buyer.po_number in message["Subject"]
    assert message["In-Reply-To"] is None  # the order came as a PDF, not by e-mail
    assert message["Content-Language"] == language
    plain = message.get_body(preferencelist=("plain",)).get_content()
    html_part = message.get_body(preferencelist=("html",)).get_content()
    for question in buyer.questions:
        assert question in plain
    assert texts.email.questions_intro in plain
    assert squash(buyer.total) in squash(plain)
    attachments = list(message.iter_attachments())
    assert [part.get_content_type() for part in attachments] == ["application/pdf"]
    assert attachments[0].get_content() == result.pdf
    assert attachments[0].get_filename().endswith(".pdf")
    assert texts.closing.regards in html_part


def test_pages_are_numbered_n_of_total(company, order_in):
    many_lines = [
        line.model_copy(update={"line_no": n}) for n in range(1, 61) for line in order_in("en").order.line_items[:1]
    ]
    result = order_in("en", line_items=many_lines)
    pages = pdf_pages(render_pdf(build_content(result, company, today=TODAY)))
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number}/{len(pages)}" in text
    headings = [squash(text) for text in pages]
    assert all("Pos." in text for text in headings[:2])  # the table heading repeats on the next page


def test_reply_to_an_emailed_order_answers_the_thread(company, order_in):
    result = order_in("de")
    result.document.kind = "email"
    result.document.subject = "Bestellung 4500012345 – LED-Panels"
    result.document.message_id = "<po-4711@hansen.example>"
    result.document.sender = "Hans Müller <h.mueller@hansen.example>"
    message = parse_eml(render_confirmation(result, company, today=TODAY).eml)
    assert message["To"] == "h.mueller@hansen.example"
    assert message["Subject"] == "Re: Bestellung 4500012345 – LED-Panels"
    assert message["In-Reply-To"] == "<po-4711@hansen.example>"
    assert message["References"] == "<po-4711@hansen.example>"
    assert message["From"].addresses[0].addr_spec == company.email


def test_lang_option_overrides_the_buyers_language(company, order_in):
    text = squash(docx_text(render_docx(build_content(order_in("de"), company, "fr", today=TODAY))))
    assert "Confirmation de commande" in text and "Auftragsbestätigung" not in text
    assert "18.750,00 €" not in text and "18 750,00 €" in text  # French format for the German buyer
    assert "Welche Versandmarkierung soll auf die Kartons gedruckt werden?" in text  # questions shown as given


def test_unsupported_language_falls_back_to_english(company, order_in):
    result = order_in("en")
    result.document.language = "ja"
    content = build_content(result, company, today=TODAY)
    assert content.language == "en" and content.title == "Order Confirmation"


def test_chinese_pdf_embeds_a_cjk_font_and_latin_pdf_does_not(rendered):
    assert b"NotoSansCJK" in rendered("zh").pdf
    assert b"NotoSansCJK" not in rendered("de").pdf
    assert b"DejaVuSans" in rendered("de").pdf


def test_cjk_customer_text_in_a_latin_confirmation_falls_back_to_the_cjk_font(company, order_in):
    result = order_in("en")
    result.order.ship_to.name = "宁波保税区仓库"
    pdf = render_pdf(build_content(result, company, today=TODAY))
    assert "宁波保税区仓库" in "".join(pdf_pages(pdf))
    assert b"NotoSansCJK" in pdf
