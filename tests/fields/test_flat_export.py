"""A flat ERP export (one row per item repeating the order's header values) with the header on a second sheet."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from extractors import extract_order

HEADER = [
    "Einkaufsbeleg", "Pos.", "Belegdatum", "Lieferant", "Name des Lieferanten", "Material", "Lief.-Mat.-Nr.",
    "Kurztext", "Bestellmenge", "BME", "Nettopreis", "pro", "Nettowert", "Währg", "Lieferdatum", "Werk", "Inco1",
    "Inco2", "ZBed", "Versandart", "EKG",
]  # fmt: skip
ITEMS = [
    ("10", "100045871", "YH-TV15E", "Thermostatventil-Unterteil DN15 Eck", 3000, "ST", 3.42, 10260),
    ("20", "100046010", "YH-HB50S", "Heizkörper-Anschlussgarnitur H-Block", 800, "SET", 9.65, 7720),
    ("30", "100046233", "YH-FD12E", "Flachdichtung 1/2 Zoll EPDM 100 Stk/Karton", 60, "KAR", 11.40, 684),
]


def _export() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ME2L"
    sheet.append(["Bestellungen zum Lieferanten – Export aus SAP ERP (ME2L)"])
    sheet.append([])
    sheet.append(HEADER)
    for pos, material, sku, text, qty, unit, price, value in ITEMS:
        head = ["4500092211", pos, "2026-03-26", "300417", "Hongda Valve Co., Ltd.", material, sku, text, qty, unit]
        sheet.append([*head, price, 1, value, "EUR", "2026-05-29", "1000", "FCA", "Yiwu", "Z030", "Bahn", "E12"])
    sheet.append([*[""] * 11, "Σ", 18664, "EUR"])
    head = book.create_sheet("Kopfdaten")
    for row in [
        ("Besteller", "Alpentherm Heiztechnik GmbH"),
        ("Anschrift", "Gewerbepark Nord 7, 4600 Wels, Österreich"),
        (None, None),
        ("Lieferanschrift (Werk 1000)", "Alpentherm Heiztechnik GmbH - Zentrallager, Logistikstraße 3, 4614 Enns"),
        ("Incoterms", "FCA Yiwu Railway Terminal (Incoterms 2020)"),
    ]:
        head.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_flat_export_rows_are_the_items_and_its_header_sheet_the_parties() -> None:
    order = extract_order(_export(), filename="me2l.xlsx").order
    assert order.order_number == "4500092211"
    assert [(i.line_no, i.sku, i.quantity, i.unit, i.unit_price) for i in order.line_items] == [
        (10, "YH-TV15E", Decimal(3000), "PCE", Decimal("3.42")),
        (20, "YH-HB50S", Decimal(800), "SET", Decimal("9.65")),
        (30, "YH-FD12E", Decimal(60), "CT", Decimal("11.40")),
    ]
    assert order.total_amount == Decimal("18664")
    assert order.ship_to.address is not None and "4614 Enns" in order.ship_to.address
