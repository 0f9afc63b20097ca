"""One order line from one piece of free text: quantity, unit, SKU, description, unit price, amount.

Reads lists and sentences alike ("500 pcs LED-PNL-6060 LED panel @ USD 12.50/pc", "please send 500 pcs of
LED-PNL-6060 at USD 12.50/pc", "2.000 Stk. Art.-Nr. BB-6204-2RS zu 0,85 EUR/Stk.", "LED平板灯 1,000个,单价 USD
2.50", "Code article : JL-MUG-350 | Qté : 1 150 | Prix unitaire : 1,29"). Which number is the quantity, which
money is the unit price and which text is the description is decided from the entities around them, never
from words of one language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from spacy.tokens import Span, Token

from extractors.freetext.spans import BULLETS, COUNT_UNITS, LABELS, Found, content_tokens, run_text, trim, unit_of
from extractors.normalize.phrases import fold

ROLE_OF_LABEL = {"PRICE_LABEL": "unit_price", "AMOUNT_LABEL": "amount"}
COLUMN_LABELS = ("SKU_LABEL", "QTY_LABEL", "PRICE_LABEL", "AMOUNT_LABEL", "UNIT_LABEL", "DESC_LABEL")
PER_WORD_MAX = 4
"""A short word between a price and a unit is a "per" word ("pro Stück", "per pc", "le carton")."""


@dataclass(slots=True)
class FreeItem:
    """One order line read from free text (values as printed, normalized)."""

    text: str
    lines: list[int] = field(default_factory=list)
    line_no: int | None = None
    sku: str | None = None
    description: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    unit_text: str | None = None
    unit_price: Decimal | None = None
    amount: Decimal | None = None
    currency: str | None = None
    total: Decimal | None = None
    """An order total named in the same sentence ("This makes a total of USD 21,860.00"), not this line's."""


@dataclass(slots=True)
class _Money:
    span: Span
    value: Decimal | None
    currency: str | None
    role: str | None = None
    """unit_price or amount when a label or a per-unit suffix says so."""
    end: int = 0
    """Token index after the money and its per-unit suffix."""


def _quantity_score(found: Found, span: Span, prices: list[_Money]) -> int:
    """How likely a number+unit span is the order quantity (0: it is not).

    A label wins; then a count ("46 pcs", "3 x"), better for each of: a price quoted per the same unit
    ("330 sets ... at EUR 7.14 per set"), standing right before a price ("... 13 pcs: 80 sets x 7.45 EUR"),
    starting the line ("- 180 sets ..."); then a measure that starts the line or that the price is quoted per
    ("3,500 m at 1.01/m"). A count of something per package ("500 pcs per carton", "200个/盒") describes the
    package: it is the quantity only when nothing else is.
    """
    if span.label_ == "QTY_LABELLED":
        return 10
    if _per_unit_end(found, span.end) is not None:
        return 1
    unit = unit_of(span)
    if unit is None and span.end < len(found.doc) and found.doc[span.end]._.kind == "num":
        return 0  # "4,8 x 300 mm": a dimension written with spaces, not "4 x" something
    per_unit = unit is not None and any(_per_unit_code(found, money) == unit[0] for money in prices)
    starts = _starts_line(found, span)
    if unit is None or unit[0] in COUNT_UNITS:
        if unit is None and span[-1].lower_ not in ("x", "×"):
            return 2 if any(m.span.start >= span.end for m in prices) else 0  # a bare count is ordered at a price
        return 6 + per_unit + starts + _before_price(found, span, prices)
    return 4 if (starts or per_unit) else 0


def _starts_line(found: Found, span: Span) -> bool:
    """Only bullets, a position number or stop words before the span."""
    start = line_number(found)[1]
    return all(found.is_stop(t) or t.text in BULLETS for t in found.doc[start : span.start])


def _before_price(found: Found, span: Span, prices: list[_Money]) -> bool:
    """The span stands right before a price ("80 sets x 7.45 EUR", "450套，单价 USD 7.57").

    Only punctuation, stop words, short connectives ("x", "zu", "à") or a price label may stand between.
    """
    following = [m for m in prices if m.span.start >= span.end]
    if not following:
        return False
    between = found.doc[span.end : following[0].span.start]
    return all(
        found.is_stop(t) or _per_word(t) or t.lower_ in ("x", "×") or t.ent_type_ in ("PRICE_LABEL", "CURRENCY")
        for t in between
    )


