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
from extractors.ocr.tsv import STACKED, TextLine
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
    return OcrText(merged, text.language, text.psm, text.stacked, text.lines)


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


SPARSE_PSM = 11
"""Sparse text: every chunk of text on its own, no lines across columns."""
MARGIN = 1.0
"""Page cut out above and below a stacked region, in region heights (measured: 0.3 lost a seller field on
scan_nl_2 and saved only 15-20 % of the second reading's time)."""
KEEP_ALONE = 0.6
"""A word that only one of two readings found is kept from this confidence on."""


def reread_stacked_lines(engine: TesseractOcr, page: PreparedPage, text: OcrText, workdir: Path) -> OcrText:
    """The page's words with the rows of stacked lines (`tsv.stacked_lines`) read again in sparse mode.

    Each region (stacked lines merged when they touch) is cut out across the page's width with a margin of
    one region height, the cut-outs are stacked into one image and read once with `--psm 11`, which reads
    each chunk of text on its own. In each region the two readings are combined stretch by stretch
    (`_better_of`): where they disagree, the surer one wins.
    """
    regions = _merged(text.stacked)
    if not regions:
        return text
    cuts: list[tuple[int, int, int]] = []  # (region index, crop top on the page, top in the stack)
    crops: list[Image.Image] = []
    y = GAP
    for index, (top, bottom) in enumerate(regions):
        margin = round(MARGIN * (bottom - top))
        box = (0, max(0, top - margin), page.image.width, min(page.image.height, bottom + margin))
        crops.append(page.image.crop(box))
        cuts.append((index, box[1], y))
        y += crops[-1].height + GAP
    strip = Image.new("L", (page.image.width, y), 255)
    for (_, _, offset), crop in zip(cuts, crops, strict=True):
        strip.paste(crop, (0, offset))
    path = workdir / f"stacked-{page.number}.pgm"
    strip.save(path, format="PPM")
    second = engine.recognize(str(path), text.language.split("+"), psm=SPARSE_PSM, dpi=page.dpi)
    found: list[list[Word]] = [[] for _ in regions]
    for word in second.words:
        centre = (word.top + word.bottom) / 2
        for (index, crop_top, offset), crop in zip(cuts, crops, strict=True):
            if offset <= centre < offset + crop.height:
                dy = crop_top - offset
                moved = Word(word.text, word.x0, word.top + dy, word.x1, word.bottom + dy, word.conf)
                if regions[index][0] <= centre + dy <= regions[index][1]:
                    found[index].append(moved)
                break
    words = list(text.words)
    for (top, bottom), again in zip(regions, found, strict=True):
        inside = [w for w in words if top <= (w.top + w.bottom) / 2 <= bottom]
        outside = [w for w in words if not top <= (w.top + w.bottom) / 2 <= bottom]
        words = outside + _better_of(inside, again)
    return OcrText(words, text.language, text.psm, text.stacked, text.lines)


