"""PDF renderer (fpdf2): ERP-style purchase orders with varied letterheads, header blocks, tables and terms."""

from __future__ import annotations

from pathlib import Path

from fpdf.enums import XPos, YPos

from generator.content import LabelledValue, PartyBlock, PrintedOrder, build_printed
from generator.layout import Layout
from generator.model import OrderSpec
from generator.pdf_canvas import GREY, Canvas
from generator.pdf_table import TableDrawer


def render_pdf(spec: OrderSpec, path: Path, layout: Layout) -> None:
    """Render a spec as a PDF.

    Args:
        spec: What the document says.
        path: Output file.
        layout: How it is laid out.
    """
    doc = build_printed(spec, layout)
    pdf = Canvas(spec.language, layout.page, layout.font_size, condensed=layout.font_size < 8.5)
    pdf.accent = layout.accent
    pdf.footer_lines = doc.footer
    pdf.page_template = doc.page_template
    pdf.set_title(doc.title)
    pdf.add_page()
    _letterhead(pdf, doc, layout)
    _title_and_header(pdf, doc, layout)
    if layout.letter:
        _letter_opening(pdf, doc)
    TableDrawer(pdf, doc, spec, layout).draw()
    _terms(pdf, doc, layout)
    _closing(pdf, doc)
    pdf.output(str(path))


def _letterhead(pdf: Canvas, doc: PrintedOrder, layout: Layout) -> None:
    name, *rest = doc.letterhead.lines
    width = 95.0
    align = {"left": "L", "right": "R", "center": "C"}[layout.letterhead]
    x = {"left": pdf.l_margin, "right": pdf.w - pdf.r_margin - width, "center": (pdf.w - width) / 2}[layout.letterhead]
    if layout.letterhead == "right":
        _logo(pdf, pdf.l_margin, pdf.t_margin, name)
    pdf.font(pdf.base_size + 5, bold=True, colour=layout.accent)
    y = pdf.text_block(x, pdf.t_margin, width, [name], align=align)
    pdf.font(pdf.base_size - 0.5, colour=GREY)
    y = pdf.text_block(x, y + 0.5, width, rest, align=align)
    pdf.font()
    pdf.set_y(max(y, pdf.t_margin + 16) + 2)
    pdf.rule(pdf.get_y())
    pdf.set_y(pdf.get_y() + 3)


def _logo(pdf: Canvas, x: float, y: float, name: str) -> None:
    initials = "".join(word[0] for word in name.split()[:2] if word[:1].isalpha()).upper() or name[:2]
    pdf.set_fill_color(*pdf.accent) if pdf.accent != (0, 0, 0) else pdf.set_fill_color(40, 70, 120)
    pdf.rect(x, y, 16, 16, style="F")
    pdf.font(pdf.base_size + 6, bold=True, colour=(255, 255, 255))
    pdf.set_xy(x, y + 4)
    pdf.cell(16, 8, initials, align="C")
    pdf.font()