def choose_quantity(found: Found, prices: list[_Money], sku: Span | None = None) -> Span | None:
    """The order quantity among the number+unit spans (measures inside a description lose).

    Among equally good candidates the one next to the SKU wins, after it when the SKU is bracketed behind its
    description ("套筒扳手 46件（FN-SW46）450套"), else the first.
    """
    scored = [(_quantity_score(found, s, prices), s) for s in found.spans_of("QTY", "QTY_LABELLED")]
    scored = [entry for entry in scored if entry[0] > 0]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    tied = [span for score, span in scored if score == best]
    if sku is None:
        return tied[0]
    bracketed = sku.start > 0 and found.doc[sku.start - 1].text in ("(", "（", "[")
    return min(tied, key=lambda span: (_gap(found, span, sku), bracketed and span.start < sku.start, span.start))


def _gap(found: Found, first: Span, second: Span) -> int:
    """Words (not stop words or punctuation) between two spans."""
    left, right = (first, second) if first.start < second.start else (second, first)
    return sum(1 for t in found.doc[left.end : right.start] if not found.is_stop(t))


def _per_unit_code(found: Found, money: _Money) -> str | None:
    tokens = found.doc[money.span.end : money.span.end + 3]
    units = [t for t in tokens if t.ent_type_ == "UNIT"]
    return _parse_unit_token(found, units[0]) if units else None


def _parse_unit_token(found: Found, token: Token) -> str | None:
    ent = next((e for e in found.doc.ents if e.start <= token.i < e.end), None)
    unit = unit_of(ent) if ent is not None else None
    return unit[0] if unit else None


def _per_unit_end(found: Found, end: int) -> int | None:
    """End of a per-unit suffix after a money ("/pc", "each", "pro Stück"), or None."""
    doc = found.doc
    index = end
    if index < len(doc) and (doc[index].text in ("/", "／") or _per_word(doc[index])):
        index += 1
    if index < len(doc) and doc[index].ent_type_ == "UNIT":
        ent = next((e for e in found.doc.ents if e.start <= index < e.end), None)
        return ent.end if ent is not None else index + 1
    return None


def _per_word(token: Token) -> bool:
    return token._.kind == "word" and token.is_lower and len(token.text) <= PER_WORD_MAX and token.ent_type_ == ""


def _label_before(found: Found, number_index: int) -> Span | None:
    """The price or amount label that a number follows ("Unit price:", "Total HT :", "单价 USD")."""
    doc = found.doc
    index = number_index - 1
    while index >= 0 and (doc[index].text in (":", "：", "=") or doc[index].ent_type_ == "CURRENCY"):
        index -= 1
    if index < 0 or doc[index].ent_type_ not in ROLE_OF_LABEL:
        return None
    return next((e for e in found.doc.ents if e.start <= index < e.end), None)


def read_moneys(found: Found) -> list[_Money]:
    """Money amounts (currency + number) and numbers that follow a price or amount label."""
    moneys: list[_Money] = []
    taken: set[int] = set()
    for span in found.spans_of("MONEY"):
        number = next(t for t in span if t._.kind == "num")
        label = _label_before(found, number.i)
        role = ROLE_OF_LABEL[label.label_] if label is not None else None
        money = _Money(span, found.number(span), found.currency(span), role, span.end)
        per_end = _per_unit_end(found, span.end)
        if per_end is not None:
            money.role, money.end = money.role or "unit_price", per_end
        if money.role is None and span.start > 0 and found.doc[span.start - 1].text == "@":
            money.role = "unit_price"
        moneys.append(money)
        taken.update(range(span.start, span.end))
    for token in found.doc:
        label = _label_before(found, token.i) if token._.kind == "num" and token.i not in taken else None
        if label is not None:
            span = found.doc[token.i : token.i + 1]
            currency = found.currency(found.doc[label.start : token.i])
            moneys.append(_Money(span, found.number(span), currency, ROLE_OF_LABEL[label.label_], token.i + 1))
    return sorted(moneys, key=lambda m: m.span.start)


