"""Tesseract's TSV output as reading-structure words, cleaned of the engine's habits.

- Every word gets the top and bottom of its Tesseract line: word boxes are ink boxes (an `o` is shorter than a
  `B`), while text-layer words are sized by their font; with line bands OCR words line up the same way.
- Words that Tesseract's own text output writes without a space between them are joined: it emits Han text
  as one TSV "word" per character or two (`上 海华东`) whether or not a space separates them, while its
  recognizer knows where the spaces are (`活动扳手 250mm`, `1100号3号库`). Only when the text output cannot
  be lined up with the TSV (or is not given) do gaps decide: two Han characters closer than `CJK_JOIN_GAP`
  character heights belong to one run.
- Quote marks that a low-confidence reading hangs on a word's edge (`”品名`, from specks in a gap) are dropped,
  as are quotes on the wrong side of a word (`“HUADONG`), and bars and underscores left by table rules
  (`|KP-WL-2040`, `_KP-ZR-M2Z40`); so are words of marks only read at a low confidence (`~`, `—` where a
  rule crossed a table row), which would otherwise bridge the gap between two columns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from statistics import median

from extractors.text import is_cjk
from models.pages import Word

CJK_JOIN_GAP = 0.8
"""Han characters closer than this many character heights belong to one run (measured: up to 0.71 inside a
run; spaces between Han words, 0.4-0.95, overlap and are lost; table columns are 4 and more apart)."""
MAX_LINE_TO_WORD = 2.2
"""A line band more than this many times the height of a word in it is not one text line."""
MIXED_JOIN_GAP = 0.37
MAX_JOIN_GAP = 1.5
"""Words further apart than this many character heights are never joined, whatever the text output says."""
STRAY_QUOTES = "“”‘’\"'"
STRAY_MAX_CONF = 0.6
ASCENT_EM, X_HEIGHT_EM, DESCENT_EM = 0.75, 0.55, 0.24
STACKED = 1.5
STACKED_MAX_CONF = 60.0
STACKED_MIN_MISREAD = 3
"""Characters read under STACKED_MAX_CONF that make a tall line worth a second reading (a speck or a row
number read as `-` or `2.` is not)."""
SINGLE_ROW = 1.15
"""A line band at most this many times its tallest word is one row of text."""
ASCENDING = "bdfhklt/\\|()[]{}!?#%&@$'\"ß"
DESCENDING = "gjpqyçQ()[]{}|@"
CLOSING_MARKS = "，。、；：！？）」』】,;"
"""Marks that close a clause: never the first character of a word that follows a space."""
RULE_REMNANTS = "|¦_"
"""Left on a word's edge by a table rule or a fill-in line; never part of an order value's edge."""
SPECK_CATEGORIES = {"Pd", "Pc", "Po", "Sm", "Sk", "So"}
"""Unicode categories of dashes, connectors, punctuation and symbols other than brackets, quotes and currency."""
KEPT_MARKS = ":;%#&@/+*№"
"""Marks that stand alone as a word in an order (a label's colon, `%`, `&` in a name, `#`, brackets); other
marks read on their own at a low confidence are dropped (see `_speck`)."""
EMAIL_HOST = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
NOT_IN_ADDRESSES = str.maketrans("", "", '‚„`´“”"')
"""Low commas and double quotes a speck becomes inside the name part of an e-mail address (an apostrophe may be
part of a name: `o'brien@`)."""
COLUMN_GAP = 1.0
"""A word further than this many line heights from the one before it on its line opens a column."""
MAX_HAN_LABEL = 10
"""Han characters a label has at most (`统一社会信用代码`: 8)."""
SIDE_BEARING_EM = 0.065
"""Blank space a Latin glyph keeps beside its ink, in ems: a text layer's word box runs from the first glyph's
origin to the last one's advance, an OCR word box only over the ink. Measured on three order PDFs rendered at
200 dpi and OCRed, against their own text layers: 0.06-0.07 em on either side (median, 527 words)."""


@dataclass(slots=True)
class _Row:
    level: int
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str
    line: tuple[int, int, int, int]
    """(page, block, paragraph, line) numbers."""


def _rows(tsv: str) -> list[_Row]:
    rows = []
    for raw in tsv.splitlines()[1:]:
        cols = raw.split("\t")
        if len(cols) < 12:
            continue
        numbers = [int(c) for c in cols[:10]]
        line = (numbers[1], numbers[2], numbers[3], numbers[4])
        left, top, width, height = numbers[6:10]
        rows.append(_Row(numbers[0], left, top, width, height, float(cols[10]), cols[11].strip(), line))
    return rows


def parse_tsv(tsv: str, text: str | None = None) -> list[Word]:
    """Words of Tesseract's TSV output with confidences in [0, 1], in Tesseract's reading order.

    Rows with empty text or confidence -1 (page, block, paragraph and line rows) are not words.

    Args:
        tsv: Tesseract's TSV output.
        text: Tesseract's plain-text output of the same run: says which neighbouring words have no space
            between them.
    """
    rows = _rows(tsv)
    reach = _font_reach(rows)
    spaced = _spaces_before([r.text for r in rows if r.level == 5 and r.text and r.conf >= 0], text)
    words: list[Word] = []
    lines: list[tuple[int, int, int, int]] = []
    line_box, line_key, previous_key = (0, 0), (0, 0, 0, 0), (-1, 0, 0, 0)
    previous: _Row | None = None
    index = -1
    for row in rows:
        if row.level == 4:
            line_box, line_key = (row.top, row.top + row.height), row.line
            continue
        if row.level != 5 or not row.text or row.conf < 0:
            continue
        index += 1
        text_ = _without_stray_quotes(row.text, row.conf / 100)
        if spaced[index] or not (previous and row.line == previous_key):
            # After a space (or at a line's start) a mark that closes a clause is a speck or a rule remnant.
            text_ = text_.lstrip(CLOSING_MARKS) if len(text_) > 1 or row.conf < STRAY_MAX_CONF * 100 else text_
        if not text_ or (row.conf < STRAY_MAX_CONF * 100 and _speck(text_)):
            continue
        top, bottom = _band(row, line_box, reach.get(row.line, (0.0, 0.0)))
        left, right = _with_side_bearings(text_, row, bottom - top)
        word = Word(text_, left, float(top), right, float(bottom), row.conf / 100)
        if previous and row.line == previous_key == line_key and _joins(previous, row, words[-1], word, spaced[index]):
            words[-1] = _joined(words[-1], word)
        else:
            words.append(word)
            lines.append(row.line)
        previous, previous_key = row, row.line
    return [_mended_email(w) for w in label_colons(words, lines)]


def email_pieces_joined(words: list[Word]) -> list[Word]:
    """An e-mail address the recognizer broke after its dots (`amy.` `lin@fengxi-porcelain.` `example`) in one word.

    Around a word with an `@`: a piece ending with a dot just left of it on its row, and a piece going on with
    a letter or digit after its final dot, join it (Tesseract may put the pieces on lines of their own and in
    any order, also in a second reading); they nearly touch or overlap (less than a third of a line height
    apart: a space between words is wider).
    """
    words = list(words)
    for at in [w for w in words if "@" in w.text]:
        word = at
        while (left := _piece(words, word, before=True)) is not None:
            words.remove(left)
            word = _joined(left, word)
        while word.text.endswith(".") and (right := _piece(words, word, before=False)) is not None:
            words.remove(right)
            word = _joined(word, right)
        words[words.index(at)] = _mended_email(word)
    return words


def _piece(words: list[Word], at: Word, *, before: bool) -> Word | None:
    """The piece of an address left of the word with the `@` (before) or after its final dot."""
    height = max(at.bottom - at.top, 1.0)
    for word in words:
        if word is at or "@" in word.text:
            continue
        if abs((word.top + word.bottom) - (at.top + at.bottom)) / 2 >= 0.5 * height:
            continue
        if before and word.text.endswith(".") and word.text[:-1].replace(".", "").isalnum():
            if 0 <= at.x0 - word.x1 < 0.3 * height:
                return word
        elif not before and word.text[:1].isalnum() and word.x1 > at.x1 and word.x0 - at.x1 < 0.3 * height:
            return word
    return None


def label_colons(words: list[Word], lines: list[tuple[int, int, int, int]]) -> list[Word]:
    """Words with the colon after a label put back where the recognizer read a semicolon.

    Tesseract reads the colon after a label as `;` often enough on scans and faxes (`E-Mail; lily@...`,
    `Verpackungsvorschrift;   Seemäßige ...`, `起运港;   宁波`, `交期 ;   2026-02-15`), and a label with a
    semicolon is no label for the field extractors. A semicolon is taken for a colon where a label ends:
    - after a capitalised Latin word (letters, `-`, `.`) that opens a line or a column (a gap of more than
      `COLUMN_GAP` line heights before it): a clause ending there would not start the line;
    - after a run of up to `MAX_HAN_LABEL` Han characters that opens a line or a column, or that is followed
      by a number or Latin value (`统一社会信用代码; 9131...`); Chinese text separates clauses with the
      full-width `；`, and a Han clause before one is followed by more Han text (`分行; 最迟装运日期`).
    The semicolon may be the label's last character or open the next word on the same line.
    """
    result = list(words)
    for index, word in enumerate(words):
        opens = index == 0 or lines[index - 1] != lines[index] or _gap(words[index - 1], word) > COLUMN_GAP
        following = words[index + 1] if index + 1 < len(words) and lines[index + 1] == lines[index] else None
        head, semicolon, rest = word.text.partition(";")
        if semicolon and head:
            value_after = _latin_start(rest) or (not rest and following is not None and _latin_start(following.text))
            if _is_label(head, opens, value_after):
                result[index] = _retexted(word, f"{head}:{rest}")
        elif (
            following is not None
            and following.text.startswith(";")
            and _is_label(word.text, opens, _latin_start(following.text[1:]))
        ):
            result[index + 1] = _retexted(following, ":" + following.text[1:])
    return result


def mended_email(text: str) -> str:
    """An e-mail address without the marks a scan adds to it.

    A comma read for a dot between the domain's labels (`harwood-lane,example`), a low quote or comma from a
    speck inside the name (`j.‚brandt@`). Anything that is not one address (no `@`, two of them, no domain) is
    returned as it is; a comma or stop after the address (the sentence's) stays.
    """
    name, at, domain = text.partition("@")
    if not at or "@" in domain or not name:
        return text
    end = len(domain.rstrip(".,;:)"))
    host = re.sub(r"(?<=[A-Za-z0-9]),(?=[A-Za-z0-9])", ".", domain[:end])
    if not EMAIL_HOST.fullmatch(host):
        return text
    return name.translate(NOT_IN_ADDRESSES) + at + host + domain[end:]


def _mended_email(word: Word) -> Word:
    text = mended_email(word.text)
    return word if text == word.text else _retexted(word, text)


def _is_label(text: str, opens: bool, value_after: bool) -> bool:
    if 1 <= len(text) <= MAX_HAN_LABEL and all(is_cjk(ch) for ch in text):
        return opens or value_after
    return opens and len(text) >= 2 and text[0].isupper() and all(ch.isalpha() or ch in "-." for ch in text)


def _latin_start(text: str) -> bool:
    """True when text starts with a letter or digit that is not Han (a number, a code, a Latin value)."""
    return text[:1].isalnum() and not is_cjk(text[0])


def _gap(left: Word, right: Word) -> float:
    return (right.x0 - left.x1) / max(right.bottom - right.top, 1.0)


def _retexted(word: Word, text: str) -> Word:
    return Word(text, word.x0, word.top, word.x1, word.bottom, word.conf)


def _spaces_before(words: list[str], text: str | None) -> list[bool | None]:
    """For each TSV word: whether the text output has whitespace before it (None: could not be lined up).

    Both outputs come from the same recognition, in the same order, so each word is found right after the
    previous one; a word that is not there (an output that differs) leaves it and the rest of its line
    unknown until a word lines up again.
    """
    if text is None:
        return [None] * len(words)
    result: list[bool | None] = []
    position = 0
    for word in words:
        start = position
        while start < len(text) and text[start].isspace():
            start += 1
        if text.startswith(word, start):
            result.append(start > position or position == 0)
            position = start + len(word)
            continue
        found = text.find(word, position, position + 4 * len(word) + 40)
        result.append(None)
        if found >= 0:
            position = found + len(word)
    return result


def _lines_and_words(
    tsv: str,
) -> tuple[dict[tuple[int, int, int, int], _Row], dict[tuple[int, int, int, int], list[_Row]]]:
    """Tesseract's line rows by line key, and the recognized words of each line."""
    rows = _rows(tsv)
    bands = {r.line: r for r in rows if r.level == 4}
    words: dict[tuple[int, int, int, int], list[_Row]] = {}
    for row in rows:
        if row.level == 5 and row.text.strip() and row.conf >= 0:
            words.setdefault(row.line, []).append(row)
    return bands, words


def stacked_lines(tsv: str) -> list[tuple[int, int]]:
    """Top and bottom of the lines Tesseract stacked from rows of side-by-side columns and misread.

    Mode 4 takes the page for one column: where two columns run side by side with different line pitches
    (an address block next to a block of labelled values), it joins their rows into one tall "line" and the
    recognizer reads the overlapping rows as garbage (`seaiiaets itn a es Whitfield` for `Purchaser: James
    Whitfield`, `ari Fujlan 351026` for `Xiamen, Fujian 361026`). Such a line is more than `STACKED` times as
    tall as its median word and has at least `STACKED_MIN_MISREAD` characters read with under
    `STACKED_MAX_CONF` confidence.
    """
    bands, words = _lines_and_words(tsv)
    found = []
    for key, line_words in words.items():
        band = bands.get(key)
        if band is None or band.height <= STACKED * median(w.height for w in line_words):
            continue
        misread = sum(len(w.text) for w in line_words if w.conf < STACKED_MAX_CONF)
        if misread >= STACKED_MIN_MISREAD:
            found.append((band.top, band.top + band.height))
    return found


@dataclass(frozen=True, slots=True)
class TextLine:
    """One of Tesseract's text lines: its box, the mean confidence and median height of its words."""

    box: tuple[int, int, int, int]
    """Left, top, right, bottom in pixels."""
    conf: float
    """Mean word confidence in [0, 1], weighted by word length."""
    word_height: float
    """Median height of its words' ink boxes."""


def text_lines(tsv: str) -> list[TextLine]:
    """Tesseract's text lines with at least one word, in reading order."""
    bands, words = _lines_and_words(tsv)
    lines = []
    for key, line_words in words.items():
        band = bands.get(key)
        if band is None:
            continue
        chars = sum(len(w.text) for w in line_words)
        lines.append(
            TextLine(
                (band.left, band.top, band.left + band.width, band.top + band.height),
                sum(w.conf * len(w.text) for w in line_words) / chars / 100,
                float(median(w.height for w in line_words)),
            )
        )
    return lines


def _with_side_bearings(text: str, row: _Row, em: float) -> tuple[float, float]:
    """Left and right of a word as a text layer would box it: its ink box widened by the side bearings.

    Gaps between OCR words are ink gaps, wider than a text layer's by a bearing on each side, and line heights
    set the gap that splits a line into segments (`extractors.layout`): `Email:` and its address 0.95 line
    heights apart on a 200 dpi scan, 0.3 on the digital twin. Han characters fill their em and keep their box.
    """
    left, right = float(row.left), float(row.left + row.width)
    if not is_cjk(text[0]):
        left -= SIDE_BEARING_EM * em
    if not is_cjk(text[-1]):
        right += SIDE_BEARING_EM * em
    return left, right


def _band(row: _Row, line_box: tuple[int, int], reach: tuple[float, float]) -> tuple[float, float]:
    """The top and bottom of the word's line band, widened to the font's box.

    The word's own box when it sticks out of its line, or when the "line" is a stack of rows (Tesseract
    sometimes reads a table column as one line).
    """
    inside = line_box[0] <= row.top and row.top + row.height <= line_box[1]
    ordinary = line_box[1] - line_box[0] <= MAX_LINE_TO_WORD * max(row.height, 1)
    if not (inside and ordinary):
        return (row.top, row.top + row.height)
    return (line_box[0] - reach[0], line_box[1] + reach[1])


def _font_reach(rows: list[_Row]) -> dict[tuple[int, int, int, int], tuple[float, float]]:
    """How far each Latin line's ink band falls short of its font's box, above and below, in pixels.

    A text layer's words are as tall as their font (ascent to descent, whatever the letters), Tesseract's line
    boxes only as tall as the ink: `Telefono: +39` has no descender and is a quarter shorter than a line with
    a `p`, `mail` has neither capitals nor descenders. Line heights set the gaps that split a line into
    segments (`extractors.layout`), so an OCR line is widened to the box its font would have: with typical
    Latin metrics, capitals and ascenders reach 0.75 em above the baseline, lowercase letters 0.55 em,
    descenders 0.24 em below it. Lines with Han characters (drawn on the whole em) are left as they are.
    """
    texts: dict[tuple[int, int, int, int], list[str]] = {}
    heights: dict[tuple[int, int, int, int], list[int]] = {}
    bands: dict[tuple[int, int, int, int], int] = {}
    for row in rows:
        if row.level == 4:
            bands[row.line] = row.height
        elif row.level == 5 and row.text and row.conf >= 0:
            texts.setdefault(row.line, []).append(row.text)
            heights.setdefault(row.line, []).append(row.height)
    reach: dict[tuple[int, int, int, int], tuple[float, float]] = {}
    for line, words in texts.items():
        text = "".join(words)
        if any(is_cjk(ch) for ch in text) or not any(ch.isalpha() for ch in text):
            continue
        band = bands.get(line, 0)
        if not band or band > SINGLE_ROW * median(heights[line]):
            continue  # a stack of rows, or words at different heights: no one font box to widen to
        tall = any(_tall(ch) for ch in text)
        deep = any(ch in DESCENDING for ch in text)
        top_em = ASCENT_EM if tall else X_HEIGHT_EM
        ink = top_em + (DESCENT_EM if deep else 0.0)
        em = band / ink
        reach[line] = ((ASCENT_EM - top_em) * em, (0.0 if deep else DESCENT_EM) * em)
    return reach


def _speck(text: str) -> bool:
    """Marks only (`~`, `—`, `_`, `=`), none that an order value is made of: a rule remnant or a speck.

    Brackets are not specks: a misread one (`〈` for `（`) still keeps a label from the remark after it.
    """
    return all(unicodedata.category(ch) in SPECK_CATEGORIES and ch not in KEPT_MARKS for ch in text)


def _tall(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in ASCENDING or (ch.isalpha() and bool(unicodedata.decomposition(ch)))


def _without_stray_quotes(text: str, conf: float) -> str:
    text = text.strip(RULE_REMNANTS) if len(text) > 1 else text.strip("|¦")
    if conf < STRAY_MAX_CONF:
        return text.strip(STRAY_QUOTES)
    # A closing quote cannot open a word, nor an opening one close it; an opening quote without its closing
    # one in the word is a speck read as a quote.
    text = text.lstrip("”’").rstrip("“‘")
    if text[:1] == "“" and "”" not in text:
        text = text[1:]
    return text


def _joins(left_row: _Row, right_row: _Row, left: Word, right: Word, spaced: bool | None) -> bool:
    """Whether a word continues the previous one on its row.

    It does when Tesseract's text output has no space between the two (and they sit side by side); without
    that knowledge, when the gap between two Han characters is narrow.
    """
    if spaced is None:
        return _same_han_run(left_row, right_row, left, right)
    if spaced:
        return False
    height = max(left_row.height, right_row.height, 1)
    overlap = min(left_row.top + left_row.height, right_row.top + right_row.height) - max(left_row.top, right_row.top)
    gap = right_row.left - (left_row.left + left_row.width)
    # Tesseract's boxes of Han characters often overlap their neighbour's: any word further right will do.
    return overlap > 0.3 * height and right_row.left > left_row.left and gap < MAX_JOIN_GAP * height


def _same_han_run(left_row: _Row, right_row: _Row, left: Word, right: Word) -> bool:
    """Two words side by side on one row that meet at a Han character without a space between them.

    Gaps are measured in character heights (the ink height of the taller of the two words, about an em for
    Han text), not line heights, which vary with what else Tesseract put on the line. Between two Han
    characters a gap under CJK_JOIN_GAP is inside the run; between a Han character and a digit or letter
    (`88号`, `FOB宁波`) only one under MIXED_JOIN_GAP (measured: up to 0.33 inside, 0.41 for a space).
    Stacked words (Tesseract also finds vertical text) are never joined.
    """
    height = max(left_row.height, right_row.height, 1)
    overlap = min(left_row.top + left_row.height, right_row.top + right_row.height) - max(left_row.top, right_row.top)
    gap = right_row.left - (left_row.left + left_row.width)
    if overlap <= 0.3 * height or gap < -0.2 * height:
        return False
    han_left, han_right = is_cjk(left.text[-1]), is_cjk(right.text[0])
    if han_left and han_right:
        return gap < CJK_JOIN_GAP * height
    mixed = (han_left and right.text[0].isalnum()) or (han_right and left.text[-1].isalnum())
    return mixed and gap < MIXED_JOIN_GAP * height


def _joined(left: Word, right: Word) -> Word:
    length = len(left.text) + len(right.text)
    conf = (left.conf * len(left.text) + right.conf * len(right.text)) / length
    return Word(
        left.text + right.text,
        left.x0,
        min(left.top, right.top),
        max(left.x1, right.x1),
        max(left.bottom, right.bottom),
        conf,
    )
