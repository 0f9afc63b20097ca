"""The new text of a message body: quoted replies, signatures, mobile footers and disclaimers removed.

Works on a layout flow (lines and tables from plain text or HTML), so that tables of an HTML body survive.
Rules, in reading order:

- a reply header ("On ... wrote:", "Am ... schrieb:"), an "Original Message" separator or an Outlook header
  block (From/Sent/To/Subject) ends the new text; what follows is kept apart as `quoted`;
- a forward separator ("Forwarded message") starts forwarded content, which *is* read (the order is inside);
  its header block names the original sender. An Outlook header block in a message whose subject says
  "Fwd:"/"WG:" is a forward too;
- a line starting with ">" is quoted;
- "-- " or a closing ("Best regards", "Mit freundlichen Grüßen") starts the signature of the current part;
  signature lines are kept apart (they carry the buyer's contact data);
- a paragraph with two disclaimer words ("confidential", "intended recipient") is dropped.

The phrases come from `mail_phrases.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from extractors.readers.layout import FlowItem, FlowTable, TabbedLine
from extractors.text import fold

PHRASES_FILE = Path(__file__).with_name("mail_phrases.yaml")
SIGNATURE_MAX_LINES = 15
HEADER_BLOCK_SPAN = 6


@dataclass(slots=True)
class ForwardedHeader:
    """The header block of a forwarded message, as printed in the body."""

    sender: str = ""
    recipient: str = ""
    subject: str = ""
    date: str = ""


@dataclass(slots=True)
class CleanBody:
    """The body split into what is new, what is quoted and what is the signature."""

    items: list[FlowItem] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    forwarded: ForwardedHeader | None = None


@cache
def phrases() -> dict[str, Any]:
    """The mail phrases (loaded once)."""
    with PHRASES_FILE.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = phrases()
    fields = data["header_fields"]
    return {
        "reply": re.compile(
            rf"^\W*(?:{_alternation(data['reply_leads'])})(?:\s|(?<=[\u4e00-\u9fff])).{{4,240}}?"
            rf"(?:{_alternation(data['reply_verbs'])})(?:\s*[:：]?|\s.{{0,160}}[:：])\s*$"
        ),
        "original": re.compile(rf"^[\s\-_=*]*(?:{_alternation(data['original_separators'])})[\s\-_=*:]*$"),
        "forward": re.compile(rf"^[\s\-_=*]*(?:{_alternation(data['forward_separators'])})[\s\-_=*:]*$"),
        "closing": re.compile(
            rf"^(?:{_alternation(data['closings'])})(?:\s*[,!.，！。]\s*\S.{{0,40}}|\s*[,!.，！。]*)$"
        ),
        "sent_from": re.compile(rf"^(?:{_alternation(data['sent_from'])})\b"),
        "disclaimer": re.compile(rf"(?:{_alternation(data['disclaimer_words'])})"),
        **{
            f"field_{name}": re.compile(
                rf"^\*?(?:{'|'.join(re.escape(w) for w in sorted(words, key=len, reverse=True))})\*?\s*[:：]\s*(.*)$",
                re.IGNORECASE,
            )
            for name, words in fields.items()
        },
    }


def is_closing(text: str) -> bool:
    """Whether a line is a letter's closing ("Best regards,", "Mit freundlichen Grüßen", "此致")."""
    return bool(_patterns()["closing"].match(fold(text)))


def is_forward_subject(subject: str) -> bool:
    """Whether a subject says the message is forwarded ("Fwd: ...", "WG: ...", "转发: ...")."""
    match = re.match(r"^\s*([^:：]{1,12})\s*[:：]", subject)
    return match is not None and fold(match.group(1)) in {fold(p) for p in phrases()["forward_prefixes"]}


def strip_subject_prefixes(subject: str) -> str:
    """The subject without reply and forward prefixes ("AW: WG: Bestellung 4711" -> "Bestellung 4711")."""
    data = phrases()
    known = {fold(p) for p in data["forward_prefixes"] + data["reply_prefixes"]}
    text = subject.strip()
    while (match := re.match(r"^\s*([^:：]{1,12})\s*[:：]\s*", text)) and fold(match.group(1)) in known:
        text = text[match.end() :]
    return text


def _field(line: str, name: str) -> str | None:
    match = _patterns()[f"field_{name}"].match(line.strip())
    return match.group(1).strip() if match else None


def _header_block_at(lines: list[str], start: int) -> int:
    """Length of an Outlook-style header block (From, then Sent/Date and To/Subject) at `start`, or 0."""
    if _field(lines[start], "from") is None:
        return 0
    seen = {"from"}
    end = start + 1
    for index in range(start + 1, min(len(lines), start + HEADER_BLOCK_SPAN)):
        names = [n for n in ("sent", "to", "cc", "subject") if _field(lines[index], n) is not None]
        if not names:
            break
        seen.add(names[0])
        end = index + 1
    if "sent" in seen and ("to" in seen or "subject" in seen):
        return end - start
    return 0


def pasted_header(text: str) -> tuple[ForwardedHeader, str] | None:
    """The header block and the body of a message pasted into a text file, or None.

    The first line is a sender field ("From:", "Van:", "发件人：") with an e-mail address, or the block has a
    subject; it names an addressee or a subject, and a blank line ends it.
    """
    lines = text.lstrip("\ufeff \t\r\n").splitlines()
    if not lines or _field(lines[0], "from") is None:
        return None
    header, end = _read_forward_header(lines, 0)
    if not (header.recipient or header.subject) or end > HEADER_BLOCK_SPAN or (end < len(lines) and lines[end].strip()):
        return None
    if "@" not in header.sender and not header.subject:
        return None  # a memo's "From: Harbor Lights Inc., Boston / To: Ningbo Sunrise" lines, no message
    return header, "\n".join(lines[end:])


