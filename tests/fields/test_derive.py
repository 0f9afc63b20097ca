"""Values derived from what the document states: line amounts and sea transport, never over printed ones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extractors import extract_order

TODAY = date(2026, 1, 15)


def _text_order(lines: list[str], terms: str) -> bytes:
    return "\n".join(
        [
            "From: Harbor Lights Inc., 12 Dock Street, Boston MA 02110, USA",
            "To: Ningbo Sunrise Industrial Co., Ltd.",
            "Purchase Order No.: PO-77120",
            "Date: 10.01.2026",
            "",
            *lines,
            "",
            terms,
        ]
    ).encode()


def test_amount_is_quantity_times_price_when_none_is_printed_and_evidence_says_so() -> None:
    text = _text_order(
        ["please send 500 pcs of LED-PNL-6060 at USD 12.50/pc", "and 120 pcs of LED-TUBE-T8 at USD 2.35/pc"],
        "Incoterms: FOB Ningbo",
    )
    result = extract_order(text, filename="order.txt", today=TODAY)
    lines = result.order.line_items
    assert [(li.quantity, li.unit_price, li.amount) for li in lines] == [
        (Decimal("500"), Decimal("12.50"), Decimal("6250.00")),
        (Decimal("120"), Decimal("2.35"), Decimal("282.00")),
    ]
    evidence = result.evidence["line_items[0].amount"]
    assert evidence.text == "computed: 500 x 12.50"
    assert evidence.confidence < result.evidence["line_items[0].unit_price"].confidence
    assert result.order.shipping_method == "sea"
    assert result.evidence["shipping_method"].text is not None
    assert "FOB" in result.evidence["shipping_method"].text


def test_printed_values_are_kept_and_any_mode_rules_imply_nothing() -> None:
    text = _text_order(
        ["Item LED-PNL-6060, 500 pcs at USD 12.50/pc, amount USD 6,000.00"],
        "Incoterms: FCA Shanghai Pudong Airport",
    )
    result = extract_order(text, filename="order.txt", today=TODAY)
    assert result.order.shipping_method is None
    (line,) = result.order.line_items
    assert line.amount == Decimal("6000.00")  # as printed; the arithmetic check reports the difference
    assert ("amounts.line_mismatch", "line_items[0].amount") in {(f.code, f.field) for f in result.findings}


def test_a_sea_rule_does_not_override_a_stated_mode() -> None:
    text = _text_order(["please send 10 sets of TB-100 at USD 5.00/set"], "FOB Ningbo by air freight")
    result = extract_order(text, filename="order.txt", today=TODAY)
    assert result.order.shipping_method == "air"
    assert any(f.code == "incoterms.sea_rule_non_sea_transport" for f in result.findings)


def test_the_named_place_of_a_sea_rule_is_its_port_unless_a_port_is_printed() -> None:
    order_lines = ["please send 10 sets of TB-100 at USD 5.00/set"]
    result = extract_order(_text_order(order_lines, "Incoterms: CIF Hamburg"), filename="order.txt", today=TODAY)
    assert (result.order.port_of_loading, result.order.port_of_discharge) == (None, "Hamburg")
    assert result.evidence["port_of_discharge"].text == "derived: the named place of CIF is the port of destination"
    result = extract_order(_text_order(order_lines, "Incoterms: FOB Shenzhen"), filename="order.txt", today=TODAY)
    assert (result.order.port_of_loading, result.order.port_of_discharge) == ("Shenzhen", None)
    terms = "Incoterms: FOB Shenzhen\nPort of loading: Yantian"
    result = extract_order(_text_order(order_lines, terms), filename="order.txt", today=TODAY)
    assert result.order.port_of_loading == "Yantian"
    for rule in ("FCA Shenzhen", "FOB Shenzhen by air freight"):  # not a sea rule; a sea rule used for air
        result = extract_order(_text_order(order_lines, rule), filename="order.txt", today=TODAY)
        assert result.order.port_of_loading is None


def test_a_delivery_address_without_a_name_is_the_buyers_own_place() -> None:
    terms = "Incoterms: FOB Ningbo\nThe goods go to our warehouse at Hafenstrasse 15, 28217 Bremen, please mark it so."
    text = _text_order(["please send 10 sets of TB-100 at USD 5.00/set"], terms)
    result = extract_order(text, filename="order.txt", today=TODAY)
    ship, buyer = result.order.ship_to, result.order.buyer
    assert ship.address == "Hafenstrasse 15, 28217 Bremen"
    assert (ship.name, ship.country) == (buyer.name, buyer.country)
    assert buyer.name is not None
    assert result.evidence["ship_to.name"].text == "derived: a delivery address without a name is the buyer's own place"
