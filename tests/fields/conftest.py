from __future__ import annotations

from collections.abc import Callable

import pytest

from models.pages import Page, ReadDocument, Word

CHAR_W = 5.0


def layout_page(rows: list[tuple[float, list[tuple[float, str]]]], number: int = 1) -> Page:
    """A page from (y, [(x, text), ...]) rows; each text is split into words at single spaces."""
    words = []
    for y, cells in rows:
        for x, text in cells:
            cursor = x
            for token in text.split(" "):
                if token:
                    words.append(Word(token, cursor, y, cursor + CHAR_W * len(token), y + 9))
                cursor += CHAR_W * (len(token) + 1)
    return Page(number, 595, 842, words)


@pytest.fixture
def make_doc() -> Callable[..., ReadDocument]:
    def make(*pages: list[tuple[float, list[tuple[float, str]]]]) -> ReadDocument:
        return ReadDocument("pdf", "application/pdf", [layout_page(p, i + 1) for i, p in enumerate(pages)])

    return make
