"""What kind of document this is: an order, a change, a cancellation, or not an order at all.

Scores come from title phrases near the top of the first page (every lexicon's `doc_types`), invoice-only
markers anywhere, and structured data embedded in the file, which wins when present.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from extractors.fields.label_trie import LabelTrie
from extractors.fields.labels import label_fields
from extractors.fields.titles import title_type
from extractors.layout import Layout
from extractors.lexicons import all_lexicons
from models.pages import ReadDocument

TOP_SHARE = 0.4


@cache
def _invoice_markers() -> LabelTrie:
    trie = LabelTrie()
    for lex in all_lexicons():
        for marker in lex.invoice_markers:
            trie.add(marker, marker.casefold())
    return trie


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
            if "reference" in label_fields(seg.text):
                continue  # "Ihr Angebot", "Your quotation": the label of another document's number, no title
            doc_type = title_type(seg.text)
            if doc_type and doc_type not in seen:
                seen.add(doc_type)
                scores[doc_type] += 4 if not scores else 3
    markers = {name for m in _invoice_markers().find(layout.text[:20000]) for name in m.fields}
    scores["invoice"] += min(3, len(markers))
    if not scores or max(scores.values()) < 3:
        return None
    best = max(scores.items(), key=lambda kv: (kv[1], kv[0] == "purchase_order"))[0]
    return best