def _read_forward_header(lines: list[str], start: int) -> tuple[ForwardedHeader, int]:
    """The forwarded header block starting at `start` (fields in any order), and the index after it."""
    header = ForwardedHeader()
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines):
        line = lines[index]
        found = next(
            ((n, v) for n in ("from", "sent", "to", "cc", "subject") if (v := _field(line, n)) is not None), None
        )
        if found is None:
            break
        name, value = found
        if name == "from":
            header.sender = value
        elif name == "to":
            header.recipient = value
        elif name == "subject":
            header.subject = value
        elif name == "sent":
            header.date = value
        index += 1
    return header, index


def _cell_lines(table: FlowTable) -> list[str]:
    """The text lines of a table's cells, row by row (a nested table's lines in place)."""
    lines: list[str] = []
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        for item in cell.items:
            lines.extend(_cell_lines(item) if isinstance(item, FlowTable) else [_item_text(item) or ""])
    return lines


def _item_text(item: FlowItem) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, TabbedLine):
        return item.text
    return None


@dataclass(slots=True)
class _Cleaner:
    """Walks the flow once, sorting every item into new text, signature or quoted text."""

    items: list[FlowItem]
    forward_subject: bool
    texts: list[str | None] = field(default_factory=list)
    out: CleanBody = field(default_factory=CleanBody)
    in_signature: bool = False

    def run(self) -> CleanBody:
        self.texts = [_item_text(item) for item in self.items]
        lines = [text or "" for text in self.texts]
        index = 0
        while index < len(self.items):
            index = self._step(index, lines)
        self.out.items = _drop_disclaimers(self.out.items)
        self.out.signature = [line for line in _drop_disclaimers(list(self.out.signature)) if isinstance(line, str)]
        return self.out

    def _step(self, index: int, lines: list[str]) -> int:
        """Handle the item at `index`; return the next index (len(items) to stop)."""
        text = self.texts[index]
        if text is None:
            item = self.items[index]
            if not self.in_signature:
                self.out.items.append(item)
            elif isinstance(item, FlowTable):  # an HTML signature laid out as a table (logo, name, address)
                room = max(0, SIGNATURE_MAX_LINES - len(self.out.signature))
                self.out.signature.extend([line for line in _cell_lines(item) if line.strip()][:room])
            return index + 1
        folded = fold(text.strip())
        patterns = _patterns()
        if patterns["forward"].match(folded) or (self.forward_subject and patterns["original"].match(folded)):
            return self._forward(index + 1, lines)
        if self.forward_subject and self.out.forwarded is None and _header_block_at(lines, index):
            return self._forward(index, lines)
        if patterns["original"].match(folded) or _header_block_at(lines, index) or _reply_header(lines, index):
            self.out.quoted = [line for line in lines[index:] if line.strip()]
            return len(self.items)
        if folded.startswith(">") or patterns["sent_from"].match(folded):
            return index + 1
        if folded in ("--", "-- ") or text == "-- " or patterns["closing"].match(folded):
            self.in_signature = True
        if self.in_signature:
            if len(self.out.signature) < SIGNATURE_MAX_LINES:
                self.out.signature.append(text)
        else:
            self.out.items.append(self.items[index])
        return index + 1

    def _forward(self, start: int, lines: list[str]) -> int:
        header, index = _read_forward_header(lines, start)
        self.out.forwarded = header
        self.out.signature = []
        self.in_signature = False
        return index


def _reply_header(lines: list[str], index: int) -> bool:
    pattern = _patterns()["reply"]
    line = fold(lines[index].strip())
    if not line:
        return False
    if pattern.match(line):
        return True
    if index + 1 < len(lines) and len(line) < 200:
        return pattern.match(line + " " + fold(lines[index + 1].strip())) is not None
    return False


def _drop_disclaimers(items: list[FlowItem]) -> list[FlowItem]:
    """Remove paragraphs (runs of lines between blank lines) that read as a legal disclaimer.

    A disclaimer that follows other lines without a blank line (an HTML signature table, then the legal
    notice) takes only its own lines: the paragraph is kept up to the last line from which on it still reads
    as a disclaimer.
    """
    kept: list[FlowItem] = []
    paragraph: list[FlowItem] = []

    def disclaimer(part: list[FlowItem]) -> bool:
        text = fold(" ".join(str(_item_text(item) or "") for item in part))
        hits = {match.group(0) for match in _patterns()["disclaimer"].finditer(text)}
        return len(hits) >= 2 and len(text) >= 60

    def flush() -> None:
        if disclaimer(paragraph):
            start = max(i for i in range(len(paragraph)) if disclaimer(paragraph[i:]))
            kept.extend(paragraph[:start])
        else:
            kept.extend(paragraph)
        paragraph.clear()

    for item in items:
        text = _item_text(item)
        if text is not None and not text.strip():
            flush()
            kept.append(item)
        else:
            paragraph.append(item)
    flush()
    return kept


def clean_body(items: list[FlowItem], *, forward_subject: bool = False) -> CleanBody:
    """Split a body flow into new text, quoted text and signature.

    Args:
        items: The body as a layout flow (lines, tables).
        forward_subject: The message's subject says it is a forward ("Fwd:"), so an Outlook header block
            introduces forwarded content rather than a quoted reply.

    Returns:
        The new text (forwarded content included), the quoted text, the signature lines and the forwarded
        header when there is one.

    """
    return _Cleaner(items, forward_subject).run()
