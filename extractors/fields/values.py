"""Value parsers used by the label-driven extractors: printed text -> normalized value or None."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from itertools import pairwise
from typing import Any

from extractors.fields.context import FieldContext
from extractors.fields.label_trie import label_trie
from extractors.fields.names import COMPANY, LEGAL_FORM_ONLY
from extractors.lexicons import all_lexicons
from extractors.normalize.countries import country_code
from extractors.normalize.currency import find_currency
from extractors.normalize.dates import find_dates, parse_date
from extractors.normalize.flags import parse_allowed
from extractors.normalize.incoterms import strip_place_fillers
from extractors.normalize.numbers import parse_decimal
from extractors.normalize.phrases import has_cjk
from extractors.normalize.transport import parse_transport
from models.findings import Finding

_ID_LEAD = re.compile(r"^(?:n[o°º]\.?|nr\.?|num\.?|#|:|n\.?)(?![^\W\d_])\s*", re.IGNORECASE)
"""A number sign before the number ("Nº 4711", "No.: 4711"), not the first letter of it ("NE/2026/0231")."""
_ID_PREFIX = re.compile(r"^[A-Z]{1,4}$")
_NOT_PREFIXES = frozenset({"PO", "NO", "NR", "NUM", "REF", "N", "P", "OC"})
_ID_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/._]*[A-Za-z0-9]|[0-9]")
_CURRENCY_NOISE = re.compile(r"[A-Za-z$€£¥₹]{1,4}\$?|元|人民币|美元|欧元")
_TAX_ID = re.compile(r"^[A-Z]{2}\s?[0-9A-Z]?\d{7,}[0-9A-Z]*$")
_STATE = re.compile(r"^[A-Z]{2}\.?$")
"""A state or province code after a place ("Los Angeles, CA")."""
_TRAILING_REMARK = re.compile(r"(?<=\S)\s*[(（][^()（）\d]*[)）]$")
"""A bracketed remark without figures after an amount."""
_MONEY_SHAPE = re.compile(r"^[^\d]{0,12}[-(]?\d[\d.,'\s\u00a0\u202f]*\)?-?[^\d]{0,12}$")

Parser = Callable[[str, FieldContext, str], Any]


_PAGE_COUNT = re.compile(r"^[^\W\d_]{2,10}\.?\s*\d{1,3}\s*(?:/|of|de|von|di|van|sur|do|da|из)\s*\d{1,3}$", re.I)


def parse_identifier(text: str, ctx: FieldContext, path: str) -> str | None:
    """First token that looks like a document number (has a digit, no spaces); a date is no number."""
    text = _ID_LEAD.sub("", text.strip())
    if _PAGE_COUNT.match(text):
        return None  # "Página 1 de 1" under a title: the page count, no number
    date = parse_date(text, date_order=ctx.date_order)
    if date is not None and date.span[1] - date.span[0] >= 0.6 * len(text.strip()):
        return None
    tokens = text.split()
    for i, raw in enumerate(tokens):
        token = next(iter(_ID_TOKEN.findall(raw)), "")
        if any(ch.isdigit() for ch in token):
            prefix = tokens[i - 1] if i else ""
            if _ID_PREFIX.match(prefix) and prefix.upper() not in _NOT_PREFIXES:
                return f"{prefix} {token.strip('._-/')}"  # "EC 2025/187": a series letter code printed apart
            return token.strip("._-/")
        if i >= 2:
            break
    return None


def parse_date_value(text: str, ctx: FieldContext, path: str) -> Any:
    """A date; an ambiguous numeric date gets an info finding.

    A calendar week next to an exact date ("KW 18/2026 – Verladung spätestens 30.04.2026") gives the exact date.
    """
    dates = find_dates(text, date_order=ctx.date_order, country=ctx.country)
    parsed = next((d for d in dates if not d.approximate), dates[0] if dates else None)
    if parsed is None:
        return None
    if parsed.ambiguous:
        ctx.findings.append(
            Finding(
                code="dates.ambiguous",
                severity="info",
                field=path,
                message=f"'{text.strip()[:40]}' could be read with day and month swapped; read as "
                f"{parsed.value.isoformat()} from the document's language and country.",
            )
        )
    return parsed.value


_WORDS_THEN_FIGURE = re.compile(r"^[^\d()（）]+[(（]([^()（）]*\d[^()（）]*)[)）]$")


def parse_money(text: str, ctx: FieldContext, path: str) -> Decimal | None:
    """An amount that stands alone (optionally with a currency), not a number inside prose."""
    figure = _WORDS_THEN_FIGURE.match(text.strip())
    if figure is not None and find_currency(figure.group(1), chinese=ctx.han):
        text = figure.group(1)  # "人民币壹拾陆万捌仟柒佰元整（￥168,700.00）": the amount in words, then in figures
    text = _TRAILING_REMARK.sub("", text.strip()).strip()  # "39 665,00 € (hors TVA – autoliquidation)"
    if _TAX_ID.match(text):
        return None  # "TVA: FR72398114562" is a VAT number, not a tax amount
    if not text or "%" in text or "％" in text or not _MONEY_SHAPE.match(text):
        return None  # "MwSt. 19 %" names a rate, not an amount
    return parse_decimal(_CURRENCY_NOISE.sub(" ", text), ctx.decimal)


def parse_currency_value(text: str, ctx: FieldContext, path: str) -> str | None:
    """ISO 4217 code from a code, symbol or name."""
    return find_currency(text, chinese=ctx.han)


def parse_text(text: str, ctx: FieldContext, path: str) -> str | None:
    """Free text as printed (trimmed, without a closing Chinese full stop or semicolon)."""
    text = text.strip(" :;,").rstrip("。；").strip()
    return text or None


def parse_marks(text: str, ctx: FieldContext, path: str) -> str | None:
    """Shipping marks as printed; the full stop of a sentence that wrote them out ("… COLIS N° 1-UP.") goes.

    A dot after a word without figures stays ("CARTON NO.").
    """
    text = text.strip()
    last = text.rsplit(maxsplit=1)[-1] if text else ""
    if last.endswith(".") and any(ch.isdigit() for ch in last):
        text = text[:-1]
    return parse_text(text, ctx, path)


def parse_sentence(text: str, ctx: FieldContext, path: str) -> str | None:
    """A free-text term that is one sentence (packaging): the next sentence is another term."""
    return parse_text(first_sentence(text, clauses=False), ctx, path)


_CONTACT_FIELDS = frozenset({"contact", "email", "phone", "fax"})
_BRACKETED_FIGURES = re.compile(r"\s*[(（][^()（）]*\d[^()（）]*[)）]")


_MAIL_BRACKET = re.compile(r"[(（][^)）]*@")
"""A bracket holding an e-mail address ends a company's name ("Lakeshore Logistics (ops@x.example) 14 days ...")."""
_COMPANY_PARTS = re.compile(r",|\s[-–—]\s")
_REMARK = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*$")
_SENTENCE_END = re.compile(r"[。；;]|(?<=\S)\.\s+(?=[A-ZÀ-ÞĀ-Ž][a-zà-ÿ'’])")
_NAME_ABBREVIATIONS = frozenset({"co", "ltd", "inc", "corp", "llc", "plc", "bv", "nv", "sa", "srl", "spa", "ag", "kg"})
_HAN_COMPANY_END = re.compile(r"(公司|集团|有限合伙)[，,（(]")


