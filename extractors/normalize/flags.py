"""Printed permissions -> True / False ("Partial shipment: not allowed" -> False, "Teillieferungen zulässig").

Yes and no words come from every lexicon (`yes`, `no`); negations are tried first because the longest phrase
wins ("not allowed" before "allowed", "不允许" before "允许"). Forms that print both options resolve as follows:

- a ticked box ("☒ allowed ☐ not allowed", "[x] Yes [ ] No") decides by the word after the tick;
- a "no" word before a "yes" word negates it ("No partial shipments allowed" -> False);
- a "yes" word followed by a "no" word ("Allowed / Not allowed", "Yes / No") is an unfilled form -> None.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.lexicons import all_lexicons
from extractors.normalize.phrases import PhraseHit, PhraseMatcher

_TICKED = re.compile(r"[☒☑✓✔✗✘■▣◉●]|\[\s*[xX✓✔]\s*\]|\(\s*[xX✓✔]\s*\)")


@cache
def _matcher() -> PhraseMatcher[bool]:
    entries = [(word, False) for lexicon in all_lexicons() for word in lexicon.no]
    entries += [(word, True) for lexicon in all_lexicons() for word in lexicon.yes]
    return PhraseMatcher(entries)


def parse_allowed(text: str) -> bool | None:
    """Read whether something (partial shipment, transshipment) is allowed.

    Args:
        text: The printed value, with or without its label ("Transshipment: prohibited", "允许分批装运").

    Returns:
        True (allowed), False (not allowed), or None when the text says neither or both.

    """
    hits = _matcher().find_all(text)
    if not hits:
        return None
    ticked = _ticked_choice(text, hits)
    if ticked is not None:
        return ticked
    if not hits[0].key:
        return False
    return None if any(not hit.key for hit in hits[1:]) else True


def _ticked_choice(text: str, hits: list[PhraseHit[bool]]) -> bool | None:
    """The option right after a ticked box, if the text has one."""
    for tick in _TICKED.finditer(text):
        following = [hit for hit in hits if hit.start >= tick.end()]
        if following and not text[tick.end() : following[0].start].strip():
            return following[0].key
    return None
