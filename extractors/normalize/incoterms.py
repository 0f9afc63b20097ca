"""Printed delivery terms -> Incoterms rule, named place and version ("CIF Hamburg Incoterms 2020").

The rule is found as a code standing alone ("FOB", "F.O.B.", "FOB宁波"; not inside "DAP-100" or "CIF200") or
by its official name ("Free on Board", "Ex Works"). Old names of CFR ("C&F", "CNF", "C+F") read CFR with
`note="old_name"`; legacy rules (DAT, DDU, DAF, DES, DEQ) keep their code with `note="legacy"`; a garbled code
such as "FOB's" reads its rule with `note="malformed"`. A lower-case code ("fob") counts only at the start of
the text or after a colon or the word Incoterms, so "key fob" is not a rule.

The named place is what follows the rule, as printed, up to the version words ("Incoterms 2020"), an opening
parenthesis, a semicolon, a line break, the next label ("Payment:"), a price ("USD 12.50") or a comma that
starts other information. A comma followed by a country or a postal code continues the place
("FOB Ningbo, China", "DAP Hauptstr. 5, 70565 Stuttgart"). Filler words such as "port" or "named place" (from
the lexicons' `place_fillers`, see `phrases.lexicon_words`) are dropped at either end: "CFR Rotterdam port" ->
"Rotterdam", but "FCA Shenzhen warehouse" keeps "Shenzhen warehouse".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractors.lexicons import all_lexicons
from extractors.normalize.countries import country_code
from extractors.normalize.phrases import PhraseMatcher, canonical, has_cjk, lexicon_words

RULES_2020 = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")
LEGACY_RULES = ("DAT", "DDU", "DAF", "DES", "DEQ")
OLD_NAMES = {"C&F": "CFR", "CNF": "CFR", "C+F": "CFR", "C and F": "CFR", "C & F": "CFR"}

RULE_NAMES = {
    "ex works": "EXW", "ex-works": "EXW", "free carrier": "FCA", "carriage paid to": "CPT",
    "carriage and insurance paid to": "CIP", "delivered at place unloaded": "DPU", "delivered at place": "DAP",
    "delivered duty paid": "DDP", "free alongside ship": "FAS", "free on board": "FOB",
    "cost and freight": "CFR", "cost & freight": "CFR", "cost insurance and freight": "CIF",
    "cost, insurance and freight": "CIF", "cost, insurance & freight": "CIF", "delivered at terminal": "DAT",
    "delivered duty unpaid": "DDU", "delivered at frontier": "DAF", "delivered ex ship": "DES",
    "delivered ex quay": "DEQ",
}  # fmt: skip
"""The ICC's English rule names, which are the rules' names in every language."""


@dataclass(frozen=True, slots=True)
class IncotermsMatch:
    """An Incoterms rule found in text."""

    rule: str
    place: str | None
    version: str | None
    text: str
    """The matched phrase as printed (rule, place and version words)."""
    span: tuple[int, int]
    note: str | None = None
    """None, "old_name" (C&F -> CFR), "legacy" (DAT, DDU, DAF, DES, DEQ) or "malformed" ("FOB's")."""


def _dotted(code: str) -> str:
    return r"\.?\s?".join(code) + r"\.?"


_CODES = sorted((*RULES_2020, *LEGACY_RULES), key=len, reverse=True)
_RULE = re.compile(
    r"(?<![A-Za-z0-9/\-])(?P<code>"
    + "|".join(_dotted(code) for code in _CODES)
    + r"|C\s?&\s?F|C\s?\+\s?F|CNF|C\sand\sF)(?P<poss>['’`]s)?(?![A-Za-z0-9]|-\d)",
    re.IGNORECASE,
)
_VERSION = re.compile(
    r"incoterms?\s*(?:®|\(r\))?\s*[:\-]?\s*(?P<year>19[89]\d|20[0-9]\d)?"
    r"|(?P<cjk_year>19[89]\d|20[0-9]\d)\s*年?\s*(?:版\s*)?(?:国际贸易术语解释通则|國際貿易術語解釋通則|国际贸易术语|incoterms)",
    re.IGNORECASE,
)
_STOPS = re.compile(r"[(\[;\n|（；]")
_PRICE = re.compile(r"(?<![A-Za-z])(?:[A-Z]{3}|[€$£¥])\s?\d")
_LOWER_OK_BEFORE = re.compile(r"(?:^|[:：]|incoterms?®?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _RuleHit:
    rule: str
    start: int
    end: int
    note: str | None


def _rule_hits(text: str) -> list[_RuleHit]:
    hits: list[_RuleHit] = []
    for match in _RULE.finditer(text):
        raw = match.group("code")
        letters = re.sub(r"[^A-Za-z&+]", "", raw)
        if not letters.isupper() and not _LOWER_OK_BEFORE.search(text[: match.start()]):
            continue
        hits.append(_classify(letters.upper(), match.start(), match.end(), bool(match.group("poss"))))
    for hit in _name_matcher().find_all(text):
        note = "legacy" if hit.key in LEGACY_RULES else None
        hits.append(_RuleHit(hit.key, hit.start, hit.end, note))
    return sorted(hits, key=lambda h: h.start)


def _classify(code: str, start: int, end: int, possessive: bool) -> _RuleHit:
    if code in ("C&F", "CNF", "C+F", "CANDF"):
        return _RuleHit("CFR", start, end, "old_name")
    if code in LEGACY_RULES:
        return _RuleHit(code, start, end, "legacy")
    return _RuleHit(code, start, end, "malformed" if possessive else None)


@cache
def _name_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher(RULE_NAMES.items())


@cache
def _filler_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher((word, "filler") for word in lexicon_words("place_fillers"))


@cache
def _label_keys() -> frozenset[str]:
    """Canonical forms of every label of every lexicon."""
    return frozenset(
        canonical(label.rstrip(":： "))
        for lexicon in all_lexicons()
        for labels in lexicon.labels.values()
        for label in labels
    )


def parse_incoterms(text: str) -> IncotermsMatch | None:
    """Find the Incoterms rule in a printed delivery term.

    Args:
        text: The printed terms ("FOB Ningbo, China", "Incoterms® 2020 FCA Shenzhen", "贸易术语：FOB宁波").

    Returns:
        The first rule with its place and version, or None when text names no rule.

    """
    hits = _rule_hits(text)
    if not hits:
        return None
    hit = hits[0]
    version_match = next((m for m in _VERSION.finditer(text) if _year(m)), None)
    place_start, place_end = _place_span(text, hit.end)
    place = _strip_fillers(text[place_start:place_end]) if place_end > place_start else None
    start = hit.start
    end = max(hit.end, place_end)
    if version_match is not None and _near(version_match, start, end, text):
        start, end = min(start, version_match.start()), max(end, version_match.end())
    if text[start:end].count("(") > text[start:end].count(")") and text[end : end + 1] == ")":
        end += 1  # "DAP Lyon (Incoterms 2020)"
    return IncotermsMatch(
        rule=hit.rule,
        place=place or None,
        version=_year(version_match) if version_match else None,
        text=text[start:end].strip(" ,;:"),
        span=(start, end),
        note=hit.note,
    )


def _year(version: re.Match[str]) -> str | None:
    return version.group("year") or version.group("cjk_year")


def _near(version: re.Match[str], start: int, end: int, text: str) -> bool:
    """The version belongs to the phrase: right after it, or after filler words only (", conforme Incoterms")."""
    if version.end() < start - 30:
        return False
    if version.start() <= end + 3:
        return True
    gap = text[end : version.start()].strip(" ,;:-–（(，")
    fillers = _filler_matcher().find_all(gap)
    return len(gap) <= 30 and not re.sub(r"[\s,;:()（）-]", "", "".join(_cut_out(gap, fillers)))


def _place_span(text: str, rule_end: int) -> tuple[int, int]:
    """(start, end) of the named place printed after the rule."""
    start = _skip_lead(text, rule_end)
    filler = _filler_matcher().search(text[start:])
    opens = filler is not None and (" " in filler.text.strip() or text[start + filler.end :].lstrip()[:1] in ":：")
    if filler is not None and filler.start == 0 and opens:
        start = _skip_lead(text, start + filler.end)  # "FCA named place: Shenzhen"; "CIF Port Klang" is a name
    rest = text[start:]
    cut = len(rest)
    for pattern in (_VERSION, _STOPS, _PRICE):
        found = pattern.search(rest)
        if found:
            cut = min(cut, found.start())
    for found in _RULE.finditer(rest):
        if found.group("code").isupper():
            cut = min(cut, found.start())
            break
    cut = min(cut, _label_cut(rest[:cut]), _comma_cut(rest[:cut]))
    sentence = _SENTENCE_END.search(rest[:cut])
    if sentence is not None:
        cut = sentence.start()  # "CFR Jebel Ali. Shipment is by sea ..."
    place = _TRAILING_WORDS.sub("", rest[:cut].rstrip(" \t,.;:-–/")).rstrip(" \t,.;:-–/")
    if place.endswith((")", "）")) and not re.search(r"[(（]", place):
        place = place[:-1].rstrip()  # "TOTAL AMOUNT (CIF AMBARLI)": the bracket closes around the rule
    region = _REGION.match(rest[len(place) :]) if place and rest[:cut].rstrip() == place else None
    named = region.group(1) if region is not None else ""
    country = len(named) > 2 and country_code(named) is not None  # "(BG)" is Bergamo's province, not Bulgaria
    if region is not None and not country and not _VERSION.search(region.group(0)):
        place = rest[: len(place) + region.end()]  # "Paterna (Valencia)", "Grassobbio (BG)": the province stays
    return start, start + len(place)


_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})\.\s+(?=[A-Z])|[。；;]")
_REGION = re.compile(r"\s*\(([A-Z][^\W\d_]*(?:[ '’-][A-Z][^\W\d_]*){0,2})\)")
"""A province or region in brackets after a place, in capitals: "(Valencia)", "(BG)", "(Emilia-Romagna)"."""
_TRAILING_WORDS = re.compile(r"(?:\s+[a-zà-ÿ]+){2,}$")
"""Two or more small words after a place ("Jebel Ali as agreed") are a remark, not part of the name."""


def _skip_lead(text: str, position: int) -> int:
    """Position after the separators that follow a rule (": ", ", ", " - ")."""
    while position < len(text) and text[position] in " \t:：,，-–":
        position += 1
    return position


def _label_cut(rest: str) -> int:
    """Where a following label ("Payment Terms:", "付款方式：") starts, or len(rest)."""
    colon = re.search(r"[:：]", rest)
    if colon is None:
        return len(rest)
    before = rest[: colon.start()].rstrip()
    words = [m.start() for m in re.finditer(r"\S+", before)]
    starts = words[-6:]
    if words and has_cjk(before[words[-1] :]):
        starts += range(words[-1] + 1, len(before))  # CJK labels are glued to the text before them
    for start in sorted(starts):
        if canonical(before[start:]) in _label_keys():
            return start
    return words[-1] if words else colon.start()


def _comma_cut(rest: str) -> int:
    """Where a comma starts other information; a country or a postal code after the comma continues the place."""
    position = 0
    for part in re.split(r"(?<=[,，])", rest)[:-1]:
        position += len(part)
        following = rest[position:].split(",")[0].split("，")[0].strip()
        if country_code(following) is None and not re.match(r"\d{3,}", following):
            return position - 1
    return len(rest)


def _cut_out(text: str, hits: list[Any]) -> list[str]:
    """The pieces of text outside the hits."""
    pieces, at = [], 0
    for hit in hits:
        pieces.append(text[at : hit.start])
        at = hit.end
    return [*pieces, text[at:]]


def strip_place_fillers(place: str) -> str:
    """A place without filler words around it ("Cat Lai port" -> "Cat Lai", "named port Ningbo" -> "Ningbo")."""
    return _strip_fillers(place)


def _strip_fillers(place: str) -> str:
    """Drop filler words ("port", "named place") at the start or end of a place."""
    for _ in range(2):
        hits = _filler_matcher().find_all(place)
        if not hits:
            break
        first, last = hits[0], hits[-1]
        if not place[: first.start].strip(" :") and " " in first.text.strip():
            # Only a multi-word filler opens a place: "Port Said", "Porto", "Puerto Cabello" are names.
            place = place[first.end :].strip(" :,-")
        elif not place[last.end :].strip(" .,") and _long_enough(place[: last.start]):
            place = place[: last.start].strip(" ,-")
    return place.strip()


def _long_enough(remaining: str) -> bool:
    """A place left after dropping a filler must still be a name ("香港" keeps its "港")."""
    core = remaining.strip()
    return len(core) >= 2 if has_cjk(core) else len(core) >= 2 and not core.isdigit()
