"""Order confirmations and reply e-mails in the buyer's language, from one content model.

`render_confirmation(result, company)` words the confirmation once (`content.build_content`) and lays it out
three times: DOCX (python-docx), PDF (fpdf2) and the reply e-mail with the PDF attached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.company import CompanyProfile
from models.result import ExtractionResult
from pipeline.confirmations.content import ConfirmationContent, build_content


@dataclass(frozen=True)
class RenderedConfirmation:
    """The three outputs of one confirmation, as bytes, with the content they were made from."""

    content: ConfirmationContent
    docx: bytes
    pdf: bytes
    eml: bytes


def render_confirmation(
    result: ExtractionResult, company: CompanyProfile, language: str | None = None, *, today: date | None = None
) -> RenderedConfirmation:
    """Word the confirmation of one order and render it as DOCX, PDF and reply e-mail.

    Args:
        result: The extraction result of an order.
        company: Our company profile (letterhead, seller, sender of the reply).
        language: Force this language; None uses the buyer's language (English when there is no messages file).
        today: The confirmation date; None means the real today.

    """
    from pipeline.confirmations.docx_renderer import render_docx
    from pipeline.confirmations.email_renderer import render_eml
    from pipeline.confirmations.pdf_renderer import render_pdf

    content = build_content(result, company, language, today=today)
    pdf = render_pdf(content)
    return RenderedConfirmation(content=content, docx=render_docx(content), pdf=pdf, eml=render_eml(content, pdf))


__all__ = ["ConfirmationContent", "RenderedConfirmation", "build_content", "render_confirmation"]
