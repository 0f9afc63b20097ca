"""E-mail reader: `.eml` (RFC 5322 / MIME) and Outlook `.msg` to one `ReadDocument` of kind `email`.

The document's pages hold the new text of the body (plain text preferred, HTML converted when there is no
useful plain text; quoted replies, signatures and disclaimers removed, forwarded content kept). Its
`children` are the attachments, each read from memory by the reader its content calls for, plus attached
e-mails (forwarded as attachment) as nested `email` documents. Header facts go to `metadata`: `subject`,
`sender`, `recipient` (the first addressee), `message_id`, `date` (ISO), `parts` (JSON list of name, media
type, role), and for the e-mail merge `signature`, `quoted` and the `forwarded_*` header of a forwarded
message.
"""

from __future__ import annotations

import json
import logging
import re

from extractors.readers.htmlflow import html_to_flow
from extractors.readers.layout import FlowItem, FlowTable, flow_text, render_pages
from extractors.readers.mailbody import CleanBody, clean_body, is_forward_subject
from extractors.readers.mime import MailAttachment, MailMessage, parse_message, sanitize_name
from extractors.readers.sniff import EMAIL, HTML, OUTLOOK_MSG, TEXT
from extractors.readers.text import text_to_flow
from models.errors import InputTooLargeError, IntakeError
from models.options import ExtractOptions
from models.pages import ReadDocument

log = logging.getLogger(__name__)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BODY_PART = "body"
MIN_IMAGE_BYTES = 4096
"""Smaller images are logos and icons, not scanned orders."""
PLAIN_SHARE = 0.3
"""A plain-text alternative much shorter than the HTML one is a stub ("view this message in a browser")."""
QUOTED_CHARS = 4000


