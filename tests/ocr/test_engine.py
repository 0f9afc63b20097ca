"""TesseractOcr: TSV and OSD parsing, language identification, and failures that tell what to do."""

from __future__ import annotations

from pathlib import Path

import pytesseract
import pytest

from extractors.ocr.engine import TesseractOcr, parse_osd, parse_tsv
from extractors.ocr.languages import debian_package, identify_language
from models.errors import InputTimeoutError, OcrError
from tests.ocr.conftest import GERMAN_LINES, render_lines

TSV = "\n".join(
    [
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "1\t1\t0\t0\t0\t0\t0\t0\t1000\t800\t-1\t",
        "4\t1\t1\t1\t1\t0\t100\t200\t400\t40\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t205\t120\t30\t96.5\tOrder",
        "5\t1\t1\t1\t1\t2\t240\t212\t50\t22\t-1\t ",
        "5\t1\t1\t1\t1\t3\t300\t210\t60\t28\t41.0\tno.",
        "4\t1\t1\t1\t2\t0\t100\t260\t300\t40\t-1\t",
        "5\t1\t1\t1\t2\t1\t100\t262\t200\t60\t90\t4711",
    ]
)


def test_tsv_words_get_their_line_band_and_a_confidence_in_0_1() -> None:
    words = parse_tsv(TSV)

    assert [(w.text, w.top, w.bottom, w.conf) for w in words] == [
        ("Order", 200.0, 240.0, 0.965),
        ("no.", 200.0, 240.0, 0.41),
        ("4711", 262.0, 322.0, 0.9),  # taller than its line: keeps its own box
    ]
    assert (words[0].x0, words[0].x1) == (97.4, 222.6)  # ink box widened by the side bearings, 0.065 em


def test_osd_output_is_parsed() -> None:
    text = (
        "Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 13.37\n"
        "Script: Han\nScript confidence: 0.79\n"
    )

    orientation = parse_osd(text)

    assert orientation is not None
    assert (orientation.rotate, orientation.script) == (90, "Han")
    assert parse_osd("Page number: 0\n") is None


def test_language_is_identified_among_the_configured_candidates() -> None:
    latin = ["eng", "deu", "fra", "spa", "ita", "por", "nld"]
    german = identify_language("Bitte bestätigen Sie den Auftrag und die Lieferung bis Ende Mai", latin)
    dutch = identify_language("Graag ontvangen wij een bevestiging van deze bestelling en de leverdatum", latin)

    assert german is not None and german.language == "deu"
    assert dutch is not None and dutch.language == "nld"
    only = identify_language("Bitte bestätigen Sie den Auftrag und die Lieferung", ["eng", "fra"])
    assert only is not None and only.language in ("eng", "fra")
    assert identify_language("4711 12.50", latin) is None


def test_timeout_becomes_input_timeout(tmp_path: Path) -> None:
    path = tmp_path / "page.pgm"
    render_lines(GERMAN_LINES * 4, dpi=300).image.save(path)

    with pytest.raises(InputTimeoutError) as failure:
        TesseractOcr(timeout_s=0.05).recognize(str(path), ["deu"])

    assert failure.value.retryable


def test_missing_tesseract_binary_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    monkeypatch.setattr(TesseractOcr, "_installed", None)

    with pytest.raises(OcrError) as failure:
        TesseractOcr()

    assert "apt-get install tesseract-ocr" in failure.value.message


def test_debian_package_names() -> None:
    assert debian_package("chi_sim") == "tesseract-ocr-chi-sim"
    assert debian_package("deu") == "tesseract-ocr-deu"


def _tsv(words: list[tuple[str, int, int, float]]) -> str:
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    rows.append("4\t1\t1\t1\t1\t0\t0\t100\t2000\t40\t-1\t")
    for number, (text, left, width, conf) in enumerate(words, 1):
        rows.append(f"5\t1\t1\t1\t1\t{number}\t{left}\t105\t{width}\t30\t{conf}\t{text}")
    return "\n".join(rows)


def test_han_runs_are_joined_where_the_page_has_no_space() -> None:
    words = parse_tsv(
        _tsv(
            [
                ("活动", 0, 60, 95),
                ("扳手", 68, 60, 93),  # 8 px apart: inside the run (line height 40)
                ("250mm", 146, 90, 96),  # 18 px: a space
                ("磷化", 250, 60, 90),
                ("88", 400, 30, 96),
                ("号", 436, 30, 94),  # 6 px between a digit and a Han character: no space
            ]
        )
    )

    assert [w.text for w in words] == ["活动扳手", "250mm", "磷化", "88号"]
    assert words[0].x1 == 128.0 and 0.93 < words[0].conf < 0.95


def test_stray_quotes_and_rule_remnants_leave_words() -> None:
    rows = [("”品名", 0, 60, 40), ("“HUADONG", 100, 90, 91), ("|KP-WL-2040", 300, 90, 96), ('1/4"', 500, 40, 96)]

    words = parse_tsv(_tsv(rows))
    assert [w.text for w in words] == ["品名", "HUADONG", "KP-WL-2040", '1/4"']