@cache
def han_forwarder_labels() -> tuple[str, ...]:
    """The Chinese forwarder labels of every lexicon, longest first (they are glued to the text around them)."""
    labels = {label for lex in all_lexicons() for label in lex.labels.get("forwarder", []) if has_cjk(label)}
    return tuple(sorted(labels, key=len, reverse=True))


def _named_as(text: str) -> int:
    """Where the company starts in a clause that names it ("甲方指定货代为X": after 为), else 0."""
    for label in han_forwarder_labels():
        at = text.find(label, 0, 10 + len(label))
        end = at + len(label)
        if at >= 0 and text[end : end + 1] in ("为", "是"):
            return end + 1
    return 0


def parse_company(text: str, ctx: FieldContext, path: str) -> str | None:
    """A company named as a value (the forwarder), without what is printed after its name.

    "Transportes Pujol, S.L. (tel. 942 33 10 10)", "Expeditors (Ningbo) Co., Ltd., contact ops@x.example" and
    "Expeditors International (Shenzhen) - contact ops@x.example. Cargo to be ..." give the company alone; so do
    a remark in brackets ("Kuehne + Nagel Ltd. (Buchung durch uns)", while "(China)" is part of a name) and a
    Chinese clause after the company ("上海中外运物流有限公司，乙方负责……").
    """
    if (mail := _MAIL_BRACKET.search(text)) is not None:
        text = text[: mail.start()]
    text = text[_named_as(text) :]  # "甲方指定货代为宁波中联…": the company after "… is"
    text = first_sentence(_BRACKETED_FIGURES.sub("", text))
    han = _HAN_COMPANY_END.search(text)
    if han:
        text = text[: han.end() - 1]
    parts: list[str] = []
    for part in _pieces(text):
        matches = label_trie("labels").find(part.strip(" -–—"))
        contact = bool(matches) and bool(matches[0].fields & _CONTACT_FIELDS)
        if parts and ("@" in part or contact or _after_legal_form(parts, part)):
            break
        parts.append(part)
    name = "".join(parts).strip(" ,-–—")
    if name.endswith((").", "）.")):
        name = name[:-1]
    remark = _REMARK.search(name)
    words = remark.group(1).split() if remark else []
    if remark and ("@" in remark.group(1) or _remark_words(words)):
        name = name[: remark.start()]  # "(Buchung durch uns)", "(dédouanement et livraison)"
    last = name.rsplit(None, 1)[-1] if name.strip() else ""
    if last.endswith(".") and "." not in last[:-1] and last[:-1].casefold() not in _NAME_ABBREVIATIONS:
        name = name[:-1]  # the sentence's full stop, not "Ltd."
    return parse_text(name, ctx, path)


