"""Shipping terms written as sentences.

A route ("Shipment from Xiamen to Ancona"), a port value that names the route ("Gemlik con destino Valencia"),
and the date in a shipping sentence ("by sea before 07-03-2026").

These fill only what no label gave, at lower confidence. The route words come from the lexicons
(`route_from`, `route_to`), so the same code reads "van Cat Lai naar Rotterdam", "de Guangzhou à Antwerpen"
and "从宁波运往汉堡".
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError

from extractors.fields.context import FieldContext
from extractors.fields.label_trie import label_trie
from extractors.fields.values import first_sentence, han_forwarder_labels, parse_company
from extractors.layout import Line
from extractors.lexicons import all_lexicons
from extractors.normalize.dates import find_dates, month_names
from extractors.normalize.flags import parse_allowed
from extractors.normalize.incoterms import strip_place_fillers
from extractors.normalize.phrases import PhraseHit, PhraseMatcher, has_cjk, lexicon_words
from extractors.normalize.transport import parse_transport, transport_ends
from extractors.text import without_brackets

SHIPPING_FIELDS = frozenset(
    {"shipping_method", "port_of_loading", "port_of_discharge", "delivery_date", "incoterms", "freight"}
)
"""Labels that make a line a shipping sentence."""
FLAG_FIELDS = frozenset({"partial_shipment", "transshipment"})
PLACE_WORDS = 4
_PLACE_END = re.compile(r"[.,;:()（）。，；\n]|\s[-–]\s")
_CJK_PLACE_END = re.compile(r"[港市]|[,，。;；\s]")


@cache
def _route_words() -> PhraseMatcher[str]:
    entries = [(w, "from") for w in lexicon_words("route_from")] + [(w, "to") for w in lexicon_words("route_to")]
    return PhraseMatcher(entries)


def _place(text: str) -> str | None:
    """A place name at the start of text: capitalised words (or Han characters), no figures."""
    text = without_brackets(text).strip()  # "Nhava Sheva (JNPT)"
    if not text:
        return None
    if has_cjk(text[0]):
        match = _CJK_PLACE_END.search(text)
        place = text[: match.start() + (1 if match and match.group(0) in "港市" else 0)] if match else text
        return place if 2 <= len(place) <= 8 and not any(ch.isdigit() for ch in place) else None
    place = _PLACE_END.split(text, maxsplit=1)[0].strip()
    words = place.split()
    if not words or len(words) > PLACE_WORDS or any(ch.isdigit() for ch in place):
        return None
    if not words[0][0].isupper() or words[0].lower() in _calendar_words():
        return None
    return place


@cache
def _calendar_words() -> frozenset[str]:
    """Day and month names of every lexicon language ("from Monday to Friday" is no route)."""
    names: set[str] = set(month_names())
    for lexicon in all_lexicons():
        try:
            days = Locale.parse(lexicon.language).days["format"]
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            names.update(str(day).lower().strip(".") for day in days[width].values())
    return frozenset(names)


def _route(text: str) -> tuple[str, str, int, int] | None:
    """(origin, destination, start, end) of "from X to Y" in text, or None."""
    hits = _route_words().find_all(text)
    for i, first in enumerate(hits):
        if first.key != "from":
            continue
        to = next((h for h in hits[i + 1 :] if h.key == "to"), None)
        if to is None:
            return None
        origin = _place(text[first.end : to.start])
        if origin is None or _place_end(text, first, to) is False:
            continue
        destination = _place(_after_to(text[to.end :]))
        if destination is not None:
            return origin, destination, first.start, to.end + len(destination)
    return None


_ARTICLE_LEAD = re.compile(r"^\s*(?:[Tt]he|[Oo]|[Aa]|[Ll][eao]|[Ee]l|[Ii]l|[Hh]et|[Dd]e)\s+(?=[a-zà-ÿ])")
"""An article before port words ("o porto de Santos"); "Le Havre" and "La Spezia" are names."""
_ARROW = re.compile(r"\s*(?:→|->|=>|⟶)\s*|\s[-–—]\s")


def _ends_with_mode(text: str) -> bool:
    """The line ends with a transport phrase, so the route may follow on the next line."""
    ends = transport_ends(text)
    return bool(ends) and not text[ends[-1] :].strip(" ,:：")


def _mode_route(text: str) -> tuple[str | None, str] | None:
    """(origin, destination) printed right after the transport mode, without a from-word.

    "Sea freight, Ningbo to Brisbane", "zeevracht Shanghai - Rotterdam", "Transport maritime Xiamen → Fos-sur-Mer":
    the origin is the place that follows the mode, up to a to-word or an arrow, the destination the place after it.
    """
    for end in transport_ends(text):
        rest = text[end:].lstrip(" ,:：")
        ways = [(h.start, h.end) for h in _route_words().find_all(rest) if h.key == "to"]
        ways += [(m.start(), m.end()) for m in _ARROW.finditer(rest)]
        if not ways:
            continue
        start, stop = min(ways)
        if start == 0 and (destination := _place(_after_to(rest[stop:]))) is not None:
            return None, destination  # "per zeevracht naar Rotterdam": only where the goods go
        origin = _place(rest[:start])
        if origin is None or origin != rest[:start].strip():
            continue
        destination = _place(rest[stop:])
        if destination is not None:
            return origin, destination
    return None


def _after_to(text: str) -> str:
    """The destination after a to-word without its article and port words ("para o porto de Santos")."""
    rest = _ARTICLE_LEAD.sub("", text)
    stripped = strip_place_fillers(rest)
    return stripped if stripped and rest.endswith(stripped) else rest


def _place_end(text: str, first: PhraseHit[str], to: PhraseHit[str]) -> bool:
    """The origin runs right up to the "to" word (nothing but the place between them)."""
    between = without_brackets(text[first.end : to.start]).strip()
    return bool(between) and _PLACE_END.search(between) is None


def _split_port(value: str) -> tuple[str, str] | None:
    """Split a port value that names a route: "Gemlik con destino Valencia" -> ("Gemlik", "Valencia")."""
    for hit in _route_words().find_all(value):
        if hit.key != "to":
            continue
        origin, destination = _place(value[: hit.start]), _place(value[hit.end :])
        if origin and destination and origin == value[: hit.start].strip():
            return origin, destination
    return None


@cache
def _port_phrases() -> PhraseMatcher[str]:
    entries = [(w, "port_of_loading") for w in lexicon_words("loading_phrases")]
    return PhraseMatcher(entries + [(w, "port_of_discharge") for w in lexicon_words("discharge_phrases")])


def _port_name(text: str) -> str | None:
    """The port name at the start of text, up to the first small word ("Nansha par voie maritime" -> "Nansha")."""
    text = text.lstrip(" '’:：")
    if text and not has_cjk(text[0]):
        words = _PLACE_END.split(without_brackets(text), maxsplit=1)[0].split()
        text = " ".join(words[: next((i for i, w in enumerate(words) if i and w[:1].islower()), len(words))])
    return _place(text)


def _with_next(ctx: FieldContext, line: Line) -> str:
    """The line's text and the next line's on the same page (a phrase at a line's end goes on below it)."""
    lines = ctx.layout.lines
    if line.index + 1 < len(lines) and lines[line.index + 1].page == line.page:
        return f"{line.text} {lines[line.index + 1].text}"
    return line.text


def _sentence_ports(ctx: FieldContext, line: Line) -> None:
    """Ports named inside a sentence: "Embarquement au port de Radès, débarquement au port d'Anvers".

    A phrase at the end of a line takes the place from the start of the next one; a port of loading followed
    by a destination word and a place also gives the port of discharge ("ab dem Verladehafen Yantian nach
    Hamburg").
    """
    text = _with_next(ctx, line)
    for hit in _port_phrases().find_all(line.text):
        rest = text[hit.end :]
        if (rest[:1].isalpha() and not has_cjk(rest[0])) or (port := _port_name(rest)) is None:
            continue  # the phrase ends inside a word
        ctx.put(hit.key, strip_place_fillers(port) or port, line, 0.65, line.text)
        after = rest.lstrip(" '’:：")[len(port) :]
        to = next(iter(_route_words().find_all(after)), None)
        if hit.key == "port_of_loading" and to is not None and to.key == "to" and not after[: to.start].strip():
            ctx.put("port_of_discharge", _port_name(_after_to(after[to.end :])), line, 0.6, line.text)


def _shipping_line(ctx: FieldContext, line: Line, transport: str | None) -> bool:
    if transport:
        return True
    return any(hit.line.index == line.index for name in SHIPPING_FIELDS for hit in ctx.labels.hits(name))


_CLAUSE = re.compile(r"[.;,:]\s|[。；，]")


def _flag_clauses(ctx: FieldContext, line: Line) -> None:
    """Read partial shipment and transshipment named inside a sentence.

    "Se admiten entregas parciales previo aviso", "part shipments and transhipment permitted": the clause that
    names them says whether they are allowed.
    """
    for match in label_trie("labels").find(line.text):
        for name in sorted(match.fields & FLAG_FIELDS):
            if name in ctx.values:
                continue
            starts = [m.end() for m in _CLAUSE.finditer(line.text, 0, match.start)]
            end = _CLAUSE.search(line.text, match.end)
            clause = line.text[starts[-1] if starts else 0 : end.start() if end else len(line.text)]
            ctx.put(name, parse_allowed(clause), line, 0.7, line.text)


@cache
def _ours() -> frozenset[str]:
    return frozenset(word.casefold() for word in lexicon_words("ours"))


def _forwarder_sentence(ctx: FieldContext, line: Line) -> None:
    """The forwarder named in a sentence: "... handed to our forwarder Toll Global Forwarding (Vietnam) Co., Ltd.".

    Only after a possessive ("our forwarder", "al nostro spedizioniere", "notre transitaire", "我方货代"), which
    tells the company apart from "the forwarder's CFS"; a name that runs to the end of the line goes on with
    the next line.
    """
    text = line.text
    if has_cjk(text):
        value = _han_forwarder(text)
        if value:
            ctx.put("forwarder", parse_company(value, ctx, "forwarder"), line, 0.65, line.text)
            return
    for match in label_trie("labels").find(text):
        if "forwarder" not in match.fields or match.start == 0:
            continue
        before = text[: match.start].rstrip().rsplit(None, 1)[-1:] if not has_cjk(text[: match.start]) else []
        named = text[match.start : match.end].casefold()
        cjk_before = text[max(0, match.start - 3) : match.start]
        if not (
            (before and before[0].casefold() in _ours())
            or any(named.startswith(word + " ") for word in _ours())
            or any(cjk_before.endswith(word) for word in _ours() if has_cjk(word))
        ):
            continue
        value = text[match.end :].lstrip(" :：")
        following = ctx.layout.lines[line.index + 1] if line.index + 1 < len(ctx.layout.lines) else None
        if following is not None and following.page == line.page and first_sentence(value).strip() == value.strip():
            value = f"{value} {following.text}".strip()
        words = value.split(None, 2)
        if len(words) == 3 and all(w.islower() and len(w) <= 4 for w in words[:2]) and words[2][:1].isupper():
            value = words[2]  # "our forwarder will be DHL ..."
        elif len(words) >= 2 and words[0].islower() and len(words[0]) <= 4 and words[1][:1].isupper():
            value = value.split(None, 1)[1]  # "our forwarder is DHL ...", "notre transitaire est GEODIS ..."
        if value[:1].isupper() or has_cjk(value[:1]):
            ctx.put("forwarder", parse_company(value, ctx, "forwarder"), line, 0.65, line.text)
        return


def _han_forwarder(text: str) -> str | None:
    """The company after "我司指定货代", "我方货代为": Chinese glues label and name, so the trie cannot see it."""
    for word in (w for w in _ours() if has_cjk(w)):
        at = text.find(word)
        if at < 0:
            continue
        rest = text[at + len(word) :].lstrip("的")
        label = next((lb for lb in han_forwarder_labels() if rest.startswith(lb)), None)
        if label is not None:
            value = rest[len(label) :].lstrip("为是：: ")
            return value if has_cjk(value[:1]) or value[:1].isupper() else None
    return None


def _clauses(ctx: FieldContext, line: Line) -> None:
    """What any sentence may name, shipping sentence or not: shipment flags, the forwarder, a port."""
    if not ctx.values.keys() >= FLAG_FIELDS:
        _flag_clauses(ctx, line)
    if "forwarder" not in ctx.values:
        _forwarder_sentence(ctx, line)
    if "port_of_loading" not in ctx.values or "port_of_discharge" not in ctx.values:
        _sentence_ports(ctx, line)


def extract_prose_terms(ctx: FieldContext) -> None:
    """Ports, a shipping date and shipment flags from sentences, where no label gave them."""
    loading = ctx.values.get("port_of_loading")
    if isinstance(loading, str) and "port_of_discharge" not in ctx.values and (split := _split_port(loading)):
        evidence = ctx.evidence["port_of_loading"]
        ctx.values["port_of_loading"] = split[0]
        ctx.values["port_of_discharge"] = split[1]
        ctx.evidence["port_of_discharge"] = evidence.model_copy(update={"confidence": evidence.confidence * 0.9})
    lo, hi = ctx.table_span
    for line in ctx.layout.lines:
        if lo <= line.index <= hi:
            continue
        _clauses(ctx, line)
        transport = parse_transport(line.text)
        if not _shipping_line(ctx, line, transport):
            continue
        if "shipping_method" not in ctx.values and transport and (_shipping_line(ctx, line, None) or _route(line.text)):
            ctx.put("shipping_method", transport, line, 0.6, line.text)  # "Spedizione via mare dal porto di ..."
        if "port_of_loading" not in ctx.values or "port_of_discharge" not in ctx.values:
            found = _route(line.text)
            route = found[:2] if found is not None else _mode_route(line.text)
            if route is None and line.text.rstrip(" ,:：") and _ends_with_mode(line.text):
                route = _mode_route(_with_next(ctx, line))  # "… Sea freight," / "Ningbo to Brisbane."
            if route is not None:
                if route[0] is not None:
                    ctx.put("port_of_loading", strip_place_fillers(route[0]) or route[0], line, 0.7, line.text)
                ctx.put("port_of_discharge", strip_place_fillers(route[1]) or route[1], line, 0.7, line.text)
        if "delivery_date" not in ctx.values and transport:
            dates = find_dates(line.text, date_order=ctx.date_order, country=ctx.country)
            if len(dates) == 1:
                ctx.put("delivery_date", dates[0].value, line, 0.65, line.text)
