"""The printed pieces of a document: every string a renderer draws, built once from spec, layout and phrasebook.

All renderers draw the same `PrintedOrder`, so a PDF, a DOCX, a workbook and a text file of one spec print
the same values; `expected_for` only needs the spec.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from generator.formats import chinese_amount_in_words, format_date, format_money, format_number
from generator.layout import TERMS_ORDER, Layout
from generator.model import LineSpec, OrderSpec, PartySpec
from generator.phrasing import Phrasebook, phrasebook
from generator.prose import prose_paragraphs
from generator.specs import seed_of


@dataclass
class LabelledValue:
    """A label and its printed value (a value may hold several lines)."""

    key: str
    label: str
    value: str


@dataclass
class PartyBlock:
    """A party's heading and printed lines (the name first)."""

    heading: str | None
    lines: list[str]


@dataclass
class PrintedOrder:
    """Everything a renderer draws."""

    language: str
    title: str
    colon: str
    letterhead: PartyBlock
    header: list[LabelledValue]
    addressee: PartyBlock
    ship_to: PartyBlock | None
    columns: list[tuple[str, str]]
    rows: list[list[str]]
    totals: list[tuple[str, str]]
    terms_heading: str
    terms: list[LabelledValue]
    prose: list[str]
    footer: list[str]
    page_template: str
    carried_label: str
    brought_label: str
    greeting: str | None = None
    intro: str | None = None
    closing: list[str] = field(default_factory=list)
    amount_in_words: str | None = None


class Labels:
    """Chooses one wording per label for a whole document."""

    def __init__(self, book: Phrasebook, rng: random.Random) -> None:
        self._book, self._rng = book, rng
        self._chosen: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        """The document's wording of a label."""
        if key not in self._chosen:
            self._chosen[key] = self._rng.choice(self._book.labels[key])
        value: str = self._chosen[key]
        return value

    def pick(self, group: str, key: str) -> str:
        """A wording from another table of the phrasebook (totals, misc, columns), fixed per document."""
        slot = f"{group}.{key}"
        if slot not in self._chosen:
            table = getattr(self._book, group)
            self._chosen[slot] = self._rng.choice(table[key])
        value: str = self._chosen[slot]
        return value


def build_printed(spec: OrderSpec, layout: Layout) -> PrintedOrder:
    """Turn a spec into printed pieces for a layout.

    Args:
        spec: What the document says.
        layout: Where it says it.

    Returns:
        The strings the renderers draw.
    """
    book = phrasebook(spec.language)
    rng = random.Random(seed_of(spec.case_id) + 1)
    labels = Labels(book, rng)
    colon = rng.choice(book.misc.get("colon", (":",)))
    money = _Money(spec)
    columns = _columns(spec, layout, labels, book)
    header = _header_fields(spec, layout, labels, book, rng)
    in_header = {item.key for item in header}
    terms, prose = _terms(spec, layout, labels, book, rng, in_header)
    issuer, addressee = _parties(spec)
    return PrintedOrder(
        language=spec.language,
        title=spec.extras.get("title") or rng.choice(book.titles),
        colon=colon,
        letterhead=_letterhead(issuer, layout, labels, colon),
        header=header,
        addressee=_block(addressee, spec.extras.get("addressee_heading") or labels("seller"), labels, colon),
        ship_to=_block(spec.ship_to, labels("ship_to"), labels, colon) if spec.ship_to else None,
        columns=columns,
        rows=[_row(line, columns, spec, money, book) for line in spec.lines],
        totals=_totals(spec, labels, money) if "amount" in layout.columns else [],
        terms_heading=labels("terms_heading"),
        terms=terms,
        prose=prose,
        footer=_footer(issuer, spec, layout, labels, book, rng),
        page_template=labels.pick("misc", "page"),
        carried_label=labels.pick("totals", "carried"),
        brought_label=labels.pick("totals", "brought"),
        greeting=_greeting(addressee, layout, book, rng),
        intro=rng.choice(book.misc["intro"]) if layout.letter else None,
        closing=_closing(spec, layout, book, rng),
        amount_in_words=_in_words(spec, labels, colon),
    )


def _greeting(addressee: PartySpec, layout: Layout, book: Phrasebook, rng: random.Random) -> str | None:
    if not layout.letter:
        return None
    options = [g for g in book.misc["greeting"] if "{contact}" not in g or addressee.contact]
    return rng.choice(options).format(contact=addressee.contact)


def _parties(spec: OrderSpec) -> tuple[PartySpec, PartySpec]:
    if spec.extras.get("issuer") == "seller":
        return spec.seller, spec.buyer
    return spec.buyer, spec.seller


