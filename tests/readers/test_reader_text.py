from __future__ import annotations

import pytest

from extractors.readers.text import HtmlReader, TextReader, decode_text, html_to_lines, read_html, read_text
from models.errors import InputTooLargeError
from models.options import ExtractOptions, Limits
from models.pages import Page

ORDER_TEXT = "Bestellung Nr. 4711\nMenge:\t5 Stück à 12,50 €\n\nPos  Artikel      Menge\n1    Schraube M8  500"

ORDER_HTML = """<!DOCTYPE html><html><head><title>Order</title><style>td { color: red }</style>
<script>document.write("Order No. 9999")</script></head>
<body><p>Dear&nbsp;Sir, please supply:<br>PO&nbsp;4711 &amp; PO 4712</p>
<table>
  <tr><th>Item</th><th>Qty</th><th>Price</th></tr>
  <tr><td>LED panel<br>600x600</td><td>500</td><td>12.50</td></tr>
  <tr><td colspan="2">Total</td><td>6250.00</td></tr>
</table>
<div>Regards</div><ul><li>FOB Ningbo</li><li>30% deposit</ul>
</body></html>"""


def _lines(page: Page) -> list[str]:
    lines: dict[float, list[str]] = {}
    for word in page.words:
        lines.setdefault(word.top, []).append(word.text)
    return [" ".join(words) for _, words in sorted(lines.items())]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8", "utf-8-sig", "utf-16-le"])
def test_text_in_any_encoding(encoding: str, options: ExtractOptions) -> None:
    doc = TextReader().read(ORDER_TEXT.encode(encoding), "order.txt", options)
    assert doc.kind == "text" and doc.media_type == "text/plain"
    assert _lines(doc.pages[0])[:2] == ["Bestellung Nr. 4711", "Menge: 5 Stück à 12,50 €"]


def test_text_layout_keeps_character_columns_and_big_gaps(options: ExtractOptions) -> None:
    page = read_text(ORDER_TEXT, "order.txt", options).pages[0]
    words = {w.text: w for w in page.words}
    assert (words["Bestellung"].x0, words["Bestellung"].top, words["Bestellung"].x1) == (0.0, 0.0, 60.0)
    assert words["Menge:"].top == 12.0 and words["Pos"].top == 36.0  # the blank line is kept as a gap
    assert words["5"].x0 - words["Menge:"].x1 >= 60  # tab
    assert words["Artikel"].x0 == 5 * 6 and words["500"].x0 == words["Menge"].x0  # spaces keep columns


def test_form_feed_starts_a_page(options: ExtractOptions) -> None:
    doc = read_text("page one\fpage two", "x.txt", options)
    assert [_lines(page) for page in doc.pages] == [["page one"], ["page two"]]


def test_text_limit(options: ExtractOptions) -> None:
    with pytest.raises(InputTooLargeError):
        read_text("x" * 101, "x.txt", ExtractOptions(limits=Limits(max_text_chars=100)))


def test_html_visible_text_lines_and_table(options: ExtractOptions) -> None:
    doc = HtmlReader().read(ORDER_HTML.encode(), "order.html", options)
    assert doc.media_type == "text/html"
    lines = _lines(doc.pages[0])
    assert lines[:2] == ["Dear Sir, please supply:", "PO 4711 & PO 4712"]
    assert not any("9999" in line or "color" in line or line == "Order" for line in lines)
    assert lines[-3:] == ["Regards", "FOB Ningbo", "30% deposit"]
    (table,) = doc.pages[0].tables
    assert table.source == "html"
    assert [[c.text if c else None for c in row] for row in table.rows] == [
        ["Item", "Qty", "Price"],
        ["LED panel\n600x600", "500", "12.50"],
        ["Total", None, "6250.00"],
    ]
    words = {w.text: w for w in doc.pages[0].words}
    assert words["Qty"].x0 - words["Item"].x1 >= 24 and words["500"].x0 == words["Qty"].x0
    assert words["600x600"].top == words["LED"].top + 12


def test_html_to_lines_for_mail_bodies() -> None:
    lines = html_to_lines(ORDER_HTML)
    assert "Item\tQty\tPrice" in lines and "LED panel 600x600\t500\t12.50" in lines
    assert lines[0] == "Dear Sir, please supply:"


