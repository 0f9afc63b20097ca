"""Order lines: products, colour variants, quantities and prices whose arithmetic is exact."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.model import LineSpec
from generator.phrasing import Phrasebook
from generator.products import Product, family, long_suffixes

if TYPE_CHECKING:
    from generator.specs import OrderPlan

CENT = Decimal("0.01")
CNY_PER_USD = Decimal(7)

COLOURS = {
    "en": ("black", "white", "grey", "blue", "red"),
    "de": ("schwarz", "weiß", "grau", "blau", "rot"),
    "fr": ("noir", "blanc", "gris", "bleu", "rouge"),
    "es": ("negro", "blanco", "gris", "azul", "rojo"),
    "it": ("nero", "bianco", "grigio", "blu", "rosso"),
    "pt": ("preto", "branco", "cinzento", "azul", "vermelho"),
    "nl": ("zwart", "wit", "grijs", "blauw", "rood"),
    "zh": ("黑色", "白色", "灰色", "蓝色", "红色"),
}
COLOUR_CODES = ("BK", "WH", "GY", "BL", "RD")

QUANTITY_RANGES = {
    "PCE": (100, 5000, 50),
    "SET": (50, 1000, 10),
    "CT": (20, 400, 5),
    "KGM": (500, 5000, 50),
    "MTR": (500, 12000, 100),
    "PR": (600, 6000, 60),
    "BX": (50, 500, 10),
}
"""Unit code -> (lowest, highest, step) of a plausible ordered quantity."""


def _same_colour(product: Product, colour: int) -> bool:
    """True when the variant colour is the product's own colour (no "white, white")."""
    return any(COLOURS[lang][colour] == word for lang, word in product.colour.items() if lang in COLOURS)


def _variants(products: tuple[Product, ...], count: int, rng: random.Random) -> list[tuple[Product, int | None]]:
    """Distinct (product, colour index) pairs: plain products first, then colour variants."""
    plain = list(products)
    rng.shuffle(plain)
    chosen: list[tuple[Product, int | None]] = [(p, None) for p in plain[:count]]
    colours = [(p, c) for c in range(len(COLOUR_CODES)) for p in plain if p.variants and not _same_colour(p, c)]
    while len(chosen) < count:
        chosen.append(colours.pop(0))
    return chosen


def _quantity(unit: str, price: Decimal, price_decimals: int, rng: random.Random) -> int:
    """A quantity worth roughly 500 to 25,000 (currency units / 7 for CNY) at the given price."""
    low, high, step = QUANTITY_RANGES[unit]
    step = max(step, 10 ** max(price_decimals - 2, 0))
    ceiling = int(Decimal(25000) / max(price, Decimal("0.01")))
    if ceiling < low and price_decimals <= 2:
        step = max(step // 10, 1)
        low = 2 * step
    high = max(low + step, min(high, ceiling))
    return rng.randrange(low, high + 1, step)


def _price(product: Product, plan: OrderPlan, rng: random.Random) -> Decimal:
    factor = CNY_PER_USD if plan.currency == "CNY" else Decimal(1)
    cents = rng.randint(int(product.price_low * 100), int(product.price_high * 100))
    value = Decimal(cents) / 100 * factor
    if plan.price_decimals > 2:
        value += Decimal(rng.randint(1, 9)) / Decimal(10) ** plan.price_decimals
    return value.quantize(Decimal(10) ** -plan.price_decimals)


def _description(
    product: Product, colour: int | None, language: str, long_family: str | None, rng: random.Random
) -> str:
    """The printed description: catalog text, colour variant, and for long ones packing or certificates."""
    text = product.description(language)
    text_language = language if language in product.descriptions else "en"
    if colour is not None:
        own = product.colour.get(text_language)
        variant = COLOURS[text_language][colour]
        if own and own in text:
            text = text.replace(own, variant)
        else:
            text += (" " if text_language == "zh" else ", ") + variant
    if long_family:
        text += rng.choice(long_suffixes(long_family, text_language))
    return text


def _customer_sku_pattern(rng: random.Random) -> str:
    return rng.choice(("MAT-{n}", "{n}", "P{n}", "{a}-{n}"))


def build_lines(plan: OrderPlan, book: Phrasebook, rng: random.Random, order_date: date) -> tuple[LineSpec, ...]:
    """Build the order lines of a plan.

    Args:
        plan: The case plan (family, number of lines, optional columns, precision).
        book: Phrasebook of the document language (unit forms).
        rng: The case's random source.
        order_date: Order date, the base of per-line delivery dates.

    Returns:
        The lines; quantity x unit price equals the amount exactly.
    """
    unit_forms = {code: rng.choice(forms) for code, forms in book.units.items()} | plan.unit_forms
    pattern = _customer_sku_pattern(rng)
    first_date = order_date + timedelta(days=rng.randrange(45, 75))
    lines = []
    for index, (product, colour) in enumerate(_variants(family(plan.family), plan.lines, rng)):
        price = _price(product, plan, rng)
        usd_price = price / CNY_PER_USD if plan.currency == "CNY" else price
        quantity = Decimal(_quantity(product.unit, usd_price, plan.price_decimals, rng))
        amount = (quantity * price).quantize(CENT)
        if quantity * price != amount:
            raise AssertionError(f"inexact amount {quantity} x {price}")
        sku = product.sku + (f"-{COLOUR_CODES[colour]}" if colour is not None else "")
        long = plan.long_descriptions and index % 3 != 1
        lines.append(
            LineSpec(
                line_no=(index + 1) * plan.line_step if plan.line_step else None,
                sku=sku if plan.skus else None,
                customer_sku=pattern.format(n=rng.randint(100000, 999999), a=plan.buyer[:2].upper())
                if plan.customer_skus
                else None,
                description=_description(product, colour, plan.language, plan.family if long else None, rng),
                quantity=quantity.quantize(Decimal(10) ** -plan.qty_decimals),
                unit=product.unit if plan.units != "none" else None,
                unit_text=unit_forms[product.unit] if plan.units != "none" else None,
                unit_price=price,
                amount=amount,
                delivery_date=first_date + timedelta(days=14 * (index // 4)) if plan.line_dates else None,
                hs_code=product.hs_code if plan.hs_codes else None,
            )
        )
    return tuple(lines)
