"""A delivery address written in a sentence about the buyer's own premises."""

from __future__ import annotations

import pytest

from extractors.fields import extract_fields
from extractors.fields.delivery_prose import address_after

HEAD = [
    (40, [(40, "Harrow & Finch Lighting Ltd")]),
    (52, [(40, "Unit 9, Enterprise Way, Leicester LE4 1BX, United Kingdom")]),
    (80, [(380, "Purchase Order PO-7731")]),
    (150, [(40, "Item"), (80, "Description"), (300, "Qty"), (360, "Unit Price"), (450, "Amount")]),
    (164, [(40, "1"), (80, "Door mat"), (300, "5"), (360, "2.00"), (450, "10.00")]),
]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (" at Plot 4, Magna Park, Lutterworth LE17 4XH, so please show it",
         ["Plot 4", "Magna Park", "Lutterworth LE17 4XH"]),
        (" in der Hafenstraße 15, 28217 Bremen gebracht. Bitte", ["Hafenstraße 15", "28217 Bremen"]),
        (" : ZI des Bruyères, 12 allée des Cèdres, 38070 Saint-Quentin-Fallavier. Merci",
         ["ZI des Bruyères", "12 allée des Cèdres", "38070 Saint-Quentin-Fallavier"]),
        (" na Av. Industrial, 2200 – Galpão 3, 09080-500 Santo André – SP. Por favor",
         ["Av. Industrial", "2200 – Galpão 3", "09080-500 Santo André – SP"]),
        (": Bodega 5, Carr. León-Silao km 4.5, C.P. 36810, Irapuato, Gto.",
         ["Bodega 5", "Carr. León-Silao km 4.5", "C.P. 36810", "Irapuato", "Gto."]),
        (" di Via dell'Artigianato 7, 20851 Lissone (MB): Vi preghiamo",
         ["Via dell'Artigianato 7", "20851 Lissone (MB)"]),
        (" in Hamburg. Bitte liefern Sie bis 12345 Berlin", None),  # the postcode is in the next sentence
        (" is full, so please hold the goods until May", None),  # no address at all
    ],
)  # fmt: skip
def test_address_after_the_cue(text: str, parts: list[str] | None) -> None:
    assert address_after(text) == parts


def test_our_warehouse_in_a_sentence_is_the_ship_to(make_doc) -> None:
    sentence = [
        (240, [(40, "After arrival our haulier takes the container to our distribution centre at Plot 4,")]),
        (252, [(40, "Magna Park, Lutterworth LE17 4XH, so please show that address on the packing list.")]),
    ]
    order, evidence, _ = extract_fields(make_doc([*HEAD, *sentence]), "en")
    assert (order.ship_to.name, order.ship_to.address) == (None, "Plot 4, Magna Park, Lutterworth LE17 4XH")
    assert evidence["ship_to.address"].page == 1


def test_a_named_place_before_the_address_is_the_ship_to_name(make_doc) -> None:
    sentence = [(240, [(40, "Deliver to our DC: Harrow Logistics DC, Unit 3, 27 Curtin Avenue, Eagle Farm QLD 4009.")])]
    order, _, _ = extract_fields(make_doc([*HEAD, *sentence]), "en")
    assert (order.ship_to.name, order.ship_to.address) == (
        "Harrow Logistics DC",
        "Unit 3, 27 Curtin Avenue, Eagle Farm QLD 4009",
    )
    assert order.ship_to.country == "AU"


def test_a_supplier_s_warehouse_is_no_ship_to(make_doc) -> None:
    sentence = [(240, [(40, "Goods are stored in your warehouse at 18 Xingye Road, 315800 Ningbo until shipment.")])]
    order, _, _ = extract_fields(make_doc([*HEAD, *sentence]), "en")
    assert order.ship_to.address is None
