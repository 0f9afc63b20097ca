"""The confirmation as PDF, drawn directly with fpdf2 (no office suite).

All text goes through plain text cells (never `markdown=True`, never HTML), so customer text prints exactly as
written. Page numbers use fpdf2's page-count alias only inside the footer: the alias is switched off for the
rest of each page, so a customer text containing `{nb}` is not replaced by the page count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace, TTFFont

from pipeline.confirmations.content import ConfirmationContent, ItemRow
from pipeline.confirmations.fonts import cjk_fonts, latin_fonts
from pipeline.confirmations.messages import fill

ACCENT = (31, 56, 100)
HEADING_FILL = (222, 229, 239)
STRIPE_FILL = (246, 248, 251)
RULE = (190, 198, 210)
MUTED = (95, 99, 104)
ATTENTION = (166, 87, 0)
TEXT = (25, 25, 25)
PAGE_ALIAS = "{nb}"
ITEM_COLUMNS = (6, 16, 36, 13, 14, 15)
ITEM_ALIGN = ("CENTER", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT")


class ConfirmationPdf(FPDF):
    """An A4 order confirmation: letterhead header, numbered footer and the content's sections."""

    def __init__(self, content: ConfirmationContent) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.content = content
        self.set_margins(left=18, top=14, right=18)
        self.set_auto_page_break(auto=True, margin=22)
        self._register_fonts()
        self.set_title(f"{content.title} {content.confirmation_number}")
        self.set_author(content.company_name)
        self.set_creator("orderintake")
        self.set_lang(content.language)
        self.set_draw_color(*RULE)

    def _register_fonts(self) -> None:
        """Use DejaVu Sans, or Noto Sans CJK for Chinese; the other one fills in glyphs the first lacks."""
        for style, font in latin_fonts().items():
            self.add_font("latin", style, str(font.path))
        latin = self.fonts["latin"]
        covered = latin.cmap if isinstance(latin, TTFFont) else {}
        if self.content.language == "zh" or _needs_cjk(covered, _all_text(self.content)):
            for style, font in cjk_fonts().items():
                self.add_font("cjk", style, str(font.path), collection_font_number=font.index)
            main, fallback = ("cjk", "latin") if self.content.language == "zh" else ("latin", "cjk")
            self.set_fallback_fonts([fallback])
        else:
            main = "latin"
        self.main_font = main

    def text_style(self, size: float, bold: bool = False, color: tuple[int, int, int] = TEXT) -> None:
        """Set the main font at `size` points, bold or regular, in `color`."""
        self.set_font(self.main_font, "B" if bold else "", size)
        self.set_text_color(*color)

    def header(self) -> None:
        """Draw the letterhead: our name left, address and contact right, a rule below."""
        self.alias_nb_pages(None)  # type: ignore[arg-type]  # only the footer may hold the page-count alias
        top, width = self.t_margin, self.epw
        self.text_style(15, bold=True, color=ACCENT)
        self.multi_cell(w=width * 0.5, h=6.5, text=self.content.company_name)
        name_bottom = self.get_y()
        self.set_xy(self.l_margin + width * 0.5, top)
        self.text_style(7.5, color=MUTED)
        self.multi_cell(w=width * 0.5, h=3.6, text="\n".join(self.content.letterhead), align="R")
        bottom = max(name_bottom, self.get_y()) + 2
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.5)
        self.line(self.l_margin, bottom, self.l_margin + width, bottom)
        self.set_line_width(0.2)
        self.set_draw_color(*RULE)
        self.set_y(bottom + 5)

    def footer(self) -> None:
        """Draw a rule, our name and contact, and `Page n/N`."""
        self.set_y(-15)
        self.line(self.l_margin, self.get_y(), self.l_margin + self.epw, self.get_y())
        self.text_style(7.5, color=MUTED)
        self.cell(w=self.epw * 0.75, h=6, text=self.content.footer)
        self.alias_nb_pages(PAGE_ALIAS, align="L")
        label = fill(self.content.page_label, page=str(self.page_no()), pages=PAGE_ALIAS)
        self.cell(w=self.epw * 0.25, h=6, text=label, align="R")

    def heading(self, text: str, color: tuple[int, int, int] = ACCENT) -> None:
        """Start a section, on a new page when too little room is left for the heading and some lines."""
        if self.will_page_break(28):
            self.add_page()
        self.ln(4)
        self.text_style(10.5, bold=True, color=color)
        self.multi_cell(w=0, h=6, text=text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str, size: float = 9.5, bold: bool = False) -> None:
        """Write a wrapped paragraph of body text."""
        self.text_style(size, bold=bold)
        self.multi_cell(w=0, h=size * 0.5, text=text, align="L", new_x="LMARGIN", new_y="NEXT")

    def grid(
        self,
        rows: Iterable[Sequence[str]],
        widths: Sequence[float],
        align: Sequence[str],
        *,
        headings: bool,
        bold_first_column: bool = False,
    ) -> None:
        """Draw a table with horizontal rules, a shaded heading row and light zebra stripes."""
        self.text_style(8.5)
        heading_style = FontFace(emphasis="BOLD", color=ACCENT, fill_color=HEADING_FILL)
        label_style = FontFace(emphasis="BOLD", color=MUTED)
        with self.table(
            col_widths=tuple(widths),
            text_align=tuple(align),
            borders_layout="HORIZONTAL_LINES",
            first_row_as_headings=headings,
            headings_style=heading_style,
            cell_fill_color=STRIPE_FILL,
            cell_fill_mode="ROWS",
            line_height=self.font_size * 1.45,
            padding=(1.2, 1.6),
            v_align="TOP",
        ) as table:
            for row in rows:
                table_row = table.row()
                for column, text in enumerate(row):
                    style = label_style if bold_first_column and column == 0 else None
                    table_row.cell(text, style=style)


