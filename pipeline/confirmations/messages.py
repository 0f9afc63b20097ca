"""The texts of confirmations and replies, one YAML file per language (`messages/<lang>.yaml`).

Templates hold named placeholders such as `{po_number}`. They are filled by `fill`, a single-pass substitution
that inserts values literally: a value is never parsed again, so customer text that looks like a template
(`{{7*7}}`, `{po_number}`, `${jndi:x}`) stays exactly as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

MESSAGES_DIR = Path(__file__).with_name("messages")
FALLBACK_LANGUAGE = "en"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class _Texts(BaseModel):
    """Base of every text section: unknown keys are an error, so a typo in a YAML file fails loudly."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentTexts(_Texts):
    """Headings and labels of the confirmation document."""

    title: str
    confirmation_number: str
    confirmation_date: str
    po_number: str
    po_date: str
    revision: str
    buyer: str
    seller: str
    ship_to: str
    attention: str
    vat_id: str
    email: str
    phone: str
    page: str
    file_name: str


class IntroTexts(_Texts):
    """Greeting and opening sentence, with the variants for what the order states."""

    greeting_named: str
    greeting_generic: str
    complete: str
    open: str
    order_ref_full: str
    order_ref_number: str
    order_ref_date: str
    order_ref_none: str


class SectionTexts(_Texts):
    """Section headings."""

    items: str
    terms: str
    amounts_due: str
    questions: str
    questions_intro: str
    next_steps: str


class TableTexts(_Texts):
    """Column headings of the line table and the totals."""

    pos: str
    sku: str
    description: str
    quantity: str
    unit_price: str
    amount: str
    subtotal: str
    tax: str
    total: str


class TermTexts(_Texts):
    """Labels of the terms of delivery and payment."""

    incoterms: str
    payment_terms: str
    delivery_date: str
    shipping_method: str
    port_of_loading: str
    port_of_discharge: str
    partial_shipment: str
    transshipment: str
    packaging: str
    shipping_marks: str
    forwarder: str
    documents_required: str
    notes: str


class ValueTexts(_Texts):
    """Words used as values."""

    pending: str
    allowed: str
    not_allowed: str
    incoterms_version: str
    not_applicable: str


class PaymentTexts(_Texts):
    """Payment schedule wording: parts, methods (TT, LC, ...), triggers (before_shipment, ...) and days."""

    deposit: str
    balance: str
    full: str
    instalment: str
    methods: dict[str, str]
    triggers: dict[str, str]
    days_after: dict[str, str]
    days_generic: str
    separator: str
    """Joins the parts of a condition (`, ` in most languages, `，` in Chinese)."""


class NextStepTexts(_Texts):
    """The next steps we announce to the buyer."""

    review: str
    answer: str
    deposit: str
    letter_of_credit: str
    bank_details: str
    shipping: str


class ClosingTexts(_Texts):
    """The end of the letter."""

    regards: str
    team: str


class EmailTexts(_Texts):
    """The reply e-mail."""

    subject: str
    subject_no_po: str
    intro: str
    summary: str
    total: str
    delivery_date: str
    questions_intro: str
    no_questions: str


class MessageCatalog(_Texts):
    """Everything one language needs for the confirmation and the reply."""

    language: str
    name: str
    locales: dict[str, str]
    """Babel locale by buyer country (ISO 3166 alpha-2), with `default` for every other country."""
    document: DocumentTexts
    intro: IntroTexts
    sections: SectionTexts
    table: TableTexts
    terms: TermTexts
    values: ValueTexts
    transport: dict[str, str]
    units: dict[str, str]
    payment: PaymentTexts
    next_steps: NextStepTexts
    closing: ClosingTexts
    email: EmailTexts

    def locale_for(self, country: str | None) -> str:
        """Return the babel locale for a buyer in `country`, e.g. `pt_BR` for Brazil and `pt_PT` otherwise."""
        if country and country.upper() in self.locales:
            return self.locales[country.upper()]
        return self.locales["default"]


def available_languages() -> tuple[str, ...]:
    """ISO 639-1 codes of the languages that have a messages file."""
    return tuple(sorted(path.stem for path in MESSAGES_DIR.glob("*.yaml")))


@lru_cache(maxsize=32)
def load_messages(language: str) -> MessageCatalog:
    """Load and validate `messages/<language>.yaml`.

    Args:
        language: An ISO 639-1 code that `available_languages()` lists.

    Raises:
        ValueError: When there is no messages file for the language.

    """
    if language not in available_languages():
        raise ValueError(f"no confirmation messages for language {language!r}")
    with (MESSAGES_DIR / f"{language}.yaml").open(encoding="utf-8") as handle:
        return MessageCatalog.model_validate(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def resolve_language(requested: str | None, document_language: str | None) -> str:
    """Pick the confirmation language: the requested one, else the document's, else English.

    Args:
        requested: `--lang` or the `language` setting; wins when a messages file exists for it.
        document_language: The buyer's language as detected in the order.

    """
    available = available_languages()
    for candidate in (requested, document_language):
        code = (candidate or "").strip().lower().replace("-", "_").split("_")[0]
        if code in available:
            return code
    return FALLBACK_LANGUAGE


def fill(template: str, **values: str) -> str:
    """Replace each `{name}` in `template` by `values[name]`, inserted literally in one pass.

    Raises:
        KeyError: When the template names a placeholder that has no value (a broken messages file).

    """
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def placeholders(template: str) -> set[str]:
    """Return the names of the placeholders a template uses."""
    return set(PLACEHOLDER.findall(template))


def split_placeholders(template: str) -> list[tuple[str, bool]]:
    """Split a template into literal text and placeholder names: `[("Page ", False), ("page", True), ...]`."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in PLACEHOLDER.finditer(template):
        if match.start() > position:
            parts.append((template[position : match.start()], False))
        parts.append((match.group(1), True))
        position = match.end()
    if position < len(template):
        parts.append((template[position:], False))
    return parts
