"""Values that follow from what the document states, filled where the document leaves them out.

Two derivations, each only where the field is empty and each with evidence that says it was derived (lower
confidence than the values it comes from, the source text names the rule):

- a line's amount is its quantity times its unit price when no amount is printed (orders written in e-mails
  rarely print one, yet the confirmation and the total check need it);
- the shipping method is `sea` when the Incoterms rule is one for sea and inland waterway transport only
  (FAS, FOB, CFR, CIF) and the document names no mode of transport;
- a delivery address printed without a name is the buyer's own place: the buyer's name (and country);
- the port of loading is the named place of FAS and FOB (the port of shipment), the port of discharge that of
  CFR and CIF (the port of destination), when the document names no such port and ships by sea.

A printed value is never replaced: a printed amount that disagrees with quantity x price stays and the
arithmetic check reports it.
"""

from __future__ import annotations

from models.result import Evidence, ExtractionResult

DERIVED_FACTOR = 0.9
"""A derived value is a little less sure than the values it is computed from."""


def derive_values(result: ExtractionResult) -> None:
    """Fill derivable empty fields of the result's order in place, with evidence."""
    _line_amounts(result)
    _sea_transport(result)
    _rule_port(result)
    _own_delivery_place(result)


def _line_amounts(result: ExtractionResult) -> None:
    for i, line in enumerate(result.order.line_items):
        if line.amount is not None or line.quantity is None or line.unit_price is None:
            continue
        line.amount = line.quantity * line.unit_price
        sources = [result.evidence.get(f"line_items[{i}].{name}") for name in ("quantity", "unit_price")]
        text = f"computed: {line.quantity} x {line.unit_price}"
        result.evidence[f"line_items[{i}].amount"] = _derived([e for e in sources if e is not None], text)


def _sea_transport(result: ExtractionResult) -> None:
    from validators.incoterms_rules import rule_info

    order = result.order
    info = rule_info(order.incoterms.rule)
    if order.shipping_method is not None or info is None or info.transport != "sea":
        return
    order.shipping_method = "sea"
    source = result.evidence.get("incoterms.rule")
    text = f"derived: {order.incoterms.rule} is a rule for sea and inland waterway transport only"
    result.evidence["shipping_method"] = _derived([source] if source else [], text)


RULE_PORTS = {
    "FAS": "port_of_loading",
    "FOB": "port_of_loading",
    "CFR": "port_of_discharge",
    "CIF": "port_of_discharge",
}
"""The port a sea rule's named place is: shipment for the F rules, destination for the C rules (Incoterms 2020)."""


def _rule_port(result: ExtractionResult) -> None:
    order = result.order
    field = RULE_PORTS.get(order.incoterms.rule or "")
    if field is None or not order.incoterms.place or order.shipping_method not in (None, "sea"):
        return
    if getattr(order, field) is not None:
        return
    setattr(order, field, order.incoterms.place)
    source = result.evidence.get("incoterms.place")
    side = "shipment" if field == "port_of_loading" else "destination"
    text = f"derived: the named place of {order.incoterms.rule} is the port of {side}"
    result.evidence[field] = _derived([source] if source else [], text)


def _own_delivery_place(result: ExtractionResult) -> None:
    """Name a delivery address printed without a name after the buyer ("our warehouse at …").

    The country is the buyer's too when the address names none.
    """
    order = result.order
    ship, buyer = order.ship_to, order.buyer
    if ship.address is None or ship.name is not None or buyer.name is None:
        return
    ship.name = buyer.name
    source = result.evidence.get("ship_to.address")
    text = "derived: a delivery address without a name is the buyer's own place"
    result.evidence["ship_to.name"] = _derived([source] if source else [], text)
    if ship.country is None and buyer.country is not None:
        ship.country = buyer.country
        result.evidence["ship_to.country"] = _derived([source] if source else [], text)


def _derived(sources: list[Evidence], text: str) -> Evidence:
    """Evidence of a derived value: where its last source was read, a little less sure than the least sure."""
    anchor = sources[-1] if sources else None
    return Evidence(
        confidence=round(min((e.confidence for e in sources), default=0.8) * DERIVED_FACTOR, 3),
        page=anchor.page if anchor else None,
        bbox=anchor.bbox if anchor else None,
        text=text,
        part=anchor.part if anchor else None,
    )
