"""Realistic export orders, random but seeded: a plan names the choices that matter, the seed fills in the rest."""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel import Locale

from generator import lines as line_builder
from generator.companies import Company, buyers, forwarders, issuing_bank, sellers
from generator.model import LocaleStyle, OrderSpec, PartySpec
from generator.phrasing import Phrasebook, phrasebook
from generator.terms import LcDetails, incoterms, payment_terms, shipping_marks

CENT = Decimal("0.01")
ORIGIN_NAMES = {"CN": "CHINA", "IN": "INDIA", "TR": "TURKEY", "VN": "VIETNAM", "DE": "GERMANY", "IT": "ITALY"}
F_RULES = ("EXW", "FCA", "FAS", "FOB")


@dataclass(frozen=True)
class OrderPlan:
    """The choices of one order case; everything not named here comes from the case's seed.

    Attributes:
        language: Document language.
        buyer: Key of the issuing company (`companies.buyers()`).
        seller: Key of the supplier (`companies.sellers()`).
        family: Product family (`products.family`).
        lines: Number of order lines.
        incoterm: (rule, place) where place is "seller_port", "buyer_port", "seller_city", "buyer_city" or a
            literal; None when the order prints no Incoterms.
        payment: Payment variant key, None when no payment terms are printed.
        transport: Transport mode, None when not printed.
        currency: ISO 4217 code (None: the document does not show its currency).
        currency_print: How the currency is printed.
        number_style: Key of `formats.NUMBER_STYLES`.
        date_style: One of `formats.DATE_STYLES`.
        currency_placement: See `model.LocaleStyle`.
        currency_prefix: Currency before the number.
        ship_to: "warehouse", "letterhead" or "none".
        omit: Fields the customer left out: forwarder, shipping_marks, ports, packaging, delivery_date,
            partial, seller_contact, seller_phone, seller_email, buyer_country, buyer_vat, buyer_email,
            buyer_phone, contact.
        tax_rate: VAT percent printed in the totals, or None.
        freight: Print a freight line in the totals.
        subtotal: Print a subtotal even without tax or freight.
        line_dates / hs_codes / customer_skus / skus: Optional line columns with values.
        line_step: Line numbering step (1 or 10); 0 prints no line numbers.
        long_descriptions: Descriptions long enough to wrap.
        qty_decimals / price_decimals: Printed precision.
        lc_details: Print issuing bank and L/C dates.
        documents / notes / reference: Print documents required, remarks, a quotation reference.
        incoterms_version: Force printing the Incoterms version (True) or not (False).
        deposit / days: Deposit percent and credit days.
        partial / transshipment: Partial shipment and transshipment allowed (None: seed decides).
        units: "column" (a unit column), "with_qty" (printed after the quantity) or "none" (not printed).
        destination: Port of discharge (Latin name) when it is not the buyer's own port.
        unit_forms: Unit code -> the printed form this customer uses (else the seed picks one per unit).
    """

    language: str
    buyer: str
    seller: str
    family: str
    lines: int
    incoterm: tuple[str, str] | None
    payment: str | None
    transport: str | None
    currency: str | None
    currency_print: str
    number_style: str
    date_style: str
    currency_placement: str = "header"
    currency_prefix: bool = True
    ship_to: str = "warehouse"
    omit: frozenset[str] = field(default_factory=frozenset)
    tax_rate: int | None = None
    freight: bool = False
    subtotal: bool = False
    line_dates: bool = False
    hs_codes: bool = False
    customer_skus: bool = False
    skus: bool = True
    line_step: int = 1
    long_descriptions: bool = False
    qty_decimals: int = 0
    price_decimals: int = 2
    lc_details: bool = False
    documents: bool = False
    notes: bool = False
    reference: bool = False
    incoterms_version: bool | None = None
    deposit: int = 30
    days: int = 30
    partial: bool | None = None
    transshipment: bool | None = None
    units: str = "column"
    destination: str | None = None
    unit_forms: dict[str, str] = field(default_factory=dict)


def seed_of(case_id: str) -> int:
    """A stable seed from the case id (independent of Python's hash randomization)."""
    return zlib.crc32(case_id.encode("utf-8"))


def country_name(code: str, book: Phrasebook, rng: random.Random) -> str:
    """The country as the document prints it: a phrasebook variant, else the CLDR name."""
    names = book.countries.get(code)
    if names:
        return rng.choice(names)
    return str(Locale.parse(book.language).territories[code])


def _chinese(company: Company, book: Phrasebook) -> bool:
    return book.language == "zh" and company.name_zh is not None