def _title_and_header(pdf: Canvas, doc: PrintedOrder, layout: Layout) -> None:
    pdf.font(pdf.base_size + 7, bold=True, colour=layout.accent)
    title_align = "R" if layout.letterhead == "left" else "L"
    pdf.cell(pdf.content_width, 9, doc.title, align=title_align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.font()
    pdf.set_y(pdf.get_y() + 2)
    if layout.header == "label_colon" and layout.parties == "stacked":
        _din_block(pdf, doc, layout)
        return
    if layout.header == "label_colon":
        _colon_fields(pdf, doc.header, pdf.w / 2 + 5, pdf.w / 2 - 20, doc.colon)
    elif layout.header == "label_above":
        _above_fields(pdf, doc.header)
    else:
        _grid_fields(pdf, doc.header, doc.colon)
    pdf.set_y(pdf.get_y() + 3)
    _parties(pdf, doc, layout)


def _din_block(pdf: Canvas, doc: PrintedOrder, layout: Layout) -> None:
    """Addressee at the left (window position) beside the header fields, the ship-to below it."""
    top = pdf.get_y()
    left_bottom = _party(pdf, doc.addressee, pdf.l_margin, top, 85)
    pdf.set_y(top)
    _colon_fields(pdf, doc.header, 100, pdf.w - pdf.r_margin - 100, doc.colon)
    y = max(left_bottom, pdf.get_y()) + 3
    if doc.ship_to:
        y = _party(pdf, doc.ship_to, pdf.l_margin, y, 85) + 3
    pdf.set_y(y)


def _colon_fields(pdf: Canvas, fields: list[LabelledValue], x: float, width: float, colon: str) -> None:
    pdf.font(bold=True)
    widest = max((pdf.get_string_width(f"{item.label}{colon}") for item in fields), default=0.0)
    label_w = min(widest + 3, width * 0.5)
    for item in fields:
        lines = item.value.split("\n")
        pdf.ensure_space(pdf.line_height * len(lines) + 1)
        y = pdf.get_y()
        pdf.font(bold=True)
        label_bottom = pdf.text_block(x, y, label_w - 1, [f"{item.label}{colon}"])
        pdf.font()
        pdf.set_y(max(label_bottom, pdf.text_block(x + label_w, y, width - label_w, lines)) + 0.6)


def _above_fields(pdf: Canvas, fields: list[LabelledValue]) -> None:
    per_row = 4
    width = pdf.content_width / per_row
    for start in range(0, len(fields), per_row):
        top, bottom = pdf.get_y(), pdf.get_y()
        for column, item in enumerate(fields[start : start + per_row]):
            x = pdf.l_margin + column * width
            pdf.font(pdf.base_size - 1.5, colour=GREY)
            y = pdf.text_block(x, top, width - 3, [item.label])
            pdf.font(pdf.base_size + 0.5)
            bottom = max(bottom, pdf.text_block(x, y, width - 3, item.value.split("\n")))
        pdf.set_y(bottom + 2)
    pdf.font()


def _grid_fields(pdf: Canvas, fields: list[LabelledValue], colon: str) -> None:
    half = pdf.content_width / 2
    label_w = 34.0
    for start in range(0, len(fields), 2):
        top = pdf.get_y()
        bottom = top
        for column, item in enumerate(fields[start : start + 2]):
            x = pdf.l_margin + column * half
            pdf.font(bold=True)
            label_bottom = pdf.text_block(x + 1, top + 0.8, label_w - 2, [item.label])
            pdf.font()
            value_bottom = pdf.text_block(x + label_w + 1, top + 0.8, half - label_w - 2, item.value.split("\n"))
            bottom = max(bottom, label_bottom, value_bottom)
        height = bottom - top + 1.6
        for column in range(2):
            x = pdf.l_margin + column * half
            pdf.rect(x, top, label_w, height)
            pdf.rect(x + label_w, top, half - label_w, height)
        pdf.set_y(top + height)


def _party(pdf: Canvas, block: PartyBlock, x: float, y: float, width: float) -> float:
    if block.heading:
        pdf.font(pdf.base_size - 0.5, bold=True, colour=pdf.accent)
        y = pdf.text_block(x, y, width, [block.heading])
    pdf.font(bold=True)
    y = pdf.text_block(x, y, width, block.lines[:1])
    pdf.font()
    return pdf.text_block(x, y, width, block.lines[1:])


def _parties(pdf: Canvas, doc: PrintedOrder, layout: Layout) -> None:
    top = pdf.get_y()
    if layout.parties == "side_by_side":
        half = pdf.content_width / 2
        bottom = _party(pdf, doc.addressee, pdf.l_margin, top, half - 6)
        if doc.ship_to:
            bottom = max(bottom, _party(pdf, doc.ship_to, pdf.l_margin + half, top, half - 6))
    else:
        bottom = _party(pdf, doc.addressee, pdf.l_margin, top, 90) + 3
        if doc.ship_to:
            bottom = _party(pdf, doc.ship_to, pdf.l_margin, bottom, 90)
    pdf.set_y(bottom + 4)


def _letter_opening(pdf: Canvas, doc: PrintedOrder) -> None:
    lines = [text for text in (doc.greeting, doc.intro) if text]
    pdf.set_y(pdf.text_block(pdf.l_margin, pdf.get_y(), pdf.content_width, lines) + 3)


def _terms(pdf: Canvas, doc: PrintedOrder, layout: Layout) -> None:
    if not doc.terms and not doc.prose:
        return
    pdf.ensure_space(20)
    pdf.set_y(pdf.get_y() + 5)
    pdf.font(pdf.base_size + 1, bold=True, colour=layout.accent)
    pdf.cell(pdf.content_width, 6, doc.terms_heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.font()
    for paragraph in doc.prose:
        pdf.multi_cell(pdf.content_width, pdf.line_height, paragraph, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(pdf.get_y() + 1)
    if layout.terms == "grid":
        _grid_fields(pdf, doc.terms, doc.colon)
        return
    _colon_fields(pdf, doc.terms, pdf.l_margin, pdf.content_width, doc.colon)


def _closing(pdf: Canvas, doc: PrintedOrder) -> None:
    pdf.ensure_space(24)
    y = pdf.get_y() + 10
    x = pdf.w - pdf.r_margin - 70
    pdf.set_draw_color(*GREY)
    pdf.line(x, y + 8, x + 70, y + 8)
    pdf.text_block(x, y + 9, 70, doc.closing)
