"""Finding labels (from every lexicon) in the layout, and the value candidates next to them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise

from extractors.fields.label_trie import key_of, label_trie
from extractors.layout import Layout, Line, Segment
from extractors.text import fold

_FOLD_DROP = {".", "\u00ad"}
ENUMERATION = re.compile(
    r"^\s*(?:(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-•*·▪])\s+"
    r"|第[一二三四五六七八九十百\d]+[条項项款]\s*|[一二三四五六七八九十]+[、.．]\s*|[（(][一二三四五六七八九十\d]+[)）]\s*)"
)
"""A list marker before a label: "3. ", "b) ", "(2) ", "• ", "第六条 ", "四、", "（二）"."""
BLOCK_GAP = 1.2
HEADING_GAP = 2.4
"""One blank line of text (in line heights) between a heading label and its value."""
"""A vertical gap of more than this many line heights ends a block (a blank line or paragraph gap)."""
_VALUE_LEAD = " .:：#=-–—\t"
_BRACKET_NOTE = re.compile(r"^[(（][^()（）]*[)）]$")
"""A bracketed note after a label ("SHIPPING MARKS (all cartons, 2 sides)") belongs to the label."""
_ABBREVIATED_END = re.compile(
    r"(?:\b(?:ltd|co|inc|corp|bhd|pty|ltda|cia|cía|ste|sté)|(?<![\w.])[a-z](?:\.[a-z])+)\.$", re.IGNORECASE
)
"""A value that ends with an abbreviated legal form keeps its full stop."""
PARTY_ROLES = frozenset({"buyer", "seller", "ship_to", "bill_to"})
CLAUSE_FIELDS = frozenset({"partial_shipment", "transshipment", "port_of_loading", "port_of_discharge"})
"""Fields whose label may open a clause without a colon ("Teillieferungen erlaubt, Umladung zulässig",
"Zeevracht, laadhaven Xiamen, loshaven Rotterdam")."""
_CLAUSE_START = re.compile(r"[,;，；]\s*$")
_ALTERNATIVE = re.compile(r"^\s*/\s*([^\W\d_][^/:：]{1,30}?)\s*$")
_BRACKET_TAIL = re.compile(r"^\s*[(（][^()（）:：]{1,6}[)）]")
"""A short bracketed note right after a label ("采购方（甲方）", "Buyer (Importer)")."""


def _role_note(rest: str) -> int:
    """Length of what completes a label: a short bracketed note with a value behind it, or "/ <label>".

    "采购方（甲方） 上海恒通…" and "FORNECEDOR / EXPORTADOR" (a second name for the same role) are labels.
    """
    note = _BRACKET_TAIL.match(rest)
    if note and rest[note.end() :].strip():
        return note.end()
    alternative = _ALTERNATIVE.match(rest)
    if alternative is None:
        return 0
    other = alternative.group(1)
    heading = other.isupper() and len(other.split()) <= 2  # "FORNECEDOR / EXPORTADOR": a heading in capitals
    return alternative.end() if heading or label_fields(other) else 0


_SHIPMENT = frozenset({"shipping_method", "delivery_date"})
_LABEL_TAIL = re.compile(r"^((?:\s+[^\W\d_][^\s:：]*|\s*[(（][^()（）:：]{1,12}[)）]){1,3})\s*\.*\s*[:：]")
"""Up to three words (or a bracketed note, "（13%）") and a colon after a known label: the rest of the label.