def _better_of(first: list[Word], second: list[Word]) -> list[Word]:
    """The words of two readings of one region, each stretch from the reading that is surer of it.

    Words of the two readings that overlap on the page form a stretch (a garbled word of the first reading
    may cover two of the second); each stretch comes from the reading with the higher mean confidence
    there, with the second reading's line band (one row, one kind of band). Words only one reading found
    are kept when read with at least `KEEP_ALONE` confidence.
    """
    parent = list(range(len(first) + len(second)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(first):
        for j, b in enumerate(second):
            if _overlap(a, b):
                parent[root(i)] = root(len(first) + j)
    stretches: dict[int, tuple[list[Word], list[Word]]] = {}
    for i, word in enumerate([*first, *second]):
        stretches.setdefault(root(i), ([], []))[i >= len(first)].append(word)
    kept: list[Word] = []
    for ours, theirs in stretches.values():
        if ours and theirs:
            if _mean_conf(theirs) > _mean_conf(ours):
                kept.extend(theirs)
            else:
                # The first reading's text with the second reading's line band: the first reading's bands
                # are those of the stacked lines, and one row must not get bands from both readings.
                kept.extend(_with_band_of([t for t in theirs if _overlap(w, t)], w) for w in ours)
        else:
            kept.extend(w for w in ours or theirs if w.conf >= KEEP_ALONE)
    return kept


def _with_band_of(others: list[Word], word: Word) -> Word:
    """The word with the line band of the other reading's word that covers most of it."""
    if not others:
        return word
    best = max(others, key=lambda o: _area(o, word))
    return Word(word.text, word.x0, best.top, word.x1, best.bottom, word.conf)


def _area(a: Word, b: Word) -> float:
    return max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0.0, min(a.bottom, b.bottom) - max(a.top, b.top))


def _overlap(a: Word, b: Word) -> bool:
    across = min(a.x1, b.x1) - max(a.x0, b.x0)
    down = min(a.bottom, b.bottom) - max(a.top, b.top)
    return across > 0.3 * min(a.x1 - a.x0, b.x1 - b.x0) and down > 0.3 * min(a.bottom - a.top, b.bottom - b.top)


def _merged(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for top, bottom in sorted(regions):
        if merged and top <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def _mean_conf(words: list[Word]) -> float:
    total = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / total if total else 0.0


SAUVOLA = "-c thresholding_method=2"
READINGS: list[tuple[str, float]] = [(SAUVOLA, 1.0), ("", 2.0)]
"""The other readings of unsure words: tesseract options and the scale their cut-outs are enlarged by (bicubic).
Tesseract's own binarization is a global Otsu threshold; Sauvola thresholding (local) and an enlarged cut-out
(Otsu over the cut-out alone, finer strokes) each read some of the words right that it misreads."""
UNSURE = 0.6
"""A word read with lower confidence is read again; only a stretch the first reading is less sure of than this is
replaced by what the other readings agree on (a confident `Metallverschlüsse` stays where both others read
`Metaliverschlüsse`)."""
LINE_PAD = 0.5
"""Page kept beside a line's ends when it is cut out, in median word heights."""
LINE_PAD_Y = 0.1
"""Page kept above and below a line's box when it is cut out, in median word heights."""
CONTEXT = 2
"""Words of the line cut out with the unsure ones on each side (the recognizer reads words in context)."""
GROUP_GAP = 2.0
"""Unsure words closer than this many word heights are cut out together."""
CODE_WORD = re.compile(r"^(?=.*[0-9]|.*-.*-)[A-Za-z0-9][A-Za-z0-9./-]*[A-Za-z0-9]$")
"""An item code: letters and digits with a digit or two hyphens (`KP-WL-2040`, `BW-ACC-SUS-BK`)."""
ODD_CASE = re.compile(r"[A-Z]{2}[a-z]|[a-z][A-Z]")
Box = tuple[int, int, int, int]


def reread_unsure_words(
    engine: TesseractOcr,
    page: PreparedPage,
    text: OcrText,
    workdir: Path,
    readings: list[tuple[str, float]] | None = None,
) -> OcrText:
    """The page's words with unsure ones read again, stretch by stretch what most readings agree on.

    A word read with under `UNSURE` confidence, or an item code mixing case as no printed code does
    (`BWw-ACC-SUS-BK`), is cut out of its text line with `CONTEXT` words each side (cut in the gaps between
    words), and all cut-outs of the page are stacked into one image per other reading (`READINGS`: Sauvola
    thresholding; enlarged twice), read with `--psm 6`. The readings are combined stretch by stretch
    (`_voted`): where the other readings agree on a text the first reading did not give, and the first is
    unsure of it, their text replaces it. Lines that are stacked rows (`reread_stacked_lines` reads them) are
    left alone. A page without unsure words pays nothing.
    """
    readings = READINGS if readings is None else readings
    stacked = _merged(text.stacked)
    chosen = [
        line
        for line in text.lines
        if line.box[3] - line.box[1] <= STACKED * max(line.word_height, 1.0)
        and not any(top <= (line.box[1] + line.box[3]) / 2 <= bottom for top, bottom in stacked)
    ]
    cuts = [cut for line in chosen for cut in _cuts(line, text.words, page.image.size)]
    if not readings or not cuts:
        return text
    boxes = [box for box, _ in cuts]
    others: list[list[list[Word]]] = []
    undecided = list(range(len(cuts)))
    for n, (options, scale) in enumerate(readings):
        path = workdir / f"unsure-{page.number}-{n}.pgm"
        found = _read_cuts(engine, page, [boxes[i] for i in undecided], text.language, options, scale, path)
        read = dict(zip(undecided, found, strict=True))
        others.append([read.get(i, []) for i in range(len(cuts))])
        if n == 0:
            # Where the first other reading gives the first one's text, no vote can replace it: the next
            # readings read only the cut-outs still open.
            undecided = [
                i
                for i in undecided
                if _open([text.words[j] for j in _inside(text.words, boxes[i])], read[i], cuts[i][1])
            ]
            if not undecided:
                break
    words = list(text.words)
    for index, (box, span) in enumerate(cuts):
        inside = _inside(words, box)
        if not inside:
            continue
        combined = _voted([words[i] for i in inside], [other[index] for other in others], span)
        keep = set(inside)
        words = words[: inside[0]] + combined + [w for i, w in enumerate(words) if i > inside[0] and i not in keep]
    return OcrText(words, text.language, text.psm, text.stacked, text.lines)


def _inside(words: list[Word], box: Box) -> list[int]:
    """Indexes of the words whose centre lies in box."""
    return [
        i
        for i, w in enumerate(words)
        if box[1] <= (w.top + w.bottom) / 2 <= box[3] and box[0] <= (w.x0 + w.x1) / 2 <= box[2]
    ]


def _open(first: list[Word], other: list[Word], span: tuple[float, float]) -> bool:
    """Whether a vote could still replace a stretch of the first reading in span.

    It can where the other reading gives another text for an unsure stretch, or where the first reading is no
    plausible word.
    """
    for ours, theirs in _stretches([first, other]):
        if not ours or not all(span[0] <= (w.x0 + w.x1) / 2 <= span[1] for w in ours):
            continue
        if not _plausible(ours) or (_key(ours) != _key(theirs) and _mean_conf(ours) < UNSURE):
            return True
    return False


def odd_code(text: str) -> bool:
    """An item code whose letters mix case as no printed code does (`BWw-ACC`, `Bw-T8-1200-BK`, `kP-20`)."""
    if not CODE_WORD.match(text):
        return False
    if ODD_CASE.search(text):
        return True
    runs = [run for run in re.split(r"[^A-Za-z]+", text) if len(run) >= 2]
    return any(run.isupper() for run in runs) and any(not run.isupper() for run in runs)


def _cuts(line: TextLine, words: list[Word], size: tuple[int, int]) -> list[tuple[Box, tuple[float, float]]]:
    """Boxes to cut out of a line around its unsure words, each with the span of the words that may be replaced."""
    height = max(line.word_height, 1.0)
    left, top, right, bottom = line.box
    pad_x, pad_y = round(LINE_PAD * height), round(LINE_PAD_Y * height)
    outer = (max(0, left - pad_x), max(0, top - pad_y), min(size[0], right + pad_x), min(size[1], bottom + pad_y))
    members = sorted(
        (w for w in words if top <= (w.top + w.bottom) / 2 <= bottom and left <= (w.x0 + w.x1) / 2 <= right),
        key=lambda w: w.x0,
    )
    groups: list[list[int]] = []
    for index, word in enumerate(members):
        if not _unsure(word):
            continue
        if groups and word.x0 - members[groups[-1][-1]].x1 < GROUP_GAP * height:
            groups[-1].append(index)
        else:
            groups.append([index])
    cuts = []
    for group in groups:
        first, last = max(0, group[0] - CONTEXT), min(len(members) - 1, group[-1] + CONTEXT)
        # Cut in the gaps between words: a word cut in half is read as something else by every reading.
        x0 = outer[0] if first == 0 else round((members[first - 1].x1 + members[first].x0) / 2)
        x1 = outer[2] if last == len(members) - 1 else round((members[last].x1 + members[last + 1].x0) / 2)
        span = (members[group[0]].x0, members[group[-1]].x1)
        cuts.append(((max(outer[0], x0), outer[1], min(outer[2], x1), outer[3]), span))
    return cuts


def _unsure(word: Word) -> bool:
    return (word.conf < UNSURE and any(ch.isalnum() for ch in word.text)) or odd_code(word.text)


def _plausible(words: list[Word]) -> bool:
    """False for a reading with a word no order prints.

    An item code mixing case (`odd_code`), or a bracket that is neither closed in the word nor on its edge
    (`JL-G)-1000`).
    """
    for word in words:
        text = word.text
        if odd_code(text):
            return False
        for opening, closing in ("()", "[]", "{}"):
            if text.count(opening) != text.count(closing) and any(ch in opening + closing for ch in text[1:-1]):
                return False
    return True


def _read_cuts(
    engine: TesseractOcr,
    page: PreparedPage,
    boxes: list[Box],
    language: str,
    options: str,
    scale: float,
    path: Path,
) -> list[list[Word]]:
    """The cut-outs stacked into one image (enlarged by scale) and read once: each cut-out's words, on the page."""
    offsets: list[int] = []
    crops: list[Image.Image] = []
    y = GAP
    for box in boxes:
        crop = page.image.crop(box)
        if scale != 1.0:
            crop = crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.BICUBIC)
        offsets.append(y)
        crops.append(crop)
        y += crop.height + GAP
    strip = Image.new("L", (max(c.width for c in crops) + 2 * GAP, y), 255)
    for offset, crop in zip(offsets, crops, strict=True):
        strip.paste(crop, (GAP, offset))
    strip.save(path, format="PPM")
    read = engine.recognize(str(path), language.split("+"), psm=6, dpi=page.dpi * scale, options=options)
    found: list[list[Word]] = [[] for _ in boxes]
    for word in read.words:
        centre = (word.top + word.bottom) / 2
        for index, (box, offset, crop) in enumerate(zip(boxes, offsets, crops, strict=True)):
            if offset <= centre < offset + crop.height:
                found[index].append(
                    Word(
                        word.text,
                        box[0] + (word.x0 - GAP) / scale,
                        box[1] + (word.top - offset) / scale,
                        box[0] + (word.x1 - GAP) / scale,
                        box[1] + (word.bottom - offset) / scale,
                        word.conf,
                    )
                )
                break
    return found


def _voted(first: list[Word], others: list[list[Word]], span: tuple[float, float] = (-1e9, 1e9)) -> list[Word]:
    """The words of several readings of one cut-out, stretch by stretch.

    Words of the readings that overlap on the page form a stretch. A stretch of the first reading inside
    `span` (the unsure words, not their context) is replaced by the text more readings agree on than on its
    own when it was read with under `UNSURE` confidence, and by the surest other reading when its own is no
    plausible word (`_plausible`); implausible readings get no vote. Words the first reading did not find are
    not added.
    """
    kept: list[Word] = []
    for parts in _stretches([first, *others]):
        ours = parts[0]
        if not ours:
            continue
        present = [p for p in parts if p and (p is ours or _plausible(p))]
        votes: dict[str, list[list[Word]]] = {}
        for p in present:
            votes.setdefault(_key(p), []).append(p)
        best = max(votes.values(), key=len)
        winner = ours
        if not all(span[0] <= (w.x0 + w.x1) / 2 <= span[1] for w in ours):
            pass  # context, cut out for the recognizer's sake
        elif len(best) > len(votes[_key(ours)]) and _mean_conf(ours) < UNSURE:
            winner = max(best, key=_mean_conf)
        elif not _plausible(ours) and len(present) > 1:
            winner = max((p for p in present if p is not ours), key=_mean_conf)
        kept.extend(winner)
    return sorted(kept, key=lambda w: w.x0)


def _stretches(readings: list[list[Word]]) -> list[list[list[Word]]]:
    """Words of several readings that overlap on the page, grouped: per group, each reading's words."""
    flat = [(r, w) for r, words in enumerate(readings) for w in words]
    parent = list(range(len(flat)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (ra, a) in enumerate(flat):
        for j in range(i + 1, len(flat)):
            rb, b = flat[j]
            if ra != rb and _overlap(a, b):
                parent[root(i)] = root(j)
    groups: dict[int, list[list[Word]]] = {}
    for i, (r, word) in enumerate(flat):
        groups.setdefault(root(i), [[] for _ in readings])[r].append(word)
    return list(groups.values())


def _key(words: list[Word]) -> str:
    return " ".join(w.text for w in sorted(words, key=lambda w: w.x0))
