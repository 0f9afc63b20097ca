"""Digital documents that look like orders but are not: quotation, proforma invoice, confirmation, delivery note.

Their expected result holds only the document's kind, type and language.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from generator.case import Case
from generator.case import order_plan as p
from generator.companies import buyers
from generator.formats import format_date
from generator.layout import Layout
from generator.model import OrderSpec, PartySpec
from generator.phrasing import phrasebook
from generator.specs import build_order


def _quotation(case_id: str) -> OrderSpec:
    plan = p(
        "en",
        "harwood",
        "brightway",
        "lighting",
        5,
        ("FOB", "seller_port"),
        "tt_split_bl",
        "sea",
        ("USD", "USD"),
        "comma_dot",
        "long",
        ship_to="none",
        omit={"shipping_marks", "forwarder", "partial"},
    )
    spec = build_order(case_id, plan)
    valid = format_date(spec.order_date + timedelta(days=30), "long", phrasebook("en"))
    return replace(
        spec,
        doc_kind="quotation",
        doc_type="quotation",
        order_number=f"BW-Q{spec.order_number[-5:]}",
        extras={
            "title": "QUOTATION",
            "number_label": "Quotation No.",
            "contact_label": "Sales contact",
            "issuer": "seller",
            "addressee_heading": "To",
            "field:Valid until": valid,
            "field:Lead time": "35 days after receipt of deposit",
        },
    )


def _proforma(case_id: str) -> OrderSpec:
    plan = p(
        "zh",
        "huadong",
        "sunrise",
        "tools",
        4,
        ("FOB", "seller_port"),
        "tt_split_bl",
        "sea",
        ("CNY", "RMB"),
        "comma_dot",
        "zh",
        ship_to="none",
        omit={"forwarder", "partial"},
    )
    spec = build_order(case_id, plan)
    return replace(
        spec,
        doc_kind="proforma",
        doc_type="invoice",
        order_number=f"PI{spec.order_number[-8:]}",
        extras={
            "title": "形式发票 PROFORMA INVOICE",
            "number_label": "发票号",
            "contact_label": "业务员",
            "issuer": "seller",
            "addressee_heading": "客户",
            "field:收款银行": "中国银行宁波北仑支行",
            "field:账号": "3581 6620 1188 4402",
            "field:收款人": "宁波旭日实业有限公司",
        },
    )


def _confirmation(case_id: str) -> OrderSpec:
    plan = p(
        "de",
        "weber",
        "kessler",
        "machine_parts",
        3,
        ("EXW", "seller_city"),
        "net",
        "road",
        ("EUR", "EUR"),
        "dot_comma",
        "dmy_dot",
        tax_rate=19,
        omit={"shipping_marks", "partial", "forwarder"},
    )
    spec = build_order(case_id, plan)
    return replace(
        spec,
        doc_kind="confirmation",
        doc_type="other",
        order_number=f"AB-{spec.order_number[-5:]}",
        reference=spec.order_number,
        extras={
            "title": "AUFTRAGSBESTÄTIGUNG",
            "number_label": "Auftragsnummer",
            "reference_label": "Ihre Bestellung",
            "contact_label": "Ansprechpartner",
            "issuer": "seller",
            "addressee_heading": "Kunde",
            "field:Hinweis": "Wir danken für Ihren Auftrag und bestätigen ihn zu folgenden Bedingungen.",
        },
    )


def _delivery_note(case_id: str) -> OrderSpec:
    plan = p(
        "fr",
        "delorme",
        "alpine",
        "household",
        4,
        None,
        None,
        "road",
        (None, ""),
        "space_comma",
        "dmy_slash",
        ship_to="none",
        omit={"shipping_marks", "partial", "packaging"},
    )
    spec = build_order(case_id, plan)
    customer = buyers()["dupont"]
    return replace(
        spec,
        doc_kind="delivery_note",
        doc_type="other",
        order_number=f"BL-{spec.order_number[-6:]}",
        reference=f"CMD-{spec.order_number[-4:]}",
        seller=PartySpec(customer.name, customer.address, "BE", "Belgique"),
        extras={
            "title": "BON DE LIVRAISON",
            "number_label": "N° BL",
            "reference_label": "Votre commande",
            "contact_label": "Contact",
            "addressee_heading": "Client",
            "field:Transporteur": "Transports Rhône-Benelux",
            "field:Nombre de colis": "6",
        },
    )


NON_ORDER_CASES = (
    Case(
        "pdf_en_quotation",
        "pdf",
        None,
        Layout(letterhead="left", parties="stacked", header="label_colon", table="ruled", contact_in="letterhead"),
        "Supplier's quotation (prices, validity, FOB, payment) that must not be taken for an order",
        spec_factory=_quotation,
    ),
    Case(
        "xlsx_zh_proforma",
        "xlsx",
        None,
        Layout(variant="form", header="grid", table="ruled", contact_in="letterhead"),
        "Chinese supplier's proforma invoice with bank details",
        spec_factory=_proforma,
    ),
    Case(
        "docx_de_confirmation",
        "docx",
        None,
        Layout(letterhead="right", parties="stacked", header="label_colon", table="lines", contact_in="letterhead"),
        "Supplier's order confirmation quoting the customer's order number",
        spec_factory=_confirmation,
    ),
    Case(
        "pdf_fr_delivery_note",
        "pdf",
        None,
        Layout(
            letterhead="left",
            parties="stacked",
            header="grid",
            table="ruled",
            columns=("line_no", "sku", "description", "quantity", "unit"),
        ),
        "Delivery note without prices",
        spec_factory=_delivery_note,
    ),
)
