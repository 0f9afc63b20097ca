"""The reply e-mail's content: addressee, subject, threading headers and the worded body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr

from models.company import CompanyProfile
from models.result import ExtractionResult
from pipeline.confirmations.messages import MessageCatalog, fill
from pipeline.confirmations.safe_text import clean_text

_REPLY_PREFIX = re.compile(r"^\s*(re|aw|antw|sv|vs|rif|r|res|ynt|回复|答复)\s*[:：]", re.IGNORECASE)
_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_MESSAGE_ID = re.compile(r"^<[^<>\s]+@[^<>\s]+>$")


@dataclass(frozen=True)
class ReplyContent:
    """What the reply e-mail says, worded in the confirmation's language."""

    to: str | None
    """The buyer's address (the original e-mail's sender, else the buyer's e-mail), or None if unknown."""
    sender: str | None
    sender_name: str
    subject: str
    in_reply_to: str | None
    greeting: str
    intro: str
    summary_title: str
    summary: tuple[str, ...]
    questions_intro: str
    questions: tuple[str, ...]
    closing: tuple[str, ...]


@dataclass(frozen=True)
class ReplyFacts:
    """The order facts the reply mentions, already formatted."""

    confirmation_number: str
    greeting: str
    order_ref: str
    total: str | None
    delivery_date: str | None
    questions: tuple[str, ...]


def build_reply(
    result: ExtractionResult, company: CompanyProfile, messages: MessageCatalog, facts: ReplyFacts
) -> ReplyContent:
    """Word the reply e-mail to the buyer.

    Args:
        result: The order's extraction result (its document tells whether the order came by e-mail).
        company: Our company profile, the sender.
        messages: Texts of the confirmation's language.
        facts: The formatted facts the e-mail repeats.

    """
    texts = messages.email
    summary = []
    if facts.total:
        summary.append(fill(texts.total, total=facts.total))
    if facts.delivery_date:
        summary.append(fill(texts.delivery_date, date=facts.delivery_date))
    return ReplyContent(
        to=reply_address(result),
        sender=mail_address(company.email),
        sender_name=clean_text(company.name),
        subject=reply_subject(result, messages, facts.confirmation_number),
        in_reply_to=thread_id(result),
        greeting=facts.greeting,
        intro=fill(texts.intro, order_ref=facts.order_ref, confirmation_number=facts.confirmation_number),
        summary_title=texts.summary,
        summary=tuple(summary),
        questions_intro=texts.questions_intro if facts.questions else texts.no_questions,
        questions=facts.questions,
        closing=(messages.closing.regards, clean_text(company.name), messages.closing.team),
    )


def mail_address(value: str | None) -> str | None:
    """Return the bare address in `value` (`Name <a@b.example>` -> `a@b.example`), or None.

    Anything doubtful gives None rather than a guess: a line break, an address that the parser had to piece
    together from separate words, or one that is not a plain ASCII `local@domain`.
    """
    text = clean_text(value or "")
    if not text or "\n" in text:
        return None
    _, address = parseaddr(text)
    if address not in text or not _ADDRESS.match(address):
        return None
    return address


def reply_address(result: ExtractionResult) -> str | None:
    """Reply to the sender of an e-mailed order, else to the buyer's e-mail address."""
    document = result.document
    if document.kind == "email":
        sender = mail_address(document.sender)
        if sender:
            return sender
    return mail_address(result.order.buyer.email)


def thread_id(result: ExtractionResult) -> str | None:
    """Return the Message-ID to answer (`<id@host>`) when the order came by e-mail, else None."""
    document = result.document
    if document.kind != "email" or not document.message_id:
        return None
    message_id = clean_text(document.message_id).replace("\n", "")
    if not message_id.startswith("<"):
        message_id = f"<{message_id}>"
    return message_id if _MESSAGE_ID.match(message_id) else None


def reply_subject(result: ExtractionResult, messages: MessageCatalog, number: str) -> str:
    """Return `Re: <original subject>` for an e-mailed order, else our subject with the PO number."""
    document, texts = result.document, messages.email
    if document.kind == "email" and document.subject:
        subject = " ".join(clean_text(document.subject).split())
        if subject:
            return subject if _REPLY_PREFIX.match(subject) else f"Re: {subject}"
    po_number = " ".join(clean_text(result.order.order_number or "").split())
    if po_number:
        return fill(texts.subject, confirmation_number=number, po_number=po_number)
    return fill(texts.subject_no_po, confirmation_number=number)
