"""Document type from titles: a reference to the supplier's quotation is no quotation title."""

from __future__ import annotations

import pytest

from extractors.classify import classify
from extractors.layout import build_layout


@pytest.mark.parametrize(
    ("grid_label", "title", "expected"),
    [
        ("Ihr Angebot", "Bestellung 4500038172", "purchase_order"),
        ("Your Quotation", "PURCHASE ORDER", "purchase_order"),
        ("Lieferanten-Nr.", "Angebot 2026-114", "quotation"),
    ],
)
def test_a_reference_label_in_the_header_grid_is_no_title(make_doc, grid_label, title, expected) -> None:
    page = [
        (40, [(40, "Hofmann Haustechnik GmbH")]),
        (100, [(40, "Zhejiang Tianyu Valve Co., Ltd."), (380, "Bestelldatum"), (470, "12.03.2026")]),
        (114, [(380, grid_label), (470, "TY-Q-260219")]),
        (300, [(40, title)]),
    ]
    doc = make_doc(page)
    assert classify(doc, build_layout(doc)) == expected