def render_pdf(content: ConfirmationContent) -> bytes:
    """Render the confirmation as PDF bytes.

    Raises:
        FontMissingError: When DejaVu Sans (or, for Chinese text, Noto Sans CJK) is not installed.

    """
    pdf = ConfirmationPdf(content)
    pdf.add_page()
    _title_block(pdf, content)
    _opening(pdf, content)
    _items(pdf, content)
    _terms(pdf, content)
    _questions(pdf, content)
    _next_steps_and_closing(pdf, content)
    return bytes(pdf.output())


def _title_block(pdf: ConfirmationPdf, content: ConfirmationContent) -> None:
    pdf.text_style(17, bold=True, color=ACCENT)
    pdf.multi_cell(w=0, h=9, text=content.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    meta_rows = [[meta.label for meta in content.meta], [meta.value for meta in content.meta]]
    pdf.grid(meta_rows, [1] * len(content.meta), ["LEFT"] * len(content.meta), headings=True)
    pdf.ln(4)
    party_rows = [[p.title for p in content.parties], ["\n".join(p.lines) for p in content.parties]]
    pdf.grid(party_rows, [1, 1, 1], ["LEFT"] * 3, headings=True)


def _opening(pdf: ConfirmationPdf, content: ConfirmationContent) -> None:
    pdf.ln(5)
    pdf.paragraph(content.greeting)
    pdf.ln(1.5)
    pdf.paragraph(content.intro)


def _items(pdf: ConfirmationPdf, content: ConfirmationContent) -> None:
    pdf.heading(content.items_title)
    rows = [_item_cells(content.item_headers), *(_item_cells(item) for item in content.items)]
    pdf.grid(rows, ITEM_COLUMNS, ITEM_ALIGN, headings=True)
    pdf.ln(1)
    label_width, value_width = pdf.epw * 0.3, pdf.epw * 0.2
    for index, total in enumerate(content.totals):
        last = index == len(content.totals) - 1
        x = pdf.l_margin + pdf.epw - label_width - value_width
        if last:
            pdf.line(x, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.set_x(x)
        pdf.text_style(10 if last else 9, bold=last)
        pdf.cell(w=label_width, h=6, text=total.label, align="R")
        pdf.cell(w=value_width, h=6, text=total.value, align="R", new_x="LMARGIN", new_y="NEXT")


def _item_cells(item: ItemRow) -> list[str]:
    return [item.pos, item.sku, item.description, item.quantity, item.unit_price, item.amount]


def _terms(pdf: ConfirmationPdf, content: ConfirmationContent) -> None:
    pdf.heading(content.terms_title)
    rows = [[term.label, term.value] for term in content.terms]
    pdf.grid(rows, (32, 68), ("LEFT", "LEFT"), headings=False, bold_first_column=True)
    if content.dues:
        pdf.heading(content.dues_title)
        dues = [[due.label, due.amount, due.condition] for due in content.dues]
        pdf.grid(dues, (32, 20, 48), ("LEFT", "RIGHT", "LEFT"), headings=False, bold_first_column=True)


def _questions(pdf: ConfirmationPdf, content: ConfirmationContent) -> None:
    if not content.questions:
        return
    pdf.heading(content.questions_title, color=ATTENTION)
    pdf.paragraph(content.questions_intro)
    pdf.ln(1)
    _numbered(pdf, [f"{number}." for number in range(1, len(content.questions) + 1)], content.questions)


def _next_steps_and_closing(pdf: ConfirmationPdf, content: ConfirmationContent) -> None:
    pdf.heading(content.next_steps_title)
    _numbered(pdf, ["•"] * len(content.next_steps), content.next_steps)
    pdf.ln(6)
    regards, company, team = content.closing
    pdf.paragraph(regards)
    pdf.ln(4)
    pdf.paragraph(company, bold=True)
    pdf.paragraph(team)


def _numbered(pdf: ConfirmationPdf, markers: Sequence[str], texts: Sequence[str]) -> None:
    for marker, text in zip(markers, texts, strict=True):
        pdf.text_style(9.5)
        pdf.cell(w=7, h=4.8, text=marker)
        pdf.multi_cell(w=0, h=4.8, text=text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)


def _all_text(content: ConfirmationContent) -> str:
    parts = [content.company_name, content.title, content.greeting, content.intro, content.footer]
    parts += content.letterhead + content.questions + content.next_steps + content.closing
    parts += [f"{m.label}{m.value}" for m in (*content.meta, *content.totals, *content.terms)]
    parts += ["".join(p.lines) for p in content.parties]
    parts += ["".join(_item_cells(item)) for item in (content.item_headers, *content.items)]
    parts += [f"{d.label}{d.amount}{d.condition}" for d in content.dues]
    return "".join(parts)


def _needs_cjk(cmap: Mapping[int, object], text: str) -> bool:
    """Tell whether `text` has characters DejaVu lacks that a CJK font has (Han, kana, hangul, fullwidth)."""
    return any(ord(char) >= 0x2E80 and ord(char) not in cmap for char in set(text))
