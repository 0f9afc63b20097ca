"""What kind of document this is: an order, a change, a cancellation, or not an order at all.

Scores come from title phrases near the top of the first page (every lexicon's `doc_types`), invoice-only
markers anywhere, and structured data embedded in the file, which wins when present.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from extractors.layout import Layout
from extractors.lexicons import all_lexicons
from extractors.text import fold
from models.pages import ReadDocument

TOP_SHARE = 0.4
TITLE_WORDS = 6


@cache
def _phrases() -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    titles: dict[str, str] = {}
    markers: set[str] = set()
    changes: set[str] = set()
    cancels: set[str] = set()
    for lex in all_lexicons():
        for doc_type, phrases in lex.doc_types.items():
            for phrase in phrases:
                titles.setdefault(fold(phrase), doc_type)
        markers.update(fold(m) for m in lex.invoice_markers)
        changes.update(fold(m) for m in lex.change_markers)
        cancels.update(fold(m) for m in lex.cancel_markers)
    return titles, tuple(sorted(markers)), tuple(sorted(changes)), tuple(sorted(cancels))


def _contains(text: str, phrase: str) -> bool:
    if not phrase:
        return False
    if phrase[0].isascii():
        return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None
    return phrase in text


def _title_type(text: str) -> str | None:
    """The document type a short title-like segment names ("PURCHASE ORDER", "Facture n° 123")."""
    titles = _phrases()[0]
    folded = fold(text)
    if ":" in folded or len(folded.split()) > TITLE_WORDS:
        return None
    best = None
    for phrase, doc_type in titles.items():
        if _contains(folded, phrase) and (best is None or len(phrase) > len(best[0])):
            best = (phrase, doc_type)
    return best[1] if best else None


def classify(doc: ReadDocument, layout: Layout) -> str | None:
    """One of purchase_order, order_change, order_cancellation, quotation, invoice, other; None when unsure."""
    for data in doc.embedded:
        embedded_type = data.fields.get("doc_type")
        if isinstance(embedded_type, str):
            return embedded_type
    scores: Counter[str] = Counter()
    first_page = layout.lines[0].page if layout.lines else 1
    height = layout.page_heights.get(first_page, 0) or 1e9
    seen: set[str] = set()
    for line in layout.lines[:60]:
        if line.page != first_page or (line.top > TOP_SHARE * height and line.index > 15):
            break
        for seg in line.segments:
            doc_type = _title_type(seg.text)
            if doc_type and doc_type not in seen:
                seen.add(doc_type)
                scores[doc_type] += 4 if not scores else 3
    text = fold(layout.text[:20000])
    markers = _phrases()[1]
    scores["invoice"] += min(3, sum(1 for m in markers if _contains(text, m)))
    if not scores or max(scores.values()) < 3:
        return None
    best = max(scores.items(), key=lambda kv: (kv[1], kv[0] == "purchase_order"))[0]
    return best
