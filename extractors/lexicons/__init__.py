"""Language knowledge as data: one `<lang>.yaml` per language, validated by `Lexicon`.

Adding a language means adding a YAML file; extraction code never branches on a language code. Extraction
uses the union of all lexicons (orders often mix languages: English labels on a German form), while
`number_format` and `date_order` of the document's language resolve ambiguous numbers and dates.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

LEXICON_DIR = Path(__file__).parent

HeaderField = Literal[
    "order_number",
    "order_date",
    "revision",
    "buyer",
    "seller",
    "ship_to",
    "bill_to",
    "contact",
    "email",
    "phone",
    "fax",
    "vat_id",
    "address",
    "currency",
    "delivery_date",
    "incoterms",
    "payment_terms",
    "shipping_method",
    "port_of_loading",
    "port_of_discharge",
    "partial_shipment",
    "transshipment",
    "packaging",
    "shipping_marks",
    "forwarder",
    "documents_required",
    "notes",
    "subtotal",
    "tax_amount",
    "total_amount",
    "discount",
    "freight",
    "customer_number",
    "reference",
]
"""Fields found through a label next to or above their value."""

ColumnRole = Literal[
    "line_no",
    "sku",
    "customer_sku",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "amount",
    "delivery_date",
    "hs_code",
    "discount",
    "tax_rate",
]
"""Roles of line-item table columns."""

DocTypeName = Literal["purchase_order", "order_change", "order_cancellation", "quotation", "invoice", "other"]
TransportMode = Literal["sea", "air", "rail", "road", "courier", "multimodal"]
PaymentMethod = Literal["TT", "LC", "DP", "DA", "CAD", "OA", "CIA"]
PaymentTrigger = Literal[
    "with_order",
    "before_production",
    "before_shipment",
    "against_bl_copy",
    "against_documents",
    "on_delivery",
    "after_arrival",
    "after_invoice",
    "after_bl",
    "at_sight",
    "after_sight",
]


class NumberFormat(BaseModel):
    """How the language writes numbers, used only when a number is ambiguous (`1.234`)."""

    decimal: Literal[".", ","] = "."
    group: Literal[",", ".", " ", "'", ""] = ","


class PaymentLexicon(BaseModel):
    """Payment phrases: each list holds phrases that mean the key."""

    methods: dict[PaymentMethod, list[str]] = Field(default_factory=dict)
    triggers: dict[PaymentTrigger, list[str]] = Field(default_factory=dict)
    deposit: list[str] = Field(default_factory=list)
    """Words for the advance part ("deposit", "Anzahlung")."""
    balance: list[str] = Field(default_factory=list)
    """Words for the remaining part ("balance", "Restzahlung")."""
    days: list[str] = Field(default_factory=list)
    """Words for days ("days", "Tage")."""
    lc_types: dict[Literal["at_sight", "usance", "irrevocable", "confirmed", "transferable"], list[str]] = Field(
        default_factory=dict
    )
    lc_expiry: list[str] = Field(default_factory=list)
    """Phrases before a letter of credit's expiry date ("L/C expiry", "信用证有效期至")."""
    latest_shipment: list[str] = Field(default_factory=list)
    """Phrases before the latest shipment date of a letter of credit ("latest shipment date", "最迟装运日期")."""


