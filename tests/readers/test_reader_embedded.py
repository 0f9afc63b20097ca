from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from fpdf import FPDF
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream

from extractors.readers.einvoice import parse_structured_xml
from extractors.readers.embedded import inflate_stream
from extractors.readers.pdf import PdfReader
from models.options import ExtractOptions

REALDOCS = Path("/work/shared/realdocs/not_orders")
if not REALDOCS.exists():
    REALDOCS = Path(__file__).resolve().parents[3] / "shared" / "realdocs" / "not_orders"

ORDER_X = """<?xml version="1.0" encoding="UTF-8"?>
<rsm:SCRDMCCBDACIOMessageStructure
    xmlns:rsm="urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100"
    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:128"
    xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:128">
  <rsm:ExchangedDocument>
    <ram:ID>PO-2026-0042</ram:ID>
    <ram:TypeCode>{type_code}</ram:TypeCode>
    {purpose}
    <ram:IssueDateTime><udt:DateTimeString format="102">20260314</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct>
        <ram:SellerAssignedID>LED-PNL-6060</ram:SellerAssignedID>
        <ram:Name>LED panel light 600x600 40W</ram:Name>
      </ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount>12.50</ram:ChargeAmount></ram:NetPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery>
        <ram:RequestedQuantity unitCode="C62">500</ram:RequestedQuantity>
      </ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:SpecifiedTradeSettlementLineMonetarySummation>
          <ram:LineTotalAmount>6250.00</ram:LineTotalAmount>
        </ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty>
        <ram:Name>Ningbo Sunrise Industrial Co., Ltd.</ram:Name>
        <ram:PostalTradeAddress><ram:CountryID>CN</ram:CountryID></ram:PostalTradeAddress>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>Hansen Maschinenbau GmbH</ram:Name>
        <ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>
      </ram:BuyerTradeParty>
      <ram:ApplicableTradeDeliveryTerms><ram:DeliveryTypeCode>FOB</ram:DeliveryTypeCode></ram:ApplicableTradeDeliveryTerms>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:OrderCurrencyCode>EUR</ram:OrderCurrencyCode>
      <ram:SpecifiedTradePaymentTerms>
        <ram:Description>30% T/T deposit, balance before shipment</ram:Description>
      </ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>6250.00</ram:LineTotalAmount>
        <ram:GrandTotalAmount>6250.00</ram:GrandTotalAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:SCRDMCCBDACIOMessageStructure>
"""

UBL_ORDER = """<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2"
    xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>PO-77</cbc:ID>
  <cbc:IssueDate>2026-03-14</cbc:IssueDate>
  <cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>
  <cac:BuyerCustomerParty><cac:Party>
    <cac:PartyName><cbc:Name>Buyer Inc.</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cac:Country><cbc:IdentificationCode>US</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
  </cac:Party></cac:BuyerCustomerParty>
  <cac:SellerSupplierParty><cac:Party>
    <cac:PartyLegalEntity><cbc:RegistrationName>Seller Ltd.</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:SellerSupplierParty>
  <cac:DeliveryTerms><cbc:ID>CIF</cbc:ID></cac:DeliveryTerms>
  <cac:PaymentTerms><cbc:Note>Net 30 days</cbc:Note></cac:PaymentTerms>
  <cac:AnticipatedMonetaryTotal>
    <cbc:PayableAmount currencyID="USD">150.00</cbc:PayableAmount>
  </cac:AnticipatedMonetaryTotal>
  <cac:OrderLine><cac:LineItem>
    <cbc:ID>1</cbc:ID>
    <cbc:Quantity unitCode="PCE">10</cbc:Quantity>
    <cbc:LineExtensionAmount currencyID="USD">150.00</cbc:LineExtensionAmount>
    <cac:Price><cbc:PriceAmount currencyID="USD">15.00</cbc:PriceAmount></cac:Price>
    <cac:Item><cbc:Name>Widget</cbc:Name><cac:SellersItemIdentification><cbc:ID>W-1</cbc:ID></cac:SellersItemIdentification></cac:Item>
  </cac:LineItem></cac:OrderLine>
</{root}>
"""


