"""Order e-mail bodies in eight languages: the customer writes the order lines as a list or as sentences.

`write_body(spec, style)` returns the body text and the `Printed` record of what it states, from which the
expected result is built. The phrasing is the generator's own (never the extractor's lexicons).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from generator.formats import format_date, format_money, format_number
from generator.model import LineSpec, OrderSpec
from generator.phrasing import phrasebook

LINE_TEMPLATES = {
    "en": ("- {qty} {unit} {sku} {desc} @ {money}/{unit1}", "Please send {qty} {unit} of {sku} at {money}/{unit1}."),
    "de": ("- {qty} {unit} Art.-Nr. {sku} {desc} zu {money}/{unit1}", "{n}. {qty} {unit} {sku} {desc} à {money}"),
    "fr": ("- {sku} {desc} : {qty} {unit} à {money} l'unité", "{n}) {qty} {unit} {sku} {desc}, prix {money}/{unit1}"),
    "es": ("- {qty} {unit} de {sku} {desc} a {money} c/u", "{n}. {sku} {desc} - {qty} {unit} a {money} por {unit1}"),
    "it": ("- {sku} {desc}, {qty} {unit}, prezzo {money} cad.", "{n}. {qty} {unit} {sku} {desc} a {money}/{unit1}"),
    "pt": ("- {qty} {unit} {sku} {desc} a {money} por {unit1}", "{n}. {sku} {desc}: {qty} {unit} x {money}"),
    "nl": ("- {qty} {unit} {sku} {desc} à {money} per {unit1}", "{n}. {sku} {desc}, {qty} {unit} à {money}"),
    "zh": ("{n}. {desc}（{sku}）{qty}{unit}，单价 {money}", "{desc} {qty}{unit},单价 {money}"),
}
"""Per language: a list line and a second style (numbered, or a sentence for English)."""

OPENING = {
    "en": ("Dear {seller},", "Please supply the following:"),
    "de": ("Sehr geehrte Damen und Herren,", "hiermit bestellen wir wie folgt:"),
    "fr": ("Bonjour,", "Merci de nous livrer les articles suivants :"),
    "es": ("Estimados señores:", "Les rogamos nos suministren lo siguiente:"),
    "it": ("Buongiorno,", "con la presente ordiniamo quanto segue:"),
    "pt": ("Prezados,", "Solicitamos o fornecimento dos seguintes itens:"),
    "nl": ("Beste leverancier,", "Hierbij bestellen wij het volgende:"),
    "zh": ("您好！", "现订购以下产品："),
}
CLOSING = {
    "en": ("Please confirm by return.", "Best regards"),
    "de": ("Bitte bestätigen Sie den Auftrag.", "Mit freundlichen Grüßen"),
    "fr": ("Merci de nous confirmer la commande.", "Cordialement"),
    "es": ("Rogamos confirmen el pedido.", "Saludos cordiales"),
    "it": ("Vi preghiamo di confermare l'ordine.", "Cordiali saluti"),
    "pt": ("Aguardamos a vossa confirmação.", "Atenciosamente"),
    "nl": ("Graag een orderbevestiging.", "Met vriendelijke groet"),
    "zh": ("请确认。", "此致"),
}
_UNSAFE_DESCRIPTION = re.compile(r"[();|@=（）]")


@dataclass
class Printed:
    """What a body states (the rest of the spec is not printed)."""

    order_number: bool = False
    order_date: bool = False
    incoterms: bool = False
    payment: bool = False
    delivery_date: bool = False
    descriptions: bool = True
    lines: list[LineSpec] = field(default_factory=list)


def clean_description(text: str) -> str:
    """A description as a customer types it into a mail (no brackets or separators)."""
    return re.sub(r"\s+", " ", _UNSAFE_DESCRIPTION.sub(" ", text)).strip(" ,")


def order_line(spec: OrderSpec, line: LineSpec, number: int, style: int) -> str:
    """One order line of the body in the spec's language."""
    book = phrasebook(spec.language)
    loc = spec.locale
    unit_forms = book.units.get(line.unit or "PCE", ("pcs",))
    template = LINE_TEMPLATES[spec.language][style]
    return template.format(
        n=number,
        qty=format_number(line.quantity, loc.number_style),
        unit=line.unit_text or unit_forms[0],
        unit1=unit_forms[-1],
        sku=line.sku,
        desc=line.description,
        money=format_money(line.unit_price, loc.currency_print, loc.number_style, prefix=loc.currency_prefix),
    )


def write_body(spec: OrderSpec, style: int, rng: random.Random, *, number_in_body: bool = True) -> tuple[str, Printed]:
    """The body text of an order e-mail and what it states.

    Args:
        spec: The order (its lines' descriptions are expected as cleaned by `clean_description`).
        style: Index into `LINE_TEMPLATES` of the language.
        rng: Chooses label wordings.
        number_in_body: Print the PO number under a label (else only the subject names it).

    Returns:
        (body text, printed facts).
    """
    book = phrasebook(spec.language)
    colon = "：" if spec.language == "zh" else ": "
    greeting, intro = OPENING[spec.language]
    lines = [greeting.format(seller=spec.seller.contact or spec.seller.name), "", intro, ""]
    printed = Printed(order_number=number_in_body, lines=list(spec.lines))
    if number_in_body:
        lines.insert(2, f"{rng.choice(book.labels['order_number'])}{colon}{spec.order_number}")
    template = LINE_TEMPLATES[spec.language][style]
    printed.descriptions = "{desc}" in template
    lines += [order_line(spec, line, i + 1, style) for i, line in enumerate(spec.lines)]
    lines.append("")
    if spec.incoterms is not None:
        lines.append(f"{rng.choice(book.labels['incoterms'])}{colon}{spec.incoterms.text}")
        printed.incoterms = True
    if spec.payment is not None:
        lines.append(f"{rng.choice(book.labels['payment_terms'])}{colon}{spec.payment.text}")
        printed.payment = True
    if spec.delivery_date is not None:
        when = format_date(spec.delivery_date, spec.locale.date_style, book)
        lines.append(f"{rng.choice(book.labels['delivery_date'])}{colon}{when}")
        printed.delivery_date = True
    please, closing = CLOSING[spec.language]
    lines += ["", please, "", closing, spec.buyer.contact or "", spec.buyer.name]
    if spec.buyer.phone:
        lines.append(f"Tel. {spec.buyer.phone}")
    return "\n".join(lines) + "\n", printed


def quantity_text(value: Decimal) -> str:
    """A quantity as the change request states it."""
    return format(value, "f")
