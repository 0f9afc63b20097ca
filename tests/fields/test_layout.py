"""Lines and segments from words (`extractors.layout`)."""

from __future__ import annotations

from extractors.layout import page_lines
from models.pages import Page, Word


def ocr_words(*words: tuple[str, float, float], conf: float = 0.9) -> Page:
    return Page(1, 595, 842, [Word(text, x0, 100.0, x1, 110.0, conf) for text, x0, x1 in words])


def test_ocr_spaces_beside_brackets_and_single_han_characters_are_dropped() -> None:
    page = ocr_words(
        ("买", 20, 30),
        ("方", 36, 46),
        ("防滑衣架", 120, 157),
        ("(10只装", 160, 196),
        (")", 199, 203),
        ("收件人", 300, 330),
        ("陈丽", 335, 355),
    )

    assert [s.text for s in page_lines(page)[0].segments] == ["买方", "防滑衣架(10只装)", "收件人 陈丽"]


def test_text_layer_words_keep_their_spaces() -> None:
    page = ocr_words(
        ("防滑衣架", 120, 157), ("(10只装)", 160, 203), ("上海市", 300, 330), ("浦东新区", 333, 373), conf=1.0
    )

    assert [s.text for s in page_lines(page)[0].segments] == ["防滑衣架 (10只装)", "上海市 浦东新区"]
