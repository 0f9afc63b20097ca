"""A delivery address written in a sentence, when no ship-to label gave one.

E-mails and letters name the delivery place in prose: "the container goes to our distribution centre at Plot 4,
Magna Park, Lutterworth LE17 4XH, so please …", "la marchandise sera livrée dans notre entrepôt : ZI des
Bruyères, 12 allée des Cèdres, 38070 Saint-Quentin-Fallavier." The cue is a possessive and a word for premises
(lexicon lists `ours` and `premises`): the buyer's own place. The address runs from the first capitalised word
or number after the cue through the part that holds a postcode and its city, and ends at the sentence's end, a
colon, or a clause that starts with a small word. The name is a company named before the address; without
one, `extractors.derive` names the buyer (it is "our" warehouse) and gives the buyer's country.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.fields.context import FieldContext
from extractors.fields.parties import COMPANY, postal_country, split_country
from extractors.layout import Line
from extractors.normalize.countries import country_code
from extractors.normalize.phrases import PhraseMatcher, lexicon_words

POSTCODE = re.compile(r"\b(?:\d{4,6}(?:-\d{3})?|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|\d{4}\s?[A-Z]{2})\b")
"""A postcode: 4–6 digits (Brazil's 09080-500), a British one (LE17 4XH), a Dutch one (6662 PV)."""
_SENTENCE_END = re.compile(r"[.;:]\s+(?=[A-ZÀ-Ý])|[.;:]?\s*$|:\s")
_POSTCODE_END = re.compile(r"\s*(?:[.;:]\s*)?$|\s+[A-ZÀ-Ý]")
"""A postcode stands before its city or at the end of its part ("LE17 4XH"), not before a dash ("2200 – Galpão")."""
_START = re.compile(r"[A-ZÀ-Ý0-9]")
_FULL_STOP = re.compile(r"[a-zà-ÿ]{5,}\.\s+[A-ZÀ-Ý]")
"""A sentence's end inside a part ("… nach Hamburg. Bitte …"; not "Carr. León" or "Av. Industrial")."""
MAX_JOINED = 4
"""Lines of one paragraph joined to read a sentence that wraps."""


@cache
def _cues() -> PhraseMatcher[str]:
    ours = lexicon_words("ours")
    return PhraseMatcher((f"{own} {place}", "premises") for own in ours for place in lexicon_words("premises"))


def _paragraph(ctx: FieldContext, line: Line) -> str:
    """The line and the lines that continue its paragraph (same margin, no blank line between)."""
    texts, prev = [line.text], line
    for nxt in ctx.layout.lines[line.index + 1 : line.index + MAX_JOINED]:
        if nxt.page != prev.page or nxt.top - prev.bottom > 0.8 * max(prev.height, 1.0) or abs(nxt.x0 - line.x0) > 4:
            break
        texts.append(nxt.text)
        prev = nxt
    return " ".join(texts)


def _capitalised(text: str) -> bool:
    return bool(text) and not any(word[:1].islower() for word in text.split())


def _city(text: str) -> tuple[str, bool]:
    """The city words at the start of text, and whether the address ends there (sentence end, small word)."""
    end = _SENTENCE_END.search(text)
    head = text[: end.start()] if end else text
    words = head.split()
    cut = next((i for i, w in enumerate(words) if w[:1].islower()), len(words))
    city = " ".join(words[:cut])
    closing = end is not None and end.group(0).strip() == "." and not text[end.end() :].strip()
    if closing and city and cut == len(words) and len(words[-1]) <= 4:
        city += "."  # an abbreviation that closes the paragraph ("Irapuato, Gto.")
    return city, cut < len(words) or (end is not None and bool(end.group(0).strip()))


def address_after(text: str) -> list[str] | None:
    """The address parts at the start of text, through the postcode and its city, or None without a postcode."""
    start = _START.search(text)
    if start is None:
        return None
    parts: list[str] = []
    for raw in text[start.start() :].split(","):
        part = raw.strip()
        match = next((m for m in POSTCODE.finditer(part) if _POSTCODE_END.match(part[m.end() :])), None)
        if match is None:
            if not part or part[0].islower() or _FULL_STOP.search(part) or len(parts) >= 4:
                return None  # a clause or a new sentence before any postcode: no address
            parts.append(part)
            continue
        if _FULL_STOP.search(part[: match.start()]):
            return None
        city, ended = _city(part[match.end() :])
        parts.append(f"{part[: match.end()]} {city}".strip())
        if not ended:
            parts.extend(_after_postcode(text[start.start() :].split(",")[len(parts) :]))
        return parts
    return None


def _after_postcode(rest: list[str]) -> list[str]:
    """Short capitalised parts after the postcode's part ("Irapuato", "Gto."), up to the sentence's end."""
    parts: list[str] = []
    for raw in rest:
        city, ended = _city(raw.strip())
        if not _capitalised(city) or len(city.split()) > 3 or (ended and not city):
            break
        parts.append(city)
        if ended:
            break
    return parts


@cache
def _premises() -> PhraseMatcher[str]:
    return PhraseMatcher((word, "premises") for word in lexicon_words("premises"))


def _named(part: str, buyer_word: str) -> bool:
    """A first address part that names the place: a company, the buyer's name, or a name for premises."""
    if any(ch.isdigit() for ch in part):
        return False
    return bool(COMPANY.search(part) or (buyer_word and part.casefold().startswith(buyer_word)) or _own_place(part))


def _own_place(part: str) -> bool:
    """'Kestrel Bay Hardware DC', 'Atlas Froid – Entrepôt Berrechid': a premises word as a word of the name."""
    words = {word.casefold() for word in re.findall(r"\w+", part)}
    return any(hit.text.casefold() in words for hit in _premises().find_all(part))


def prose_ship_to(ctx: FieldContext) -> None:
    """Fill the ship-to party from a sentence that names the buyer's own premises with an address."""
    read = [key for key in ctx.values if key.startswith("ship_to.")]
    source = ctx.evidence["ship_to.name"].text or "" if "ship_to.name" in ctx.evidence else ""
    if read and not _cues().find_all(source):
        return
    for key in read:  # a ship-to label whose value is the sentence ("Favor de entregar en nuestro CEDIS: …")
        del ctx.values[key], ctx.evidence[key]
    lo, hi = ctx.table_span
    for line in ctx.layout.lines:
        if lo <= line.index <= hi:
            continue
        hits = _cues().find_all(line.text)
        if not hits:
            continue
        text = _paragraph(ctx, line)
        parts = address_after(text[hits[0].end :])
        if not parts:
            continue
        buyer = str(ctx.values.get("buyer.name") or "")
        first_word = buyer.split()[0].casefold() if buyer else ""
        name = None  # the buyer's, derived once the buyer is known (an e-mail's comes from its signature)
        if len(parts) > 1 and _named(parts[0], first_word):
            name = parts.pop(0)  # "Kestrel Bay Hardware DC, Unit 3, 27 Curtin Avenue West, …"
        parts[-1] = parts[-1].rstrip(" –—-")
        bracket = re.search(r"\s*\(([^()]+)\)$", parts[-1])
        if bracket and country_code(bracket.group(1)):  # "38070 Saint-Quentin-Fallavier (France)"
            parts[-1] = parts[-1][: bracket.start()]
            parts.append(bracket.group(1))
        country = split_country(parts) or postal_country(parts[-1])
        ctx.put("ship_to.name", name, line, 0.55, text)
        ctx.put("ship_to.address", ", ".join(parts), line, 0.6, text)
        ctx.put("ship_to.country", country, line, 0.5, text)
        return
