"""Unsure words read again from cut-outs of their line (Sauvola thresholding, enlarged), kept where the other
readings agree against an unsure first reading (real Tesseract on rendered pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.ocr.engine import OcrText, TesseractOcr
from extractors.ocr.preprocess import PageImage, prepare
from extractors.ocr.reread import READINGS, _voted, odd_code, reread_unsure_words
from models.pages import Word
from tests.ocr.conftest import render_lines

LINES = [
    "Supplier: Lishui Industrial Park, Foshan",
    "Item KP-WL-2040 shaft 20 h6 x 400 mm",
    "Delivery: FOB Ningbo, Incoterms 2020",
]


@pytest.fixture(scope="module")
def engine() -> TesseractOcr:
    ocr = TesseractOcr()
    if "eng" not in ocr.installed.languages:
        pytest.skip("needs the eng traineddata")
    return ocr


def misread(text: OcrText, wrong: dict[str, tuple[str, float]]) -> OcrText:
    """The reading with some words replaced by a misreading at a given confidence."""
    words = [
        Word(wrong[w.text][0], w.x0, w.top, w.x1, w.bottom, wrong[w.text][1]) if w.text in wrong else w
        for w in text.words
    ]
    return OcrText(words, text.language, text.psm, text.stacked, text.lines)


def test_an_unsure_misreading_is_replaced_where_the_other_readings_agree(engine: TesseractOcr, tmp_path: Path) -> None:
    page = prepare(PageImage(1, render_lines(LINES, dpi=200).image, (200.0, 200.0)), tmp_path)
    first = engine.recognize(page.path, ["eng"], 4, page.dpi)
    assert {"Lishui", "KP-WL-2040", "Ningbo,"} <= {w.text for w in first.words}
    doubtful = misread(first, {"Lishui": ("Lishuii", 0.35), "KP-WL-2040": ("KPp-WL-2040", 0.45)})

    words = reread_unsure_words(engine, page, doubtful, tmp_path).words

    texts = [w.text for w in words]
    assert "Lishui" in texts and "Lishuii" not in texts
    assert "KP-WL-2040" in texts and "KPp-WL-2040" not in texts
    assert len(texts) == len(first.words)  # nothing added, nothing lost
    lishui = words[texts.index("Lishui")]
    drawn = next(w for w in first.words if w.text == "Lishui")
    assert abs(lishui.x0 - drawn.x0) < 6 and abs(lishui.top - drawn.top) < 8  # back at its place on the page


def test_a_sure_reading_and_sure_lines_are_left_alone(engine: TesseractOcr, tmp_path: Path) -> None:
    page = prepare(PageImage(1, render_lines(LINES, dpi=200).image, (200.0, 200.0)), tmp_path)
    first = engine.recognize(page.path, ["eng"], 4, page.dpi)
    assert all(w.conf >= 0.6 for w in first.words)

    assert reread_unsure_words(engine, page, first, tmp_path) is first  # no unsure word: no second reading
    sure = misread(first, {"Lishui": ("Lishuii", 0.9), "Ningbo,": ("Nlngbo,", 0.4)})
    texts = [w.text for w in reread_unsure_words(engine, page, sure, tmp_path).words]
    assert "Lishuii" in texts  # read with confidence: the first reading stays
    assert "Ningbo," in texts


def word(text: str, x0: float, conf: float) -> Word:
    return Word(text, x0, 100, x0 + 10 * len(text), 130, conf)


def test_votes_replace_only_unsure_stretches_with_a_plausible_majority() -> None:
    assert len(READINGS) == 2
    first = [word("Nanhaii", 0, 0.4), word("District", 100, 0.95), word("JL-GJ-1000", 200, 0.39)]
    sauvola = [word("Nanhai", 0, 0.5), word("Distrlct", 100, 0.7), word("JL-G)-1000", 200, 0.5)]
    enlarged = [word("Nanhai", 0, 0.8), word("Distrlct", 100, 0.9), word("JL-G)-1000", 200, 0.7)]

    voted = _voted(first, [sauvola, enlarged])

    # The unsure word takes the agreed reading, the sure one stays, and an unbalanced bracket inside a code
    # is no reading to vote for.
    assert [w.text for w in voted] == ["Nanhai", "District", "JL-GJ-1000"]
    # Two words for one, when the others agree on it (`AV48` read as `AV 48`); no word only the others found.
    split = _voted([word("AV48", 0, 0.4)], [[word("AV", 0, 0.9), word("48", 30, 0.9)]] * 2)
    assert [w.text for w in split] == ["AV", "48"]
    assert _voted([word("AV48", 0, 0.4)], [[word("AV48", 0, 0.4), word("x", 300, 0.99)]] * 2) == [word("AV48", 0, 0.4)]


def test_item_codes_that_mix_case_oddly_are_implausible() -> None:
    assert odd_code("KPp-WL-2040") and odd_code("Kp-WL-2040") and odd_code("kP-20") and odd_code("Ab-CD-EF")
    assert not any(odd_code(t) for t in ("KP-WL-2040", "E-Mail:", "USt-IdNr", "1200mm", "Li-Ion-18V", "B/L-Kopie"))
