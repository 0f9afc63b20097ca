"""From Tesseract's output to words: where the engine put spaces, marks left by specks, and a second reading of
e-mail addresses by a model that has `@` (real Tesseract on rendered pages)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr.engine import OcrText, TesseractOcr, parse_tsv
from extractors.ocr.pool import _PageReader
from extractors.ocr.preprocess import PageImage, prepare
from extractors.ocr.probe import Plan
from extractors.ocr.reread import reread_missing_characters, suspect_groups
from extractors.ocr.tsv import email_pieces_joined, label_colons, mended_email, stacked_lines
from models.pages import Word
from tests.ocr.conftest import LATIN_FONT, render_lines

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def tsv(*words: tuple[int, int, str, float]) -> str:
    """One line of words (left, width, text, conf), 30 px high."""
    rows = [HEADER, "4\t1\t1\t1\t1\t0\t100\t100\t900\t30\t-1\t"]
    for number, (left, width, text, conf) in enumerate(words, 1):
        rows.append(f"5\t1\t1\t1\t1\t{number}\t{left}\t100\t{width}\t30\t{conf}\t{text}")
    return "\n".join(rows)


def test_words_the_text_output_writes_together_are_joined_and_spaced_ones_kept_apart() -> None:
    # Tesseract's TSV splits Han text into one "word" per character or two; its text output knows the spaces.
    data = tsv(
        (100, 40, "活动", 93), (145, 38, "扳手", 94), (190, 70, "250mm", 90), (270, 20, "磷", 88), (296, 20, "化", 91)
    )

    words = parse_tsv(data, "活动扳手 250mm 磷化\n")

    assert [w.text for w in words] == ["活动扳手", "250mm", "磷化"]
    assert (words[0].x0, words[0].x1) == (100.0, 183.0)


def test_boxes_that_overlap_their_neighbour_still_join_when_the_text_has_no_space() -> None:
    data = tsv((100, 35, "9", 93), (128, 20, "件", 92), (160, 100, "1.5-10mm", 91))

    assert [w.text for w in parse_tsv(data, "9件 1.5-10mm\n")] == ["9件", "1.5-10mm"]


def test_without_the_text_output_gaps_decide_as_before() -> None:
    data = tsv((100, 40, "宁波", 93), (145, 38, "旭日", 94), (500, 60, "FN-AW250", 90))

    assert [w.text for w in parse_tsv(data)] == ["宁波旭日", "FN-AW250"]
    # An output that does not line up with the TSV leaves the gaps to decide, word by word.
    assert [w.text for w in parse_tsv(data, "something else entirely")] == ["宁波旭日", "FN-AW250"]


def line(top: int, height: int, *words: tuple[int, int, int, str], conf: float = 95) -> list[str]:
    """TSV rows of one line (its band from top, height) of words (left, width, word height, text)."""
    rows = [f"4\t1\t1\t1\t{top}\t0\t100\t{top}\t900\t{height}\t-1\t"]
    for number, (left, width, word_height, text) in enumerate(words, 1):
        rows.append(f"5\t1\t1\t1\t{top}\t{number}\t{left}\t{top}\t{width}\t{word_height}\t{conf}\t{text}")
    return rows


def test_latin_lines_are_as_tall_as_their_font_like_text_layer_words() -> None:
    data = "\n".join(
        [
            HEADER,
            *line(100, 30, (100, 90, 30, "Telefono:"), (200, 40, 30, "+39")),  # capitals, no descender
            *line(200, 40, (100, 90, 40, "Shipping"), (200, 40, 30, "Date")),  # capitals and descenders
            *line(300, 22, (100, 60, 22, "mm,"), (170, 60, 22, "ma")),  # x-height only, comma
            *line(400, 60, (100, 90, 25, "Deutschland"), (100, 90, 60, "Thomas")),  # rows Tesseract stacked
            *line(500, 30, (100, 90, 30, "宁波"), (400, 40, 30, "FOB")),
        ]
    )

    bands = {w.text: (round(w.top, 1), round(w.bottom, 1)) for w in parse_tsv(data)}

    assert bands["Telefono:"] == bands["+39"] == (100.0, 139.6)  # 30 px = 0.75 em: descent 0.24 em below
    assert bands["Shipping"] == (200.0, 240.0)
    assert bands["mm,"] == (292.0, 331.6)  # 22 px = 0.55 em: ascent 0.2 em above, descent 0.24 em below
    assert bands["Thomas"] == (400.0, 460.0)
    assert bands["宁波"] == (500.0, 530.0)


def test_a_closing_mark_after_a_space_is_a_speck() -> None:
    data = tsv((100, 10, "1", 92), (120, 10, "，", 33), (140, 60, "。上海", 80), (210, 40, "公司，", 90))

    words = parse_tsv(data, "1 ， 。上海 公司，\n")

    assert [w.text for w in words] == ["1", "上海", "公司，"]


def test_marks_read_alone_at_low_confidence_are_rule_remnants_not_words() -> None:
    # A table rule between the item-code and description cells read as `~`: it would bridge the column gap.
    data = tsv(
        (100, 120, "EB-KT1750", 55),
        (222, 16, "~", 0),
        (255, 80, "Electric", 95),
        (340, 20, "&", 40),
        (365, 15, "—", 90),
    )

    words = parse_tsv(data, "EB-KT1750 ~ Electric & —\n")

    # A sure dash is kept, and so are marks that an order prints on their own (`&` in a name, `%`, a colon).
    assert [w.text for w in words] == ["EB-KT1750", "Electric", "&", "—"]


@pytest.fixture(scope="module")
def engine() -> TesseractOcr:
    ocr = TesseractOcr()
    if not {"spa", "eng"} <= ocr.installed.languages:
        pytest.skip("needs the spa and eng traineddata")
    return ocr


SPANISH = [
    "Pedido de compra 2025/438 del 26/12/2025",
    "Correo electrónico: aruiz@combajio.example",
    "Proveedor: Qingdao Haitong Rubber Products",
    "Contacto sunhao@haitong-rubber.example Tfno. +86 532",
]


def test_spanish_model_has_no_at_sign_so_addresses_are_read_again_in_english(
    engine: TesseractOcr, tmp_path: Path
) -> None:
    spanish_model = engine.characters("spa")
    if spanish_model is None or "@" in spanish_model:
        pytest.skip("this spa model can spell @")
    page = prepare(PageImage(1, render_lines(SPANISH, dpi=200).image, (200.0, 200.0)), tmp_path)
    reader = _PageReader(engine, Plan(("spa",), "Latin"), ["spa", "eng"], tmp_path)

    texts = [w.text for w in reader.read(page).words]

    assert "aruiz@combajio.example" in texts
    assert "sunhao@haitong-rubber.example" in texts
    assert {"electrónico:", "Tfno.", "+86"} <= set(texts)  # the rest stays the Spanish model's reading


def test_pages_whose_model_has_the_at_sign_are_not_read_again(engine: TesseractOcr, tmp_path: Path) -> None:
    page = prepare(PageImage(1, render_lines(SPANISH, dpi=200).image, (200.0, 200.0)), tmp_path)
    text = OcrText([Word("aruizecombajio.example", 10, 10, 200, 30, 0.9)], "eng", 4)

    assert reread_missing_characters(engine, page, text, tmp_path) is text


def test_suspects_are_domain_shaped_words_without_at_with_a_touching_first_part() -> None:
    words = [
        Word("Correo:", 0, 0, 70, 20),
        Word("sunhaoO", 80, 0, 150, 20),
        Word("haitong-rubber.example", 156, 0, 400, 20),
        Word("mpuig@ilum.example", 0, 40, 200, 60),
        Word("12.50", 0, 80, 50, 100),
        Word("aruizecombajio.example", 0, 120, 220, 140),
    ]

    assert suspect_groups(words) == [(1, 2), (5,)]


def two_columns(dpi: int = 200) -> Image.Image:
    """An address block next to labelled values, at different line pitches (Tesseract's mode 4 stacks them)."""
    size = round(10 * dpi / 72)
    font = ImageFont.truetype(LATIN_FONT, size)
    bold = ImageFont.truetype(LATIN_FONT.replace("DejaVuSans", "DejaVuSans-Bold"), size)
    image = Image.new("L", (round(8.27 * dpi), round(4 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    left = [
        "Xiamen Evergreen Furniture Co., Ltd.",
        "No. 12 Xinyang Road, Haicang District",
        "Xiamen, Fujian 361026",
        "China",
        "Attn. Grace Lin",
        "Telefoon: +86 592 651 2270",
    ]
    right = [
        ("Bestelnummer:", "20268591"),
        ("Besteldatum:", "02-01-2026"),
        ("Behandeld door:", "Pieter de Vries"),
        ("Telefoon:", "+31 10 428 7710"),
    ]
    top = round(0.5 * dpi)
    for index, text in enumerate(left):
        draw.text((round(0.6 * dpi), top + index * round(size * 1.2)), text, font=font, fill=0)
    for index, (label, value) in enumerate(right):
        y = top + index * round(size * 1.7)
        draw.text((round(4.4 * dpi), y), label, font=bold, fill=0)
        draw.text((round(5.8 * dpi), y), value, font=font, fill=0)
    return image


def test_rows_of_side_by_side_columns_that_tesseract_stacked_are_read_again_sparsely(tmp_path: Path) -> None:
    engine = TesseractOcr()
    page = prepare(PageImage(1, two_columns(), (200.0, 200.0)), tmp_path)
    first = engine.recognize(page.path, ["eng"], 4, page.dpi)
    if not first.stacked:
        pytest.skip("this Tesseract read the two columns apart")
    reader = _PageReader(engine, Plan(("eng",), "Latin"), ["eng"], tmp_path)

    words = reader.read(page).words

    texts = [w.text for w in words]
    assert {"Besteldatum:", "02-01-2026", "Fujian", "361026", "China", "Behandeld"} <= set(texts)
    fujian, besteldatum = words[texts.index("Fujian")], words[texts.index("Besteldatum:")]
    assert fujian.top + fujian.bottom > besteldatum.top + besteldatum.bottom  # each at its own place


def test_stacked_lines_are_tall_lines_with_a_misread_word() -> None:
    data = "\n".join(
        [
            HEADER,
            *line(100, 50, (100, 90, 20, "Xiamen,"), (200, 90, 48, "este'datum"), (300, 90, 20, "Fujian"), conf=35),
            *line(200, 22, (100, 90, 20, "China"), (300, 90, 20, "Behandeld"), conf=35),  # misread, one row
        ]
    )

    assert stacked_lines(data) == [(100, 150)]


def test_latin_words_are_boxed_like_text_layer_words_from_origin_to_advance(tmp_path: Path) -> None:
    # A text layer boxes a word from its first glyph's origin to its last glyph's advance; Tesseract boxes the
    # ink, a side bearing narrower on each side. Words are drawn at known origins and advances.
    dpi, size = 200, round(10 * 200 / 72)
    font = ImageFont.truetype(LATIN_FONT, size)
    image = Image.new("L", (1400, 200), 255)
    draw = ImageDraw.Draw(image)
    words = ["Email:", "m.rinaldi@alpine.example", "Telefono:", "+39", "0721"]
    advances: list[tuple[float, float]] = []
    x = 60.0
    for word in words:
        draw.text((x, 80), word, font=font, fill=0)
        advances.append((x, x + font.getlength(word)))
        x += font.getlength(word) + font.getlength(" ")
    path = tmp_path / "line.png"
    image.save(path, dpi=(dpi, dpi))

    read = TesseractOcr().recognize(str(path), ["eng"], psm=4, dpi=dpi).words

    assert [w.text for w in read] == words
    errors = [abs(w.x0 - a[0]) + abs(w.x1 - a[1]) for w, a in zip(read, advances, strict=True)]
    assert sum(errors) / (2 * len(errors)) < 0.05 * size  # ink boxes alone: 0.08 em off on average


def test_a_semicolon_where_a_label_ends_is_its_colon() -> None:
    def row(*words: tuple[str, int, int]) -> list[Word]:
        return [Word(text, x0, 0, x1, 20, 0.9) for text, x0, x1 in words]

    def read(words: list[Word]) -> list[str]:
        return [w.text for w in label_colons(words, [(1, 1, 1, 1)] * len(words))]

    # Labels opening a line or a column, Latin or Han, the semicolon on the label or opening the next word.
    assert read(row(("E-Mail;", 0, 60), ("lily@sunrise-ind.example", 70, 300))) == [
        "E-Mail:",
        "lily@sunrise-ind.example",
    ]
    assert read(row(("Ship", 0, 40), ("to", 45, 60), ("Verpackung;", 120, 220), ("Seemäßige", 230, 300)))[2] == (
        "Verpackung:"
    )
    assert read(row(("起运港;", 0, 60), ("宁波", 100, 140))) == ["起运港:", "宁波"]
    assert read(row(("结算方式;即期信用证，开证行:", 0, 300))) == ["结算方式:即期信用证，开证行:"]
    assert read(row(("收件人梁艳", 0, 100), ("交期", 200, 240), (";", 245, 250), ("2026-02-15", 280, 380)))[2] == ":"
    assert read(row(("签订日期", 0, 80), (";2025-11-29", 150, 250))) == ["签订日期", ":2025-11-29"]
    # A Han label inside a line when a number follows.
    assert read(row(("公司", 0, 40), ("统一社会信用代码;", 55, 200), ("91310115MA1K3XY27Q", 210, 400)))[1] == (
        "统一社会信用代码:"
    )
    # Real semicolons: between clauses of a sentence, after a Han clause followed by more Han text.
    assert read(row(("Bank", 0, 40), ("London;", 50, 110), ("fecha", 120, 170))) == ["Bank", "London;", "fecha"]
    assert read(row(("proibido;", 0, 80), ("transbordo:", 90, 200)))[0] == "proibido;"
    assert read(row(("开证行:", 0, 60), ("中国银行上海市分行;", 70, 200), ("最迟装运日期", 210, 300)))[1] == (
        "中国银行上海市分行;"
    )


def test_label_semicolons_are_mended_in_tesseract_output() -> None:
    data = "\n".join(
        [
            HEADER,
            *line(100, 30, (100, 180, 30, "Documents;"), (330, 200, 30, "Commercial"), (540, 90, 30, "invoice")),
            *line(200, 30, (100, 60, 30, "Bank"), (170, 90, 30, "London;"), (270, 90, 30, "fecha")),
        ]
    )

    assert [w.text for w in parse_tsv(data)] == ["Documents:", "Commercial", "invoice", "Bank", "London;", "fecha"]


def test_e_mail_addresses_lose_the_marks_a_scan_adds() -> None:
    assert mended_email("j.whitfield@harwood-lane,example") == "j.whitfield@harwood-lane.example"
    assert mended_email("j.‚brandt@hansen-mb.example") == "j.brandt@hansen-mb.example"
    # The sentence's comma after an address, an apostrophe in a name, and what is no address stay.
    assert mended_email("lily@sunrise-ind.example,") == "lily@sunrise-ind.example,"
    assert mended_email("o'brien@harwood-lane.example") == "o'brien@harwood-lane.example"
    assert mended_email("3,5@4,5") == "3,5@4,5"
    assert mended_email("a@b@c.example") == "a@b@c.example"
    data = tsv((100, 60, "Email:", 95), (180, 400, "j.whitfield@harwood-lane,example", 80))
    assert [w.text for w in parse_tsv(data)] == ["Email:", "j.whitfield@harwood-lane.example"]


def test_an_e_mail_address_broken_after_its_dots_is_one_word_again() -> None:
    words = [
        Word("example", 185.3, 220.3, 225.1, 232.6, 0.0),
        Word("lin@fengxi-porcelain.", 71.4, 221.8, 223.1, 231.1, 0.0),
        Word("amy.", 49.8, 222.1, 69.7, 231.1, 0.93),
        Word("Tel.", 20.0, 240.0, 35.0, 249.0, 0.95),
        Word("a@b.example", 39.0, 240.0, 90.0, 249.0, 0.95),
    ]

    texts = [w.text for w in email_pieces_joined(words)]

    # "Tel." a space before an address stays a word of its own
    assert texts == ["amy.lin@fengxi-porcelain.example", "Tel.", "a@b.example"]