Dot leaders may stand before the colon in fixed-width prints ("Marcacao caixas .: ...")."""


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold text like `extractors.text.fold`, keeping for each folded char the index of its source char."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _FOLD_DROP:
            continue
        folded = fold(ch) if not ch.isspace() else " "
        if ch in "°º":
            folded = "o"
        for fch in folded or (" " if ch.isspace() else ""):
            if fch == " " and out and out[-1] == " ":
                continue
            out.append(fch)
            index.append(i)
    return "".join(out), index


def label_fields(text: str, kind: str = "labels") -> frozenset[str]:
    """Fields whose label the whole text is (e.g. "Bestell-Nr.:" -> {"order_number"})."""
    return label_trie(kind).exact.get(key_of(text), frozenset())


@dataclass(slots=True)
class LabelHit:
    """A label found in a segment."""

    fields: frozenset[str]
    line: Line
    seg_index: int
    start: int
    """Char offset of the label in the segment's text."""
    end: int
    value_end: int
    """Where the inline value ends (next label with a colon, or the segment's end)."""
    colon: bool
    lead: int = 0
    """Length of an enumeration before the label ("4. Payment:")."""

    @property
    def segment(self) -> Segment:
        """The segment holding the label."""
        return self.line.segments[self.seg_index]

    @property
    def inline_value(self) -> str:
        """Text after the label in the same segment."""
        # a closing "#" is the value's ("CTN # OF #"), a leading one the label's ("PO #: 4711")
        value = self.segment.text[self.end : self.value_end].lstrip(_VALUE_LEAD).rstrip(_VALUE_LEAD.replace("#", ""))
        if self.value_end < len(self.segment.text):
            value = value.rstrip(" ([（")  # "Atlântica Cargo (contato: …": the bracket opens the next label's note
        if _ABBREVIATED_END.search(self.segment.text[self.end : self.value_end].rstrip()):
            value += "."  # "Co., Ltd.", "S.A.": the full stop is part of the name
        return value

    @property
    def label_text(self) -> str:
        """The label as printed."""
        return self.segment.text[self.start : self.end]

    @property
    def at_start(self) -> bool:
        """True when the label opens its segment (after an enumeration such as "3." or "b)")."""
        return self.start == self.lead


def _segment_hits(line: Line, seg_index: int, kind: str) -> list[LabelHit]:
    seg = line.segments[seg_index]
    folded, _ = fold_with_map(seg.text)
    enum = ENUMERATION.match(seg.text)
    lead = enum.end() if enum else 0
    hits: list[LabelHit] = []
    absorbed = 0
    for m in label_trie(kind).find(seg.text):
        if m.start < absorbed:
            continue  # a word of the previous label's tail that named its field ("Datum der Verschiffung:")
        rest = folded[m.folded_end :].lstrip(" ")
        colon = rest[:1] in (":", "#") or seg.text[m.end : m.end + 1] in (":", "：")
        tail = _LABEL_TAIL.match(seg.text[m.end :])
        if not colon and tail:  # "Marcado de cajas:": the lexicon knows "Marcado", the label runs to its colon
            m = replace(m, end=m.end + tail.end(1))
            colon = True
            if m.fields == {"order_date"} and any(t.fields & _SHIPMENT for t in label_trie(kind).find(tail.group(1))):
                m = replace(m, fields=frozenset({"delivery_date"}))  # "Data limite de embarque:" dates the shipment
                absorbed = m.end
        elif not colon and m.start == lead and (note := _role_note(seg.text[m.end :])):
            m = replace(m, end=m.end + note)  # "采购方（甲方） 上海恒通…": the role note is part of the label
            colon = True
        printed = seg.text[m.start : m.end]
        if not colon and not printed.isupper() and label_trie(kind).capitals_only(printed):
            continue  # "Pol. Ind. Fuente del Jarro" (polígono industrial) is no "POL:" (port of loading)
        clause = m.fields <= CLAUSE_FIELDS and _CLAUSE_START.search(seg.text[: m.start]) is not None
        if m.start != lead and not colon and not clause:
            continue
        between = seg.text[hits[-1].end if hits else lead : m.start]
        if m.fields <= PARTY_ROLES and m.start != lead and not re.search(r"[:：;,|/]|\.\s+[A-Z]|\s{2,}", between):
            # "Réf. devis fournisseur :": a word of the label before it, not a party label of its own;
            # "Muy señores nuestros:" is a greeting, not "Señores" (Messrs.) over the addressee
            continue
        hits.append(LabelHit(m.fields, line, seg_index, m.start, m.end, len(seg.text), colon, lead))
    for a, b in pairwise(hits):
        a.value_end = b.start
    return hits