def test_html_layout_tables_are_unwrapped_and_broken_markup_survives(options: ExtractOptions) -> None:
    html = "<table><tr><td><table><tr><td>Qty<td>5<tr><td>Price<td>2.00</table><p>Thanks<td>"
    doc = read_html(html, "x.html", options)
    assert _lines(doc.pages[0]) == ["Qty 5", "Price 2.00", "Thanks"]
    assert [[c.text for c in row if c] for row in doc.pages[0].tables[0].rows] == [["Qty", "5"], ["Price", "2.00"]]


def test_declared_html_charset_is_honoured() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body>Заказ</body></html>'.encode("cp1251")
    assert "Заказ" in decode_text(html, html=True)


@pytest.mark.parametrize(("name", "delimiter"), [("order.csv", ";"), ("order.csv", ","), ("order.tsv", "\t")])
def test_delimited_files_become_tables(name: str, delimiter: str, options: ExtractOptions) -> None:
    rows = [["SKU", "Description", "Qty", "Price"], ["A-1", "Bolt, M8 zinc", "500", "0.12"], ["B-2", "", "10", "3.5"]]
    text = "\n".join(delimiter.join(f'"{v}"' if delimiter in v else v for v in row) for row in rows)
    doc = TextReader().read(text.encode("cp1252"), name, options)
    (table,) = doc.pages[0].tables
    assert table.source == "csv"
    assert [[c.text if c else "" for c in row] for row in table.rows] == rows
    words = {w.text: w for w in doc.pages[0].words}
    assert words["500"].x0 == words["Qty"].x0 and words["Qty"].x0 - words["Description"].x1 >= 24


def test_csv_content_under_another_name_stays_text(options: ExtractOptions) -> None:
    doc = TextReader().read(b"SKU;Qty\nA-1;500", "order.txt", options)
    assert doc.pages[0].tables == [] and [w.text for w in doc.pages[0].words] == ["SKU;Qty", "A-1;500"]


def test_wide_characters_take_two_columns_like_in_a_fixed_width_file(options: ExtractOptions) -> None:
    text = "致：          收货地址：\n绍兴柯桥纺织  上海华东仓库\nABCDEFGHIJKL  Hamburg"
    page = read_text(text, "po.txt", options).pages[0]
    words = {w.text: w for w in page.words}
    assert words["收货地址："].x0 == words["上海华东仓库"].x0 == words["Hamburg"].x0 == 14 * 6
    assert words["绍兴柯桥纺织"].x1 == 12 * 6


def test_ruled_lines_are_drawn_not_written(options: ExtractOptions) -> None:
    text = "Item        Qty\n+------+-----+\n===========\nBolt M8     500\n─────────\n-- \nJane"
    page = read_text(text, "po.txt", options).pages[0]
    assert _lines(page) == ["Item Qty", "Bolt M8 500", "--", "Jane"]
    assert {w.text: w for w in page.words}["Bolt"].top == 36.0  # the rules stay as empty lines


@pytest.mark.timeout(10)
def test_column_underlines_with_a_short_run_are_a_rule_read_at_once(options: ExtractOptions) -> None:
    # Runs of dashes under each column, the last ones two long: the former pattern could split every run in
    # many ways and backtracked for minutes before it failed on the short run.
    underline = "--- ------------ " + "-" * 47 + " ------ -- -------- -----------"
    text = f"Pos Artikelnr.   Omschrijving\n{underline}\n10  TP-2201       Tuinslang 25 m"
    page = read_text(text, "po.txt", options).pages[0]
    assert _lines(page) == ["Pos Artikelnr. Omschrijving", "10 TP-2201 Tuinslang 25 m"]


TABBED = (
    "Order 5521\n"
    "Pos\tCode\tDescription\tQty\tPrice\n"
    "1\tKX-1\tHinge, steel, 80 mm long, zinc plated\t250\t0.45\n"
    "2\tKX-22\tLatch\t1,000\t0.12\n"
    "\t\t\tTotal\t232.50\n"
    "Payment: 30 days net"
)


def test_tab_separated_lines_become_a_table(options: ExtractOptions) -> None:
    page = read_text(TABBED, "po.txt", options).pages[0]
    (table,) = page.tables
    assert table.source == "text"
    assert [[c.text if c else "" for c in row] for row in table.rows][2] == ["2", "KX-22", "Latch", "1,000", "0.12"]
    words = {w.text: w for w in page.words}
    assert words["Qty"].x0 == words["250"].x0 == words["1,000"].x0 == words["Total"].x0
    assert words["Order"].top == 0.0 and words["Payment:"].top > words["Total"].top


