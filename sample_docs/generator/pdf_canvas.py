"""The PDF canvas shared by the PDF renderers: fonts, wrapped text, running footer."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
"""WenQuanYi Micro Hei (Debian package fonts-wqy-microhei): a TrueType CJK font that pdfplumber reads back.

Noto Sans CJK (fonts-noto-cjk) is CFF-flavoured; fpdf2 embeds it with a CMap that pdfminer cannot map to
text, so its Chinese comes out empty in pdfplumber.
"""
FIXED_DATE = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
GREY = (110, 110, 110)
BLACK = (0, 0, 0)


class Canvas(FPDF):
    """An A4 or Letter page in millimetres with the document's fonts and a running footer."""

    def __init__(self, language: str, page: str, font_size: float, condensed: bool = False) -> None:
        super().__init__(orientation="P", unit="mm", format="Letter" if page == "Letter" else "A4")
        self.base_size = font_size
        self.footer_lines: list[str] = []
        self.page_template = "{n}/{m}"
        self.accent = BLACK
        self._register_fonts(language, condensed)
        self.set_margins(15, 14, 15)
        self.c_margin = 0.0
        self.set_auto_page_break(True, margin=22)
        self.set_creation_date(FIXED_DATE)
        self.alias_nb_pages()

    def _register_fonts(self, language: str, condensed: bool) -> None:
        if language == "zh":
            if not CJK_FONT.exists():
                raise FileNotFoundError(
                    f"{CJK_FONT} is missing: install the Debian package fonts-wqy-microhei to render Chinese PDFs"
                )
            self.add_font("body", "", str(CJK_FONT), collection_font_number=0)
            self.add_font("body", "B", str(CJK_FONT), collection_font_number=0)
            return
        stem = "DejaVuSansCondensed" if condensed else "DejaVuSans"
        self.add_font("body", "", str(DEJAVU / f"{stem}.ttf"))
        self.add_font("body", "B", str(DEJAVU / f"{stem}-Bold.ttf"))

    def font(self, size: float | None = None, bold: bool = False, colour: tuple[int, int, int] = BLACK) -> None:
        """Select the body font."""
        self.set_font("body", "B" if bold else "", size or self.base_size)
        self.set_text_color(*colour)

    @property
    def content_width(self) -> float:
        """Width between the margins."""
        return float(self.w - self.l_margin - self.r_margin)

    @property
    def line_height(self) -> float:
        """Line height of the current font size, in mm."""
        return float(self.font_size * 1.25)

    def wrap(self, text: str, width: float) -> list[str]:
        """Split text into the lines that fit a width, breaking at spaces (explicit newlines kept).

        Only a word wider than the whole width is broken between characters.
        """
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if self.get_string_width(candidate) <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = word
                while self.get_string_width(line) > width and len(line) > 1:
                    cut = self._fitting_prefix(line, width)
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines

    def _fitting_prefix(self, word: str, width: float) -> int:
        for cut in range(len(word) - 1, 0, -1):
            if self.get_string_width(word[:cut]) <= width:
                return cut
        return 1

    def text_block(self, x: float, y: float, width: float, lines: list[str], align: str = "L") -> float:
        """Draw lines (each wrapped to the width) from (x, y); returns the y below the block.

        A line with a word wider than the block (an e-mail address) is set smaller rather than split.
        """
        height, size = self.line_height, self.font_size_pt
        for line in lines:
            widest = max((self.get_string_width(word) for word in line.split()), default=0.0)
            if widest > width:
                self.set_font_size(max(size * width / widest * 0.97, 5.0))
            for part in self.wrap(line, width):
                self.set_xy(x, y)
                self.cell(width, height, part, align=align, new_x=XPos.RIGHT, new_y=YPos.TOP)
                y += height
            self.set_font_size(size)
        return y

    def rule(self, y: float, width: float = 0.3) -> None:
        """A horizontal rule across the content width in the accent colour."""
        self.set_draw_color(*self.accent)
        self.set_line_width(width)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_line_width(0.2)
        self.set_draw_color(*BLACK)

    def footer(self) -> None:
        """Company footer and page number on every page."""
        self.set_y(-17)
        self.set_draw_color(*GREY)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.font(self.base_size - 2, colour=GREY)
        y = self.get_y() + 1
        width = self.content_width - 32
        for text in [part for line in self.footer_lines for part in self.wrap(line, width)][:3]:
            self.set_xy(self.l_margin, y)
            self.cell(width, 3.2, text, new_x=XPos.RIGHT, new_y=YPos.TOP)
            y += 3.2
        self.set_xy(self.w - self.r_margin - 30, self.h - 15)
        self.cell(30, 3.2, self.page_template.format(n=self.page_no(), m="{nb}"), align="R")
        self.font()

    def ensure_space(self, height: float) -> None:
        """Start a new page when less than `height` mm remain above the bottom margin."""
        if self.get_y() + height > self.h - self.b_margin:
            self.add_page()
