"""What the pipeline found in one piece of text: entities and matched spans, with helpers to read them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extractors.freetext.nlp import OrderPipeline
from extractors.normalize.currency import find_currency
from extractors.normalize.numbers import parse_decimal
from extractors.normalize.units import parse_unit

BULLETS = frozenset({"-", "*", "•", "·", "–", "—", "o", "▪", "►", ">"})
COUNT_UNITS = frozenset({"PCE", "SET", "CT", "PR", "BX", "PK", "BG", "RO", "DZN", "ST", "EA", "C62", "H87", "NAR"})
"""Units that count items: a number with one of these is an order quantity, not a size in a description."""
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
    doc = pipe.nlp(text)
    spans = [Span(doc, start, end, label=match_id) for match_id, start, end in pipe.matcher(doc)]
    spans = [s for s in spans if _plausible(s)]
    return Found(pipe, doc, sorted(filter_spans(spans), key=lambda s: s.start), decimal)


def _plausible(span: Span) -> bool:
    """Labelled spans must start with their label (the matcher also yields tails of a multi-token label)."""
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
    for token in found.doc:
        if token.i in taken or token.text in SEPARATORS or token.ent_type_ in LABELS:
            runs.append([])
        else:
            runs[-1].append(token)
    return [run for run in runs if run]


def trim(found: Found, run: list[Token]) -> list[Token]:
    """A run without leading and trailing stop words, bullets and punctuation."""
    start, end = 0, len(run)
    while start < end and (found.is_stop(run[start]) or run[start].text in BULLETS or _particle(run[start])):
        start += 1
    while end > start and (found.is_stop(run[end - 1]) or _particle(run[end - 1])):
        end -= 1
    return run[start:end]


def _particle(token: Token) -> bool:
    """A one-letter word ("à", "a", "x") at the edge of a run is a connective, not part of a description."""
    return token._.kind == "word" and len(token.text) == 1 and token.is_lower


def run_text(run: list[Token]) -> str:
    """The text of a run of tokens as printed (spacing kept)."""
    if not run:
        return ""
    doc = run[0].doc
    return doc[run[0].i : run[-1].i + 1].text.strip(" ,:;-–")
