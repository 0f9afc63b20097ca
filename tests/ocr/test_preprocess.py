"""Page preprocessing without Tesseract: resolution, orientation axis, skew, pass-through of untouched files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from extractors.ocr.preprocess import (
    PageImage,
    effective_dpi,
    find_orientation_and_skew,
    ink_mask,
    prepare,
)
from tests.ocr.conftest import CHINESE_LINES, GERMAN_LINES, Rendered, render_lines


@pytest.fixture(scope="module")
def page() -> Rendered:
    return render_lines(GERMAN_LINES * 3, dpi=150)


@pytest.mark.parametrize("degrees", [-4.0, -1.5, 0.0, 2.5])
def test_skew_is_measured_as_the_rotation_that_levels_the_lines(page: Rendered, degrees: float) -> None:
    skewed = page.image.rotate(degrees, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)

    turn, skew = find_orientation_and_skew(ink_mask(skewed, (0.5, 0.5)))

    assert turn == 0
    assert skew == pytest.approx(-degrees, abs=0.25)


def test_a_dark_scanner_edge_along_the_page_does_not_hide_the_skew(page: Rendered) -> None:
    skewed = page.image.rotate(0.9, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    edged = Image.new("L", (skewed.width + 40, skewed.height), 255)
    edged.paste(skewed, (0, 0))
    edged.paste(40, (skewed.width + 10, 0, skewed.width + 14, skewed.height))  # the lid's edge, top to bottom

    turn, skew = find_orientation_and_skew(ink_mask(edged, (0.5, 0.5)))

    assert turn == 0
    assert skew == pytest.approx(-0.9, abs=0.25)


def test_a_dense_ruled_page_without_empty_rows_is_still_deskewed(page: Rendered) -> None:
    ruled = page.image.copy()
    draw = ImageDraw.Draw(ruled)
    top, bottom = ruled.height // 5, ruled.height * 4 // 5
    for x in range(40, ruled.width, 120):  # a table's column rules over most of the page: few rows stay empty
        draw.line((x, top, x, bottom), fill=0, width=2)
    skewed = ruled.rotate(2.0, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)

    turn, skew = find_orientation_and_skew(ink_mask(skewed, (0.5, 0.5)))

    assert turn == 0
    assert skew == pytest.approx(-2.0, abs=0.25)


@pytest.mark.parametrize("cjk", [False, True])
def test_sideways_pages_are_found_for_latin_and_han_text(cjk: bool) -> None:
    rendered = render_lines(CHINESE_LINES * 3, dpi=150, cjk=True) if cjk else render_lines(GERMAN_LINES * 3, dpi=150)
    upright = ink_mask(rendered.image, (0.5, 0.5))
    sideways = ink_mask(rendered.image.rotate(90, expand=True), (0.5, 0.5))

    turn, skew = find_orientation_and_skew(upright)
    assert turn == 0 and abs(skew) < 0.3
    turn, skew = find_orientation_and_skew(sideways)
    assert turn == 90 and abs(skew) < 0.3


def test_stated_resolution_is_used_unless_it_is_a_screen_default() -> None:
    assert effective_dpi((204.0, 98.0), (1728, 1100)) == (204.0, 98.0)
    assert effective_dpi((300.0, 300.0), (2480, 3508)) == (300.0, 300.0)
    photo = effective_dpi((72.0, 72.0), (3000, 4000))
    assert photo[0] == pytest.approx(3000 / 8.27, rel=0.01)
    assert effective_dpi(None, (1200, 400)) == (200.0, 200.0)


def test_an_untouched_image_is_handed_over_as_its_original_file(page: Rendered, tmp_path: Path) -> None:
    data = page.encoded("PNG")

    prepared = prepare(PageImage(1, Image.open(io.BytesIO(data)), (150.0, 150.0), data, ".png"), tmp_path)

    assert prepared.path.endswith(".png") and Path(prepared.path).read_bytes() == data
    assert (prepared.rotation, prepared.skew, prepared.scale) == (0, 0.0, (1.0, 1.0))


def test_fax_pixels_are_made_square_and_corrected_pages_written_as_pgm(tmp_path: Path) -> None:
    fax = render_lines(GERMAN_LINES, dpi=204).image
    fax = fax.resize((fax.width, round(fax.height * 98 / 204)))

    prepared = prepare(PageImage(1, fax.convert("1"), (204.0, 98.0)), tmp_path)

    assert prepared.path.endswith(".pgm")
    assert prepared.scale == pytest.approx((1.0, 204 / 98))
    assert prepared.image.height == pytest.approx(fax.height * 204 / 98, abs=1)
    assert prepared.dpi == 204


def test_low_resolution_is_raised_and_blank_pages_are_blank(tmp_path: Path) -> None:
    small = render_lines(GERMAN_LINES, dpi=100).image

    prepared = prepare(PageImage(1, small, (100.0, 100.0)), tmp_path)
    blank = prepare(PageImage(2, Image.new("L", (850, 1100), 255), (100.0, 100.0)), tmp_path)

    assert prepared.dpi == 300 and prepared.image.width == small.width * 3
    assert blank.blank and not prepared.blank


def test_a_single_line_of_words_is_not_taken_for_a_turned_page() -> None:
    line = render_lines(["Page one of the order 4500012345"], dpi=150).image

    assert find_orientation_and_skew(ink_mask(line, (0.5, 0.5)))[0] == 0
