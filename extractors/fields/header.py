"""Header fields: one general mechanism for every field that is found through its label.

For each label hit, value candidates are tried in order: the text after the label in the same segment, the next
segment to the right, then the segments below the label in its column. The first candidate the field's parser
accepts wins; among several hits, the most specific label (the longest) wins, then the earliest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from extractors.fields import values as v
from extractors.fields.context import FieldContext
from extractors.fields.labels import (
    ENUMERATION,
    LabelHit,
    below_segments,
    hit_rank,
    label_fields,
    right_segment,
    value_block,
)
from extractors.fields.titles import title_type
from extractors.layout import Segment
from extractors.normalize.dates import find_dates


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """How a labelled field is read."""

    parser: v.Parser
    multiline: bool = False
    """Join several lines below the label (addresses, marks, prose terms)."""
    joiner: str = " "
    confidence: float = 0.9
    max_lines: int = 6
    prose: bool = True
    """A multi-line value may be a paragraph: a short line at the label's margin ends it."""
    continues: Callable[[str], bool] | None = None
    """Which further lines belong to a multi-line value (None: any the layout allows)."""
    within: frozenset[str] = frozenset()
    """Label fields that may start a line inside the value without ending it ("PO NO.: 4711" in the marks)."""


def _marks_line(text: str) -> bool:
    """Shipping marks are printed in capitals (or CJK), line by line: "PO 77507", "MADE IN INDIA", "C/No. 1-UP".

    A few small letters ("C/No.", "Nº") do not make a sentence: at most a quarter of the letters. A numbered
    line ("七、", "8) ") or a Chinese sentence ("...执行。") is the next clause.
    """
    if ENUMERATION.match(text) or text.rstrip().endswith("。"):
        return False
    letters = [ch for ch in text if ch.isalpha() and ch not in "ºª"]
    return sum(ch.islower() for ch in letters) <= len(letters) / 4


SPECS: dict[str, FieldSpec] = {
    "order_number": FieldSpec(v.parse_identifier, confidence=0.95),
    "order_date": FieldSpec(v.parse_date_value, confidence=0.93),
    "revision": FieldSpec(v.parse_identifier, confidence=0.8),
    "delivery_date": FieldSpec(v.parse_date_value, confidence=0.88),
    "currency": FieldSpec(v.parse_currency_value, confidence=0.95),
    "shipping_method": FieldSpec(v.parse_transport_value, confidence=0.85),
    "port_of_loading": FieldSpec(v.parse_place, confidence=0.88),
    "port_of_discharge": FieldSpec(v.parse_place, confidence=0.88),
    "packaging": FieldSpec(v.parse_sentence, multiline=True, confidence=0.8, max_lines=3),
    "shipping_marks": FieldSpec(
        v.parse_marks,
        multiline=True,
        joiner=" / ",
        confidence=0.8,
        prose=False,
        continues=_marks_line,
        within=frozenset({"order_number"}),
    ),
    "forwarder": FieldSpec(v.parse_company, multiline=True, joiner=", ", confidence=0.8, max_lines=3),
    "partial_shipment": FieldSpec(v.parse_flag, confidence=0.85),
    "transshipment": FieldSpec(v.parse_flag, confidence=0.85),
    "documents_required": FieldSpec(v.parse_text, multiline=True, joiner=", ", confidence=0.75),
    "notes": FieldSpec(v.parse_text, multiline=True, joiner=" ", confidence=0.7, max_lines=4),
    "subtotal": FieldSpec(v.parse_money, confidence=0.9),
    "tax_amount": FieldSpec(v.parse_money, confidence=0.85),
    "total_amount": FieldSpec(v.parse_money, confidence=0.92),
}


