"""Message files for the e-mail cases: RFC 5322 `.eml` (plain, HTML, attachments, forwards, quotes) and `.msg`."""

from __future__ import annotations

import html
import struct
import zlib
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

MEDIA = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".png": ("image", "png"),
}


def build_eml(
    sender: str,
    subject: str,
    sent: datetime,
    body: str,
    *,
    html_only: bool = False,
    charset: str = "utf-8",
    attachments: tuple[Path, ...] = (),
    logo: bytes | None = None,
) -> bytes:
    """A complete message: plain or HTML-only body, attachments, an optional inline logo."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = f"Sales <{SUPPLIER_MAILBOX}>"
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{zlib.crc32((subject + sent.isoformat()).encode())}@mail.example>"
    if html_only:
        paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in body.split("\n\n"))
        logo_tag = '<img src="cid:logo@mail.example">' if logo else ""
        message.set_content(f"<html><body>{paragraphs}{logo_tag}</body></html>", subtype="html", charset=charset)
    else:
        message.set_content(body, charset=charset)
    if logo:
        message.add_attachment(logo, maintype="image", subtype="png", filename="logo.png", disposition="inline")
        message.get_payload()[-1]["Content-ID"] = "<logo@mail.example>"
    for path in attachments:
        maintype, subtype = MEDIA[path.suffix]
        message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)
    return bytes(message)


SUPPLIER_MAILBOX = "sales@supplier.example"
"""Where every generated order e-mail is sent: the supplier's (seller's) e-mail address."""


def forwarded_body(note: str, sender: str, sent: str, subject: str, body: str, labels: tuple[str, ...]) -> str:
    """A forward as mail programs write it: a note, a separator, the original header block and body."""
    separator, from_label, date_label, subject_label, to_label = labels
    header = [
        separator,
        f"{from_label}: {sender}",
        f"{date_label}: {sent}",
        f"{subject_label}: {subject}",
        f"{to_label}: Sales <{SUPPLIER_MAILBOX}>",
    ]
    return "\n".join([note, "", *header, "", body])


def quoted(text: str, intro: str) -> str:
    """A quoted earlier message under its reply header."""
    return "\n".join([intro, *(f"> {line}" if line else ">" for line in text.splitlines())])


def build_msg(sender_name: str, sender_address: str, subject: str, sent: datetime, body: str) -> bytes:
    """An Outlook message (OLE compound file) with the properties extract-msg reads."""
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()

    def string(prop: str, value: str) -> None:
        writer.addEntry(f"__substg1.0_{prop}001F", value.encode("utf-16-le"))

    string("001A", "IPM.Note")
    string("0037", subject)
    string("1000", body)
    string("0C1A", sender_name)
    string("0C1F", sender_address)
    string("5D01", sender_address)
    string("1035", f"<{zlib.crc32((subject + sent.isoformat()).encode())}@mail.example>")
    headers = f"From: {sender_name} <{sender_address}>\r\nSubject: {subject}\r\nDate: {format_datetime(sent)}\r\n"
    string("007D", headers)
    filetime = int((sent.timestamp() + 11644473600) * 10_000_000)
    props = bytearray(32)
    props += struct.pack("<IIQ", 0x00390040, 6, filetime)  # PR_CLIENT_SUBMIT_TIME
    props += struct.pack("<IIQ", 0x0E060040, 6, filetime)  # PR_MESSAGE_DELIVERY_TIME
    writer.addEntry("__properties_version1.0", bytes(props))
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    import io

    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
