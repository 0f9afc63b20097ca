"""What the pipeline found in one piece of text: entities and matched spans, with helpers to read them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractors.freetext.nlp import OrderPipeline
from extractors.normalize.currency import find_currency
from extractors.normalize.numbers import parse_decimal
from extractors.normalize.phrases import fold
from extractors.normalize.units import parse_unit

BULLETS = frozenset({"-", "*", "•", "·", "–", "—", "o", "▪", "►", ">"})
COUNT_UNITS = frozenset({"PCE", "SET", "CT", "PR", "BX", "PK", "BG", "RO", "DZN", "ST", "EA", "C62", "H87", "NAR"})
"""Units that count items: a number with one of these is an order quantity, not a size in a description."""
INCH_MARKS = frozenset({'"', "'", "″", "′", "”", "’"})
SEPARATORS = frozenset({"|", ";", "；", "@", "(", ")", "（", "）", "[", "]", "=", "，", "、"})
LABELS = frozenset(
    {"SKU_LABEL", "QTY_LABEL", "PRICE_LABEL", "AMOUNT_LABEL", "DESC_LABEL", "UNIT_LABEL", "LINE_LABEL", "ORDER_LABEL"}
)


@dataclass(slots=True)
class Found:
    """One analysed piece of text."""

    pipe: OrderPipeline
    doc: Doc
    spans: list[Span]
    decimal: str | None

    def spans_of(self, *labels: str) -> list[Span]:
        """Matched spans with one of these labels, in text order."""
        return [span for span in self.spans if span.label_ in labels]

    def ents_of(self, *labels: str) -> list[Span]:
        """Entities with one of these labels, in text order."""
        return [ent for ent in self.doc.ents if ent.label_ in labels]

    def number(self, span: Span) -> Decimal | None:
        """The value of the first number token in a span."""
        token = next((t for t in span if t._.kind == "num"), None)
        return parse_decimal(token.text, self.decimal) if token is not None else None

    def currency(self, span: Span) -> str | None:
        """The currency a span names (code, symbol or name)."""
        return find_currency(span.text, chinese=self.pipe.language == "zh")

    def is_stop(self, token: Token) -> bool:
        """A stop word of the language (or English), or punctuation."""
        return token._.kind == "punct" or token.lower_ in self.pipe.stop_words


def analyse(pipe: OrderPipeline, text: str, decimal: str | None) -> Found:
    """Run the pipeline and the matcher over one text; overlapping matches resolve to the longest."""
    doc = _units_after_numbers(pipe, pipe.nlp(text))
    spans = [Span(doc, start, end, label=match_id) for match_id, start, end in pipe.matcher(doc)]
    spans = [s for s in spans if _plausible(s)]
    kept = [Span(doc, s.start, s.start + 1, "QTY") if s.label_ == "QTY_COUNT" else s for s in filter_spans(spans)]
    return Found(pipe, doc, sorted(kept, key=lambda s: s.start), decimal)


def _units_after_numbers(pipe: OrderPipeline, doc: Doc) -> Doc:
    """A label right after a number that is also a unit form is the unit ("350 Nr.": pieces, not "No.")."""
    ents = list(doc.ents)
    for index, ent in enumerate(ents):
        if ent.label_ in ("UNIT", "CURRENCY") or ent.start == 0 or doc[ent.start - 1]._.kind != "num":
            continue
        key = fold(ent.text)
        if key in pipe.unit_forms or key.rstrip(".") in pipe.unit_forms:
            ents[index] = Span(doc, ent.start, ent.end, label="UNIT")
    doc.ents = ents
    return doc


def _plausible(span: Span) -> bool:
    """Labelled spans must start with their label (the matcher also yields tails of a multi-token label).

    A number right after a currency is money, never a quantity: "€ 2,15 cad." is a price per piece.
    """
    if span.label_ == "QTY" and span.start > 0 and span.doc[span.start - 1].ent_type_ == "CURRENCY":
        return False
    if span.label_ in ("SKU_LABELLED", "QTY_LABELLED", "ORDER_REF", "LINE_REF"):
        first = span[0]
        return first.ent_iob_ == "B"
    if span.label_ == "SKU":
        return _sku_shape(span[0].text)
    return True


def _sku_shape(text: str) -> bool:
    """A free-standing code long enough to be an article number ("AB12", "6204-2RS"), not "40W" or "A4"."""
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    if digits == 0:
        return text.count("-") >= 1 and text.isupper()
    return len(text) >= 4 and (letters >= 2 or "-" in text or "/" in text or digits >= 4)


def unit_of(span: Span) -> tuple[str, str] | None:
    """(Rec 20 code, printed unit) of the unit entity inside a quantity span."""
    units = [t for t in span if t.ent_type_ == "UNIT"]
    if not units:
        return None
    printed = span.doc[units[0].i : units[-1].i + 1].text
    return parse_unit(printed)


def content_tokens(found: Found, taken: set[int]) -> list[list[Token]]:
    """Runs of tokens that are not part of a recognized value, split at separators and labels."""
    runs: list[list[Token]] = [[]]
    kept = _free_brackets(found, taken)
    for token in found.doc:
        if token.i in taken or (token.text in SEPARATORS and token.i not in kept) or token.ent_type_ in LABELS:
            runs.append([])
        else:
            runs[-1].append(token)
    return [run for run in runs if run]


_CLOSING = {"(": ")", "（": "）", "[": "]"}


def _free_brackets(found: Found, taken: set[int]) -> set[int]:
    """Brackets around words that are no value, right after a word: part of a description ("伞（米白色）")."""
    kept: set[int] = set()
    doc = found.doc
    for token in doc:
        close = _CLOSING.get(token.text)
        if close is None or token.i == 0 or doc[token.i - 1].i in taken or doc[token.i - 1].text in SEPARATORS:
            continue
        end = next((t.i for t in doc[token.i + 1 :] if t.text == close), None)
        inner = range(token.i + 1, end) if end is not None else range(0)
        if end is not None and inner and all(i not in taken and doc[i].ent_type_ not in LABELS for i in inner):
            kept.update({token.i, end})
    return kept


def trim(found: Found, run: list[Token]) -> list[Token]:
    """A run without leading and trailing stop words, bullets and punctuation.

    A unit after its number stays ("4 wires 1.5 m"), and so does a character inside a word of glued CJK
    characters ("内六角扳手": spaCy's Chinese stop words include single characters such as 内, 大 and 上).
    """
    start, end = 0, len(run)
    while start < end and _edge(found, run[start]) and not _glued_cjk(run[start], run[start + 1 : end]):
        start += 1
    while end > start and (found.is_stop(run[end - 1]) or _particle(run[end - 1])):
        if _glued_cjk(run[end - 1], run[start : end - 1][::-1]) or _unit_after_number(run[end - 1]):
            break
        if run[end - 1].text in _CLOSING.values() and any(t.text in _CLOSING for t in run[start : end - 1]):
            break  # the closing bracket of a bracket in the run
        end -= 1
    return run[start:end]


def _edge(found: Found, token: Token) -> bool:
    return found.is_stop(token) or token.text in BULLETS or _particle(token)


def _glued_cjk(token: Token, inward: list[Token]) -> bool:
    """A CJK character written together with the next CJK character towards the inside of a run."""
    if token._.kind != "cjk" or not inward or inward[0]._.kind != "cjk":
        return False
    left = token if token.i < inward[0].i else inward[0]
    return not left.whitespace_


def _unit_after_number(token: Token) -> bool:
    """A unit after its number ("1.5 m"), or an inch or foot mark glued to one ('1/4"', "20'")."""
    if token.i == 0:
        return False
    before = token.nbor(-1)
    if token.text in INCH_MARKS:
        return not before.whitespace_ and before._.kind in ("num", "code", "dim")
    return token.ent_type_ == "UNIT" and before._.kind == "num"


def _particle(token: Token) -> bool:
    """A one-letter word ("à", "a", "x") at the edge of a run is a connective, not part of a description."""
    return token._.kind == "word" and len(token.text) == 1 and token.is_lower and not _unit_after_number(token)


def run_text(run: list[Token]) -> str:
    """The text of a run of tokens as printed (spacing kept)."""
    if not run:
        return ""
    doc = run[0].doc
    return doc[run[0].i : run[-1].i + 1].text.strip(" ,:;-–")