def candidates(hit: LabelHit, ctx: FieldContext, spec: FieldSpec) -> Iterator[tuple[str, Segment | None, float]]:
    """Value texts near a label, best first, with their source segment and a confidence factor."""
    if spec.multiline:
        block = value_block(hit, ctx.labels, spec.max_lines, spec.within, prose=spec.prose)
        if spec.continues is not None:
            if len(block) > 1 and block[0][1].text.rstrip().endswith((":", "：")) and not spec.continues(block[0][0]):
                block = block[1:]  # "Each box to be marked as under:" leads in to the marks below it
            cut = next((i for i, (text, _) in enumerate(block) if i and not spec.continues(text)), len(block))
            block = block[:cut]
        if block:
            yield _join([text for text, _ in block], spec.joiner), block[0][1], 1.0
        return
    inline = hit.inline_value
    if inline:
        yield inline, hit.segment, 1.0
    if spec.parser is v.parse_money and ctx.amount_column is not None and (figure := _under_amounts(hit, ctx)):
        yield figure.text, figure, 0.97  # "Totaal order (FCA) | 71,50 (CBM) | USD | 40.106,50": the amount column's
    right = right_segment(hit, ctx.labels)
    if right is not None:
        value = right.text.lstrip(" :：")  # "Order No.      : 652426" (colon aligned in fixed-width text)
        if inline:
            yield f"{inline} {value}", right, 0.95
        yield value, right, 0.97
    if inline:
        return
    below = next(below_segments(hit, ctx.labels, max_lines=3), None)
    if below is not None:
        yield below.text, below, 0.92


def _under_amounts(hit: LabelHit, ctx: FieldContext) -> Segment | None:
    """The segment right of a totals label that stands under the item table's amount column."""
    assert ctx.amount_column is not None
    x0, x1 = ctx.amount_column
    for seg in hit.line.segments[hit.seg_index + 1 :]:
        if min(seg.x1, x1) - max(seg.x0, x0) > 0 and any(ch.isdigit() for ch in seg.text):
            return seg
    return None


def _join(texts: list[str], joiner: str) -> str:
    """Lines of a block joined; a line wrapped mid-phrase ("certificate of" / "origin") joins with a space."""
    out = texts[0] if texts else ""
    for text in texts[1:]:
        wrapped = joiner == ", " and text[:1].islower() and out[-1:].isalnum()
        separated = joiner.strip() and (out.rstrip().endswith(joiner.strip()) or text.startswith(joiner.strip()))
        out = f"{out.rstrip()} {text}" if wrapped or separated else f"{out}{joiner}{text}"  # "A / B /" + "C / D"
    return out


def read_field(name: str, ctx: FieldContext, spec: FieldSpec) -> tuple[Any, Segment | None, float, str] | None:
    """The best value for one labelled field, or None."""
    lo, hi = ctx.table_span
    hits = [h for h in ctx.labels.hits(name) if not lo <= h.line.index <= hi]
    hits.sort(key=hit_rank)
    for hit in hits:
        for text, source, factor in candidates(hit, ctx, spec):
            value = spec.parser(text, ctx, name)
            if value is not None:
                return value, source, spec.confidence * factor, text
    return None


_LETTER_PLACE = re.compile(r"^[^\W\d_][^\d:;]{1,40},\s*(?:[^\W\d_]{1,3}\.?\s+)?$")
"""The place before a letter's date: "Marche-en-Famenne, le ", "Stuttgart, den ", "Madrid, "."""


def _letter_date(ctx: FieldContext) -> None:
    """A letter's date line ("Marche-en-Famenne, le 27 janvier 2026") above the items is the order date."""
    for line in ctx.upper_lines():
        for seg in line.segments:
            dates = find_dates(seg.text, date_order=ctx.date_order, country=ctx.country)
            if len(dates) != 1 or seg.text[dates[0].span[1] :].strip(" ."):
                continue
            if _LETTER_PLACE.match(seg.text[: dates[0].span[0]]):
                ctx.put("order_date", dates[0].value, seg, 0.7)
                return


NUMBER_LABEL = re.compile(
    r"^\s*(?:n\.?\s?[°º]|n[ro]\.|n\.|nr|no|núm\.?|número|numéro|numero|nummer|number|#)\s*[:：]?\s*(?P<value>.*)$", re.I
)
"""A bare number label ("N.º", "No.", "Nr.", "Número"), with or without its value after it."""