class _Money:
    """Prints prices and amounts as the document's locale and currency placement say."""

    def __init__(self, spec: OrderSpec) -> None:
        self.locale = spec.locale
        self.show = spec.currency is not None

    def number(self, value: Decimal) -> str:
        return format_number(value, self.locale.number_style)

    def cell(self, value: Decimal) -> str:
        if self.show and self.locale.currency_placement == "amounts":
            return self.with_currency(value)
        return self.number(value)

    def total(self, value: Decimal) -> str:
        if self.show and self.locale.currency_placement in ("amounts", "totals"):
            return self.with_currency(value)
        return self.number(value)

    def with_currency(self, value: Decimal) -> str:
        loc = self.locale
        return format_money(value, loc.currency_print, loc.number_style, prefix=loc.currency_prefix)


def _columns(spec: OrderSpec, layout: Layout, labels: Labels, book: Phrasebook) -> list[tuple[str, str]]:
    present = {
        "line_no": any(line.line_no is not None for line in spec.lines),
        "sku": any(line.sku for line in spec.lines),
        "customer_sku": any(line.customer_sku for line in spec.lines),
        "unit": any(line.unit_text for line in spec.lines),
        "delivery_date": any(line.delivery_date for line in spec.lines),
        "hs_code": any(line.hs_code for line in spec.lines),
    }
    for role, has_values in present.items():
        if has_values and role not in layout.columns and role != "unit":
            raise ValueError(f"{spec.case_id}: the spec has {role} values but the layout prints no {role} column")
    columns = []
    for role in layout.columns:
        if not present.get(role, True):
            continue
        title = labels.pick("columns", role)
        if role in ("unit_price", "amount") and spec.currency and spec.locale.currency_placement == "columns":
            title = f"{title} ({spec.locale.currency_print})"
        columns.append((role, title))
    return columns


def _row(line: LineSpec, columns: list[tuple[str, str]], spec: OrderSpec, money: _Money, book: Phrasebook) -> list[str]:
    has_unit_column = any(role == "unit" for role, _ in columns)
    quantity = money.number(line.quantity)
    if not has_unit_column and line.unit_text:
        quantity = f"{quantity} {line.unit_text}"
    values = {
        "line_no": str(line.line_no) if line.line_no is not None else "",
        "sku": line.sku or "",
        "customer_sku": line.customer_sku or "",
        "description": line.description,
        "quantity": quantity,
        "unit": line.unit_text or "",
        "unit_price": money.cell(line.unit_price),
        "amount": money.cell(line.amount),
        "delivery_date": format_date(line.delivery_date, spec.locale.date_style, book) if line.delivery_date else "",
        "hs_code": line.hs_code or "",
    }
    return [values[role] for role, _ in columns]


def _totals(spec: OrderSpec, labels: Labels, money: _Money) -> list[tuple[str, str]]:
    rows = []
    if spec.subtotal is not None:
        rows.append((labels.pick("totals", "subtotal"), money.total(spec.subtotal)))
    if spec.freight is not None:
        rows.append((labels.pick("totals", "freight"), money.total(spec.freight)))
    if spec.tax_amount is not None and spec.tax_rate is not None:
        rate = format_number(spec.tax_rate, spec.locale.number_style)
        rows.append((labels.pick("totals", "tax").format(rate=rate), money.total(spec.tax_amount)))
    key = "total_with_tax" if spec.tax_amount is not None and "total_with_tax" in labels._book.totals else "total"
    rows.append((labels.pick("totals", key), money.total(spec.total_amount)))
    return rows


def _letterhead(party: PartySpec, layout: Layout, labels: Labels, colon: str) -> PartyBlock:
    lines = [party.name, *party.address_lines]
    if party.country_text:
        lines.append(party.country_text)
    if layout.contact_in == "letterhead":
        contact_bits = [
            f"{labels(key)}{colon} {value}"
            for key, value in (("phone", party.phone), ("fax", party.fax), ("email", party.email))
            if value
        ]
        lines.extend(contact_bits)
        if party.vat_id:
            lines.append(f"{party.vat_label or labels('vat_id')}{colon} {party.vat_id}")
    return PartyBlock(None, lines)


def _block(party: PartySpec | None, heading: str, labels: Labels, colon: str) -> PartyBlock:
    assert party is not None
    lines = [party.name, *party.address_lines]
    if party.country_text:
        lines.append(party.country_text)
    if party.contact:
        lines.append(f"{labels.pick('misc', 'attn')} {party.contact}")
    for key, value in (("phone", party.phone), ("email", party.email)):
        if value:
            lines.append(f"{labels(key)}{colon} {value}")
    if party.vat_id:
        lines.append(f"{party.vat_label or labels('vat_id')}{colon} {party.vat_id}")
    return PartyBlock(heading, lines)


