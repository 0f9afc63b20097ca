"""Per-language phrasing of the simulated customers: labels, dates, units, payment and delivery phrases.

These tables are the generator's own (deliberately independent of `extractors/lexicons/`), with several
wordings per label so that the extractor is tested on the variety of real ERP forms, not on its vocabulary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import import_module

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "zh")


@dataclass(frozen=True)
class PaymentWording:
    """One way to print a payment term.

    Attributes:
        text: Template with `{dep}`, `{bal}` and `{days}`; a `|` marks where the deposit part ends.
        deposit_trigger: Trigger code of the deposit part as the wording states it, None when unstated.
    """

    text: str
    deposit_trigger: str | None = None


@dataclass(frozen=True)
class Phrasebook:
    """Everything a customer's ERP prints in one language.

    Attributes:
        language: ISO 639-1 code.
        titles: Document titles of a purchase order.
        labels: Header field key -> label wordings (without the colon).
        columns: Line-table column role -> header wordings.
        months: Full month names, January first.
        months_short: Abbreviated month names, January first.
        long_date: Template of the written-out date with `{d}`, `{month}`, `{y}` (and `{m}` for zh).
        units: UN/ECE Rec 20 code -> printed unit forms.
        payment: Payment variant key -> wordings (see `specs.PAYMENT_VARIANTS`).
        incoterms: Templates with `{rule}` and `{place}`; a template containing "2020" prints the version.
        transport: Transport mode -> value of a labelled "shipping method" field.
        transport_prose: Transport mode -> phrase used inside a sentence ("by sea").
        allowed: Words for "allowed" (partial shipment, transshipment).
        not_allowed: Words for "not allowed".
        prose: Sentence templates of terms written as prose.
        totals: Totals block labels: subtotal, tax, freight, total, carried, brought.
        packaging: Packaging instructions.
        documents: Documents-required texts.
        notes: Remarks printed under a notes label.
        misc: Page numbers, signature, greetings, footer words.
        countries: ISO country code -> printed country names.
        nonorder: Labels and titles of the non-order documents (quotation, proforma, ...).
    """

    language: str
    titles: tuple[str, ...]
    labels: Mapping[str, tuple[str, ...]]
    columns: Mapping[str, tuple[str, ...]]
    months: tuple[str, ...]
    months_short: tuple[str, ...]
    long_date: str
    units: Mapping[str, tuple[str, ...]]
    payment: Mapping[str, tuple[PaymentWording, ...]]
    incoterms: tuple[str, ...]
    transport: Mapping[str, tuple[str, ...]]
    transport_prose: Mapping[str, tuple[str, ...]]
    allowed: tuple[str, ...]
    not_allowed: tuple[str, ...]
    prose: Mapping[str, tuple[str, ...]]
    totals: Mapping[str, tuple[str, ...]]
    packaging: tuple[str, ...]
    documents: tuple[str, ...]
    notes: tuple[str, ...]
    misc: Mapping[str, tuple[str, ...]]
    countries: Mapping[str, tuple[str, ...]]
    nonorder: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def phrasebook(language: str) -> Phrasebook:
    """Load the phrasebook of one language.

    Args:
        language: ISO 639-1 code, one of `LANGUAGES`.

    Returns:
        The language's phrasebook.
    """
    if language not in LANGUAGES:
        raise ValueError(f"no phrasebook for {language!r}; known: {', '.join(LANGUAGES)}")
    module = import_module(f"{__name__}.{language}")
    book: Phrasebook = module.BOOK
    return book
