"""The page check after recognition: a page read in the wrong Latin language is read again in the right one."""

from __future__ import annotations

from pathlib import Path

from extractors.ocr.engine import TesseractOcr
from extractors.ocr.pool import _PageReader
from extractors.ocr.preprocess import PageImage, prepare
from extractors.ocr.probe import Plan
from tests.ocr.conftest import GERMAN_LINES, render_lines

LATIN = ["eng", "deu", "fra", "spa", "ita", "por", "nld"]


def test_a_page_misread_as_english_is_read_again_in_german_and_the_plan_follows(tmp_path: Path) -> None:
    page = prepare(PageImage(1, render_lines(GERMAN_LINES * 3, dpi=200).image, (200.0, 200.0)), tmp_path)
    reader = _PageReader(TesseractOcr(), Plan(("eng",), "Latin"), LATIN, tmp_path)

    result = reader.read(page)

    assert result.languages == ("deu",)
    assert {"Überweisung", "gemäß"} <= {w.text for w in result.words}
    assert reader.plan.languages == ("deu",)