def assign_prices(moneys: list[_Money], quantity: Decimal | None) -> tuple[_Money | None, _Money | None]:
    """(unit price, amount): labels and per-unit suffixes first, then quantity x price = amount, then order."""
    price = next((m for m in moneys if m.role == "unit_price"), None)
    amount = next((m for m in moneys if m.role == "amount"), None)
    free = [m for m in moneys if m.role is None and m is not price and m is not amount]
    if price is None and amount is None and len(free) >= 2 and quantity is not None:
        for first in free:
            for second in free:
                if first is not second and _product(first, quantity, second):
                    return first, second
    if price is None and free:
        price = free.pop(0)
    after_price = free and free[0].span.start > (price.span.start if price else -1)
    fits = not (price is not None and quantity is not None and free and not _product(price, quantity, free[0]))
    if amount is None and after_price and fits:
        amount = free[0]  # an unlabelled amount after the price must be quantity x price, else it is no amount
    return price, amount


def _product(price: _Money, quantity: Decimal, amount: _Money) -> bool:
    if price.value is None or amount.value is None:
        return False
    return abs(price.value * quantity - amount.value) <= Decimal("0.01") * max(Decimal(1), quantity)


def _sku(found: Found) -> Span | None:
    """A labelled article number, else the most code-like free token (separators and length count)."""
    labelled = found.spans_of("SKU_LABELLED")
    if labelled:
        return labelled[0]
    free = found.spans_of("SKU")
    if not free:
        return None
    return max(free, key=lambda s: (any(ch in s.text for ch in "-./_"), len(s.text) >= 6, -s.start))


def _description(found: Found, taken: set[int], sku: Span | None, quantity: Span | None) -> str | None:
    """The run of words next to the SKU (else next to the quantity), or a labelled description."""
    runs = [trim(found, run) for run in content_tokens(found, taken)]
    runs = [run for run in runs if any(not found.is_stop(t) for t in run)]
    if not runs:
        return None
    if len(found.ents_of(*COLUMN_LABELS)) >= 2:
        return _labelled_description(found, runs, sku, quantity)
    anchor = sku or quantity
    if anchor is None:
        return run_text(runs[0])
    after = [r for r in runs if r[0].i >= anchor.end and _adjacent(found, anchor.end, r[0].i)]
    if after:
        return run_text(after[0])
    before = [r for r in runs if r[-1].i < anchor.start and _adjacent(found, r[-1].i + 1, anchor.start)]
    return run_text(before[-1]) if before else None


def _labelled_description(found: Found, runs: list[list[Token]], sku: Span | None, quantity: Span | None) -> str | None:
    """The description of a labelled line ("Code : X | Qty : 5 | ...").

    The description label's value, else the words right after the item number ("... de la référence
    CF-RC-18K, compresseur rotatif ..., au prix unitaire de ..."), else the text before the first label (the
    words right after the quantity among them: "Wir benötigen 1.200 Stück Einhebel-Waschtischmischer, chrom (Ihre
    Artikelnummer …)"), else the first text that is no label's value ("Art.-Nr. KL-55, Klebeband 50 mm, Menge:
    200 Rollen").
    """
    for label in found.ents_of("DESC_LABEL"):
        values = [r for r in runs if r[0].i >= label.end]
        if values:
            return run_text(values[0])
    if sku is not None:
        after = [r for r in runs if r[0].i >= sku.end and _adjacent(found, sku.end, r[0].i)]
        if after and not _after_label(found, after[0][0].i):
            return run_text(after[0])
    first_label = found.ents_of(*COLUMN_LABELS)[0]
    leading = [r for r in runs if r[-1].i < first_label.start]
    if leading:
        counted = [r for r in leading if quantity and r[0].i >= quantity.end and _adjacent(found, quantity.end, r[0].i)]
        return run_text((counted or leading)[0])
    unlabelled = [r for r in runs if not _after_label(found, r[0].i)]
    return run_text(unlabelled[0]) if unlabelled else None


def _after_label(found: Found, index: int) -> bool:
    """The token at `index` follows a label directly (only punctuation between): it is that label's value."""
    doc = found.doc
    index -= 1
    while index >= 0 and doc[index]._.kind == "punct":
        index -= 1
    return index >= 0 and doc[index].ent_type_ in LABELS


