"""Plain text and HTML readers: decode, then lay the lines out on the virtual grid.

`read_text` and `read_html` take already decoded text so that the e-mail reader can reuse them for message
bodies; `TextReader` and `HtmlReader` decode bytes first.
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from itertools import pairwise
from pathlib import PurePath

from charset_normalizer import CharsetMatch, from_bytes

from extractors.readers.delimited import DELIMITED_SUFFIXES, delimited_to_flow
from extractors.readers.htmlflow import html_to_flow, html_to_lines
from extractors.readers.layout import PAGE_BREAK, FlowCell, FlowItem, FlowTable, render_pages
from extractors.readers.mailbody import ForwardedHeader, pasted_header
from extractors.readers.sniff import HTML, TEXT
from models.errors import CorruptInputError, InputTooLargeError
from models.options import ExtractOptions, Limits
from models.pages import ReadDocument

__all__ = ["HtmlReader", "TextReader", "decode_text", "html_to_lines", "read_html", "read_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_COMMON_ENCODINGS = (
    "utf_8", "cp1252", "gb18030", "gbk", "gb2312", "big5", "shift_jis", "cp932", "euc_kr", "cp1251",
    "cp1250", "iso8859_15", "latin_1",
)  # fmt: skip
"""Encodings of business mail and files, most frequent first; they win near ties of the detector."""
_CHAOS_TIE = 0.05
_COHERENCE_TIE = 0.1
MAX_LINE_CHARS = 1_000
"""Longer lines (a file without line breaks, an unwrapped e-mail paragraph) are wrapped at spaces: printed
orders have none, and the line-wise field analysis slows down with the square of a line's length."""
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_RULE = re.compile(r"^[\s+|]*[-=_~*─━═]{3,}(?:[\s+|]+[-=_~*─━═]{2,})*[\s+|]*$")
"""A line drawn with dashes, equals signs or box-drawing characters (column crossings and edges allowed; the
underlines of a narrow column may be two long). Each run of rule characters is one group, separated from the
next by at least one space, `+` or `|`: a pattern whose groups could split one run in many ways backtracks
exponentially on a line that is almost a rule (a 120 s timeout on a 3 kB order)."""
_PIPE = re.compile(r"[|│┃]")
_COLUMN_GAP = re.compile(r"(?<=\S)  +(?=\S)")
_GLUED = re.compile(r"(?:[^\W\d_A-Z]|[.,])(?=[A-Z])")
_WORD_AT = re.compile(r"\S*")
"""A lower-case letter, a dot or a comma before a capital: two words touching."""
TABLE_MIN_TABS = 2
"""A line with this many tabs (three fields) may be a row of a tab-separated table."""
MAX_TAB_CELLS = 20_000
"""More fields than this in one run of tabbed lines stay lines (a table that large is not a printed order)."""
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_text(data: bytes, *, html: bool = False) -> str:
    """Decode bytes of text: byte-order mark, then UTF-8, then a declared HTML charset, then detection.

    Args:
        data: The raw bytes.
        html: Whether to honour a `<meta charset>` declaration.

    Returns:
        The text (a leading BOM removed).

    Raises:
        CorruptInputError: when the bytes are not text in any known encoding.

    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if html else None
    if declared:
        return data.decode(declared, errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    match = _likely_match(data)
    if match is None:
        raise CorruptInputError("The file is not readable text in any known character encoding.")
    return str(match)


def _likely_match(data: bytes) -> CharsetMatch | None:
    """The detector's best guess, except that a common business encoding wins a near tie.

    Short texts fit several single-byte code pages about equally well (a German order in cp1252 also
    decodes as mac_roman); among the guesses that are about as good, the most common encoding is chosen.
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    near = [
        match
        for match in matches
        if match.chaos <= best.chaos + _CHAOS_TIE and match.coherence >= best.coherence - _COHERENCE_TIE
    ]
    for encoding in _COMMON_ENCODINGS:
        for match in near:
            if match.encoding == encoding:
                return match
    return best


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def _check_length(text: str, limits: Limits) -> None:
    if len(text) > limits.max_text_chars:
        raise InputTooLargeError(
            f"The text has {len(text):,} characters, more than the limit of {limits.max_text_chars:,}."
        )


