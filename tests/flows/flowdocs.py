"""Order files for the flow tests (plain text, so they are cheap to read)."""

from __future__ import annotations

ORDER_TEXT = """PURCHASE ORDER

Hansen Maschinenbau GmbH
Industriestrasse 12, 70565 Stuttgart, Germany

To: Ningbo Sunrise Industrial Co., Ltd.

PO Number: {number}
Order Date: 2026-03-14
Currency: EUR
{terms}
Item  SKU          Description                  Qty   Unit  Unit Price  Amount
1     LED-PNL-6060 LED panel light 600x600 40W  500   PCS   12.50       6250.00

Total: 6250.00
"""
FULL_TERMS = """Incoterms: FOB Ningbo
Payment terms: 30% T/T deposit, balance before shipment
Delivery date: 2026-05-15
"""


def order_text(number: str, *, complete: bool = True) -> str:
    """A plain-text purchase order; without terms (no Incoterms, payment, delivery date) it needs review."""
    return ORDER_TEXT.format(number=number, terms=FULL_TERMS if complete else "")
