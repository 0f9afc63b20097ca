"""Outlook `.msg` files (OLE compound documents) to the same `MailMessage` structure as MIME mail.

extract-msg does the parsing; attachments stay in memory (never saved), embedded messages are read
recursively within the depth and part caps, and any parser failure becomes a `CorruptInputError`.
"""

from __future__ import annotations

import logging
import mimetypes
from datetime import datetime
from typing import Any

from extractors.readers.mime import MailAttachment, MailMessage, joined_address, sanitize_name
from extractors.readers.text import decode_text
from models.errors import CorruptInputError, InputTooLargeError, IntakeError
from models.options import Limits

_QUIET_LOGGERS = ("extract_msg", "olefile")


def parse_outlook(data: bytes, limits: Limits) -> MailMessage:
    """Parse an Outlook message.

    Args:
        data: The bytes of the .msg file.
        limits: Part and depth caps.

    Returns:
        The parsed message.

    Raises:
        CorruptInputError: the file is not a readable Outlook message.
        InputTooLargeError: too many parts or too deep nesting.

    """
    import extract_msg

    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        msg = extract_msg.openMsg(data, delayAttachments=False)
    except IntakeError:
        raise
    except Exception as exc:  # extract-msg raises many unrelated types for damaged files
        raise CorruptInputError(
            "The Outlook message (.msg) is damaged or not a mail item; please forward the order as a new e-mail."
        ) from exc
    try:
        return _read(msg, limits, depth=0, counter=[0])
    except IntakeError:
        raise
    except Exception as exc:
        raise CorruptInputError("Parts of the Outlook message (.msg) could not be read.") from exc
    finally:
        msg.close()


def _read(msg: Any, limits: Limits, depth: int, counter: list[int]) -> MailMessage:
    if depth > limits.max_mime_depth:
        raise InputTooLargeError(f"The message nests attached e-mails deeper than {limits.max_mime_depth} levels.")
    mail = MailMessage(
        subject=_text(getattr(msg, "subject", "")),
        message_id=_text(getattr(msg, "messageId", "")).strip(),
        date=_date(getattr(msg, "date", None)),
    )
    _sender(msg, mail)
    body = _text(getattr(msg, "body", ""))
    if body.strip():
        mail.plain.append(body)
    html = getattr(msg, "htmlBody", None)
    if isinstance(html, bytes) and html.strip():
        mail.html.append(decode_text(html, html=True))
    for attachment in getattr(msg, "attachments", []) or []:
        counter[0] += 1
        if counter[0] > limits.max_mime_parts:
            raise InputTooLargeError(f"The message has more than {limits.max_mime_parts} attachments.")
        _attachment(attachment, mail, limits, depth, counter)
    return mail


def _sender(msg: Any, mail: MailMessage) -> None:
    from email.utils import parseaddr

    name, address = parseaddr(_text(getattr(msg, "sender", "")))
    mail.sender_name, mail.sender_address = name.strip(), address.strip() if "@" in address else ""
    to_name, to_address = parseaddr(_text(getattr(msg, "to", "")).split(";")[0])
    mail.recipient = joined_address(to_name.strip(), to_address.strip() if "@" in to_address else "")


def _attachment(attachment: Any, mail: MailMessage, limits: Limits, depth: int, counter: list[int]) -> None:
    data = attachment.data
    if data is not None and not isinstance(data, bytes | bytearray):
        if hasattr(data, "attachments") and hasattr(data, "subject"):
            mail.messages.append(_read(data, limits, depth + 1, counter))
        else:
            mail.warnings.append("An attachment of an unsupported kind was skipped.")
        return
    if not data:
        return
    media_type = _text(getattr(attachment, "mimetype", "")) or "application/octet-stream"
    number = len(mail.attachments) + 1
    fallback = f"attachment-{number}{mimetypes.guess_extension(media_type) or '.bin'}"
    raw_name = getattr(attachment, "longFilename", None) or getattr(attachment, "shortFilename", None)
    content_id = _text(getattr(attachment, "cid", "")) or None
    mail.attachments.append(
        MailAttachment(
            name=sanitize_name(_text(raw_name), fallback),
            media_type=media_type,
            data=bytes(data),
            inline=bool(getattr(attachment, "hidden", False)) or (content_id is not None and not raw_name),
            content_id=content_id,
        )
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\x00", "")


def _date(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else ""
