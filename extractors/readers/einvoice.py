"""Structured e-documents: UN/CEFACT CII (ZUGFeRD, Factur-X, Order-X) and OASIS UBL, to flat fields.

Parsed with defusedxml (no DTDs, no entities). Element names are matched without their namespaces, so the
CII versions (ZUGFeRD 1.0 `CrossIndustryDocument`, D16B `CrossIndustryInvoice`, Order-X
`SCRDMCCBDACIOMessageStructure`) and UBL 2.x all go through the same code.

The flat keys: `doc_type`, `type_code`, `document_number`, `issue_date` (ISO), `currency`, `buyer_name`,
`seller_name`, `buyer_country`, `seller_country`, `total_amount`, `incoterms`, `payment_terms_text`, `lines`
(dicts with `line_no`, `sku`, `description`, `quantity`, `unit`, `unit_price`, `amount`). Absent values are
left out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from models.pages import EmbeddedData

_CII_ROOTS = frozenset({"CrossIndustryInvoice", "CrossIndustryDocument", "SCRDMCCBDACIOMessageStructure"})
_UBL_TYPES = {
    "Invoice": "invoice",
    "CreditNote": "invoice",
    "Order": "purchase_order",
    "OrderChange": "order_change",
    "OrderCancellation": "order_cancellation",
    "Quotation": "quotation",
}
_ORDER_CODES = frozenset({"105", "220", "221", "224", "225", "226", "227", "228", "402"})
_INVOICE_CODES = frozenset({"380", "381", "383", "384", "386", "389", "393", "394", "395", "396", "751", "875"})
_MAX_LINES = 5000
_MAX_TEXT = 2000


def parse_structured_xml(data: bytes) -> EmbeddedData | None:
    """Parse CII or UBL XML into flat fields.

    Args:
        data: The XML bytes.

    Returns:
        The parsed data, or None when the XML is neither CII nor UBL (or not well-formed, or uses DTDs).

    """
    try:
        root = fromstring(data, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException, ValueError):
        return None
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = element.tag.rpartition("}")[2]
    if root.tag in _CII_ROOTS:
        return EmbeddedData(format="cii", fields=_cii_fields(root))
    if root.tag in _UBL_TYPES:
        return EmbeddedData(format="ubl", fields=_ubl_fields(root))
    return None


# --- CII ------------------------------------------------------------------------------------------


def _cii_fields(root: ET.Element) -> dict[str, object]:
    header = _first(root, "ExchangedDocument", "HeaderExchangedDocument")
    type_code = _text(header, "TypeCode")
    purpose = _text(header, "PurposeCode")
    seller = _first(root, ".//SellerTradeParty")
    buyer = _first(root, ".//BuyerTradeParty")
    fields: dict[str, object] = {
        "doc_type": _cii_doc_type(root.tag, type_code, purpose),
        "type_code": type_code,
        "document_number": _text(header, "ID"),
        "issue_date": _cii_date(_text(header, "IssueDateTime/DateTimeString")),
        "currency": _text(root, ".//InvoiceCurrencyCode") or _text(root, ".//OrderCurrencyCode"),
        "buyer_name": _text(buyer, "Name"),
        "seller_name": _text(seller, "Name"),
        "buyer_country": _text(buyer, "PostalTradeAddress/CountryID"),
        "seller_country": _text(seller, "PostalTradeAddress/CountryID"),
        "total_amount": _amount(_text(root, ".//GrandTotalAmount") or _text(root, ".//DuePayableAmount")),
        "incoterms": _text(root, ".//ApplicableTradeDeliveryTerms/DeliveryTypeCode"),
        "payment_terms_text": _text(root, ".//SpecifiedTradePaymentTerms/Description"),
        "lines": [_cii_line(item) for item in root.iterfind(".//IncludedSupplyChainTradeLineItem")][:_MAX_LINES],
    }
    return _compact(fields)


def _cii_doc_type(root_tag: str, type_code: str | None, purpose: str | None) -> str:
    if type_code in _INVOICE_CODES:
        return "invoice"
    if type_code in _ORDER_CODES:
        return "order_cancellation" if purpose == "1" else "purchase_order"
    if type_code == "230":
        return "order_cancellation" if purpose == "1" else "order_change"
    if type_code == "310":
        return "quotation"
    if type_code is None and root_tag in ("CrossIndustryInvoice", "CrossIndustryDocument"):
        return "invoice"
    return "other"


def _cii_line(item: ET.Element) -> dict[str, object]:
    product = _first(item, "SpecifiedTradeProduct")
    quantity = _first(item, ".//BilledQuantity", ".//RequestedQuantity", ".//AgreedQuantity")
    line: dict[str, object] = {
        "line_no": _text(item, "AssociatedDocumentLineDocument/LineID"),
        "sku": _text(product, "SellerAssignedID") or _text(product, "GlobalID"),
        "customer_sku": _text(product, "BuyerAssignedID"),
        "description": _text(product, "Name") or _text(product, "Description"),
        "quantity": _amount(_element_text(quantity)),
        "unit": quantity.get("unitCode") if quantity is not None else None,
        "unit_price": _amount(
            _text(item, ".//NetPriceProductTradePrice/ChargeAmount")
            or _text(item, ".//GrossPriceProductTradePrice/ChargeAmount")
        ),
        "amount": _amount(_text(item, ".//LineTotalAmount")),
    }
    return _compact(line)


def _cii_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return _iso_date(value)


# --- UBL ------------------------------------------------------------------------------------------


def _ubl_fields(root: ET.Element) -> dict[str, object]:
    buyer = _first(root, "BuyerCustomerParty/Party", "AccountingCustomerParty/Party")
    seller = _first(root, "SellerSupplierParty/Party", "AccountingSupplierParty/Party")
    totals = _first(root, "LegalMonetaryTotal", "AnticipatedMonetaryTotal", "RequestedMonetaryTotal")
    lines = root.findall("InvoiceLine") + root.findall("CreditNoteLine") + root.findall("OrderLine/LineItem")
    lines += root.findall("QuotationLine/LineItem")
    fields: dict[str, object] = {
        "doc_type": _UBL_TYPES[root.tag],
        "type_code": _text(root, "InvoiceTypeCode") or _text(root, "OrderTypeCode"),
        "document_number": _text(root, "ID"),
        "issue_date": _iso_date(_text(root, "IssueDate")),
        "currency": _text(root, "DocumentCurrencyCode") or _text(root, "PricingCurrencyCode"),
        "buyer_name": _ubl_party_name(buyer),
        "seller_name": _ubl_party_name(seller),
        "buyer_country": _text(buyer, "PostalAddress/Country/IdentificationCode"),
        "seller_country": _text(seller, "PostalAddress/Country/IdentificationCode"),
        "total_amount": _amount(_text(totals, "PayableAmount") or _text(totals, "TaxInclusiveAmount")),
        "incoterms": _text(root, "DeliveryTerms/ID") or _text(root, ".//DeliveryTerms/ID"),
        "payment_terms_text": _text(root, "PaymentTerms/Note"),
        "lines": [_ubl_line(line) for line in lines[:_MAX_LINES]],
    }
    return _compact(fields)


def _ubl_party_name(party: ET.Element | None) -> str | None:
    return _text(party, "PartyName/Name") or _text(party, "PartyLegalEntity/RegistrationName")


def _ubl_line(line: ET.Element) -> dict[str, object]:
    quantity = _first(line, "InvoicedQuantity", "CreditedQuantity", "Quantity")
    item = _first(line, "Item")
    fields: dict[str, object] = {
        "line_no": _text(line, "ID"),
        "sku": _text(item, "SellersItemIdentification/ID") or _text(item, "StandardItemIdentification/ID"),
        "customer_sku": _text(item, "BuyersItemIdentification/ID"),
        "description": _text(item, "Name") or _text(item, "Description"),
        "quantity": _amount(_element_text(quantity)),
        "unit": quantity.get("unitCode") if quantity is not None else None,
        "unit_price": _amount(_text(line, "Price/PriceAmount")),
        "amount": _amount(_text(line, "LineExtensionAmount")),
    }
    return _compact(fields)


# --- helpers --------------------------------------------------------------------------------------


def _first(parent: ET.Element | None, *paths: str) -> ET.Element | None:
    if parent is None:
        return None
    for path in paths:
        found = parent.find(path)
        if found is not None:
            return found
    return None


def _element_text(element: ET.Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    text = " ".join(element.text.split())
    return text[:_MAX_TEXT] or None


def _text(parent: ET.Element | None, path: str) -> str | None:
    return _element_text(_first(parent, path))


def _amount(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return format(number, "f") if number.is_finite() else None


def _iso_date(value: str | None) -> str | None:
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def _compact(fields: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in fields.items() if value not in (None, "", [])}