def _buyer_party(company: Company, plan: OrderPlan, book: Phrasebook, rng: random.Random) -> PartySpec:
    chinese = _chinese(company, book)
    show_country = "buyer_country" not in plan.omit
    contact_index = rng.randrange(len(company.contacts))
    return PartySpec(
        name=company.name_zh if chinese and company.name_zh else company.name,
        address_lines=company.address_zh if chinese else company.address,
        country=company.country if show_country else None,
        country_text=country_name(company.country, book, rng) if show_country else None,
        contact=None if "contact" in plan.omit else company.contact(contact_index, chinese),
        email=None if "buyer_email" in plan.omit else company.email(contact_index),
        phone=None if "buyer_phone" in plan.omit else company.phone,
        fax=company.fax,
        vat_id=None if "buyer_vat" in plan.omit else company.vat_id,
        vat_label=company.vat_label,
    )


def _seller_party(company: Company, plan: OrderPlan, book: Phrasebook, rng: random.Random) -> PartySpec:
    chinese = _chinese(company, book)
    return PartySpec(
        name=company.name_zh if chinese and company.name_zh else company.name,
        address_lines=company.address_zh if chinese else company.address,
        country=company.country,
        country_text=country_name(company.country, book, rng),
        contact=None if "seller_contact" in plan.omit else company.contact(0, chinese),
        email=None if "seller_email" in plan.omit else company.email(0),
        phone=None if "seller_phone" in plan.omit else company.phone,
        vat_id=company.vat_id if plan.tax_rate is not None else None,
        vat_label=company.vat_label,
    )


def _ship_to(buyer: Company, party: PartySpec, plan: OrderPlan) -> PartySpec | None:
    if plan.ship_to == "none":
        return None
    if plan.ship_to == "letterhead" or not buyer.warehouse:
        return PartySpec(party.name, party.address_lines, party.country, party.country_text)
    return PartySpec(buyer.warehouse[0], buyer.warehouse[1:], party.country, party.country_text)


def _port(company: Company, book: Phrasebook, latin: str | None = None) -> str:
    name = latin or company.port
    if book.language == "zh":
        return company.ports_zh.get(name, _ZH_PORTS.get(name, name))
    return name


_ZH_PORTS = {
    "Hamburg": "汉堡",
    "Rotterdam": "鹿特丹",
    "Felixstowe": "费利克斯托",
    "Oakland": "奥克兰",
    "Shanghai": "上海",
    "Ningbo": "宁波",
    "Shenzhen": "深圳",
    "Singapore": "新加坡",
    "Antwerpen": "安特卫普",
}


def _named_place(where: str, buyer: Company, seller: Company, book: Phrasebook) -> str:
    if where == "seller_port":
        return _port(seller, book)
    if where == "buyer_port":
        return _port(buyer, book)
    if where == "seller_city":
        return seller.city
    if where == "buyer_city":
        return buyer.city
    return where


def _order_number(language: str, order_date: date, rng: random.Random) -> str:
    y, m, d = order_date.year, order_date.month, order_date.day
    patterns = {
        "en": (
            f"PO-{y}-{rng.randint(100, 9999):04d}",
            f"45000{rng.randint(10000, 99999)}",
            f"{rng.randint(100000, 999999)}",
        ),
        "de": (f"45000{rng.randint(10000, 99999)}", f"B{y % 100}-{rng.randint(10000, 99999)}"),
        "fr": (f"BC{y % 100}{m:02d}-{rng.randint(100, 999)}", f"CF-{y}-{rng.randint(1000, 9999)}"),
        "es": (f"PC-{y % 100}/{rng.randint(1000, 9999)}", f"{y}/{rng.randint(100, 999)}"),
        "it": (f"OA/{y % 100}/{rng.randint(1000, 9999)}", f"{rng.randint(100, 999)}/{y}"),
        "pt": (f"EC {y}/{rng.randint(100, 999)}", f"PC-{rng.randint(10000, 99999)}"),
        "nl": (f"IO{y % 100}-{rng.randint(10000, 99999)}", f"{y}{rng.randint(1000, 9999)}"),
        "zh": (f"CG{y}{m:02d}{d:02d}{rng.randint(1, 99):03d}", f"HD-PO-{y % 100}{m:02d}-{rng.randint(100, 999)}"),
    }
    return rng.choice(patterns[language])


def _totals(plan: OrderPlan, net: Decimal, rng: random.Random) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    tax = (net * plan.tax_rate / 100).quantize(CENT, ROUND_HALF_UP) if plan.tax_rate is not None else None
    freight = Decimal(rng.randrange(450, 2400, 25)).quantize(CENT) if plan.freight else None
    subtotal = net if (plan.subtotal or tax is not None or freight is not None) else None
    return subtotal, tax, freight


