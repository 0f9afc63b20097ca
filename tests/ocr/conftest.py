"""Small rendered pages with known words, for OCR tests with the real Tesseract."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from PIL import Image, ImageDraw, ImageFont

LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_SIMPLIFIED = 2
"""Index of Noto Sans CJK SC in the collection."""

GERMAN_LINES = [
    "Bestellung Nr. 4500012345 vom 14.03.2026",
    "Lieferant: Ningbo Sunrise Industrial Co., Ltd.",
    "Lieferbedingung: FOB Ningbo gemäß Incoterms 2020",
    "Zahlungsbedingungen: 30 % Anzahlung per Überweisung",
    "Liefertermin: spätestens 15.05.2026",
    "Bitte bestätigen Sie den Auftrag schriftlich.",
]
CHINESE_LINES = [
    "采购订单 编号：PO-2026-0142",
    "供应商：宁波日升实业有限公司",
    "付款方式：电汇定金，余款发货前付清",
    "交货日期：2026年5月15日",
]


@dataclass
class Rendered:
    """A rendered page and where each word was drawn (pixel boxes, top-left origin)."""

    image: Image.Image
    boxes: dict[str, tuple[int, int, int, int]]
    dpi: int

    def encoded(self, fmt: str = "PNG", **params: object) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, format=fmt, dpi=(self.dpi, self.dpi), **params)
        return buffer.getvalue()


def render_lines(
    lines: list[str], *, dpi: int = 200, pt: float = 11, width_in: float = 6.0, cjk: bool = False
) -> Rendered:
    """Draw lines of text on a white page at dpi, recording every word's box."""
    size = round(pt * dpi / 72)
    font = ImageFont.truetype(CJK_FONT, size, index=CJK_SIMPLIFIED) if cjk else ImageFont.truetype(LATIN_FONT, size)
    margin = round(0.4 * dpi)
    height = margin * 2 + round(len(lines) * size * 1.8)
    image = Image.new("L", (round(width_in * dpi), height), 255)
    draw = ImageDraw.Draw(image)
    boxes: dict[str, tuple[int, int, int, int]] = {}
    y = margin
    for line in lines:
        x = margin
        for word in line.split(" "):
            box = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, font=font, fill=0)
            boxes.setdefault(word, (box[0], box[1], box[2], box[3]))
            x = box[2] + round(size * 0.35)
        y += round(size * 1.8)
    return Rendered(image, boxes, dpi)


@pytest.fixture(scope="session")
def german_page() -> Rendered:
    return render_lines(GERMAN_LINES)


@pytest.fixture(scope="session")
def chinese_page() -> Rendered:
    return render_lines(CHINESE_LINES, cjk=True, pt=12)