def _number_under_title(ctx: FieldContext) -> None:
    """The order number under the order's title: "NOTA DE ENCOMENDA" over "N.º : NE-2026/0212".

    A bare number label names nothing by itself; right under the title of an order, in the title's column, it
    numbers the order.
    """
    lines = ctx.layout.lines
    for line in ctx.upper_lines():
        for seg in line.segments:
            if title_type(seg.text) != "purchase_order":
                continue
            for below in lines[line.index + 1 : line.index + 4]:
                if below.page != line.page:
                    break
                for k, cell in enumerate(below.segments):
                    match = NUMBER_LABEL.match(cell.text)
                    if match is None or not seg.x0 - 20 <= cell.x0 <= seg.x1:
                        continue
                    value = match.group("value") or (below.segments[k + 1].text if k + 1 < len(below.segments) else "")
                    number = v.parse_identifier(value.lstrip(" :："), ctx, "order_number")
                    if number:
                        ctx.put("order_number", number, cell, 0.75, f"{cell.text} {value}".strip())
                        return
            return


_DATED = re.compile(r"^\s*(?:del|dell'|vom|du|de|dated|of|d\.d\.|datato|van|em)\s+\S", re.IGNORECASE)
"""The word that joins a date to the number before it ("del 13/11/2026", "vom 3. März 2026", "dated")."""


def _next_segment(ctx: FieldContext, text: str) -> str:
    """The segment after the one printing `text` on its line, when it joins a date to it ("del …")."""
    for line in ctx.upper_lines():
        for k, seg in enumerate(line.segments[:-1]):
            if seg.text == text and _DATED.match(line.segments[k + 1].text):
                return line.segments[k + 1].text
    return ""


def _date_with_number(ctx: FieldContext) -> None:
    """The order's date printed with its number ("N. 26/0312 del 09/03/2026", "No. 4711 dated 3 March 2026")."""
    evidence = ctx.evidence.get("order_number")
    number = ctx.values.get("order_number")
    if evidence is None or not evidence.text or not isinstance(number, str):
        return
    after = evidence.text.split(number, 1)[1] if number in evidence.text else ""
    if not after.strip():
        after = _next_segment(ctx, evidence.text)  # "ORDINE D'ACQUISTO N. OA/2026/0094 | del 13/11/2026"
    dates = find_dates(after, date_order=ctx.date_order, country=ctx.country)
    if len(dates) == 1 and not dates[0].approximate:
        ctx.put("order_date", dates[0].value, None, 0.8, evidence.text)
        ctx.evidence["order_date"] = evidence.model_copy(update={"confidence": round(evidence.confidence * 0.9, 3)})


def _shipment_date(ctx: FieldContext) -> None:
    """A shipment label whose value is a date, not a mode ("Verschiffung | bis spätestens 30.04.2026")."""
    lo, hi = ctx.table_span
    for hit in sorted(ctx.labels.hits("shipping_method"), key=hit_rank):
        if lo <= hit.line.index <= hi:
            continue
        for text, source, _ in candidates(hit, ctx, SPECS["shipping_method"]):
            dates = find_dates(text, date_order=ctx.date_order, country=ctx.country)
            if len(dates) == 1 and v.parse_transport_value(text, ctx, "shipping_method") is None:
                ctx.put("delivery_date", dates[0].value, source, 0.75, text if source is None else None)
                return


def extract_header(ctx: FieldContext) -> None:
    """Read every labelled header field into ctx.values, then fill gaps from constant table columns."""
    for name, spec in SPECS.items():
        found = read_field(name, ctx, spec)
        if found is not None:
            value, source, confidence, text = found
            ctx.put(name, value, source, confidence, text if source is None else None)
    if "order_number" not in ctx.values:
        _number_under_title(ctx)
    if "order_date" not in ctx.values:
        _date_with_number(ctx)
    if "order_date" not in ctx.values:
        _letter_date(ctx)
    if "delivery_date" not in ctx.values:
        _shipment_date(ctx)
    for header, (text, line) in ctx.column_values.items():
        for name in sorted(label_fields(header) & SPECS.keys()):
            if name not in ctx.values:
                ctx.put(name, SPECS[name].parser(text, ctx, name), line, 0.8 * SPECS[name].confidence, text)
