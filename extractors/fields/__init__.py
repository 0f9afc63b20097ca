"""Field extraction: a ReadDocument in, an Order with evidence and findings out. Pure: no I/O."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from extractors.fields.context import FieldContext
from extractors.fields.delivery_prose import prose_ship_to
from extractors.fields.header import extract_header
from extractors.fields.labels import LabelIndex
from extractors.fields.line_items import currency_from_table, extract_line_items
from extractors.fields.parties import COMPANY, extract_parties
from extractors.fields.prose import extract_prose_terms
from extractors.fields.terms import extract_incoterms, extract_payment_terms
from extractors.layout import Layout, build_layout
from extractors.lexicons import available_languages, load_lexicon
from extractors.normalize.currency import find_currency
from extractors.normalize.numbers import guess_decimal_separator
from extractors.text import cjk_ratio
from models.findings import Finding
from models.order import Order
from models.pages import ReadDocument
from models.result import Evidence

_NUMBERISH = re.compile(r"\d[\d.,'\u00a0\u202f]*[.,]\d+")
_PATH = re.compile(r"^line_items\[(\d+)\]\.(\w+)$")


def _decimal_hint(layout: Layout, default: str) -> str:
    samples = [m.group(0) for line in layout.lines for m in _NUMBERISH.finditer(line.text)]
    return guess_decimal_separator(samples) or default


def make_context(doc: ReadDocument, language: str | None, layout: Layout | None = None) -> FieldContext:
    """Set up the shared context: layout, label index, lexicon of the language, number format."""
    layout = layout or build_layout(doc)
    lang = language if language in available_languages() else "en"
    lexicon = load_lexicon(lang)
    ctx = FieldContext(layout=layout, labels=LabelIndex(layout), lexicon=lexicon, part=doc.part)
    ctx.decimal = _decimal_hint(layout, lexicon.number_format.decimal)
    ctx.han = cjk_ratio(layout.text[:6000]) > 0.15
    signature = doc.metadata.get("signature", "") if doc.kind == "email" else ""
    ctx.signed = any(COMPANY.search(line) for line in signature.splitlines()[1:])
    return ctx


def extract_fields(
    doc: ReadDocument, language: str | None, layout: Layout | None = None
) -> tuple[Order, dict[str, Evidence], list[Finding]]:
    """Read every order field of one document.

    Args:
        doc: The read document (any format, OCRed or not).
        language: ISO 639-1 language of the document (for number and date conventions).
        layout: The document's layout if already built.

    Returns:
        The order, the evidence by field path, and findings raised while reading (ambiguous dates).

    """
    ctx = make_context(doc, language, layout)
    pages = {p.number: p for p in doc.pages}
    rows = extract_line_items(ctx, pages)
    ctx.labels.stop_lines = set(ctx.table_lines)
    if rows:
        ctx.table_span = (min(ctx.table_lines), max(line.index for line in rows[-1].lines))
    extract_parties(ctx)
    prose_ship_to(ctx)
    # the issuer's country decides "04/02/2026"; where the buyer's block names none, its delivery address does
    ctx.country = ctx.values.get("buyer.country") or ctx.values.get("ship_to.country")
    extract_header(ctx)
    _single_total(ctx)
    extract_incoterms(ctx)
    extract_prose_terms(ctx)
    extract_payment_terms(ctx)
    currency_from_table(ctx, rows)
    _currency_fallback(ctx)
    return assemble(ctx.values), ctx.evidence, ctx.findings


def _single_total(ctx: FieldContext) -> None:
    """An order that prints one net total ("Gesamtbetrag netto", "Total HT") and no tax: that is its total."""
    if "subtotal" in ctx.values and "total_amount" not in ctx.values and "tax_amount" not in ctx.values:
        ctx.values["total_amount"] = ctx.values.pop("subtotal")
        ctx.evidence["total_amount"] = ctx.evidence.pop("subtotal")


def _currency_fallback(ctx: FieldContext) -> None:
    if "currency" in ctx.values:
        return
    total = ctx.evidence.get("total_amount")
    if total is not None and total.text:
        ctx.put("currency", find_currency(total.text, chinese=ctx.han), None, 0.8, total.text)
        if "currency" in ctx.values:
            ctx.evidence["currency"] = total
            return
    counts = Counter(code for line in ctx.layout.lines if (code := find_currency(line.text, chinese=ctx.han)))
    if counts:
        code, _ = counts.most_common(1)[0]
        line = next(ln for ln in ctx.layout.lines if find_currency(ln.text, chinese=ctx.han) == code)
        ctx.put("currency", code, line, 0.6)


def assemble(values: dict[str, Any]) -> Order:
    """Build the Order from dotted paths ("buyer.name", "line_items[2].quantity")."""
    data: dict[str, Any] = {}
    items: dict[int, dict[str, Any]] = {}
    for path, value in values.items():
        match = _PATH.match(path)
        if match:
            items.setdefault(int(match.group(1)), {})[match.group(2)] = value
            continue
        head, _, tail = path.partition(".")
        if tail:
            data.setdefault(head, {})[tail] = value
        else:
            data[head] = value
    data["line_items"] = [items[i] for i in sorted(items)]
    return Order.model_validate(data)