def build_order(case_id: str, plan: OrderPlan) -> OrderSpec:
    """Build the spec of one order case.

    Args:
        case_id: The case folder name; also seeds every random choice.
        plan: The choices that matter for the case.

    Returns:
        The order spec: everything the document prints.
    """
    rng = random.Random(seed_of(case_id))
    book = phrasebook(plan.language)
    buyer_co, seller_co = buyers()[plan.buyer], sellers()[plan.seller]
    order_date = date(2025, 11, 3) + timedelta(days=rng.randrange(0, 72))
    delivery = order_date + timedelta(days=rng.randrange(45, 120))
    buyer = _buyer_party(buyer_co, plan, book, rng)
    seller = _seller_party(seller_co, plan, book, rng)
    lines = line_builder.build_lines(plan, book, rng, order_date)
    net = sum((line.amount for line in lines), Decimal("0.00"))
    subtotal, tax, freight = _totals(plan, net, rng)
    total = net + (tax or 0) + (freight or 0)
    number = _order_number(plan.language, order_date, rng)
    world = _Parties(plan, book, rng, buyer_co, seller_co)
    terms = _trade_terms(world, delivery) | _shipping_terms(world, number)
    spec = OrderSpec(
        case_id=case_id,
        language=plan.language,
        doc_kind="purchase_order",
        doc_type="purchase_order",
        order_number=number,
        order_date=order_date,
        buyer=buyer,
        seller=seller,
        ship_to=_ship_to(buyer_co, buyer, plan),
        currency=plan.currency,
        lines=lines,
        total_amount=total,
        locale=LocaleStyle(
            plan.number_style, plan.date_style, plan.currency_print, plan.currency_placement, plan.currency_prefix
        ),
        subtotal=subtotal,
        tax_rate=Decimal(plan.tax_rate) if plan.tax_rate is not None else None,
        tax_amount=tax,
        freight=freight,
        delivery_date=None if "delivery_date" in plan.omit else delivery,
        supplier_number=f"{rng.randint(70000, 79999)}",
        reference=f"Q{order_date.year % 100}-{rng.randint(1000, 9999)}" if plan.reference else None,
    )
    return replace(spec, **terms)


@dataclass(frozen=True)
class _Parties:
    """The companies of an order being built, with the phrasebook and random source of its case."""

    plan: OrderPlan
    book: Phrasebook
    rng: random.Random
    buyer: Company
    seller: Company


def _trade_terms(world: _Parties, delivery: date) -> dict[str, Any]:
    """Incoterms, payment terms and transport, worded in the document's language."""
    plan, book, rng = world.plan, world.book, world.rng
    values: dict[str, Any] = {}
    if plan.incoterm:
        place = _named_place(plan.incoterm[1], world.buyer, world.seller, book)
        values["incoterms"] = incoterms(book, plan.incoterm[0], place, rng, plan.incoterms_version)
    if plan.payment:
        lc = None
        if plan.lc_details:
            bank = issuing_bank(world.buyer.country)
            lc = LcDetails(bank, delivery, delivery + timedelta(days=21), plan.date_style)
        values["payment"] = payment_terms(book, plan.payment, rng, deposit=plan.deposit, days=plan.days, lc=lc)
    if plan.transport:
        values["shipping_method"] = plan.transport
        values["transport_text"] = rng.choice(book.transport[plan.transport])
        values["transport_prose"] = rng.choice(book.transport_prose[plan.transport])
    return values


def _shipping_terms(world: _Parties, number: str) -> dict[str, Any]:
    """Ports, partial shipment, packing, carton marks, forwarder, documents and remarks (unless omitted)."""
    plan, book, rng, buyer, seller = world.plan, world.book, world.rng, world.buyer, world.seller
    values: dict[str, Any] = {}
    sea = plan.transport in (None, "sea")
    pod = _port(buyer, book, plan.destination) if sea else None
    if sea and "ports" not in plan.omit:
        values["port_of_loading"] = _port(seller, book)
        values["port_of_discharge"] = pod
    if "partial" not in plan.omit:
        values["partial_shipment"] = plan.partial if plan.partial is not None else rng.random() < 0.4
        values["transshipment"] = plan.transshipment if plan.transshipment is not None else rng.random() < 0.5
    if "packaging" not in plan.omit:
        values["packaging"] = rng.choice(book.packaging)
    if "shipping_marks" not in plan.omit:
        origin = ORIGIN_NAMES[seller.country]
        values["shipping_marks"] = shipping_marks(buyer.key.upper(), number, pod or buyer.city, origin)
    rule = plan.incoterm[0] if plan.incoterm else None
    if rule in F_RULES and "forwarder" not in plan.omit:
        values["forwarder"] = rng.choice(forwarders(seller.country, chinese=book.language == "zh"))
    if plan.documents:
        values["documents_required"] = rng.choice(book.documents)
    if plan.notes:
        values["notes"] = rng.choice(book.notes)
    return values