class LabelIndex:
    """All label hits of a document, by field."""

    def __init__(self, layout: Layout, skip_lines: set[int] | None = None) -> None:
        self.layout = layout
        self.stop_lines: set[int] = set()
        """Lines no value block may run into (the line-item table)."""
        self.by_field: dict[str, list[LabelHit]] = defaultdict(list)
        self.starts: dict[tuple[int, int], frozenset[str]] = {}
        skip = skip_lines or set()
        bare: set[tuple[int, int]] = set()
        """Label starts without a value in their own segment: the next segment may be their value."""
        for line in layout.lines:
            if line.index in skip:
                continue
            for i in range(len(line.segments)):
                for hit in _segment_hits(line, i, "labels"):
                    value = hit.inline_value
                    weak = hit.at_start and not hit.colon and bool(value) and not _BRACKET_NOTE.match(value)
                    if weak and (line.index, i - 1) in bare:
                        continue  # a value that opens with a label word ("Imballo marittimo" after "Imballaggio:")
                    for name in hit.fields:
                        self.by_field[name].append(hit)
                    if hit.at_start and not weak:
                        self.starts[(line.index, i)] = hit.fields
                        if not value.strip():
                            bare.add((line.index, i))

    def hits(self, field_name: str) -> list[LabelHit]:
        """Hits for a field, in reading order."""
        return self.by_field.get(field_name, [])

    def is_label_start(self, line_index: int, seg_index: int, ignore: frozenset[str] = frozenset()) -> bool:
        """True when that segment opens with a label (other than the `ignore` fields)."""
        fields = self.starts.get((line_index, seg_index))
        return bool(fields) and not fields <= ignore  # type: ignore[operator]


def is_rule(text: str) -> bool:
    """A line drawn with characters ("=====", "-----", "______") separates blocks; it carries no text."""
    stripped = text.replace(" ", "")
    return len(stripped) >= 3 and not any(ch.isalnum() for ch in stripped)


def hit_rank(hit: LabelHit) -> tuple[bool, int, int]:
    """Sort key for competing hits of one field: real labels first, then the most specific, then the first.

    A word that opens running text ("Supplier to send samples ...") is a weak hit: no colon and text follows.
    """
    weak = not hit.colon and bool(hit.inline_value)
    return (weak, -len(hit.label_text), hit.line.index)


def right_segment(hit: LabelHit, labels: LabelIndex) -> Segment | None:
    """The next segment to the right of the label on the same line, if it is not a label itself."""
    j = hit.seg_index + 1
    if _label_row(hit.line, labels):
        return None  # a row of column labels ("Order Ref. | Date of Order | Our Contact"): values stand below
    if j < len(hit.line.segments) and not labels.is_label_start(hit.line.index, j):
        seg = hit.line.segments[j]
        # "Consignar / Entregar en:" or "Consignar / entregar en" beside "Proveedor": the next block's label
        party = bool(hit.fields & PARTY_FIELDS)
        width = labels.layout.page_widths.get(hit.line.page, 0) or 1e9
        if party and seg.x0 - hit.segment.x1 > 0.3 * width:
            return None  # "Messrs." at the margin, "No.: ST-26-0415" in the right half: another column
        # a text ending in a colon is the next label, unless it is a sentence leading in to a list below it
        lead_in = len(seg.text.split()) > 4
        if (lead_in or not seg.text.rstrip().endswith((":", "："))) and not (party and _names_a_party(seg.text)):
            return seg
    return None


PARTY_FIELDS = frozenset({"buyer", "seller", "ship_to", "bill_to"})


def _names_a_party(text: str) -> bool:
    """A short text that holds a party label ("Consignar / entregar en"): a heading, not a value."""
    short = len(text.split()) <= 5 and len(text) <= 30
    return short and any(m.fields & PARTY_FIELDS for m in label_trie("labels").find(text))


def _label_row(line: Line, labels: LabelIndex) -> bool:
    """Most segments of the line open with a label, and there are at least three of them."""
    count = sum(1 for j in range(len(line.segments)) if labels.is_label_start(line.index, j))
    return count >= 3 and 2 * count > len(line.segments)


def column_end(hit: LabelHit, width: float) -> float:
    """Right edge of the label's column: the next segment's start on its line, or the page edge."""
    segs = hit.line.segments
    return segs[hit.seg_index + 1].x0 if hit.seg_index + 1 < len(segs) else width


