"""Orders written as free text (e-mail bodies): lists and sentences read with spaCy pipelines per language.

    from extractors.freetext import read_free_text
    order = read_free_text([(0, "please send 500 pcs of LED-PNL-6060 at USD 12.50/pc")], "en")
    order.items[0].quantity, order.items[0].unit, order.items[0].unit_price   # 500, "PCE", 12.50

The pipelines (`extractors.freetext.nlp`) are `spacy.blank(lang)` with a shape-aware tokenizer and entity
patterns generated from the lexicons; no trained model is used. Text is read line by line: hard-wrapped
lines are joined, a numbered description line joins the values line under it, and a sentence that orders
several things is cut after each item's price.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from extractors.fields.labels import label_fields
from extractors.freetext.items import FreeItem, choose_quantity, line_number, read_item, read_moneys, sentence_total
from extractors.freetext.nlp import pipeline_for
from extractors.freetext.spans import Found, analyse
from extractors.freetext.terms import Change, change_in_sentence, order_reference, payment_in_sentence
from models.order import PaymentTerms

__all__ = ["Change", "FreeItem", "FreeTextOrder", "find_order_reference", "read_free_text"]

WRAP_WIDTH = 60
"""A line at least this long that does not end a sentence may continue on the next line (hard-wrapped mail)."""
_SENTENCE_END = re.compile(r"[.:;!?。：；！？]\s*$")
_LIST_START = re.compile(r"^\s*(?:[-*•·–▪►]|\d{1,3}[.)、]|[a-z][.)])\s")
_HEAD = re.compile(r"^\s*([^:：]{1,40})[:：]")


@dataclass(slots=True)
class FreeTextOrder:
    """What free text says: order lines, and terms written in sentences."""

    items: list[FreeItem] = field(default_factory=list)
    payment: PaymentTerms | None = None
    payment_line: int | None = None
    order_reference: str | None = None
    reference_line: int | None = None
    total: Decimal | None = None
    """The order total a sentence of its own names ("The order totals USD 23,060.00")."""
    total_line: int | None = None
    changes: list[tuple[Change, int]] = field(default_factory=list)
    change_marked: bool = False
    cancel_marked: bool = False


@dataclass(slots=True)
class _Unit:
    text: str
    lines: list[int]


def _units(lines: Sequence[tuple[int, str]]) -> list[_Unit]:
    """Lines, with hard-wrapped continuations joined.

    A line was wrapped when it is long, does not end a sentence, and the next line's first word would not
    have fitted behind it within the text's width (its longest line), or when it ends with a comma; a list
    entry or a labelled line ("Total: ...") starts anew.
    """
    width = max((len(text.strip()) for _, text in lines), default=0)
    units: list[_Unit] = []
    last = ""
    for index, text in lines:
        stripped = text.strip()
        if not stripped:
            continue
        previous = units[-1] if units else None
        cut = len(last) >= WRAP_WIDTH and len(last) + 1 + len(stripped.split()[0]) > width
        wrapped = (
            previous is not None
            and previous.lines[-1] == index - 1
            and (cut or last.endswith((",", "，", "、")))
            and not _SENTENCE_END.search(last)
            and not _LIST_START.match(text)
            and not _is_header_line(stripped)
        )
        if wrapped and previous is not None:
            previous.text += " " + stripped
            previous.lines.append(index)
        else:
            units.append(_Unit(stripped, [index]))
        last = stripped
    return units


def _is_header_line(text: str) -> bool:
    """A labelled header line ("Packing: 10 pcs per carton", "Payment: ..."): not an order line."""
    match = _HEAD.match(_LIST_START.sub("", text, count=1))  # "- Packing: 5-ply export cartons, max 20 pcs …"
    return bool(match and label_fields(match.group(1).strip()))


def _split_points(found: Found) -> list[int]:
    """Token indexes where a sentence that orders several things is cut (after each item's price).

    A quantity starts a new item only when a price stands between it and the previous item's quantity;
    other numbers with units on the way ("5 x 50 mm", "200 pcs per box") belong to the description.
    """
    quantities = found.spans_of("QTY", "QTY_LABELLED")
    moneys = read_moneys(found)
    if len(quantities) < 2 or len(moneys) < 2:
        return []
    points = []
    boundary = quantities[0].end
    for current in quantities[1:]:
        between = [m for m in moneys if m.span.start >= boundary and m.end <= current.start]
        if between:
            points.append(max(m.end for m in between))
            boundary = current.end
    return sorted(set(p for p in points if 0 < p < len(found.doc)))


def _items_of(found: Found, unit: _Unit) -> list[FreeItem]:
    points = _split_points(found)
    if not points:
        item = read_item(found)
        return [item] if item else []
    pieces = []
    bounds = [0, *points, len(found.doc)]
    for start, end in pairwise(bounds):
        text = found.doc[start:end].text.strip(" ,;")
        piece = read_item(analyse(found.pipe, text, found.decimal)) if text else None
        if piece is not None:
            pieces.append(piece)
    return pieces


def read_free_text(
    lines: Sequence[tuple[int, str]], language: str | None, decimal: str | None = None, date_order: str = "DMY"
) -> FreeTextOrder:
    """Read order lines and sentence terms from lines of text.

    Args:
        lines: (line index, text) pairs in reading order; the index is returned as evidence.
        language: ISO 639-1 language of the text (selects the pipeline; English when unknown).
        decimal: The text's decimal separator, when known.
        date_order: Day/month order for numeric dates in change requests.

    Returns:
        The items (line numbers as printed, else counted) and the terms found in sentences.

    """
    pipe = pipeline_for(language)
    decimal = decimal or pipe.lexicon.number_format.decimal
    order = FreeTextOrder()
    pending: _Unit | None = None
    pending_item: FreeItem | None = None
    for unit in _units(lines):
        found = analyse(pipe, unit.text, decimal)
        if _terms(order, found, unit, date_order) or _is_header_line(unit.text):
            pending = pending_item = None
            continue
        items = _items_of(found, unit)
        if pending is not None and _values_of(found, items, pending_item):
            joined = analyse(pipe, f"{pending.text} {unit.text}", decimal)
            item = read_item(joined) or (items[0] if items else None)
            if item is not None:
                items = [item]
                unit = _Unit(joined.doc.text, pending.lines + unit.lines)
                order.items = [i for i in order.items if i is not pending_item]
                found = joined
        if not items and order.total is None and (total := sentence_total(found)) is not None:
            order.total, order.total_line = total, unit.lines[0]
        pending, pending_item = _pending(unit, items, found)
        for item in items:
            item.lines = list(unit.lines)
            order.items.append(item)
    for number, item in enumerate(order.items, start=1):
        item.line_no = item.line_no or number
    return order


def _listed(found: Found) -> bool:
    """A list entry: a bullet, a number ("1.", "2)") or a position label and number ("Pos. 3") first."""
    return bool(_LIST_START.match(found.doc.text)) or line_number(found)[0] is not None


def _values_of(found: Found, items: list[FreeItem], pending_item: FreeItem | None) -> bool:
    """A line that holds the values of the list entry above it.

    It is no entry itself and has a quantity; its item, if any, has no description of its own when the entry
    above already read as a (tentative) item.
    """
    if _listed(found) or len(items) > 1:
        return False
    if items:
        return pending_item is None or items[0].description is None
    return choose_quantity(found, read_moneys(found)) is not None


def _pending(unit: _Unit, items: list[FreeItem], found: Found) -> tuple[_Unit | None, FreeItem | None]:
    """A list entry that may be a description whose values follow on the next line, and its tentative item.

    An entry with no item ("1. Mug, ceramic, 350 ml") waits for its values; so does an entry whose only item
    has neither article number nor price ("2. Paper cups 8 oz, 500 pcs per carton"), in case the next line
    holds them ("Code: PC-8 | Qty: 255 | Price: 15.19") without a description of its own.
    """
    if not _listed(found):
        return None, None
    if not items:
        return unit, None
    if len(items) == 1 and items[0].sku is None and items[0].unit_price is None and items[0].amount is None:
        return unit, items[0]
    return None, None


def _terms(order: FreeTextOrder, found: Found, unit: _Unit, date_order: str) -> bool:
    """Record markers, the order reference, sentence payment terms and changes; True for a change line."""
    order.change_marked = order.change_marked or bool(found.ents_of("CHANGE"))
    order.cancel_marked = order.cancel_marked or bool(found.ents_of("CANCEL"))
    if order.order_reference is None and (reference := order_reference(found)):
        order.order_reference, order.reference_line = reference, unit.lines[0]
    if not _is_header_line(unit.text) and choose_quantity(found, []) is None:
        payment = payment_in_sentence(found)
        if payment is not None and _detail(payment) > _detail(order.payment):
            order.payment, order.payment_line = payment, unit.lines[0]
    change = change_in_sentence(found, date_order)
    if change is not None:
        order.changes.append((change, unit.lines[0]))
    return change is not None


def find_order_reference(text: str, language: str | None) -> str | None:
    """The order number a short text names after an order label or title (an e-mail subject)."""
    pipe = pipeline_for(language)
    return order_reference(analyse(pipe, text, pipe.lexicon.number_format.decimal))


def _detail(payment: PaymentTerms | None) -> int:
    """How much a payment sentence says: "carta de crédito irrevocable a la vista" beats a mention of the method."""
    if payment is None:
        return 0
    details = ("method", "deposit_percent", "days", "trigger", "lc_type")
    return sum(getattr(payment, name) is not None for name in details)