class Lexicon(BaseModel):
    """All label synonyms and phrases of one language."""

    model_config = ConfigDict(extra="forbid")

    language: str = Field(pattern=r"^[a-z]{2}$")
    name: str
    labels: dict[HeaderField, list[str]]
    columns: dict[ColumnRole, list[str]]
    units: dict[str, list[str]] = Field(default_factory=dict)
    """UN/ECE Rec 20 code -> printed forms ("PCE": ["pcs", "pc", "pieces"])."""
    months: dict[int, list[str]] = Field(default_factory=dict)
    """Month number -> names and abbreviations."""
    number_format: NumberFormat = Field(default_factory=NumberFormat)
    date_order: Literal["DMY", "MDY", "YMD"] = "DMY"
    doc_types: dict[DocTypeName, list[str]] = Field(default_factory=dict)
    """Title words that identify the document type ("Purchase Order", "Invoice")."""
    invoice_markers: list[str] = Field(default_factory=list)
    """Phrases that only invoices carry ("invoice number", "amount due", "due date")."""
    payment: PaymentLexicon = Field(default_factory=PaymentLexicon)
    transport: dict[TransportMode, list[str]] = Field(default_factory=dict)
    yes: list[str] = Field(default_factory=list)
    """Words that allow ("allowed", "permitted", "yes")."""
    no: list[str] = Field(default_factory=list)
    """Words that forbid ("not allowed", "prohibited", "no")."""
    change_markers: list[str] = Field(default_factory=list)
    """Phrases that mark an order change ("please change", "amended order")."""
    cancel_markers: list[str] = Field(default_factory=list)
    """Phrases that mark a cancellation ("please cancel")."""
    weeks: list[str] = Field(default_factory=list)
    """Calendar-week words printed before a week number ("CW", "KW", "semaine")."""
    place_fillers: list[str] = Field(default_factory=list)
    """Words around an Incoterms named place that are not part of it ("named port", "gemäß", "港")."""
    issuing_bank: list[str] = Field(default_factory=list)
    """Phrases that introduce the issuing bank of a letter of credit ("issued by", "开证行")."""
    route_from: list[str] = Field(default_factory=list)
    """Words before the place a shipment leaves from ("from", "von", "desde", "从")."""
    route_to: list[str] = Field(default_factory=list)
    """Words before the place a shipment goes to ("to", "nach", "con destino", "至")."""
    ours: list[str] = Field(default_factory=list)
    """Possessives before a role noun in a sentence ("our forwarder X", "notre transitaire X")."""
    supplier_words: list[str] = Field(default_factory=list)
    """Words of a column header that make an item number the supplier's ("Your", "Vendor", "Ihre", "供应商")."""
    loading_phrases: list[str] = Field(default_factory=list)
    """Phrases before the port of loading inside a sentence ("au départ du port de", "ab Verladehafen")."""
    discharge_phrases: list[str] = Field(default_factory=list)
    """Phrases before the port of discharge inside a sentence ("débarquement au port de", "Löschhafen")."""
    attention: list[str] = Field(default_factory=list)
    """Words that open the line naming whom an addressee block is for ("Attn.", "À l'attention", "z. Hd.")."""
    order_to: list[str] = Field(default_factory=list)
    """Words before the supplier an order is placed with, inside a sentence ("our order to", "bestellen wir bei",
    "nuestro pedido … a", "pedido de compra para")."""
    name_labels: list[str] = Field(default_factory=list)
    """Labels before a party's name inside its block ("Company Name:", "Razón social:", "公司名称："), with a colon."""
    premises: list[str] = Field(default_factory=list)
    """Words for the buyer's own places after a possessive ("our warehouse", "notre entrepôt")."""
    sign_off: list[str] = Field(default_factory=list)
    """Words that open a signature's company line or the signer's name ("For Acme Ltd.", "i.A. Max Roth")."""
    roles: list[str] = Field(default_factory=list)
    """Words of job titles ("manager", "Einkauf", "responsable"): a line of them names no person."""
    carried_forward: list[str] = Field(default_factory=list)
    """Phrases of a page's running total inside a table ("carried forward", "Übertrag", "suma y sigue")."""
    totals_stop: list[str] = Field(default_factory=list)
    """Phrases that end a line-item table besides the total labels ("carried forward" is not one)."""


@cache
def load_lexicon(language: str) -> Lexicon:
    """Load and validate one language's lexicon.

    Args:
        language: ISO 639-1 code, the YAML file's stem.

    Returns:
        The validated lexicon.

    """
    path = LEXICON_DIR / f"{language}.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    # YAML 1.1 reads the keys `yes:` and `no:` as booleans.
    data = {("yes" if k is True else "no" if k is False else k): v for k, v in data.items()}
    return Lexicon.model_validate(data)


@cache
def available_languages() -> tuple[str, ...]:
    """Languages that have a lexicon file, sorted."""
    return tuple(sorted(p.stem for p in LEXICON_DIR.glob("*.yaml")))


@cache
def all_lexicons() -> tuple[Lexicon, ...]:
    """Every lexicon, English first."""
    langs = sorted(available_languages(), key=lambda lang: (lang != "en", lang))
    return tuple(load_lexicon(lang) for lang in langs)