class EmailReader:
    """`.eml` and `.msg` messages: body, attachments and header facts."""

    kind = "email"

    def read(self, data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
        """Parse the message and read its body and attachments.

        Args:
            data: The message bytes.
            name: Display name of the file.
            options: Limits (MIME parts, depth, header bytes, text length) and OCR options for attachments.

        Returns:
            An `email` document whose children are the attachments.

        Raises:
            CorruptInputError: the message cannot be parsed (a damaged .msg).
            InputTooLargeError: a cap of `options.limits` is exceeded.

        """
        if data.startswith(OLE_MAGIC):
            from extractors.readers.outlook import parse_outlook

            return mail_document(parse_outlook(data, options.limits), OUTLOOK_MSG, options)
        return mail_document(parse_message(data, options.limits), EMAIL, options)


def mail_document(mail: MailMessage, media_type: str, options: ExtractOptions) -> ReadDocument:
    """Build the `email` document of a parsed message (attachments read, attached mails nested).

    Args:
        mail: The parsed message.
        media_type: `message/rfc822` or `application/vnd.ms-outlook`.
        options: Limits and OCR options.

    Returns:
        The document.

    """
    body_type, flow = body_flow(mail)
    body = clean_body(flow, forward_subject=is_forward_subject(mail.subject))
    text_length = len(flow_text(body.items))
    if text_length > options.limits.max_text_chars:
        raise InputTooLargeError(f"The e-mail body has more than {options.limits.max_text_chars:,} characters.")
    document = ReadDocument(
        kind="email", media_type=media_type, pages=render_pages(body.items), part=BODY_PART, warnings=mail.warnings
    )
    document.metadata.update(_metadata(mail, body))
    parts = [{"name": BODY_PART, "media_type": body_type, "role": "body"}]
    referenced = _referenced_ids(mail)
    for attachment in mail.attachments:
        child = _read_attachment(attachment, referenced, options, document.warnings)
        parts.append({"name": attachment.name, "media_type": attachment.media_type, "role": "other"})
        if child is not None:
            document.children.append(child)
    for inner in mail.messages:
        child = mail_document(inner, EMAIL, options)
        child.part = sanitize_name(inner.subject, "message") + ".eml"
        parts.append({"name": child.part, "media_type": EMAIL, "role": "other"})
        document.children.append(child)
    document.metadata["parts"] = json.dumps(parts, ensure_ascii=False)
    return document


def body_flow(mail: MailMessage) -> tuple[str, list[FlowItem]]:
    """The body to read: plain text, unless it is missing or a stub next to a fuller HTML version."""
    plain = "\n".join(mail.plain).strip()
    html_flow = html_to_flow("\n".join(mail.html)) if mail.html else []
    fuller = bool(html_flow) and (len(plain) < PLAIN_SHARE * len(flow_text(html_flow)) or _table_lost(plain, html_flow))
    if plain and not fuller:
        return TEXT, text_to_flow(plain.replace("\r\n", "\n"))
    if html_flow:
        return HTML, html_flow
    return TEXT, []


_COLUMN_GAP = re.compile(r"\S(?:\t|\s{2,}|\s?\|\s?)\S")


def _table_lost(plain: str, html_flow: list[FlowItem]) -> bool:
    """The HTML part holds a data table whose columns the text part flattened into single-spaced lines.

    A mail program's text part of "<table>" rows ("BW-TN2P 2-person dome tent 600 pcs $24.50 $14,700.00") keeps
    no column boundaries: tabs, runs of spaces or bars would.
    """
    tables = [item for item in html_flow if isinstance(item, FlowTable) and item.n_rows >= 3 and item.n_cols >= 3]
    if not tables:
        return False
    columned = sum(1 for line in plain.splitlines() if len(_COLUMN_GAP.findall(line)) >= 2)
    return columned < min(t.n_rows for t in tables) - 1


def _metadata(mail: MailMessage, body: CleanBody) -> dict[str, str]:
    facts = {
        "subject": mail.subject,
        "sender": mail.sender,
        "recipient": mail.recipient,
        "message_id": mail.message_id,
        "date": mail.date,
        "signature": "\n".join(body.signature).strip(),
        "quoted": "\n".join(body.quoted)[:QUOTED_CHARS],
    }
    if body.forwarded is not None:
        facts.update(
            forwarded_sender=body.forwarded.sender,
            forwarded_recipient=body.forwarded.recipient,
            forwarded_subject=body.forwarded.subject,
            forwarded_date=body.forwarded.date,
        )
    return {key: value for key, value in facts.items() if value}


def _referenced_ids(mail: MailMessage) -> set[str]:
    html = "\n".join(mail.html).lower()
    return {a.content_id for a in mail.attachments if a.content_id and f"cid:{a.content_id.lower()}" in html}


def _read_attachment(
    attachment: MailAttachment, referenced: set[str], options: ExtractOptions, warnings: list[str]
) -> ReadDocument | None:
    """Read one attachment from memory; None for decorations and unreadable files (with a warning)."""
    if _is_decoration(attachment, referenced):
        return None
    from extractors.api import read_document

    try:
        child = read_document(attachment.data, attachment.name, options)
    except IntakeError as exc:
        warnings.append(f"Attachment {attachment.name} was not read: {exc.message}")
        return None
    except Exception as exc:  # a parser bug in one attachment must not lose the whole e-mail
        # the name is the sender's and the traceback may quote the content: both at debug level only
        log.error("unexpected %s while reading an attachment", type(exc).__name__)
        log.debug("attachment %s", attachment.name, exc_info=True)
        warnings.append(f"Attachment {attachment.name} could not be read.")
        return None
    child.part = attachment.name
    return child


def _is_decoration(attachment: MailAttachment, referenced: set[str]) -> bool:
    """Logos, icons and images shown inside the HTML body."""
    if not attachment.media_type.startswith("image/"):
        return False
    if attachment.content_id in referenced or attachment.inline:
        return True
    return len(attachment.data) < MIN_IMAGE_BYTES


__all__ = ["BODY_PART", "EmailReader", "mail_document"]
