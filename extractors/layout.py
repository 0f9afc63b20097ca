"""Lines and segments from words: the layout view every field extractor works on.

A *line* is a run of words sharing a baseline band; a *segment* is a part of a line separated from its
neighbours by a gap wider than about one line height (a column gap, a tab, two or more spaces in text). A label
and its value usually share a segment ("PO No.: 4711") or sit in neighbouring segments or lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median

from models.pages import Page, ReadDocument, Word

GAP_FACTOR = 0.9
"""A gap wider than this many line heights starts a new segment."""


@dataclass(slots=True)
class Segment:
    """Words of one line that belong together."""

    words: list[Word]
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    line: int = -1
    """Index of the line in `Layout.lines`."""

    @property
    def conf(self) -> float:
        """Lowest word confidence (OCR) of the segment."""
        return min((w.conf for w in self.words), default=1.0)


@dataclass(slots=True)
class Line:
    """One visual line of a page."""

    page: int
    words: list[Word]
    segments: list[Segment]
    x0: float
    top: float
    x1: float
    bottom: float
    index: int = -1

    @property
    def text(self) -> str:
        """The line's text, segments joined by a wide space."""
        return "   ".join(s.text for s in self.segments)

    @property
    def height(self) -> float:
        """Line height (font size for text layers)."""
        return self.bottom - self.top


@dataclass(slots=True)
class Layout:
    """All lines of a document, in reading order, pages one after another."""

    lines: list[Line] = field(default_factory=list)
    page_heights: dict[int, float] = field(default_factory=dict)
    page_widths: dict[int, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The whole text, one line per line."""
        return "\n".join(line.text for line in self.lines)


def _join(words: list[Word]) -> str:
    parts: list[str] = []
    prev: Word | None = None
    for word in words:
        if prev is not None and not _unspaced(prev, word):
            parts.append(" ")
        parts.append(word.text)
        prev = word
    return "".join(parts)


def _unspaced(prev: Word, word: Word) -> bool:
    """Two words of Chinese text written together.

    Text-layer words: Han characters (or full-width marks) closer than a quarter of the line height. OCR
    words: any gap inside a segment between a Han character and a bracket (`防滑衣架 (10只装 )`), or between
    Han characters where one stands alone (`买 方` letter-spaced as a heading): Tesseract writes spaces where
    Chinese has none. Between two longer runs the space may be real (`收件人 陈丽`: a label and its value).
    """
    left, right = prev.text[-1:], word.text[:1]
    if word.x0 - prev.x1 < 0.25 * (word.bottom - word.top) and _is_cjk_edge(left) and _is_cjk_edge(right):
        return True
    if not (prev.conf < 1.0 and word.conf < 1.0):
        return False
    single = len(prev.text) == 1 or len(word.text) == 1  # "买 方" letter-spaced; "收件人 陈丽" is label and name
    return (_is_cjk_edge(left) and (right in _BRACKETS or (_is_cjk_edge(right) and single))) or (
        left in _BRACKETS and _is_cjk_edge(right)
    )


_BRACKETS = "()（）[]【】"


def _is_cjk_edge(ch: str) -> bool:
    return bool(ch) and ("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")


def _segments(words: list[Word], height: float) -> list[Segment]:
    groups: list[list[Word]] = [[words[0]]]
    for prev, word in pairwise(words):
        if word.x0 - prev.x1 > GAP_FACTOR * height:
            groups.append([word])
        else:
            groups[-1].append(word)
    return [
        Segment(
            words=g,
            text=_join(g),
            x0=g[0].x0,
            top=min(w.top for w in g),
            x1=max(w.x1 for w in g),
            bottom=max(w.bottom for w in g),
        )
        for g in groups
    ]


def page_lines(page: Page) -> list[Line]:
    """Group a page's words into lines (top to bottom) and segments (left to right)."""
    words = sorted((w for w in page.words if w.text.strip()), key=lambda w: (w.top, w.x0))
    bands: list[list[Word]] = []
    band_top = band_bottom = 0.0
    for word in words:
        center = (word.top + word.bottom) / 2
        if bands and band_top <= center <= band_bottom:
            band = bands[-1]
            band.append(word)
            # The band is the running mean box of its words, so a tall OCR box cannot chain two lines together.
            n = len(band)
            band_top += (word.top - band_top) / n
            band_bottom += (word.bottom - band_bottom) / n
            continue
        bands.append([word])
        band_top, band_bottom = word.top, word.bottom
    lines = []
    for band in bands:
        band.sort(key=lambda w: w.x0)
        height = median(w.bottom - w.top for w in band) or 1.0
        lines.append(
            Line(
                page=page.number,
                words=band,
                segments=_segments(band, height),
                x0=band[0].x0,
                top=min(w.top for w in band),
                x1=max(w.x1 for w in band),
                bottom=max(w.bottom for w in band),
            )
        )
    return lines


def build_layout(doc: ReadDocument) -> Layout:
    """Lines of every page of a document, indexed in reading order."""
    layout = Layout()
    for page in doc.pages:
        layout.page_heights[page.number] = page.height
        layout.page_widths[page.number] = page.width
        for line in page_lines(page):
            line.index = len(layout.lines)
            for seg in line.segments:
                seg.line = line.index
            layout.lines.append(line)
    return layout