def text_to_flow(text: str) -> list[FlowItem]:
    """Split plain text into lines; a form feed starts a new page; overlong lines are wrapped.

    A ruled line ("-----", "=====", "+----+----+") is drawn, not written: it stays as an empty line, as a
    drawn rule in a PDF leaves no text; the "|" of a framed table become spaces (`unframe_tables`).
    Consecutive lines whose fields are separated by tabs become a table (`tab_table`), since tabs only line
    up in the editor that wrote them.
    """
    items: list[FlowItem] = []
    for index, page in enumerate(text.split("\f")):
        if index:
            items.append(PAGE_BREAK)
        lines = unframe_tables(pipe_rows_to_tabs([line.rstrip() for line in re.split(_LINE_BREAK, page)]))
        lines = split_glued_columns(["" if _RULE.match(line) else line for line in lines])
        start = 0
        while start < len(lines):
            end = start
            while end < len(lines) and lines[end].count("\t") >= TABLE_MIN_TABS:
                end += 1
            table = tab_table(lines[start:end]) if end > start else None
            if table is not None:
                items.append(table)
                start = end
                continue
            for line in lines[start : max(end, start + 1)]:
                items.extend(wrap_line(line))
            start = max(end, start + 1)
    return items


_PIPE_SEPARATOR = re.compile(r"\s+\|\s+")


def pipe_rows_to_tabs(lines: list[str]) -> list[str]:
    """Rows whose fields are separated by " | " without lining up become tab-separated rows.

    A mail program writes them as the text version of an HTML table ("1 | LV-MH-1215 | Hose | 2,400 | 3.85").
    Only a run of at least two lines with the same number (two or more) of separators, so that a single
    "Code: X | Qty: 5" line stays a line; rows whose pipes line up are a framed table (`unframe_tables`).
    """
    out = list(lines)
    counts = [len(_PIPE_SEPARATOR.findall(line.strip(" |"))) for line in lines]
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and counts[end] >= 2 and counts[end] == counts[start]:
            end += 1
        if end - start >= 2 and len({_pipes(line) for line in lines[start:end]}) > 1:  # aligned: framed
            for row in range(start, end):
                out[row] = _PIPE_SEPARATOR.sub("\t", lines[row].strip(" |"))
        start = max(end, start + 1)
    return out


def _pipes(line: str) -> frozenset[int]:
    return frozenset(match.start() for match in _PIPE.finditer(line))


def unframe_tables(lines: list[str]) -> list[str]:
    """Column rules drawn with "|" in a fixed-width table become spaces, so that the columns stay apart.

    A framed table is a run of lines (ruled lines between them allowed) with "|" at the same positions in at
    least two lines and at least two rules each; "Code : X | Qty : 5" on its own is a line, not a table.
    """
    out = list(lines)
    index = 0
    while index < len(lines):
        end, rows = index, list[int]()
        while end < len(lines) and (len(_pipes(lines[end])) >= 2 or (rows and _RULE.match(lines[end]))):
            if len(_pipes(lines[end])) >= 2:
                rows.append(end)
            end += 1
        framed = {
            row for pair in pairwise(rows) if len(_pipes(lines[pair[0]]) & _pipes(lines[pair[1]])) >= 2 for row in pair
        }
        for row in framed:
            out[row] = _PIPE.sub(" ", lines[row]).rstrip()
        index = max(end, index + 1)
    return out


def _column_starts(line: str) -> set[int]:
    """Character positions where a column starts: text after two or more spaces."""
    return {match.end() for match in _COLUMN_GAP.finditer(line)}


def split_glued_columns(lines: list[str]) -> list[str]:
    """Separate two columns of a fixed-width text that touch because the left value fills its column.

    `f"{left:<50}{right}"` glues "...Bao'an District" to "Nijverheidsstraat 8" when the left value has 50
    characters or more. Where the lines above and below both start a column at the same position and this
    line has a word running through that position, the word is cut where, at or after the column start, a
    lower-case letter or a dot meets a capital ("DistrictNijverheidsstraat", "Ltd.Janssens").
    """
    starts = [_column_starts(line) if "\t" not in line else set() for line in lines]
    out = list(lines)
    for index in range(1, len(lines) - 1):
        line = out[index]
        for column in sorted(starts[index - 1] & starts[index + 1], reverse=True):
            if column >= len(line) or line[column].isspace():
                continue
            end = _WORD_AT.match(line, column).end()  # type: ignore[union-attr]
            cut = next((m.start() + 1 for m in _GLUED.finditer(line, column - 1, end)), None)
            if cut is not None:
                line = line[:cut] + "  " + line[cut:]
        out[index] = line
    return out


