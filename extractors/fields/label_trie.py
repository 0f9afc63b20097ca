"""A character trie over every lexicon's labels: builds in milliseconds, matches without regular expressions.

Labels and text are compared folded (see `extractors.text.fold`) and without spaces, so "P.O. No.", "PO No" and
"PONo" meet. A Latin label starts and ends at word boundaries; CJK labels may start anywhere and be glued to their
value. At each position the longest label wins, and matches do not overlap.

A label written with a trailing colon in a lexicon ("CIF:") is a label only when a colon follows it in the text:
"CIF: B46218837" is a Spanish tax ID, "CIF Valencia" is an Incoterm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from extractors.lexicons import all_lexicons
from extractors.text import fold, is_cjk

_END = ""
_COLON = "\x01"
"""Node key for the fields whose label there counts only before a colon."""


@dataclass(frozen=True, slots=True)
class LabelMatch:
    """A label found in a text: its span in the original text and the fields it names."""

    start: int
    end: int
    fields: frozenset[str]
    folded_end: int
    """Index in the folded text just after the label (to look at what follows)."""


@dataclass(slots=True)
class LabelTrie:
    """Labels of one kind (`labels` or `columns`) from every lexicon."""

    root: dict[str, Any] = field(default_factory=dict)
    exact: dict[str, frozenset[str]] = field(default_factory=dict)
    strict_single: bool = False
    """One-letter labels must stand alone before a colon ("T: +49 ...", not the "T" of "T/T:")."""
    spelled: dict[str, bool] = field(default_factory=dict)
    """Per key: whether every lexicon writes the label in capitals (an abbreviation such as "POL", "ETD")."""

    def add(self, label: str, name: str) -> None:
        """Insert one label for one field."""
        key = key_of(label)
        if not key:
            return
        node = self.root
        for ch in key:
            node = node.setdefault(ch, {})
        fields: frozenset[str] = frozenset({name}) | node.get(_END, frozenset())
        node[_END] = fields
        if label.rstrip().endswith((":", "：")):
            node[_COLON] = node.get(_COLON, frozenset()) | {name}
        self.exact[key] = fields
        self.spelled[key] = self.spelled.get(key, True) and label.upper() == label != label.lower()

    def capitals_only(self, label: str) -> bool:
        """Whether a label is an abbreviation the lexicons write only in capitals: "Pol." before "Ind." is not "POL"."""
        return self.spelled.get(key_of(label), False)

    def find(self, text: str) -> list[LabelMatch]:
        """Every non-overlapping label in text, left to right, longest at each position."""
        from extractors.fields.labels import fold_with_map

        folded, index = fold_with_map(text)
        chars = [(i, ch) for i, ch in enumerate(folded) if ch != " "]
        matches: list[LabelMatch] = []
        p = 0
        while p < len(chars):
            found = self._longest(folded, chars, p) if _may_start(folded, chars[p][0]) else None
            if found is None:
                p += 1
                continue
            q, fields = found
            start_f, end_f = chars[p][0], chars[q - 1][0] + 1
            if (
                self.strict_single
                and q - p == 1
                and folded[start_f].isalpha()
                and not is_cjk(folded[start_f])
                and not _single_letter_label(folded, start_f)
            ):
                p += 1
                continue
            matches.append(LabelMatch(index[start_f], index[end_f - 1] + 1, fields, end_f))
            p = q
        return matches

    def _longest(self, folded: str, chars: list[tuple[int, str]], p: int) -> tuple[int, frozenset[str]] | None:
        node: dict[str, Any] = self.root
        best: tuple[int, frozenset[str]] | None = None
        q = p
        while q < len(chars) and chars[q][1] in node:
            node = node[chars[q][1]]
            q += 1
            if _END in node and _may_end(folded, chars[q - 1][0]):
                fields = node[_END] - node.get(_COLON, frozenset())
                if fields != node[_END] and folded[chars[q - 1][0] + 1 :].lstrip()[:1] in (":", "："):
                    fields = node[_END]
                if fields:
                    best = (q, fields)
        return best


def key_of(label: str) -> str:
    """The trie key of a label: folded, without the trailing colon and without spaces."""
    return fold(label).rstrip(":： ").replace(" ", "")


def _single_letter_label(folded: str, i: int) -> bool:
    """Whether a one-letter label stands alone.

    It follows a space or the start and comes before its colon ("T: +49 ..."), before an international
    number ("T +44 1924 ..."), or it is the whole text (a header cell: "T" over "+32 3 480 22 15").
    """
    before_ok = i == 0 or folded[i - 1].isspace()
    after = folded[i + 1 : i + 3]
    phone_like = after[:1] == " " and after[1:2] in ("+", "(")  # "T +44 1924 200 318"
    return before_ok and (after.lstrip()[:1] == ":" or not folded[i + 1 :].strip() or phone_like)


def _may_start(folded: str, i: int) -> bool:
    return is_cjk(folded[i]) or i == 0 or not folded[i - 1].isalnum()


def _may_end(folded: str, i: int) -> bool:
    """No letter right after the label, and no digit after a label ending in a letter or digit."""
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    if not nxt:
        return True
    if nxt.isalpha():
        return is_cjk(folded[i]) and not is_cjk(nxt)
    return not (nxt.isdigit() and folded[i].isalnum() and not is_cjk(folded[i]))


@cache
def label_trie(kind: str) -> LabelTrie:
    """The trie of all header labels (`labels`) or all column headers (`columns`)."""
    trie = LabelTrie(strict_single=kind == "labels")
    for lexicon in all_lexicons():
        table = lexicon.labels if kind == "labels" else lexicon.columns
        for name, labels in table.items():
            for label in labels:
                trie.add(label, name)
    return trie