def _adjacent(found: Found, start: int, end: int) -> bool:
    """Only stop words, punctuation or bullets (no value) between two token positions."""
    return all(found.is_stop(t) or t.text in BULLETS for t in found.doc[start:end])


def line_number(found: Found) -> tuple[int | None, int]:
    """A leading position number ("1.", "2)", "Pos. 3") and the tokens it covers."""
    doc = found.doc
    index = 0
    while index < len(doc) and doc[index].text in BULLETS:
        index += 1
    refs = [s for s in found.spans_of("LINE_REF") if s.start == index]
    if refs:
        value = found.number(refs[0])
        return (int(value) if value is not None and value == value.to_integral() else None), refs[0].end
    numbered = index + 1 < len(doc) and doc[index]._.kind == "num" and doc[index + 1].text in (".", ")", "、")
    if numbered and doc[index].text.isdigit() and len(doc[index].text) <= 3:
        return int(doc[index].text), index + 2
    return None, 0


def read_item(found: Found) -> FreeItem | None:
    """The order line in one analysed text, or None when it is not one (no quantity, or nothing ordered)."""
    moneys = read_moneys(found)
    sku = _sku(found)
    quantity = choose_quantity(found, moneys, sku)
    if quantity is None:
        return None
    qty_value = found.number(quantity)
    price, amount = assign_prices(moneys, qty_value)
    line_no, line_no_end = line_number(found)
    taken = set(range(quantity.start, quantity.end)) | set(range(line_no_end))
    for money in (price, amount):
        if money is not None:
            taken.update(range(money.span.start, money.end))
    if sku is not None:
        taken.update(range(sku.start, sku.end))
    unit = unit_of(quantity)
    if unit is None:
        unit, unit_tokens = _labelled_unit(found)
        taken.update(unit_tokens)
    if unit is None and len(quantity) == 1 and quantity.label_ == "QTY":
        unit = ("PCE", "")  # "1.200 diferenciales": the number counts the goods named after it, one piece each
    description = _description(found, taken, sku, quantity)
    if sku is None and description is None:
        return None
    return FreeItem(
        text=found.doc.text,
        line_no=line_no,
        sku=sku[-1].text if sku is not None else None,
        description=description,
        quantity=qty_value,
        unit=unit[0] if unit else None,
        unit_text=(unit[1] or None) if unit else None,
        unit_price=price.value if price else None,
        amount=amount.value if amount else None,
        currency=next((m.currency for m in (price, amount) if m is not None and m.currency), None),
        total=_named_total(found, moneys, (price, amount)),
    )


def _named_total(found: Found, moneys: list[_Money], used: tuple[_Money | None, _Money | None]) -> Decimal | None:
    """The last money after a total label ("a total of", "Gesamtwert") that is neither price nor amount."""
    labels = [ent for ent in found.ents_of("AMOUNT_LABEL") if ent.label_ == "AMOUNT_LABEL"]
    rest = [m for m in moneys if all(m is not u for u in used) and m.role != "unit_price"]
    named = [m for m in rest if any(label.end <= m.span.start for label in labels)]
    return named[-1].value if named else None


def sentence_total(found: Found) -> Decimal | None:
    """The order total named by a sentence of its own ("El importe total del pedido asciende a 23.060,00 USD").

    Only a total label counts, not an amount column's ("the deposit amount of USD 5,000" is no total).
    """
    names = found.pipe.total_labels
    labels = [ent for ent in found.ents_of("AMOUNT_LABEL") if fold(ent.text).rstrip(" :") in names]
    moneys = [m for m in read_moneys(found) if m.value is not None and any(a.end <= m.span.start for a in labels)]
    return moneys[-1].value if moneys else None


def _labelled_unit(found: Found) -> tuple[tuple[str, str] | None, range]:
    """A unit given as a label's value ("U. : pcs", "Unit: set"), and the tokens of label and value."""
    for ent in found.ents_of("UNIT"):
        if ent.start > 0 and found.doc[ent.start - 1].text in (":", "："):
            label_start = max(0, ent.start - 3)
            return unit_of(ent), range(label_start, ent.end)
    return None, range(0)
