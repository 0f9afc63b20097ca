"""Document titles ("PURCHASE ORDER", "Facture n° 123") from every lexicon's `doc_types`."""

from __future__ import annotations

from functools import cache

from extractors.fields.label_trie import LabelTrie
from extractors.lexicons import all_lexicons

TITLE_WORDS = 6
"""A title is short: a segment of more words is running text."""


@cache
def _titles() -> LabelTrie:
    trie = LabelTrie()
    for lex in all_lexicons():
        for doc_type, phrases in lex.doc_types.items():
            for phrase in phrases:
                trie.add(phrase, doc_type)
    return trie


def title_type(text: str) -> str | None:
    """The document type a short title-like segment names ("PURCHASE ORDER", "Facture n° 123")."""
    if ":" in text or "：" in text or len(text.split()) > TITLE_WORDS:
        return None
    matches = _titles().find(text)
    if not matches:
        return None
    best = max(matches, key=lambda m: m.end - m.start)
    return sorted(best.fields)[0] if len(best.fields) == 1 else _prefer(best.fields)


def _prefer(types: frozenset[str]) -> str:
    """One phrase naming several types (rare): the most specific one."""
    order = ("order_cancellation", "order_change", "invoice", "quotation", "purchase_order", "other")
    return next(t for t in order if t in types)
