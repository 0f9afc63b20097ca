"""Plain-text orders written as a letter (items as a numbered list) or pasted from a spreadsheet (tabs)."""

from __future__ import annotations

from generator.content import PartyBlock, PrintedOrder
from generator.layout import Layout
from generator.text_wrap import wrap

WIDTH = 78


def _block(block: PartyBlock | None, colon: str) -> list[str]:
    if block is None:
        return []
    heading = [f"{block.heading}{colon}"] if block.heading else []
    return heading + block.lines + [""]


def _labelled(label: str, value: str, colon: str) -> list[str]:
    first, *more = value.split("\n")
    return [f"{label}{colon} {first}", *("    " + line for line in more)]


def _item_lines(doc: PrintedOrder) -> list[str]:
    roles = [role for role, _ in doc.columns]
    lines = []
    for number, row in enumerate(doc.rows, start=1):
        values = dict(zip(roles, row, strict=True))
        prefix = f"{values['line_no']}." if values.get("line_no") else f"{number})"
        lines += wrap(f"{prefix} {values['description']}", WIDTH)
        details = [
            f"{title}{doc.colon} {values[role]}"
            for role, title in doc.columns
            if role not in ("line_no", "description") and values[role]
        ]
        lines.append("    " + " | ".join(details))
    return lines


def letter_lines(doc: PrintedOrder, layout: Layout) -> list[str]:
    """A typed letter: sender, addressee, reference fields, greeting, numbered items, totals, terms, closing."""
    lines = [*list(doc.letterhead.lines), ""]
    lines += _block(doc.addressee, doc.colon)
    lines += [doc.title, ""]
    for item in doc.header:
        lines += _labelled(item.label, item.value, doc.colon)
    lines.append("")
    lines += _block(doc.ship_to, doc.colon)
    lines += [text for text in (doc.greeting, "", doc.intro, "") if text is not None]
    lines += [*_item_lines(doc), ""]
    lines += [f"{label}{doc.colon} {value}" for label, value in doc.totals]
    if doc.amount_in_words:
        lines.append(doc.amount_in_words)
    lines.append("")
    if doc.prose or doc.terms:
        lines += [f"{doc.terms_heading}{doc.colon}"]
    for paragraph in doc.prose:
        lines += wrap(paragraph, WIDTH)
    for item in doc.terms:
        lines += _labelled(item.label, item.value, doc.colon)
    return [*lines, "", *doc.closing, "", "--", *doc.footer]


def tabbed_lines(doc: PrintedOrder) -> list[str]:
    """Fields as "Label:<TAB>value", the table as tab-separated rows, as pasted from a spreadsheet."""
    lines = [*list(doc.letterhead.lines), "", doc.title, ""]
    for item in doc.header:
        first, *more = item.value.split("\n")
        lines.append(f"{item.label}{doc.colon}\t{first}")
        lines += ["\t" + line for line in more]
    lines.append("")
    for block in (doc.addressee, doc.ship_to):
        lines += _block(block, doc.colon)
    lines.append("\t".join(title for _, title in doc.columns))
    lines += ["\t".join(row) for row in doc.rows]
    amount_index = [role for role, _ in doc.columns].index("amount")
    for label, value in doc.totals:
        lines.append("\t" * (amount_index - 1) + f"{label}\t{value}")
    lines.append("")
    for paragraph in doc.prose:
        lines.append(paragraph)
    for item in doc.terms:
        first, *more = item.value.split("\n")
        lines.append(f"{item.label}{doc.colon}\t{first}")
        lines += ["\t" + line for line in more]
    return [*lines, "", *doc.closing, "", *doc.footer]
