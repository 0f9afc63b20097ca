"""DOCX renderer (python-docx): Word order forms with the letterhead in the page header or the body."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell

from generator.content import LabelledValue, PartyBlock, PrintedOrder, build_printed
from generator.layout import Layout
from generator.model import OrderSpec
from generator.office_xml import (
    add_page_field,
    fix_core_properties,
    normalize_zip,
    repeat_as_header,
    set_borders,
    set_east_asian_font,
    shade,
)
from generator.pdf_table import BASE_WIDTHS

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
NUMERIC = {"quantity", "unit_price", "amount"}


def render_docx(spec: OrderSpec, path: Path, layout: Layout) -> None:
    """Render a spec as a Word document.

    Args:
        spec: What the document says.
        path: Output file.
        layout: How it is laid out (variant "header_part" puts the letterhead into the page header).
    """
    doc = build_printed(spec, layout)
    word = Document()
    _page_setup(word, doc, layout)
    _letterhead(word, doc, layout)
    _title(word, doc, layout)
    _header_fields(word, doc, layout)
    _parties(word, doc, layout)
    if layout.letter:
        for text in (doc.greeting, doc.intro):
            if text:
                word.add_paragraph(text)
    _line_table(word, doc, layout)
    if doc.amount_in_words:
        word.add_paragraph(doc.amount_in_words)
    _terms(word, doc, layout)
    for text in doc.closing:
        word.add_paragraph(text)
    fix_core_properties(word, doc.title, doc.letterhead.lines[0])
    word.save(str(path))
    normalize_zip(path)


def _page_setup(word: DocxDocument, doc: PrintedOrder, layout: Layout) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = (Mm(215.9), Mm(279.4)) if layout.page == "Letter" else (Mm(210), Mm(297))
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(18))
    section.top_margin, section.bottom_margin = Mm(15), Mm(18)
    style = word.styles["Normal"]
    style.font.name = "Microsoft YaHei" if doc.language == "zh" else "Arial"
    style.font.size = Pt(layout.font_size + 0.5)
    style.paragraph_format.space_after = Pt(1)
    if doc.language == "zh":
        set_east_asian_font(style, "Microsoft YaHei")
    footer = section.footer.paragraphs[0]
    footer.text = " · ".join(doc.footer)
    footer.runs[0].font.size = Pt(7)
    add_page_field(section.footer.add_paragraph(), doc.page_template)


def _letterhead(word: DocxDocument, doc: PrintedOrder, layout: Layout) -> None:
    container = word.sections[0].header if layout.variant == "header_part" else word
    name, *rest = doc.letterhead.lines
    first = container.paragraphs[0] if layout.variant == "header_part" else word.add_paragraph()
    run = first.add_run(name)
    run.bold, run.font.size = True, Pt(15)
    run.font.color.rgb = RGBColor(*layout.accent)
    first.alignment = ALIGN[layout.letterhead]
    block = container.add_paragraph()
    block.alignment = ALIGN[layout.letterhead]
    for index, line in enumerate(rest):
        line_run = block.add_run(line)
        line_run.font.size = Pt(8)
        if index < len(rest) - 1:
            line_run.add_break()


def _title(word: DocxDocument, doc: PrintedOrder, layout: Layout) -> None:
    paragraph = word.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(10)
    run = paragraph.add_run(doc.title)
    run.bold, run.font.size = True, Pt(16)
    run.font.color.rgb = RGBColor(*layout.accent)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if layout.letterhead == "left" else WD_ALIGN_PARAGRAPH.LEFT


def _set_cell(cell: _Cell, lines: list[str], bold_first: bool = False, size: float | None = None) -> None:
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold_first and index == 0
        if size:
            run.font.size = Pt(size)
        if index < len(lines) - 1:
            run.add_break()


def _header_fields(word: DocxDocument, doc: PrintedOrder, layout: Layout) -> None:
    fields = doc.header
    if layout.header == "label_colon":
        for item in fields:
            _colon_paragraph(word, item, doc.colon)
        return
    per_row = 4 if layout.header == "label_above" else 2
    table = word.add_table(rows=-(-len(fields) // per_row), cols=4)
    for index, item in enumerate(fields):
        if layout.header == "label_above":
            cell = table.cell(index // per_row, index % per_row)
            _set_cell(cell, [item.label], size=7)
            cell.add_paragraph(item.value)
        else:
            row, col = index // 2, (index % 2) * 2
            _set_cell(table.cell(row, col), [item.label], bold_first=True)
            _set_cell(table.cell(row, col + 1), item.value.split("\n"))
    set_borders(table, "all" if layout.header == "grid" else "none")
    word.add_paragraph()


def _colon_paragraph(word: DocxDocument, item: LabelledValue, colon: str) -> None:
    paragraph = word.add_paragraph()
    label = paragraph.add_run(f"{item.label}{colon}\t")
    label.bold = True
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(45))
    lines = item.value.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()
            paragraph.add_run("\t")


def _party_lines(block: PartyBlock) -> list[str]:
    return ([block.heading] if block.heading else []) + block.lines


def _parties(word: DocxDocument, doc: PrintedOrder, layout: Layout) -> None:
    blocks = [doc.addressee] + ([doc.ship_to] if doc.ship_to else [])
    if layout.parties == "side_by_side":
        table = word.add_table(rows=1, cols=2)
        for cell, block in zip(table.rows[0].cells, blocks, strict=False):
            _set_cell(cell, _party_lines(block), bold_first=True)
        set_borders(table, "none")
    else:
        for block in blocks:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(6)
            lines = _party_lines(block)
            for index, line in enumerate(lines):
                run = paragraph.add_run(line)
                run.bold = index == 0
                if index < len(lines) - 1:
                    run.add_break()
    word.add_paragraph()


def _line_table(word: DocxDocument, doc: PrintedOrder, layout: Layout) -> None:
    roles = [role for role, _ in doc.columns]
    table = word.add_table(rows=1, cols=len(roles))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, (_, title) in zip(table.rows[0].cells, doc.columns, strict=True):
        _set_cell(cell, [title], bold_first=True)
        if layout.table == "ruled":
            shade(cell, "DDE3EA")
    if layout.repeat_header:
        repeat_as_header(table.rows[0])
    for row in doc.rows:
        cells = table.add_row().cells
        for cell, role, text in zip(cells, roles, row, strict=True):
            _set_cell(cell, [text])
            if role in NUMERIC:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _totals_rows(table, doc, roles)
    _column_widths(table, doc, layout)
    set_borders(table, {"ruled": "all", "lines": "horizontal", "unruled": "none"}[layout.table])


def _column_widths(table: Table, doc: PrintedOrder, layout: Layout) -> None:
    """Fixed widths: every column fits its widest value, the description takes the rest of the page."""
    page = (215.9 if layout.page == "Letter" else 210.0) - 36
    char_mm = (layout.font_size + 0.5) * 0.23
    widths = []
    for index, (role, title) in enumerate(doc.columns):
        longest = max([len(row[index]) for row in doc.rows] + [max(len(w) for w in title.split())], default=4)
        base = BASE_WIDTHS.get(role, 18.0)
        widths.append(0.0 if role == "description" else max(base, min(longest * char_mm + 3, base * 1.9)))
    widths = [w or max(page - sum(widths), 40.0) for w in widths]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _totals_rows(table: Table, doc: PrintedOrder, roles: list[str]) -> None:
    if not doc.totals:
        return
    amount_index = roles.index("amount")
    for number, (label, value) in enumerate(doc.totals):
        cells = table.add_row().cells
        label_cell = cells[0].merge(cells[amount_index - 1]) if amount_index > 0 else cells[0]
        bold = number == len(doc.totals) - 1
        _set_cell(label_cell, [label], bold_first=bold)
        label_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _set_cell(cells[amount_index], [value], bold_first=bold)
        cells[amount_index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _terms(word: DocxDocument, doc: PrintedOrder, layout: Layout) -> None:
    if not doc.terms and not doc.prose:
        return
    heading = word.add_paragraph()
    heading.paragraph_format.space_before = Pt(12)
    heading.add_run(doc.terms_heading).bold = True
    for text in doc.prose:
        word.add_paragraph(text)
    if layout.terms == "grid" and doc.terms:
        table = word.add_table(rows=len(doc.terms), cols=2)
        for row, item in zip(table.rows, doc.terms, strict=True):
            _set_cell(row.cells[0], [item.label], bold_first=True)
            _set_cell(row.cells[1], item.value.split("\n"))
        set_borders(table, "all")
        return
    for item in doc.terms:
        _colon_paragraph(word, item, doc.colon)