def _after_legal_form(parts: list[str], part: str) -> bool:
    """A piece after a complete company name: its address or a remark in small letters.

    "…GmbH, Hafenstraße 47" and "…B.V., kantoor HCMC" end the name; a further legal form ("Co.", ", Ltd.")
    and a branch after a dash ("S.p.A. - filiale di Shenzhen") still belong to it.
    """
    piece = part.strip(" ,-–—")
    if not COMPANY.search(parts[-1]) or not piece or LEGAL_FORM_ONLY.match(piece):
        return False
    return any(ch.isdigit() for ch in piece) or (part.lstrip().startswith(",") and piece[0].islower())


def _remark_words(words: list[str]) -> bool:
    """Words of a remark, not of a name: two or more in small letters.

    "(Buchung durch uns)" and "(dédouanement et livraison)" are remarks; "(China)", "(Ningbo office)" and
    "(luchtvracht)" stay with the name.
    """
    return sum(word[:1].islower() for word in words) >= 2


def first_sentence(text: str, *, clauses: bool = True) -> str:
    """Up to the first sentence end: "。", ";" or a full stop before a capital that ends no "Co."/"Ltd.".

    With `clauses` False a semicolon does not end it ("color box; master carton max. 18 kg" is one term).
    """
    for match in _SENTENCE_END.finditer(text):
        word = re.split(r"[\s(]", text[: match.start()])[-1].replace(".", "").casefold()
        if match.group().startswith(".") and (word in _NAME_ABBREVIATIONS or len(word) <= 2):
            continue
        if not clauses and match.group() in ";；":
            continue
        return text[: match.start()]
    return text


def _pieces(text: str) -> list[str]:
    """The text cut before each comma or spaced dash, each piece keeping its separator in front."""
    cuts = [0, *(m.start() for m in _COMPANY_PARTS.finditer(text)), len(text)]
    return [text[a:b] for a, b in pairwise(cuts) if text[a:b]]


def parse_transport_value(text: str, ctx: FieldContext, path: str) -> str | None:
    """Transport mode code."""
    return parse_transport(text)


def parse_flag(text: str, ctx: FieldContext, path: str) -> bool | None:
    """Allowed / not allowed."""
    return parse_allowed(text)


def parse_place(text: str, ctx: FieldContext, path: str) -> str | None:
    """A port or place name as printed, without trailing punctuation."""
    text = re.split(r"[;(；（·|]", first_sentence(text))[0].strip(" ,.:。，：")
    parts = [part.strip() for part in text.split(",")]
    if len(parts) > 1 and any(
        country_code(part.strip(" .")) or _STATE.match(part) or parse_transport(part) for part in parts[1:]
    ):
        text = parts[0]  # "Ningbo, China", "Los Angeles, CA", "Leixões, via marítima": the port's name
    return strip_place_fillers(text) or text or None  # "Cat Lai port"