def test_tabbed_labels_with_one_value_stay_lines(options: ExtractOptions) -> None:
    page = read_text("Date:\t\t2026-01-02\nBuyer:\t\tJ. Doe\nPhone:\t\t+1 555 0100", "po.txt", options).pages[0]
    assert page.tables == [] and _lines(page) == ["Date: 2026-01-02", "Buyer: J. Doe", "Phone: +1 555 0100"]


def test_tab_separated_order_lines_are_read_as_items() -> None:
    from extractors import extract_order

    result = extract_order(TABBED.encode(), filename="po.txt")
    items = [(i.sku, i.description, str(i.quantity), str(i.unit_price)) for i in result.order.line_items]
    assert items == [
        ("KX-1", "Hinge, steel, 80 mm long, zinc plated", "250", "0.45"),
        ("KX-22", "Latch", "1000", "0.12"),
    ]


def test_rows_separated_by_pipes_that_do_not_line_up_become_a_table(options: ExtractOptions) -> None:
    text = (
        "Order: OC-4471 | Date: 28/04/2026\n"
        "Line | Code | Description | Qty | Unit price USD\n"
        '1 | LV-MH-1215 | Reinforced hose 1/2" x 15 m | 2,400 | 3.85\n'
        "2 | LV-PI-8F | Spray gun, 8 patterns | 3,000 | 1.42\n"
    )
    page = read_text(text, "mail.txt", options).pages[0]
    (table,) = page.tables
    assert [[c.text if c else "" for c in row] for row in table.rows][2] == [
        "2", "LV-PI-8F", "Spray gun, 8 patterns", "3,000", "1.42",
    ]  # fmt: skip
    assert _lines(page)[0] == "Order: OC-4471 | Date: 28/04/2026"  # one line with pipes stays a line


def test_a_value_overflowing_its_fixed_width_column_is_cut_from_the_next(options: ExtractOptions) -> None:
    rows = [("Seller", "Ship to"), ("Qingdao Harbour Hardware Co", "Dockside 12"), ("Shandong 266000", "3000 Bruges")]
    text = "\n".join(f"{left:<25}{right}" for left, right in rows)
    assert "CoDockside" in text
    page = read_text(text, "po.txt", options).pages[0]
    words = {w.text: w for w in page.words}
    assert "Dockside" in words and words["Co"].x1 < words["Dockside"].x0 - 6
    assert _lines(page)[1] == "Qingdao Harbour Hardware Co Dockside 12"
    camel = read_text("Product      Remark\nThe iPhone cover fits\nCase         none", "po.txt", options).pages[0]
    assert "iPhone" in [w.text for w in camel.words]


FRAMED = """Order No.: 88-1207
+-----+------------+-------------------------------+-------+------+------------+
| Pos | Item No.   | Description                   | Qty   | Unit | Unit Price |
+-----+------------+-------------------------------+-------+------+------------+
| 1   | NT-HAM-500 | Claw hammer 500 g, fibreglass | 1,200 | pcs  | 3.45       |
| 2   | NT-SD-6    | Screwdriver set, 6 pieces     | 800   | sets | 2.10       |
+-----+------------+-------------------------------+-------+------+------------+
Code : NT-1 | Qty : 5 | Price : 2.00
"""


def test_the_frame_of_a_fixed_width_table_is_drawn_not_written(options: ExtractOptions) -> None:
    page = read_text(FRAMED, "po.txt", options).pages[0]
    last = max(w.top for w in page.words)
    assert "|" not in [w.text for w in page.words if w.top < last]
    words = {w.text: w for w in reversed(page.words)}
    assert words["Qty"].x0 == words["1,200"].x0 == words["800"].x0
    assert _lines(page)[-1] == "Code : NT-1 | Qty : 5 | Price : 2.00"  # one line with separators is no table


def test_framed_table_lines_are_read_as_items() -> None:
    from extractors import extract_order

    items = extract_order(FRAMED.encode(), filename="po.txt").order.line_items
    assert [(i.sku, i.description, str(i.quantity), i.unit, str(i.unit_price)) for i in items] == [
        ("NT-HAM-500", "Claw hammer 500 g, fibreglass", "1200", "PCE", "3.45"),
        ("NT-SD-6", "Screwdriver set, 6 pieces", "800", "SET", "2.10"),
    ]
