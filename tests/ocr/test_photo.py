"""Phone photos of a sheet on a table: the sheet found and warped flat, the light evened out, then read.

Also the hairline rules of a deskewed table (`extractors.ocr.rules`).
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from extractors.ocr.engine import TesseractOcr
from extractors.ocr.photo import even_light, find_page
from extractors.ocr.preprocess import PageImage, effective_dpi, prepare
from extractors.ocr.rules import erase_rules
from extractors.readers.image import ImageReader
from models.options import ExtractOptions
from tests.ocr.conftest import CJK_FONT, CJK_SIMPLIFIED, GERMAN_LINES, LATIN_FONT, render_lines

PAPER_DPI = 150
A4 = (round(8.27 * PAPER_DPI), round(11.69 * PAPER_DPI))


def a4_page() -> Image.Image:
    """An A4 sheet at PAPER_DPI with the German lines twice, in the upper half and in the lower half."""
    text = render_lines(GERMAN_LINES, dpi=PAPER_DPI, width_in=7.0).image
    sheet = Image.new("L", A4, 255)
    sheet.paste(text, (60, 120))
    sheet.paste(text, (60, A4[1] // 2 + 60))
    return sheet


def perspective(source: list[tuple[float, float]], target: list[tuple[float, float]]) -> list[float]:
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    return np.linalg.solve(np.array(rows, dtype=float), np.array(source, dtype=float).reshape(8)).tolist()


def photograph(sheet: Image.Image, seed: int = 7) -> tuple[Image.Image, list[tuple[float, float]]]:
    """The sheet on a dark textured table: 78 % of the frame's height, turned by 3 degrees, keystone, light
    falling off by 40 % across the frame, blurred; and the sheet's corners in the frame."""
    rng = np.random.default_rng(seed)
    frame_w, frame_h = 1500, 2000
    page_h = 0.78 * frame_h
    page_w = page_h * sheet.width / sheet.height
    angle = math.radians(3.0)
    corners = []
    for x, y in [
        (-page_w / 2 + 25, -page_h / 2),
        (page_w / 2 - 25, -page_h / 2),
        (page_w / 2, page_h / 2),
        (-page_w / 2, page_h / 2),
    ]:
        corners.append(
            (
                frame_w / 2 + x * math.cos(angle) - y * math.sin(angle),
                frame_h / 2 + x * math.sin(angle) + y * math.cos(angle),
            )
        )
    flat = [
        (0.0, 0.0),
        (float(sheet.width), 0.0),
        (float(sheet.width), float(sheet.height)),
        (0.0, float(sheet.height)),
    ]
    coefficients = perspective(flat, corners)
    mask = Image.new("L", sheet.size, 255).transform((frame_w, frame_h), Image.Transform.PERSPECTIVE, coefficients)
    paper = np.asarray(
        sheet.transform((frame_w, frame_h), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC),
        dtype=np.float32,
    )
    coarse = Image.fromarray(rng.integers(0, 255, (frame_h // 40, frame_w // 40), dtype=np.uint8))
    grain = np.asarray(coarse.resize((frame_w, frame_h), Image.Resampling.BICUBIC), dtype=np.float32)
    table = 60 + grain / 255 * 40
    share = np.asarray(mask, dtype=np.float32) / 255
    pixels = paper * 0.94 * share + table * (1 - share)
    light = (
        np.linspace(1.0, 0.6, frame_w, dtype=np.float32)[None, :]
        * np.linspace(1.0, 0.85, frame_h, dtype=np.float32)[:, None]
    )
    pixels = pixels * light + rng.normal(0, 3, (frame_h, frame_w))
    photo = Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    return photo, corners


def test_the_sheet_is_found_in_the_photo_and_nothing_in_a_scan() -> None:
    photo, corners = photograph(a4_page())

    sheet = find_page(photo)

    assert sheet is not None
    for found, true in zip(sheet.corners, corners, strict=True):
        assert math.dist(found, true) < 12, (sheet.corners, corners)
    assert sheet.dpi == pytest.approx(0.78 * 2000 / 11.69, rel=0.05)
    # A scan: white all round, or the page filling the frame.
    assert find_page(a4_page()) is None
    assert find_page(a4_page().resize((1700, 2400))) is None


def test_uneven_light_is_evened_out_and_even_light_left_alone() -> None:
    page = a4_page()
    light = np.linspace(1.0, 0.6, page.width, dtype=np.float32)[None, :]
    shaded = Image.fromarray((np.asarray(page, dtype=np.float32) * light).astype(np.uint8))

    evened = even_light(shaded, PAPER_DPI)

    assert evened is not None
    paper = np.asarray(evened)[np.asarray(page) == 255]
    assert np.percentile(paper, 5) > 200 and np.percentile(paper, 95) - np.percentile(paper, 5) < 25
    assert even_light(page, PAPER_DPI) is None


def test_a_phone_photo_of_a_sheet_on_a_table_is_read_whole() -> None:
    photo, _ = photograph(a4_page())
    buffer = io.BytesIO()
    photo.convert("RGB").save(buffer, format="JPEG", quality=75, dpi=(96, 96))

    doc = ImageReader().read(buffer.getvalue(), "photo.jpg", ExtractOptions())

    [page] = doc.pages
    words = [w.text for w in page.words]
    expected = " ".join(GERMAN_LINES * 2).split()
    found = sum(1 for word in set(expected) if words.count(word) >= expected.count(word))
    assert found >= 0.9 * len(set(expected)), words
    [fact] = json.loads(doc.metadata["ocr"])
    # The paper's own resolution (about 133 dpi, raised to 300 below 120 only), not the frame's or 96 upsampled.
    assert 120 <= float(fact["dpi"]) <= 300
    assert page.width < photo.width and page.height < photo.height


def test_screen_resolutions_say_nothing_about_the_paper() -> None:
    assert effective_dpi((96.0, 96.0), (2400, 3200))[0] == pytest.approx(2400 / 8.27, rel=0.01)
    assert effective_dpi((150.0, 150.0), (1240, 1754)) == (150.0, 150.0)


def test_a_hairline_rule_spread_over_two_rows_is_erased_and_bold_text_kept() -> None:
    page = Image.new("L", (1800, 400), 255)
    draw = ImageDraw.Draw(page)
    pixels = np.array(page)
    pixels[200, 100:1700] = 185  # a 0.5 pt gray rule, deskewed: half of it in each of two rows
    pixels[201, 100:1700] = 150
    page = Image.fromarray(pixels)
    draw = ImageDraw.Draw(page)
    draw.text((100, 60), "RA-TH-RAD 2.550 pezzi", fill=0, font_size=60)

    cleaned, _ = erase_rules(page, 300)

    assert cleaned is not None
    after = np.asarray(cleaned)
    assert after[199:203, 100:1700].min() > 200
    assert (after[40:140] < 128).sum() == (np.asarray(page)[40:140] < 128).sum()


def shaded_header_page(dpi: int = 200) -> Image.Image:
    """A gray scan of a table whose header row is dark text on a shade, over a band of white text on black."""
    font = ImageFont.truetype(LATIN_FONT, round(10 * dpi / 72))
    page = Image.new("L", (round(7 * dpi), round(3 * dpi)), 228)
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 100, page.width - 100, 170), fill=186)  # header cells shaded
    draw.text((120, 118), "Item", font=font, fill=20)
    draw.text((400, 118), "Description", font=font, fill=20)
    draw.text((1000, 118), "Quantity", font=font, fill=20)
    draw.rectangle((100, 300, page.width - 100, 370), fill=35)  # a dark band with white words
    draw.text((120, 318), "Delivery", font=font, fill=250)
    draw.text((1000, 318), "Payment", font=font, fill=250)
    for y, text in ((220, "KP-WL-2040 Wall lamp 1,200"), (420, "FOB Ningbo 30% deposit")):
        draw.text((120, y), text, font=font, fill=20)
    return page


def test_shaded_header_cells_and_dark_bands_are_read_not_erased_as_rules(tmp_path: Path) -> None:
    ocr = TesseractOcr()
    page = prepare(PageImage(1, shaded_header_page(), (200.0, 200.0)), tmp_path)

    text = ocr.recognize(page.path, ["eng"], dpi=page.dpi)

    words = {w.text for w in text.words}
    assert {"Item", "Description", "Quantity", "Delivery", "Payment"} <= words
    assert {"KP-WL-2040", "Ningbo"} <= words


def test_a_red_company_chop_over_the_text_is_dropped_out(tmp_path: Path) -> None:
    font = ImageFont.truetype(LATIN_FONT, round(10 * 200 / 72))
    page = Image.new("RGB", (1400, 500), (245, 245, 240))
    ImageDraw.Draw(page).text((100, 200), "KD-BX-30L 2,000 pcs USD 3.42", font=font, fill=(20, 20, 20))
    chop = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(chop)
    draw.ellipse((180, 120, 480, 420), outline=(215, 35, 40), width=18)  # the chop's ring crosses the line
    draw.text((215, 190), "采购专用章", font=ImageFont.truetype(CJK_FONT, 50, index=CJK_SIMPLIFIED), fill=(215, 35, 40))
    page = ImageChops.multiply(page, chop)  # stamp ink is translucent: the print shows through
    prepared = prepare(PageImage(1, page, (200.0, 200.0)), tmp_path)

    words = {w.text for w in TesseractOcr().recognize(prepared.path, ["eng"], dpi=prepared.dpi).words}

    assert {"KD-BX-30L", "2,000", "3.42"} <= words
