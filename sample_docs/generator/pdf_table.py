"""The PDF line table and totals block: ruled, unruled or rule-lined, continuing across pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from fpdf.enums import XPos, YPos

from generator.content import PrintedOrder
from generator.formats import format_number
from generator.layout import Layout
from generator.model import OrderSpec
from generator.pdf_canvas import GREY, Canvas

BASE_WIDTHS = {
    "line_no": 10.0,
    "sku": 26.0,
    "customer_sku": 22.0,
    "quantity": 16.0,
    "unit": 12.0,
    "unit_price": 19.0,
    "amount": 22.0,
    "delivery_date": 19.0,
    "hs_code": 19.0,
}
RIGHT_ALIGNED = {"quantity", "unit_price", "amount"}
CENTRED = {"line_no", "unit", "delivery_date"}
PAD = 1.2


def column_widths(pdf: Canvas, doc: PrintedOrder) -> list[float]:
    """Widths of the table columns: fixed columns fit their widest value, the description takes the rest."""
    widths = []
    for index, (role, _) in enumerate(doc.columns):
        if role == "description":
            widths.append(0.0)
            continue
        texts = [row[index] for row in doc.rows] + ([value for _, value in doc.totals] if role == "amount" else [])
        widest = max((pdf.get_string_width(text) for text in texts), default=0.0) + 2 * PAD + 0.5
        pdf.set_font(style="B")
        title = max((pdf.get_string_width(word) for word in doc.columns[index][1].split()), default=0.0) + 2 * PAD
        pdf.set_font(style="")
        base = BASE_WIDTHS.get(role, 18.0)
        widths.append(max(base, min(widest, base * 1.9), title + 0.5))
    description = pdf.content_width - sum(widths)
    return [description if role == "description" else w for (role, _), w in zip(doc.columns, widths, strict=True)]


def _align(role: str) -> str:
    return "R" if role in RIGHT_ALIGNED else ("C" if role in CENTRED else "L")


class TableDrawer:
    """Draws one document's table and totals on a canvas."""

    def __init__(self, pdf: Canvas, doc: PrintedOrder, spec: OrderSpec, layout: Layout) -> None:
        self.pdf, self.doc, self.spec, self.layout = pdf, doc, spec, layout
        self.roles = [role for role, _ in doc.columns]
        self.size = pdf.base_size
        self.widths = self._fitting_widths()

    def _fitting_widths(self) -> list[float]:
        """Column widths at the largest table font (down to 6.5 pt) that keeps every description word whole."""
        pdf = self.pdf
        while True:
            pdf.font(self.size)
            widths = column_widths(pdf, self.doc)
            if "description" not in self.roles or self.size <= 6.5:
                return widths
            index = self.roles.index("description")
            words = [word for row in self.doc.rows for word in row[index].split()]
            if max((pdf.get_string_width(w) for w in words), default=0.0) <= widths[index] - 2 * PAD:
                return widths
            self.size -= 0.5

    def _x_positions(self) -> list[float]:
        xs, x = [], self.pdf.l_margin
        for width in self.widths:
            xs.append(x)
            x += width
        return xs

    def _draw_row(self, cells: list[list[str]], height: float, header: bool = False) -> None:
        pdf, y = self.pdf, self.pdf.get_y()
        style = self.layout.table
        if header and style == "ruled":
            pdf.set_fill_color(225, 228, 232)
            pdf.rect(pdf.l_margin, y, pdf.content_width, height, style="F")
        for x, width, role, lines in zip(self._x_positions(), self.widths, self.roles, cells, strict=True):
            if style == "ruled":
                pdf.rect(x, y, width, height)
            ty = y + PAD / 2
            for text in lines:
                pdf.set_xy(x + PAD, ty)
                pdf.cell(width - 2 * PAD, pdf.line_height, text, align="L" if header else _align(role))
                ty += pdf.line_height
        if style == "lines":
            pdf.set_draw_color(*(pdf.accent if header else GREY))
            pdf.set_line_width(0.4 if header else 0.1)
            if header:
                pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
            pdf.line(pdf.l_margin, y + height, pdf.w - pdf.r_margin, y + height)
            pdf.set_line_width(0.2)
            pdf.set_draw_color(0, 0, 0)
        pdf.set_xy(pdf.l_margin, y + height)

    def _cells(self, texts: list[str]) -> tuple[list[list[str]], float]:
        cells = [self.pdf.wrap(text, width - 2 * PAD) for text, width in zip(texts, self.widths, strict=True)]
        return cells, max(len(lines) for lines in cells) * self.pdf.line_height + PAD

    def header_row(self) -> None:
        """The column titles."""
        self.pdf.font(self.size, bold=True, colour=self.pdf.accent if self.layout.table != "ruled" else (0, 0, 0))
        cells, height = self._cells([title for _, title in self.doc.columns])
        self._draw_row(cells, height, header=True)
        self.pdf.font(self.size)

    def _carry_row(self, label: str, running: Decimal) -> None:
        texts = ["" for _ in self.roles]
        texts[self.roles.index("description")] = label
        texts[self.roles.index("amount")] = format_number(running, self.spec.locale.number_style)
        self.pdf.font(self.size, bold=True)
        cells, height = self._cells(texts)
        self._draw_row(cells, height)
        self.pdf.font(self.size)

    def draw(self) -> None:
        """Header, rows (breaking pages as needed) and totals."""
        pdf, layout = self.pdf, self.layout
        pdf.font(self.size)
        self.header_row()
        running = Decimal("0.00")
        carry = pdf.line_height + PAD if layout.carried_forward else 0.0
        limit = pdf.h - pdf.b_margin - 2
        for index, (row, line) in enumerate(zip(self.doc.rows, self.spec.lines, strict=True)):
            cells, height = self._cells(row)
            forced = layout.max_rows_first_page == index and pdf.page_no() == 1
            if index and (pdf.get_y() + height + carry > limit or forced):
                if layout.carried_forward:
                    self._carry_row(self.doc.carried_label, running)
                pdf.add_page()
                if layout.repeat_header:
                    self.header_row()
                if layout.carried_forward:
                    self._carry_row(self.doc.brought_label, running)
            self._draw_row(cells, height)
            running += line.amount
        self.totals()

    def totals(self) -> None:
        """The totals block under the amount column, then the amount in words (Chinese RMB orders)."""
        pdf, doc = self.pdf, self.doc
        if not doc.totals:
            return
        pdf.ensure_space(len(doc.totals) * (pdf.line_height + PAD) + 4)
        xs = self._x_positions()
        amount_index = self.roles.index("amount")
        value_x, value_w = xs[amount_index], self.widths[amount_index]
        label_w = 60.0
        pdf.set_y(pdf.get_y() + 1.5)
        for number, (label, value) in enumerate(doc.totals):
            last = number == len(doc.totals) - 1
            pdf.font(self.size, bold=last)
            y = pdf.get_y()
            pdf.set_xy(value_x - label_w, y)
            pdf.cell(label_w - 2, pdf.line_height + PAD, label, align="R")
            border: Literal[0, 1] = 1 if self.layout.table == "ruled" else 0
            pdf.set_xy(value_x, y)
            pdf.cell(value_w, pdf.line_height + PAD, value, border=border, align="R")
            if last and self.layout.table != "ruled":
                pdf.line(value_x, y, value_x + value_w, y)
            pdf.set_xy(pdf.l_margin, y + pdf.line_height + PAD)
        pdf.font()
        if doc.amount_in_words:
            pdf.set_y(pdf.get_y() + 1)
            pdf.cell(pdf.content_width, pdf.line_height, doc.amount_in_words, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