def below_segments(
    hit: LabelHit, labels: LabelIndex, max_lines: int = 8, ignore: frozenset[str] = frozenset()
) -> Iterator[Segment]:
    """Segments under the label, in its column, until a gap, another label or the column ends."""
    layout = labels.layout
    seg = hit.segment
    # a heading label alone on its line ("Carton marks:") may stand one blank line above its value
    bare = hit.colon or bool(_BRACKET_NOTE.match(hit.inline_value))  # nothing but a note after the label
    heading = bare and len(hit.line.segments) == 1 and seg.text.rstrip().endswith((":", "："))
    # under a heading the value starts at the line's margin ("Please mark the cartons:" over "H&F")
    x_left = seg.x0 if hit.at_start or heading else seg.x0 + (seg.x1 - seg.x0) * hit.start / max(len(seg.text), 1)
    x_right = column_end(hit, layout.page_widths.get(hit.line.page, 1e9))
    prev_bottom = hit.line.bottom
    height = max(hit.line.height, 1.0)
    yielded, grid = False, _label_row(hit.line, labels)
    margin: float | None = None
    # a heading above a box ("FOURNISSEUR" over a bordered address block) stands further from its first line
    alone = not hit.inline_value.strip() and len(seg.text.strip()) <= hit.end - hit.start + 2
    boxed = alone and (seg.text.isupper() or grid)
    for line in layout.lines[hit.line.index + 1 : hit.line.index + 1 + max_lines]:
        gap = (HEADING_GAP if (heading or boxed) and not yielded else BLOCK_GAP) * height
        if line.page != hit.line.page or line.top - prev_bottom > gap or line.index in labels.stop_lines:
            return
        found = None
        for j, cand in enumerate(line.segments):
            # under a centred heading, a short line that starts at the block's left margin is the block's too
            reaches = cand.x1 > x_left - 2 or (margin is not None and abs(cand.x0 - margin) < 6)
            if reaches and cand.x0 < x_right - 2 and cand.x0 >= x_left - 0.6 * (x_right - x_left):
                if labels.is_label_start(line.index, j, ignore) or is_rule(cand.text):
                    return
                found = cand
                break
        if found is None:
            if any(s.x1 > x_left and s.x0 < x_right for s in line.segments):
                return  # something else stands in the column; text beside it (a title to the left) does not count
            if not yielded and grid:
                prev_bottom = line.bottom  # a grid row whose cells are centred: the value may sit lower
            continue
        yield found
        yielded = True
        margin = found.x0 if margin is None else margin
        prev_bottom = line.bottom


def aligned_below(
    labels: LabelIndex,
    first: Segment,
    x_min: float,
    x_max: float,
    max_lines: int,
    ignore: frozenset[str] = frozenset(),
    left_empty: bool = False,
    prose: bool = False,
) -> Iterator[Segment]:
    """Continuation lines of a value that starts with `first`: segments starting between x_min and x_max.

    Stops at a vertical gap, a label (other than `ignore`), the line-item table, or a line with nothing there.
    """
    layout = labels.layout
    start = layout.lines[first.line]
    prev_bottom, height, prev = start.bottom, max(start.height, 1.0), start
    for line in layout.lines[start.index + 1 : start.index + 1 + max_lines]:
        if line.page != start.page or line.top - prev_bottom > BLOCK_GAP * height or line.index in labels.stop_lines:
            return
        j, cand = next(((j, c) for j, c in enumerate(line.segments) if c.x1 > x_min), (-1, None))
        if cand is None or not (x_min <= cand.x0 <= x_max) or is_rule(cand.text):
            return
        # Under a value that stands right of its label, a label-like text is part of the value ("PO NO. 4711"
        # in shipping marks) as long as nothing stands in the label column.
        indented = cand.x0 > x_min + 12
        if left_empty:
            if j > 0:
                return
        elif any(labels.is_label_start(line.index, k) for k in range(j)):
            return
        elif not indented and (labels.is_label_start(line.index, j, ignore) or (prose and not _wrapped(layout, prev))):
            return  # back at the label's margin: a new labelled line, or a new paragraph after a short line
        yield cand
        prev_bottom, prev = line.bottom, line


