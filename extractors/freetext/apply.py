"""Free-text findings into an extraction result: line items, sentence terms and changes, with evidence."""

from __future__ import annotations

from extractors.freetext import FreeTextOrder, read_free_text
from extractors.layout import Layout
from extractors.normalize.numbers import guess_decimal_separator
from models.order import LineItem
from models.result import Evidence, ExtractionResult

ITEM_CONFIDENCE = 0.85
TERMS_CONFIDENCE = 0.75
TOTAL_FIELDS = ("subtotal", "total_amount")
ITEM_FIELDS = ("line_no", "sku", "description", "quantity", "unit", "unit_text", "unit_price", "amount")


def read_layout(layout: Layout, language: str | None, date_order: str = "DMY") -> FreeTextOrder:
    """Run the free-text reader over every line of a layout."""
    lines = [(line.index, line.text) for line in layout.lines]
    samples = [w.text for line in layout.lines for w in line.words if any(ch.isdigit() for ch in w.text)]
    return read_free_text(lines, language, guess_decimal_separator(samples), date_order)


def evidence_at(layout: Layout, indexes: list[int], confidence: float, part: str | None) -> Evidence:
    """Evidence for values read from some lines of a layout (page and box of the first line)."""
    lines = [layout.lines[i] for i in indexes if 0 <= i < len(layout.lines)]
    if not lines:
        return Evidence(confidence=confidence, part=part)
    first = lines[0]
    same_page = [ln for ln in lines if ln.page == first.page]
    bbox = (
        round(min(ln.x0 for ln in same_page), 1),
        round(first.top, 1),
        round(max(ln.x1 for ln in same_page), 1),
        round(same_page[-1].bottom, 1),
    )
    text = " | ".join(ln.text for ln in lines)[:500]
    return Evidence(confidence=confidence, page=first.page, bbox=bbox, text=text, part=part)


def apply_items(result: ExtractionResult, free: FreeTextOrder, layout: Layout, part: str | None) -> None:
    """Put the free-text items into the order when the table reader found none."""
    order = result.order
    if order.line_items or not free.items:
        return
    for index, item in enumerate(free.items):
        order.line_items.append(LineItem(**{name: getattr(item, name) for name in ITEM_FIELDS}))
        evidence = evidence_at(layout, item.lines, ITEM_CONFIDENCE, part)
        for name in ITEM_FIELDS:
            if getattr(item, name) is not None:
                result.evidence[f"line_items[{index}].{name}"] = evidence
    _drop_totals_read_from_items(result, free, layout)
    totals = [item for item in free.items if item.total is not None]
    if order.total_amount is None and len(totals) == 1:
        order.total_amount = totals[0].total
        result.evidence["total_amount"] = evidence_at(layout, totals[0].lines, TERMS_CONFIDENCE, part)
    elif order.total_amount is None and not totals and free.total is not None and free.total_line is not None:
        order.total_amount = free.total
        result.evidence["total_amount"] = evidence_at(layout, [free.total_line], TERMS_CONFIDENCE, part)
    currencies = [item.currency for item in free.items if item.currency]
    if order.currency is None and currencies:
        order.currency = max(set(currencies), key=currencies.count)
        source = next(item for item in free.items if item.currency == order.currency)
        result.evidence["currency"] = evidence_at(layout, source.lines, ITEM_CONFIDENCE, part)


def apply_terms(result: ExtractionResult, free: FreeTextOrder, layout: Layout, part: str | None) -> None:
    """Payment terms written in a sentence, the referenced order number and requested changes."""
    order = result.order
    if free.payment is not None and free.payment_line is not None and not order.payment_terms.method:
        order.payment_terms = free.payment
        evidence = evidence_at(layout, [free.payment_line], TERMS_CONFIDENCE, part)
        for name in ("text", "method", "deposit_percent", "days", "trigger", "lc_type"):
            if getattr(free.payment, name) is not None:
                result.evidence[f"payment_terms.{name}"] = evidence
    if order.order_number is None and free.order_reference and free.reference_line is not None:
        order.order_number = free.order_reference
        result.evidence["order_number"] = evidence_at(layout, [free.reference_line], TERMS_CONFIDENCE, part)
    if free.changes:
        order.notes = "; ".join(str(change) for change, _ in free.changes)
        result.evidence["notes"] = evidence_at(layout, [line for _, line in free.changes], ITEM_CONFIDENCE, part)


def _drop_totals_read_from_items(result: ExtractionResult, free: FreeTextOrder, layout: Layout) -> None:
    """An order total read from an order line ("... | Total HT : 1 483,50") is that line's amount.

    The labelled-field reader sees "Total HT" before the free-text reader knows the line is an item; with
    several items, a subtotal or total equal to the amount of the item on its line is dropped.
    """
    if len(free.items) < 2:
        return
    order = result.order
    for name in TOTAL_FIELDS:
        value, evidence = getattr(order, name), result.evidence.get(name)
        if value is None or evidence is None or evidence.bbox is None:
            continue
        for item in free.items:
            lines = [layout.lines[i] for i in item.lines if 0 <= i < len(layout.lines)]
            on_item = any(ln.page == evidence.page and abs(ln.top - evidence.bbox[1]) < 1 for ln in lines)
            if on_item and item.amount is not None and item.amount == value:
                setattr(order, name, None)
                del result.evidence[name]
                break