def _header_fields(
    spec: OrderSpec, layout: Layout, labels: Labels, book: Phrasebook, rng: random.Random
) -> list[LabelledValue]:
    issuer, _ = _parties(spec)
    placement = spec.locale.currency_placement
    values: dict[str, str | None] = {
        "order_number": spec.order_number,
        "order_date": format_date(spec.order_date, spec.locale.date_style, book),
        "reference": spec.reference,
        "supplier_number": spec.supplier_number,
        "contact": issuer.contact,
        "phone": issuer.phone,
        "fax": issuer.fax,
        "email": issuer.email,
        "currency": spec.locale.currency_print if spec.currency and placement == "header" else None,
        **_terms_values(spec, book, rng),
    }
    keys = ["order_number", "order_date", "reference", "contact"]
    if "supplier_number" in layout.header_fields:
        keys.append("supplier_number")
    if layout.contact_in == "header":
        keys += ["phone", "fax", "email"]
    keys.append("currency")
    keys += [key for key in layout.header_fields if key in TERMS_ORDER]
    overrides = {key: spec.extras.get(f"{key}_label") for key in ("order_number", "reference", "contact")}
    overrides["order_number"] = spec.extras.get("number_label")
    fields = [
        LabelledValue(key, overrides.get(key) or labels(key), value)
        for key in keys
        if (value := values.get(key)) is not None
    ]
    extra = [
        LabelledValue("other", k.removeprefix("field:"), v) for k, v in spec.extras.items() if k.startswith("field:")
    ]
    return fields + extra


def _terms_values(spec: OrderSpec, book: Phrasebook, rng: random.Random) -> dict[str, str | None]:
    def yes_no(flag: bool | None) -> str | None:
        if flag is None:
            return None
        return rng.choice(book.allowed if flag else book.not_allowed)

    return {
        "incoterms": spec.incoterms.text if spec.incoterms else None,
        "payment_terms": spec.payment.text if spec.payment else None,
        "delivery_date": format_date(spec.delivery_date, spec.locale.date_style, book) if spec.delivery_date else None,
        "shipping_method": spec.transport_text,
        "port_of_loading": spec.port_of_loading,
        "port_of_discharge": spec.port_of_discharge,
        "partial_shipment": yes_no(spec.partial_shipment),
        "transshipment": yes_no(spec.transshipment),
        "forwarder": spec.forwarder,
        "packaging": spec.packaging,
        "shipping_marks": "\n".join(spec.shipping_marks) if spec.shipping_marks else None,
        "documents_required": spec.documents_required,
        "notes": spec.notes,
    }


def _terms(
    spec: OrderSpec, layout: Layout, labels: Labels, book: Phrasebook, rng: random.Random, in_header: set[str]
) -> tuple[list[LabelledValue], list[str]]:
    values = _terms_values(spec, book, rng)
    prose: list[str] = []
    consumed: set[str] = set()
    if layout.terms == "prose":
        prose, consumed = prose_paragraphs(spec, labels, book, rng)
    terms = [
        LabelledValue(key, labels(key), value)
        for key in TERMS_ORDER
        if (value := values.get(key)) is not None and key not in in_header and key not in consumed
    ]
    return terms, prose


def _footer(
    issuer: PartySpec, spec: OrderSpec, layout: Layout, labels: Labels, book: Phrasebook, rng: random.Random
) -> list[str]:
    bits = [issuer.name]
    extras = spec.extras
    if extras.get("register"):
        bits.append(labels.pick("misc", "register").format(reg=extras["register"]))
    if layout.contact_in != "letterhead" and issuer.vat_id:
        bits.append(f"{issuer.vat_label or labels('vat_id')}{labels_colon(book)} {issuer.vat_id}")
    if extras.get("bank"):
        bits.append(labels.pick("misc", "bank").format(bank=extras["bank"]))
    return [" · ".join(bits)]


def labels_colon(book: Phrasebook) -> str:
    """The plain colon of the language (full-width in Chinese)."""
    return "：" if book.language == "zh" else ":"


def _closing(spec: OrderSpec, layout: Layout, book: Phrasebook, rng: random.Random) -> list[str]:
    issuer, _ = _parties(spec)
    lines = [rng.choice(book.misc["closing"])] if layout.letter else []
    signature = rng.choice(book.misc["signature"]).format(buyer=issuer.name)
    lines.append(signature)
    if layout.letter and issuer.contact:
        lines.append(issuer.contact)
    return lines


def _in_words(spec: OrderSpec, labels: Labels, colon: str) -> str | None:
    if spec.language != "zh" or spec.currency != "CNY":
        return None
    return f"{labels.pick('totals', 'in_words')}{colon}{chinese_amount_in_words(spec.total_amount)}"
