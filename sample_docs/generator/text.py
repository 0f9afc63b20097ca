"""Plain-text renderer: fixed-width ERP printouts, letter-style orders and tab-separated pastes.

Variants (layout.variant): "fixed_width" (default), "letter", "tabbed". Encoding and line ending come from
the layout (some customers still send cp1252 or GB18030 files with CRLF).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.content import PartyBlock, PrintedOrder, build_printed
from generator.formats import format_number
from generator.layout import Layout
from generator.model import OrderSpec
from generator.text_letter import letter_lines, tabbed_lines
from generator.text_wrap import display_width, pad, wrap

WIDTH = 100
NUMERIC = {"quantity", "unit_price", "amount"}
MIN_WIDTHS = {"line_no": 4, "unit": 5, "quantity": 7, "unit_price": 10, "amount": 12, "delivery_date": 10}


def render_text(spec: OrderSpec, path: Path, layout: Layout) -> None:
    """Render a spec as a plain-text file.

    Args:
        spec: What the document says.
        path: Output file.
        layout: How it is laid out (variant, encoding, line ending).
    """
    doc = build_printed(spec, layout)
    if layout.variant == "letter":
        lines = letter_lines(doc, layout)
    elif layout.variant == "tabbed":
        lines = tabbed_lines(doc)
    else:
        lines = fixed_width_lines(doc, spec, layout)
    text = layout.line_ending.join(line.rstrip() for line in lines) + layout.line_ending
    path.write_bytes(text.encode(layout.encoding))


def _letterhead(doc: PrintedOrder, layout: Layout) -> list[str]:
    name, *rest = doc.letterhead.lines
    title = doc.title.upper()
    if layout.letterhead == "right":
        return [pad(title, WIDTH - display_width(name)) + name] + [pad(line, WIDTH, right=True) for line in rest]
    return [pad(name.upper(), WIDTH - display_width(title)) + title, *rest]


def _fields(doc: PrintedOrder) -> list[str]:
    label_width = max(display_width(item.label) for item in doc.header) + 1
    lines = []
    for item in doc.header:
        first, *more = item.value.split("\n")
        lines.append(f"{pad(item.label, label_width)}{doc.colon} {first}")
        lines.extend(" " * (label_width + 2) + extra for extra in more)
    return lines


def _side_by_side(left: PartyBlock, right: PartyBlock | None, colon: str) -> list[str]:
    half = WIDTH // 2
    left_lines = [f"{left.heading}{colon}", *left.lines]
    right_lines = [f"{right.heading}{colon}", *right.lines] if right else []
    rows = max(len(left_lines), len(right_lines))
    left_lines += [""] * (rows - len(left_lines))
    right_lines += [""] * (rows - len(right_lines))
    return [pad(a, half) + b for a, b in zip(left_lines, right_lines, strict=True)]


def _column_widths(doc: PrintedOrder) -> list[int]:
    widths = []
    for index, (role, title) in enumerate(doc.columns):
        if role == "description":
            widths.append(0)
            continue
        widest = max([display_width(row[index]) for row in doc.rows] + [display_width(title)])
        widths.append(max(widest, MIN_WIDTHS.get(role, 0)))
    spare = WIDTH - sum(widths) - (len(widths) - 1)
    return [max(spare, 24) if w == 0 else w for w in widths]


def _table_row(cells: list[str], roles: list[str], widths: list[int]) -> list[str]:
    wrapped = [
        wrap(text, width) if role == "description" else [text]
        for text, role, width in zip(cells, roles, widths, strict=True)
    ]
    height = max(len(parts) for parts in wrapped)
    lines = []
    for number in range(height):
        parts = [
            pad(part[number] if number < len(part) else "", width, right=role in NUMERIC)
            for part, role, width in zip(wrapped, roles, widths, strict=True)
        ]
        lines.append(" ".join(parts))
    return lines


def fixed_width_lines(doc: PrintedOrder, spec: OrderSpec, layout: Layout) -> list[str]:
    """An ERP print run: letterhead, fields, parties, ruled table (form feed between pages), totals, terms."""
    roles = [role for role, _ in doc.columns]
    widths = _column_widths(doc)
    total_width = sum(widths) + len(widths) - 1
    head = [" ".join(pad(t, w, right=r in NUMERIC) for (r, t), w in zip(doc.columns, widths, strict=True))]
    head += ["-" * total_width]
    lines = [*_letterhead(doc, layout), "=" * WIDTH, *_fields(doc), ""]
    lines += [*_side_by_side(doc.addressee, doc.ship_to, doc.colon), "", "-" * total_width, *head]
    amount_index = roles.index("amount") if "amount" in roles else len(roles) - 1
    amount_at = sum(widths[:amount_index]) + amount_index
    amount_width = widths[amount_index]
    for index, row in enumerate(doc.rows):
        if index and index == layout.max_rows_first_page:
            running = format_number(
                sum((line.amount for line in spec.lines[:index]), Decimal("0.00")), spec.locale.number_style
            )
            lines += _page_break(doc, layout, head, (amount_at, amount_width), running)
        lines += _table_row(row, roles, widths)
    lines.append("-" * total_width)
    for label, value in doc.totals:
        lines.append(pad(label, amount_at - 1, right=True) + " " + pad(value, amount_width, right=True))
    if doc.amount_in_words:
        lines.append(doc.amount_in_words)
    lines += _terms_lines(doc)
    lines += ["", *doc.closing, "", *doc.footer]
    if layout.max_rows_first_page:
        lines.append(doc.page_template.format(n=2, m=2).rjust(WIDTH))
    return lines


def _page_break(
    doc: PrintedOrder, layout: Layout, head: list[str], amount_column: tuple[int, int], running: str
) -> list[str]:
    at, width = amount_column
    lines: list[str] = []
    if layout.carried_forward:
        lines.append(pad(doc.carried_label, at - 1, right=True) + " " + pad(running, width, right=True))
    lines += [doc.page_template.format(n=1, m=2).rjust(WIDTH), "\f" + doc.letterhead.lines[0] + " - " + doc.title]
    if layout.repeat_header:
        lines += ["-" * len(head[1]), *head]
    if layout.carried_forward:
        lines.append(pad(doc.brought_label, at - 1, right=True) + " " + pad(running, width, right=True))
    return lines


def _terms_lines(doc: PrintedOrder) -> list[str]:
    if not doc.terms and not doc.prose:
        return []
    lines = ["", doc.terms_heading.upper(), ""]
    for paragraph in doc.prose:
        lines += wrap(paragraph, WIDTH)
    label_width = max((display_width(item.label) for item in doc.terms), default=0) + 1
    for item in doc.terms:
        value_lines = [part for line in item.value.split("\n") for part in wrap(line, WIDTH - label_width - 2)]
        lines.append(f"{pad(item.label, label_width)}{doc.colon} {value_lines[0]}")
        lines += [" " * (label_width + 2) + more for more in value_lines[1:]]
    return lines