def tab_table(lines: list[str]) -> FlowTable | None:
    """Lines of tab-separated fields as a table, one row per line; None unless two rows have 3+ fields."""
    rows = [line.split("\t") for line in lines]
    if sum(1 for row in rows if sum(1 for f in row if f.strip()) >= TABLE_MIN_TABS + 1) < 2:
        return None
    if sum(len(row) for row in rows) > MAX_TAB_CELLS:
        return None
    cells = [
        FlowCell([" ".join(value.split())], row_index, col_index)
        for row_index, row in enumerate(rows)
        for col_index, value in enumerate(row)
        if value.strip()
    ]
    return FlowTable(cells=cells, n_rows=len(rows), n_cols=max(len(row) for row in rows), source="text")


def wrap_line(line: str, width: int = MAX_LINE_CHARS) -> list[str]:
    """A line cut at spaces into pieces of at most `width` characters (at `width` where no space is near)."""
    if len(line) <= width:
        return [line]
    pieces: list[str] = []
    start = 0
    while len(line) - start > width:
        cut = line.rfind(" ", start + width // 2, start + width + 1)
        cut = cut if cut > start else start + width
        pieces.append(line[start:cut].rstrip())
        start = cut
        while start < len(line) and line[start] == " ":
            start += 1
    pieces.append(line[start:])
    return pieces


def read_text(text: str, name: str, options: ExtractOptions, *, media_type: str = TEXT) -> ReadDocument:
    """Lay out decoded plain text: one line per text line, x = character offset * 6, y = line * 12.

    Args:
        text: The decoded text.
        name: Display name (unused for layout, kept for symmetry with the readers).
        options: `limits.max_text_chars` is enforced.
        media_type: The media type to report.

    Returns:
        A `text` document; form feeds split pages.

    Raises:
        InputTooLargeError: the text is longer than `max_text_chars`.

    """
    _check_length(text, options.limits)
    return ReadDocument(kind="text", media_type=media_type, pages=render_pages(text_to_flow(text)))


def read_html(html: str, name: str, options: ExtractOptions) -> ReadDocument:
    """Lay out decoded HTML: visible text as lines, table cells in columns, plus a `Table` per table.

    Args:
        html: The decoded markup (never evaluated).
        name: Display name.
        options: `limits.max_text_chars` is enforced on the markup.

    Returns:
        A `text` document with media type `text/html`.

    Raises:
        InputTooLargeError: the markup is longer than `max_text_chars`.

    """
    _check_length(html, options.limits)
    return ReadDocument(kind="text", media_type=HTML, pages=render_pages(html_to_flow(html)))


class TextReader:
    """Plain text files (any encoding); files named .csv or .tsv are laid out as a table."""

    kind = "text"

    def read(self, data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
        """Decode and lay out a plain text file (see `read_text`), or a delimited file as a table."""
        if len(data) > 4 * options.limits.max_text_chars:
            raise InputTooLargeError(f"The text file is larger than {4 * options.limits.max_text_chars:,} bytes.")
        text = decode_text(data)
        if PurePath(name or "").suffix.lower() in DELIMITED_SUFFIXES:
            _check_length(text, options.limits)
            return ReadDocument(kind="text", media_type=TEXT, pages=render_pages(delimited_to_flow(text)))
        pasted = pasted_header(text)
        if pasted is not None:
            return _pasted_message(*pasted, options)
        return read_text(text, name, options)


def _pasted_message(header: ForwardedHeader, body: str, options: ExtractOptions) -> ReadDocument:
    """A message pasted into a text file, read as an e-mail: headers, body, signature and quotes.

    The document stays `text/plain`, so that the result reports the file as text.
    """
    from extractors.normalize.dates import parse_date
    from extractors.readers.email import mail_document
    from extractors.readers.mime import MailMessage

    name, address = parseaddr(header.sender)
    sent = parse_date(header.date) if header.date else None
    mail = MailMessage(
        subject=header.subject,
        sender_name=name,
        sender_address=address,
        recipient=header.recipient,
        date=sent.value.isoformat() if sent else "",
        plain=[body],
    )
    return mail_document(mail, TEXT, options)


class HtmlReader:
    """HTML files: visible text and tables, nothing evaluated."""

    kind = "text"

    def read(self, data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
        """Decode and lay out an HTML file (see `read_html`)."""
        if len(data) > 4 * options.limits.max_text_chars:
            raise InputTooLargeError(f"The HTML file is larger than {4 * options.limits.max_text_chars:,} bytes.")
        return read_html(decode_text(data, html=True), name, options)
