"""Delivery and payment terms of a simulated order: Incoterms, payment, transport, marks."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.formats import format_date
from generator.model import IncotermsSpec, InstalmentSpec, PaymentSpec
from generator.phrasing import Phrasebook


@dataclass(frozen=True)
class PaymentMeaning:
    """What a payment variant means in contract terms.

    Attributes:
        method: Payment method code (TT, LC, DP, DA, CAD, OA).
        trigger: Trigger code of the (balance) payment. Net terms count from the invoice date (after_invoice)
            even when the wording does not say so.
        split: Deposit plus balance.
        has_days: The wording states a number of days.
        lc_type: "at_sight" or "usance" for letters of credit.
    """

    method: str
    trigger: str | None
    split: bool = False
    has_days: bool = False
    lc_type: str | None = None


PAYMENT_VARIANTS = {
    "tt_split_bl": PaymentMeaning("TT", "against_bl_copy", split=True),
    "tt_split_shipment": PaymentMeaning("TT", "before_shipment", split=True),
    "tt_split_arrival": PaymentMeaning("TT", "after_arrival", split=True, has_days=True),
    "tt_advance": PaymentMeaning("TT", "before_shipment"),
    "lc_sight": PaymentMeaning("LC", "at_sight", lc_type="at_sight"),
    "lc_usance_bl": PaymentMeaning("LC", "after_bl", has_days=True, lc_type="usance"),
    "net": PaymentMeaning("OA", "after_invoice", has_days=True),
    "net_invoice": PaymentMeaning("OA", "after_invoice", has_days=True),
    "dp_sight": PaymentMeaning("DP", "at_sight"),
    "da_sight": PaymentMeaning("DA", "after_sight", has_days=True),
    "cad": PaymentMeaning("CAD", "against_documents"),
}
"""Payment variant key (as used in the phrasebooks) -> meaning."""

LC_DETAILS = {
    "en": "{text}, to be opened through {bank}; latest shipment date {ship}, L/C expiry {expiry}",
    "de": "{text}, eröffnet durch {bank}; späteste Verschiffung {ship}, Verfall des Akkreditivs {expiry}",
    "es": "{text}, emitida por {bank}; fecha límite de embarque {ship}, vencimiento de la L/C {expiry}",
    "zh": "{text}，开证行：{bank}；最迟装运日期{ship}，信用证有效期至{expiry}",
}
"""How the L/C details follow the payment wording, for the languages whose cases print them."""


@dataclass(frozen=True)
class LcDetails:
    """Issuing bank and dates of a letter of credit, printed after the payment wording."""

    bank: str
    latest_shipment: date
    expiry: date
    date_style: str


def payment_terms(
    book: Phrasebook,
    variant: str,
    rng: random.Random,
    *,
    deposit: int = 30,
    days: int = 30,
    lc: LcDetails | None = None,
) -> PaymentSpec:
    """Word a payment variant in the document's language and record what it means.

    Args:
        book: The document language's phrasebook.
        variant: A key of `PAYMENT_VARIANTS` that the phrasebook words.
        rng: The case's random source (chooses the wording).
        deposit: Deposit percent of split terms.
        days: Credit days where the variant has them.
        lc: Letter-of-credit details to print, or None.

    Returns:
        The payment spec; its `text` is what the document prints after the payment label.
    """
    meaning = PAYMENT_VARIANTS[variant]
    wording = rng.choice(book.payment[variant])
    raw = wording.text.format(dep=deposit, bal=100 - deposit, days=days)
    text = raw.replace("|", "")
    day_value = Decimal(days) if meaning.has_days else None
    instalments: tuple[InstalmentSpec, ...] = ()
    if meaning.split:
        first, second = (part.strip(" ,，;；") for part in raw.split("|"))
        instalments = (
            InstalmentSpec(Decimal(deposit), meaning.method, wording.deposit_trigger, None, first),
            InstalmentSpec(Decimal(100 - deposit), meaning.method, meaning.trigger, day_value, second),
        )
    spec = PaymentSpec(
        text=text,
        method=meaning.method,
        deposit_percent=Decimal(deposit) if meaning.split else None,
        days=day_value,
        trigger=meaning.trigger,
        lc_type=meaning.lc_type,
        instalments=instalments,
    )
    if lc is None or meaning.method != "LC":
        return spec
    return _with_lc_details(spec, book, lc)


def _with_lc_details(spec: PaymentSpec, book: Phrasebook, lc: LcDetails) -> PaymentSpec:
    template = LC_DETAILS[book.language]
    text = template.format(
        text=spec.text,
        bank=lc.bank,
        ship=format_date(lc.latest_shipment, lc.date_style, book),
        expiry=format_date(lc.expiry, lc.date_style, book),
    )
    return PaymentSpec(
        text=text,
        method=spec.method,
        deposit_percent=spec.deposit_percent,
        days=spec.days,
        trigger=spec.trigger,
        lc_type=spec.lc_type,
        instalments=spec.instalments,
        issuing_bank=lc.bank,
        lc_expiry=lc.expiry,
        latest_shipment_date=lc.latest_shipment,
    )


def incoterms(book: Phrasebook, rule: str, place: str, rng: random.Random, version: bool | None) -> IncotermsSpec:
    """Word an Incoterms rule with its named place.

    Args:
        book: The document language's phrasebook.
        rule: The Incoterms 2020 rule.
        place: The named place as printed.
        rng: The case's random source.
        version: True to print "Incoterms 2020", False not to, None to let the wording decide.

    Returns:
        The Incoterms spec; `text` is the printed phrase.
    """
    templates = book.incoterms
    if version is not None:
        templates = tuple(t for t in templates if ("2020" in t) == version)
    template = rng.choice(templates)
    text = template.format(rule=rule, place=place)
    return IncotermsSpec(rule=rule, place=place, version="2020" if "2020" in template else None, text=text)


def shipping_marks(buyer_short: str, order_number: str, destination: str | None, origin: str) -> tuple[str, ...]:
    """Carton marks as buyers prescribe them: buyer, PO, destination, carton numbering, origin.

    Args:
        buyer_short: Short buyer name in capitals.
        order_number: The PO number.
        destination: Port or city of destination, or None.
        origin: Country of origin in English capitals ("CHINA").

    Returns:
        The marks, one printed line each.
    """
    lines = [buyer_short, f"PO NO. {order_number}"]
    if destination:
        lines.append(destination.upper())
    lines.extend(["C/NO. 1-UP", f"MADE IN {origin}"])
    return tuple(lines)
