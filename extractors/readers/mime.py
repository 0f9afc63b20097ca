"""MIME messages (RFC 5322 + MIME) to a plain structure: header facts, body texts, attachments, attached mails.

The walk honours the caps of `Limits` (header bytes, number of parts, nesting depth) and never trusts a name:
attachment names are only sanitized display strings. Bodies are decoded with their declared charset and fall
back to detection when the declaration is missing, unknown or wrong.
"""

from __future__ import annotations

import codecs
import mimetypes
import re
import unicodedata
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from extractors.readers.text import decode_text
from models.errors import CorruptInputError, InputTooLargeError, IntakeError
from models.options import Limits

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
_MAX_NAME = 120


@dataclass(slots=True)
class MailAttachment:
    """One attached file: bytes in memory and a display name that is never used as a path."""

    name: str
    media_type: str
    data: bytes
    inline: bool = False
    content_id: str | None = None


@dataclass(slots=True)
class MailMessage:
    """What a message says: header facts, its body texts, attachments and attached messages."""

    subject: str = ""
    sender_name: str = ""
    sender_address: str = ""
    recipient: str = ""
    """The first addressee as `Name <address>` (the supplier an order is sent to), or empty."""
    message_id: str = ""
    date: str = ""
    """ISO 8601 date and time as sent, or empty."""
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[MailAttachment] = field(default_factory=list)
    messages: list[MailMessage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def sender(self) -> str:
        """The sender as `Name <address>` (or the bare address)."""
        if self.sender_name and self.sender_address:
            return f"{self.sender_name} <{self.sender_address}>"
        return self.sender_address or self.sender_name


@dataclass(slots=True)
class _Walk:
    """Counters shared by the whole walk (parts seen) and the limits to enforce."""

    limits: Limits
    parts: int = 0

    def count(self) -> None:
        self.parts += 1
        if self.parts > self.limits.max_mime_parts:
            raise InputTooLargeError(
                f"The e-mail has more than {self.limits.max_mime_parts} MIME parts; please send the order on its own."
            )


def sanitize_name(name: str | None, fallback: str) -> str:
    """A display name for an attachment: no path, no control or reserved characters, bounded length.

    Args:
        name: The name the message declares (may be hostile: `../../etc/passwd`, control characters).
        fallback: Used when nothing printable is left.

    Returns:
        The last path component, cleaned, at most 120 characters.

    """
    text = unicodedata.normalize("NFC", str(name or ""))
    text = re.split(r"[/\\]", text)[-1]
    text = _UNSAFE_NAME.sub("_", text).strip(" ._")
    if len(text) > _MAX_NAME:
        stem, dot, ext = text.rpartition(".")
        text = (stem[: _MAX_NAME - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else text[:_MAX_NAME]
    return text or fallback


def parse_message(data: bytes, limits: Limits) -> MailMessage:
    """Parse the bytes of an RFC 5322 message.

    Args:
        data: The raw message.
        limits: Header, part and depth caps.

    Returns:
        The parsed message.

    Raises:
        InputTooLargeError: the header block, the number of parts or the nesting exceeds its cap.
        CorruptInputError: the bytes are not a message.

    """
    _check_header_size(data, limits)
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except RecursionError as exc:  # the parser recurses once per nesting level
        raise InputTooLargeError(f"The e-mail nests parts deeper than {limits.max_mime_depth} levels.") from exc
    except (ValueError, TypeError, LookupError, IndexError) as exc:
        raise CorruptInputError("The e-mail could not be parsed; please forward it again as .eml.") from exc
    if not message.keys():
        raise CorruptInputError("The file has no e-mail headers.")
    return read_message(message, _Walk(limits), depth=0)


def _check_header_size(data: bytes, limits: Limits) -> None:
    match = _HEADER_END.search(data, 0, limits.max_header_bytes + 4)
    if match is None and len(data) > limits.max_header_bytes:
        raise InputTooLargeError(f"The e-mail's header block is larger than {limits.max_header_bytes:,} bytes.")


def read_message(message: Message, walk: _Walk, depth: int) -> MailMessage:
    """Read one (possibly attached) message and its parts."""
    if depth > walk.limits.max_mime_depth:
        raise InputTooLargeError(f"The e-mail nests parts deeper than {walk.limits.max_mime_depth} levels.")
    mail = MailMessage(
        subject=header_text(message, "subject"),
        message_id=header_text(message, "message-id"),
        date=_iso_date(header_text(message, "date")),
    )
    mail.sender_name, mail.sender_address = _address(header_text(message, "from"))
    mail.recipient = joined_address(*_address(header_text(message, "to")))
    _walk_part(message, mail, walk, depth)
    return mail


def header_text(message: Message, name: str) -> str:
    """A header's decoded value on one line, or "" (malformed headers fall back to their raw text)."""
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError, LookupError, AttributeError):
        raw = [value for key, value in message.raw_items() if key.lower() == name.lower()]  # unparsed
        value = str(raw[0]) if raw else None
    if value is None:
        return ""
    return " ".join(str(value).split())


def joined_address(name: str, address: str) -> str:
    """`Name <address>`, the bare address, or empty when there is no address."""
    if not address:
        return ""
    return f"{name} <{address}>" if name else address


def _address(value: str) -> tuple[str, str]:
    try:
        pairs = getaddresses([value])
    except (ValueError, TypeError, IndexError):
        return "", ""
    name, address = pairs[0] if pairs else ("", "")
    if "@" not in address:
        return (name or value).strip(), ""
    return name.strip().strip('"'), address.strip()


def _iso_date(value: str) -> str:
    if not value:
        return ""
    try:
        return parsedate_to_datetime(value).isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        return ""


def _walk_part(part: Message, mail: MailMessage, walk: _Walk, depth: int) -> None:
    walk.count()
    media_type = part.get_content_type()
    if part.is_multipart() and media_type != "message/rfc822":
        if depth + 1 > walk.limits.max_mime_depth:
            raise InputTooLargeError(f"The e-mail nests parts deeper than {walk.limits.max_mime_depth} levels.")
        for child in part.get_payload():
            if isinstance(child, Message):
                _walk_part(child, mail, walk, depth + 1)
        return
    if media_type == "message/rfc822":
        _attached_message(part, mail, walk, depth)
        return
    if media_type in ("text/plain", "text/html") and not _is_attachment(part):
        text = body_text(part)
        if text is not None and text.strip():
            (mail.plain if media_type == "text/plain" else mail.html).append(text)
        return
    _attachment(part, mail)


def _attached_message(part: Message, mail: MailMessage, walk: _Walk, depth: int) -> None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if isinstance(inner, Message):
        mail.messages.append(read_message(inner, walk, depth + 1))
    else:
        mail.warnings.append("An attached e-mail could not be read.")


def _is_attachment(part: Message) -> bool:
    disposition = (part.get_content_disposition() or "").lower()
    return disposition == "attachment" or bool(part.get_filename())


def body_text(part: Message) -> str | None:
    """A text part's content decoded with its charset, falling back to detection when that fails."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    charset = part.get_content_charset()
    if charset:
        try:
            codecs.lookup(charset)
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(payload, html=part.get_content_type() == "text/html")
    except IntakeError:
        return payload.decode(charset or "latin-1", errors="replace") if _known(charset) else payload.decode("latin-1")


def _known(charset: str | None) -> bool:
    try:
        codecs.lookup(charset or "")
    except LookupError:
        return False
    return True


def _attachment(part: Message, mail: MailMessage) -> None:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes) or not data:
        return
    media_type = part.get_content_type()
    number = len(mail.attachments) + 1
    extension = mimetypes.guess_extension(media_type) or ".bin"
    name = _filename(part)
    content_id = header_text(part, "content-id").strip("<>") or None
    mail.attachments.append(
        MailAttachment(
            name=sanitize_name(name, f"attachment-{number}{extension}"),
            media_type=media_type,
            data=data,
            inline=(part.get_content_disposition() or "").lower() == "inline" or (content_id is not None and not name),
            content_id=content_id,
        )
    )


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()  # Content-Disposition filename, else Content-Type name (RFC 2231 decoded)
    except (ValueError, TypeError, IndexError, LookupError):
        return None
    return str(name) if name else None