def _pdf_with_attachment(xml: bytes, name: str, tmp_path: Path | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Purchase order PO-2026-0042")
    if tmp_path is None:
        pdf.embed_file(bytes=xml, basename=name, compress=True)
    else:
        path = tmp_path / name
        path.write_bytes(xml)
        pdf.file_attachment_annotation(path, x=10, y=10)
    data = bytes(pdf.output())
    if tmp_path is not None:  # fpdf2 also lists the file in the catalog: hide it, same length keeps the xref valid
        assert data.count(b"/Names <</EmbeddedFiles") == 1
        data = data.replace(b"/Names <</EmbeddedFiles", b"/Namex <</EmbeddedFiles")
    return data


@pytest.mark.skipif(not REALDOCS.exists(), reason="shared/realdocs is not beside the repository")
@pytest.mark.parametrize("name", ["EN16931_Einfach.pdf", "zugferd_invoice.pdf"])
def test_real_zugferd_invoices_are_invoices(name: str, options: ExtractOptions) -> None:
    doc = PdfReader().read((REALDOCS / name).read_bytes(), name, options)
    assert [data.format for data in doc.embedded] == ["cii"]
    fields = doc.embedded[0].fields
    assert fields["doc_type"] == "invoice"
    assert fields["currency"] == "EUR"
    assert str(fields["issue_date"])[:2] == "20" and len(str(fields["issue_date"])) == 10
    assert fields["seller_name"] and fields["buyer_name"] and fields["total_amount"]
    assert isinstance(fields["lines"], list) and fields["lines"]


def test_order_x_in_name_tree(options: ExtractOptions) -> None:
    xml = ORDER_X.format(type_code="220", purpose="").encode()
    doc = PdfReader().read(_pdf_with_attachment(xml, "order-x.xml"), "po.pdf", options)
    assert len(doc.embedded) == 1 and doc.embedded[0].format == "cii"
    fields = doc.embedded[0].fields
    assert fields["doc_type"] == "purchase_order"
    assert fields["document_number"] == "PO-2026-0042"
    assert fields["issue_date"] == "2026-03-14"
    assert fields["currency"] == "EUR"
    assert (fields["buyer_name"], fields["buyer_country"]) == ("Hansen Maschinenbau GmbH", "DE")
    assert (fields["seller_name"], fields["seller_country"]) == ("Ningbo Sunrise Industrial Co., Ltd.", "CN")
    assert fields["total_amount"] == "6250.00"
    assert fields["incoterms"] == "FOB"
    assert fields["payment_terms_text"] == "30% T/T deposit, balance before shipment"
    assert fields["lines"] == [
        {
            "line_no": "1",
            "sku": "LED-PNL-6060",
            "description": "LED panel light 600x600 40W",
            "quantity": "500",
            "unit": "C62",
            "unit_price": "12.50",
            "amount": "6250.00",
        }
    ]
    assert "PO-2026-0042" in [word.text for word in doc.pages[0].words]


def test_order_x_attached_by_annotation(options: ExtractOptions, tmp_path: Path) -> None:
    xml = ORDER_X.format(type_code="220", purpose="").encode()
    doc = PdfReader().read(_pdf_with_attachment(xml, "order-x.xml", tmp_path), "po.pdf", options)
    assert [data.fields["doc_type"] for data in doc.embedded] == ["purchase_order"]


@pytest.mark.parametrize(
    ("type_code", "purpose", "doc_type"),
    [
        ("230", "", "order_change"),
        ("230", "<ram:PurposeCode>1</ram:PurposeCode>", "order_cancellation"),
        ("231", "", "other"),
        ("381", "", "invoice"),
    ],
)
def test_cii_type_codes(type_code: str, purpose: str, doc_type: str) -> None:
    parsed = parse_structured_xml(ORDER_X.format(type_code=type_code, purpose=purpose).encode())
    assert parsed is not None and parsed.fields["doc_type"] == doc_type


def test_ubl_order_embedded(options: ExtractOptions) -> None:
    xml = UBL_ORDER.format(root="Order").encode()
    doc = PdfReader().read(_pdf_with_attachment(xml, "order.xml"), "po.pdf", options)
    assert [data.format for data in doc.embedded] == ["ubl"]
    fields = doc.embedded[0].fields
    assert fields["doc_type"] == "purchase_order"
    assert (fields["document_number"], fields["issue_date"], fields["currency"]) == ("PO-77", "2026-03-14", "USD")
    assert (fields["buyer_name"], fields["buyer_country"], fields["seller_name"]) == ("Buyer Inc.", "US", "Seller Ltd.")
    assert (fields["incoterms"], fields["payment_terms_text"], fields["total_amount"]) == (
        "CIF",
        "Net 30 days",
        "150.00",
    )
    assert fields["lines"] == [
        {
            "line_no": "1",
            "sku": "W-1",
            "description": "Widget",
            "quantity": "10",
            "unit": "PCE",
            "unit_price": "15.00",
            "amount": "150.00",
        }
    ]


@pytest.mark.parametrize(
    ("root", "doc_type"), [("OrderChange", "order_change"), ("OrderCancellation", "order_cancellation")]
)
def test_ubl_roots(root: str, doc_type: str) -> None:
    parsed = parse_structured_xml(UBL_ORDER.format(root=root).encode())
    assert parsed is not None and parsed.fields["doc_type"] == doc_type


def test_entity_expansion_and_foreign_xml_are_ignored(options: ExtractOptions) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE Order [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>&b;</ID></Order>'
    )
    assert parse_structured_xml(laughs) is None
    assert parse_structured_xml(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert parse_structured_xml(b"<Order><unclosed>") is None
    doc = PdfReader().read(_pdf_with_attachment(laughs, "order.xml"), "po.pdf", options)
    assert doc.embedded == []


def test_inflating_an_embedded_stream_is_capped() -> None:
    bomb = PDFStream({"Filter": LITERALS_FLATE_DECODE[0]}, zlib.compress(b"\0" * 5_000_000))
    with pytest.raises(ValueError, match="larger than"):
        inflate_stream(bomb, cap=1_000_000)
    small = PDFStream({"Filter": LITERALS_FLATE_DECODE[0]}, zlib.compress(b"<Order/>"))
    assert inflate_stream(small, cap=1_000_000) == b"<Order/>"
