"""A second reading, with another model, of words the page's own model cannot spell.

Some Tesseract models lack characters that orders always carry: the Debian `spa` and `por` models have no `@`
(nor `#`, `&`), so every e-mail address on a Spanish or Portuguese page comes out without it
(`aruizecombajio.example`, `sunhaoO haitong-rubber.example`), however clean the scan. Reading such pages
with `spa+eng` costs 20-40 % more time for the whole page and changes accented words elsewhere (`Sí` ->
`Si`). Instead, the words that look like an e-mail address with its `@` misread (a domain-shaped word
without `@`, with the word right before it when they touch) are cut out, stacked into one small image and
read once more with the English model; a reading that has the `@` replaces them. One extra tesseract
process of a few text lines, only on pages whose model lacks `@` and that show such words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from extractors.ocr.engine import OcrText, TesseractOcr
from extractors.ocr.languages import PROBE_LANGUAGE
from extractors.ocr.preprocess import PreparedPage
from models.pages import Word

DOMAIN_END = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*\.[A-Za-z]{2,}[.,;:)]?$")
"""A word ending in a domain (`haitong-rubber.example`, `combajio.example,`)."""
TOUCHING = 0.6
"""A word closer than this many line heights to the domain-shaped word may be the first part of the address
(`sunhaoO haitong-rubber.example`: the misread `@` was taken for a space)."""
GAP = 20
"""Blank pixels around each cut-out in the stacked image."""


@dataclass(frozen=True, slots=True)
class _Cut:
    indexes: tuple[int, ...]
    box: tuple[int, int, int, int]
    """The cut-out's box on the page (left, top, right, bottom)."""
    offset: tuple[int, int]
    """Where the cut-out's top-left corner sits in the stacked image."""
    span: tuple[float, float]
    """Left and right of the words cut out: a neighbour's edge in the margin is not read back."""


def reread_missing_characters(engine: TesseractOcr, page: PreparedPage, text: OcrText, workdir: Path) -> OcrText:
    """The page's words with e-mail addresses read again by the English model when the page's model has no `@`.

    Returns `text` itself when the model has `@`, when nothing looks like a misread address, or when the
    second reading finds no `@` either.
    """
    model = text.language.split("+")[0]
    characters = engine.characters(model)
    if not model or characters is None or "@" in characters or PROBE_LANGUAGE not in engine.installed.languages:
        return text
    groups = suspect_groups(text.words)
    if not groups:
        return text
    cuts, strip = _stack(page.image, text.words, groups)
    path = workdir / f"reread-{page.number}.pgm"
    strip.save(path, format="PPM")
    second = engine.recognize(str(path), [PROBE_LANGUAGE], psm=6, dpi=page.dpi)
    replacements: dict[int, list[Word]] = {}
    for cut, words in zip(cuts, _words_per_cut(cuts, second.words), strict=True):
        if words and any("@" in w.text for w in words):
            replacements[cut.indexes[0]] = words
            replacements.update({i: [] for i in cut.indexes[1:]})
    if not replacements:
        return text
    merged: list[Word] = []
    for index, word in enumerate(text.words):
        merged.extend(replacements.get(index, [word]))
    return OcrText(merged, text.language, text.psm)


def suspect_groups(words: list[Word]) -> list[tuple[int, ...]]:
    """Indexes of words that look like an e-mail address whose `@` was misread (with a touching first part)."""
    groups: list[tuple[int, ...]] = []
    for index, word in enumerate(words):
        if "@" in word.text or not DOMAIN_END.search(word.text) or len(word.text) < 6:
            continue
        previous = words[index - 1] if index else None
        height = max(word.bottom - word.top, 1.0)
        touching = (
            previous is not None
            and "@" not in previous.text
            and previous.text[-1:].isalnum()
            and min(previous.bottom, word.bottom) - max(previous.top, word.top) > 0.5 * height
            and 0 <= word.x0 - previous.x1 < TOUCHING * height
        )
        groups.append((index - 1, index) if touching else (index,))
    return groups


def _stack(image: Image.Image, words: list[Word], groups: list[tuple[int, ...]]) -> tuple[list[_Cut], Image.Image]:
    cuts: list[_Cut] = []
    crops: list[Image.Image] = []
    y = GAP
    for group in groups:
        members = [words[i] for i in group]
        height = max(w.bottom - w.top for w in members)
        box = (
            max(0, int(min(w.x0 for w in members) - 0.3 * height)),
            max(0, int(min(w.top for w in members) - 0.3 * height)),
            min(image.width, int(max(w.x1 for w in members) + 0.3 * height) + 1),
            min(image.height, int(max(w.bottom for w in members) + 0.3 * height) + 1),
        )
        crop = image.crop(box)
        cuts.append(_Cut(group, box, (GAP, y), (min(w.x0 for w in members), max(w.x1 for w in members))))
        crops.append(crop)
        y += crop.height + GAP
    strip = Image.new("L", (max(c.width for c in crops) + 2 * GAP, y), 255)
    for cut, crop in zip(cuts, crops, strict=True):
        strip.paste(crop, cut.offset)
    return cuts, strip


def _words_per_cut(cuts: list[_Cut], words: list[Word]) -> list[list[Word]]:
    """The second reading's words of each cut-out (by their centre), moved back to page coordinates."""
    result: list[list[Word]] = [[] for _ in cuts]
    for word in words:
        centre = (word.top + word.bottom) / 2
        for index, cut in enumerate(cuts):
            top = cut.offset[1]
            if top <= centre < top + cut.box[3] - cut.box[1]:
                dx, dy = cut.box[0] - cut.offset[0], cut.box[1] - cut.offset[1]
                moved = Word(word.text, word.x0 + dx, word.top + dy, word.x1 + dx, word.bottom + dy, word.conf)
                if cut.span[0] <= (moved.x0 + moved.x1) / 2 <= cut.span[1]:
                    result[index].append(moved)
                break
    return result
