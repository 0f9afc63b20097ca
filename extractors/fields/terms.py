"""Incoterms and payment terms: labelled first, Incoterms also from prose."""

from __future__ import annotations

from dataclasses import replace

from extractors.fields.context import FieldContext
from extractors.fields.header import FieldSpec, candidates
from extractors.fields.labels import hit_rank, label_fields
from extractors.fields.values import parse_text
from extractors.layout import Line, Segment
from extractors.normalize.incoterms import IncotermsMatch, parse_incoterms
from extractors.normalize.payment import implied_method, parse_payment_terms
from extractors.normalize.transport import parse_transport
from extractors.text import without_brackets

PAYMENT_ATTRS = (
    "text",
    "method",
    "deposit_percent",
    "days",
    "trigger",
    "lc_type",
    "issuing_bank",
    "lc_expiry",
    "latest_shipment_date",
)
TERMS_SPEC = FieldSpec(parse_text, multiline=True, joiner=" ", confidence=0.9, max_lines=3)


def _labelled_texts(ctx: FieldContext, name: str) -> list[tuple[str, object, float]]:
    hits = [h for h in ctx.labels.hits(name) if h.line.index not in ctx.table_lines]
    hits.sort(key=hit_rank)
    found: list[tuple[str, object, float]] = [
        (text, src, factor) for hit in hits for text, src, factor in candidates(hit, ctx, TERMS_SPEC)
    ]
    found += [(text, line, 0.8) for header, (text, line) in ctx.column_values.items() if name in label_fields(header)]
    return found


def extract_incoterms(ctx: FieldContext) -> None:
    """Rule, place, version and the printed phrase; from a label, else from any line that states a rule."""
    found = None
    for text, source, factor in _labelled_texts(ctx, "incoterms"):
        match = parse_incoterms(text) or _named_by_label(ctx, text)
        if match is not None:
            whole = parse_incoterms(source.text) if isinstance(source, Segment) and match.version is None else None
            if whole is not None and whole.rule == match.rule and whole.version:
                match = replace(match, version=whole.version)  # "Incoterms® 2020 : FCA Xiamen": in the label
            found = (match, source, 0.93 * factor, text)
            break
    if found is None:
        for line in ctx.layout.lines:
            if line.index in ctx.table_lines:
                continue
            match = parse_incoterms(line.text)
            if match is not None and (column := _rule_over_place(ctx, line)) is not None:
                found = (*column, 0.75, column[1].text)  # "Ship Via | F.O.B. | Terms" over "… | Xiamen | …"
                break
            if match is not None and match.place and not (match.place.islower() and not match.text.islower()):
                found = (match, line, 0.75, line.text)  # "on CIF terms as discussed" names no place; "fob ningbo" does
                break
    if found is None:
        return
    match, source, conf, text = found
    match = replace(match, text=_close_brackets(match.text, text))
    for attr in ("rule", "place", "version", "text"):
        ctx.put(f"incoterms.{attr}", getattr(match, attr), source, conf, text)  # type: ignore[arg-type]
    if "shipping_method" not in ctx.values:
        ctx.put("shipping_method", parse_transport(text), source, conf * 0.8, text)  # type: ignore[arg-type]


def _named_by_label(ctx: FieldContext, text: str) -> IncotermsMatch | None:
    """A rule printed as the label with the place as its value ("F.O.B. POINT" over "Xiamen")."""
    for hit in ctx.labels.hits("incoterms"):
        named = parse_incoterms(hit.label_text)  # its "place" is the label's own word ("POINT")
        if named is not None:
            return parse_incoterms(f"{named.rule} {text}")
    return None


def _rule_over_place(ctx: FieldContext, line: Line) -> tuple[IncotermsMatch, Segment] | None:
    """A rule alone in a header cell among other labels, with its place in the cell below ("F.O.B." / "Xiamen")."""
    for index, seg in enumerate(line.segments):
        alone = parse_incoterms(seg.text)
        if alone is None or alone.place or alone.span[0] > 0:
            continue
        after = index + 1 < len(line.segments) and ctx.labels.is_label_start(line.index, index + 1)
        below = ctx.layout.lines[line.index + 1] if line.index + 1 < len(ctx.layout.lines) else None
        if not after or below is None or below.page != line.page:
            return None
        cell = next((s for s in below.segments if min(s.x1, seg.x1) - max(s.x0, seg.x0) > 0), None)
        if cell is None or ctx.labels.is_label_start(below.index, below.segments.index(cell)):
            return None
        match = parse_incoterms(f"{seg.text.strip()} {cell.text.strip()}")
        return (match, cell) if match is not None and match.place else None
    return None


def _close_brackets(phrase: str, context: str) -> str:
    """Keep the closing bracket of "(Incoterms 2020)" when the phrase opened it."""
    opened = phrase.count("(") + phrase.count("（") - phrase.count(")") - phrase.count("）")
    at = context.find(phrase)
    if opened > 0 and at >= 0:
        rest = context[at + len(phrase) :].lstrip()
        if rest[:1] in (")", "）"):
            return phrase + rest[0]
    return phrase


def extract_payment_terms(ctx: FieldContext) -> None:
    """The payment terms as printed after their label, parsed into method, deposit, days and trigger."""
    for text, source, factor in _labelled_texts(ctx, "payment_terms"):
        terms = parse_payment_terms(without_brackets(text), date_order=ctx.date_order, country=ctx.country)
        if terms.method is None and terms.trigger is None:  # the terms are all in brackets
            terms = parse_payment_terms(text, date_order=ctx.date_order, country=ctx.country)
        else:  # '… 70% tegen kopie B/L (dus niet "balance before shipment" zoals in jullie offerte)'
            terms = terms.model_copy(update={"text": text.strip() or None})
        if terms.method is None and terms.deposit_percent is None and terms.days is None:
            continue
        conf = 0.9 * factor
        implied = implied_method(terms)
        if implied is not None:  # not printed: a weaker value the reviewer sees as such
            terms = terms.model_copy(
                update={"instalments": [part.model_copy(update={"method": implied}) for part in terms.instalments]}
            )
            ctx.put("payment_terms.method", implied, source, conf * 0.7, text)  # type: ignore[arg-type]
        for attr in PAYMENT_ATTRS:
            ctx.put(f"payment_terms.{attr}", getattr(terms, attr), source, conf, text)  # type: ignore[arg-type]
        if terms.instalments:
            ctx.put("payment_terms.instalments", terms.instalments, source, conf * 0.9, text)  # type: ignore[arg-type]
        return
