"""The draft reply to the buyer as an .eml file: plain text and HTML, the confirmation PDF attached.

Built with `email.message.EmailMessage`; every value in the HTML part is `html.escape`d, so customer text
never becomes markup. Header values are single-line by construction (the policy rejects line breaks).
"""

from __future__ import annotations

import html
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from pipeline.confirmations.content import ConfirmationContent

CRLF_POLICY = policy.default.clone(linesep="\r\n")
HTML_STYLE = "font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1a1a1a;line-height:1.45"


def render_eml(content: ConfirmationContent, attachment: bytes, *, when: datetime | None = None) -> bytes:
    """Render the reply e-mail with the confirmation PDF attached.

    Args:
        content: The confirmation content; its `reply` holds addressee, subject and body texts.
        attachment: The confirmation PDF.
        when: The Date header; None means now.

    Returns:
        The message as bytes (RFC 5322, CRLF line ends), ready to open in a mail client.

    """
    reply = content.reply
    message = EmailMessage()
    message["Subject"] = _one_line(reply.subject)
    if reply.sender:
        message["From"] = formataddr((_one_line(reply.sender_name), reply.sender))
    if reply.to:
        message["To"] = reply.to
    if reply.in_reply_to:
        message["In-Reply-To"] = reply.in_reply_to
        message["References"] = reply.in_reply_to
    message["Date"] = format_datetime(when or datetime.now().astimezone())
    domain = reply.sender.rsplit("@", 1)[-1] if reply.sender else None
    message["Message-ID"] = make_msgid(domain=domain)
    message["X-Unsent"] = "1"  # Outlook and others open the file as a draft to review and send
    message.set_content(plain_body(content))
    message.add_alternative(html_body(content), subtype="html")
    message.add_attachment(attachment, maintype="application", subtype="pdf", filename=f"{content.file_stem}.pdf")
    message["Content-Language"] = content.language  # after the body: set_content clears Content-* headers
    return message.as_bytes(policy=CRLF_POLICY)


def plain_body(content: ConfirmationContent) -> str:
    """Return the plain-text body: greeting, intro, summary, numbered questions, next steps, signature."""
    reply = content.reply
    lines = [reply.greeting, "", reply.intro, ""]
    if reply.summary:
        lines += [reply.summary_title, *(f"- {item}" for item in reply.summary), ""]
    lines.append(reply.questions_intro)
    lines += [f"{number}. {question}" for number, question in enumerate(reply.questions, start=1)]
    lines += ["", content.next_steps_title + ":"]
    lines += [f"- {step}" for step in content.next_steps]
    lines += ["", *reply.closing]
    return "\n".join(lines) + "\n"


def html_body(content: ConfirmationContent) -> str:
    """Return the HTML body with the same text as the plain body; every value escaped."""
    reply, esc = content.reply, _escape
    parts = [f"<p>{esc(reply.greeting)}</p>", f"<p>{esc(reply.intro)}</p>"]
    if reply.summary:
        items = "".join(f"<li>{esc(item)}</li>" for item in reply.summary)
        parts.append(f"<p>{esc(reply.summary_title)}</p><ul>{items}</ul>")
    parts.append(f"<p><strong>{esc(reply.questions_intro)}</strong></p>")
    if reply.questions:
        parts.append("<ol>" + "".join(f"<li>{esc(q)}</li>" for q in reply.questions) + "</ol>")
    steps = "".join(f"<li>{esc(step)}</li>" for step in content.next_steps)
    parts.append(f"<p>{esc(content.next_steps_title)}:</p><ul>{steps}</ul>")
    parts.append("<p>" + "<br>".join(esc(line) for line in reply.closing) + "</p>")
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(content.language)}"><head><meta charset="utf-8"></head>'
        f'<body style="{HTML_STYLE}">\n{body}\n</body></html>\n'
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


def _one_line(text: str) -> str:
    return " ".join(text.split())