def _wrapped(layout: Layout, line: Line) -> bool:
    """True when a line runs (nearly) to the right margin of its page, so its text may wrap onto the next."""
    right = max((ln.x1 for ln in layout.lines if ln.page == line.page), default=line.x1)
    left = min((ln.x0 for ln in layout.lines if ln.page == line.page), default=line.x0)
    return line.x1 >= left + 0.8 * (right - left)


def value_block(
    hit: LabelHit, labels: LabelIndex, max_lines: int, ignore: frozenset[str] = frozenset(), *, prose: bool = False
) -> list[tuple[str, Segment]]:
    """A label's (possibly multi-line) value: after the label, right of it, or below it, with its continuation.

    An inline value continues on lines that start in the label's column; a value in the next segment continues
    on lines aligned with that segment; a value under the label is the column block below it.
    """
    width = labels.layout.page_widths.get(hit.line.page, 1e9)
    tol = 6.0
    if hit.inline_value and not _BRACKET_NOTE.match(hit.inline_value):
        seg = hit.segment
        below = aligned_below(labels, seg, seg.x0 - tol, column_end(hit, width) - tol, max_lines, ignore, prose=prose)
        rows = _labelled_rows(hit, None, seg, labels, max_lines - 1, ignore) if ignore else []
        if rows:  # "采购方（甲方） 上海恒通…" over "地址 | …", "联系人 | …" rows
            return [(hit.inline_value, seg), *rows]
        return [(hit.inline_value, seg), *((s.text, s) for s in below)]
    right = right_segment(hit, labels)
    if right is not None:
        j = hit.line.segments.index(right)
        end = hit.line.segments[j + 1].x0 if j + 1 < len(hit.line.segments) else width
        # continuation lines start under the value, or anywhere indented past the label (a tab in plain text)
        x_min = min(right.x0 - tol, hit.segment.x0 + 2 * tol)
        more = list(aligned_below(labels, right, x_min, min(right.x0 + 4 * tol, end), max_lines, ignore, True))
        block = [(right.text.lstrip(" :："), right), *((s.text, s) for s in more)]
        if ignore:
            block += _labelled_rows(hit, right, more[-1] if more else right, labels, max_lines - len(block), ignore)
        return block
    return [(s.text, s) for s in below_segments(hit, labels, max_lines, ignore)]


def _labelled_rows(
    hit: LabelHit, right: Segment | None, last: Segment, labels: LabelIndex, max_lines: int, ignore: frozenset[str]
) -> list[tuple[str, Segment]]:
    """Rows under a value that repeat the label column with the value's sub-fields.

    "地址： ...", "联系人： ...", "Phone: ..." under "采购方： ..." come back as "label value", so that the
    sub-field is known. The values stand under the party's value (`right`), or anywhere right of their label
    when the party's value follows its label in the same segment (`right` None).
    """
    layout = labels.layout
    rows: list[tuple[str, Segment]] = []
    prev = layout.lines[last.line]
    for line in layout.lines[prev.index + 1 : prev.index + 1 + max(max_lines, 0)]:
        if line.page != prev.page or line.top - prev.bottom > BLOCK_GAP * max(prev.height, 1.0):
            break
        k = next((k for k, seg in enumerate(line.segments) if abs(seg.x0 - hit.segment.x0) < 6), None)
        fields = labels.starts.get((line.index, k)) if k is not None else None
        if k is None or not fields or not fields <= ignore:
            break
        label = line.segments[k]
        first = next(iter(label_trie("labels").find(label.text)), None)
        if right is None and first is not None and label.text[first.end :].strip(" :："):
            rows.append((label.text, label))  # "地址：深圳市…": label and value in one segment
        elif k + 1 < len(line.segments) and (right is None or abs(line.segments[k + 1].x0 - right.x0) <= 6):
            value = line.segments[k + 1]
            rows.append((f"{label.text} {value.text.lstrip(' :：')}", value))
        else:
            break
        prev = line
    return rows
