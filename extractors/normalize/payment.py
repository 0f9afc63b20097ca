"""Printed payment terms -> `PaymentTerms`: method, deposit, credit days, trigger, L/C type, instalments.

Phrases come from the `payment` section of every lexicon (longest phrase first), so "30 % Anzahlung per
Überweisung, Rest vor Versand", "30% T/T deposit, balance before shipment" and
"付款方式：30%电汇定金，余款见提单副本付清" are read by the same code.

How the terms are read:

- The text is cut into parts at semicolons, line breaks and commas that are not inside a number, and before
  every further percentage ("30% deposit 70% before shipment"). A part with a percentage or a balance word
  ("balance", "Rest", "solde", "余款") starts an instalment; other parts belong to the instalment before them
  ("L/C at sight, issued by HSBC"). A part that names a discount ("2% Skonto within 10 days") is not an
  instalment and gives neither percent nor days.
- With two or more instalments the terms are *split*: `instalments` lists them with their percent as printed
  (None for a balance without a percentage; it takes the rest), their method (inherited from the previous
  instalment when not named: "30% T/T deposit, 70% against copy of B/L" is T/T twice), trigger and days.
- The *main* part is the last instalment (the balance) of split terms, otherwise the whole text. `method`,
  `days` and `trigger` are the main part's; when the main part names no method or days, the first one
  printed anywhere is used ("30% T/T deposit, balance by L/C at sight" -> LC; "30% T/T deposit, balance
  before shipment" -> TT). The trigger is never borrowed from another instalment.
- `deposit_percent` is the sum of the instalments paid in advance: those called deposit or advance
  ("Anzahlung", "acompte", "定金") or due with the order or before production. Paying before shipment is not a
  deposit: "100% T/T before shipment" has no deposit and the trigger `before_shipment`.
- Open-account days with no stated start ("Net 30") run from the invoice: the trigger is `after_invoice`.
- `lc_type` is set only for letters of credit: "at_sight" or "usance" (a usance phrase, or credit days).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from extractors.lexicons import Lexicon, all_lexicons
from extractors.normalize.dates import find_dates
from extractors.normalize.numbers import parse_decimal
from extractors.normalize.phrases import PhraseHit, PhraseMatcher, canonical, lexicon_entries, lexicon_words
from models.order import Instalment, PaymentTerms

ADVANCE_TRIGGERS = frozenset({"with_order", "before_production"})
"""Triggers that make an instalment part of the deposit."""

_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*[%％]")
_SPLIT = re.compile(r"[;；。\n]|[,，](?!\d)|(?<!\d)[,，]|\s\+\s|\s/\s")
_NUMBER_BEFORE = re.compile(r"(\d{1,3})\s*$")
_NUMBER_AFTER = re.compile(r"^\s*(\d{1,3})(?!\d|\s*[%％])")
_BANK_END = re.compile(r"[;(\n，；（。]")
BANK_PARTS = 3
"""A bank's name runs over at most this many comma parts ("First Harbor Bank, N.A., San Francisco")."""
BANK_PART_WORDS = 5
PREPAID_TRIGGERS = frozenset({"with_order", "before_production", "before_shipment"})
TT_TRIGGERS = PREPAID_TRIGGERS | {"against_bl_copy"}
"""Shares paid at these points are bank transfers when no method is named ("30% deposit, 70% against B/L copy")."""
"""Triggers of a share paid before the goods leave: split terms made only of these are paid by transfer."""


def _entries(select: Callable[[Lexicon], list[str]], key: str) -> list[tuple[str, str]]:
    return [(word, key) for lexicon in all_lexicons() for word in select(lexicon)]


@cache
def _methods() -> PhraseMatcher[str]:
    return PhraseMatcher(lexicon_entries(lambda lex: lex.payment.methods))


@cache
def _triggers() -> PhraseMatcher[str]:
    return PhraseMatcher(lexicon_entries(lambda lex: lex.payment.triggers))


@cache
def _lc_types() -> PhraseMatcher[str]:
    return PhraseMatcher(lexicon_entries(lambda lex: lex.payment.lc_types))


@cache
def _words() -> PhraseMatcher[str]:
    """Deposit, balance, days and discount words in one matcher."""
    entries = _entries(lambda lex: lex.payment.deposit, "deposit")
    entries += _entries(lambda lex: lex.payment.balance, "balance")
    entries += _entries(lambda lex: lex.payment.days, "days")
    entries += _entries(lambda lex: lex.labels.get("discount", []), "discount")
    return PhraseMatcher(entries)


@cache
def _deposit_keys() -> frozenset[str]:
    return frozenset(canonical(w) for lexicon in all_lexicons() for w in lexicon.payment.deposit)


@cache
def _bank_intro() -> PhraseMatcher[str]:
    return PhraseMatcher((phrase, "bank") for phrase in lexicon_words("issuing_bank"))


@dataclass(frozen=True, slots=True)
class _Part:
    """What one stretch of the terms says."""

    text: str
    percent: Decimal | None
    method: str | None
    trigger: str | None
    days: Decimal | None
    deposit: bool
    balance: bool
    discount: bool


def _trigger(text: str) -> str | None:
    """The trigger named in text; a specific one beats one that is only a deposit word ("advance")."""
    hits = _triggers().find_all(text)
    strong = [hit for hit in hits if canonical(hit.text) not in _deposit_keys()]
    chosen = strong or hits
    return chosen[0].key if chosen else None


def _days(text: str, words: list[PhraseHit[str]], methods: list[PhraseHit[str]]) -> Decimal | None:
    """Credit days: a number before a days word ("60 days", "60天"), or after/before "net" ("Net 30")."""
    for hit in words:
        if hit.key == "days" and (number := _NUMBER_BEFORE.search(text[: hit.start])):
            return Decimal(number.group(1))
    for hit in methods:
        if hit.key != "OA":
            continue
        after = _NUMBER_AFTER.match(text[hit.end :])
        before = _NUMBER_BEFORE.search(text[: hit.start])
        if after or before:
            return Decimal((after or before).group(1))  # type: ignore[union-attr]
    return None


def _analyse(text: str) -> _Part:
    words = _words().find_all(text)
    kinds = {hit.key for hit in words}
    methods = _methods().find_all(text)
    percent_match = _PERCENT.search(text)
    trigger = _trigger(text)
    discount = "discount" in kinds
    return _Part(
        text=text.strip(" ,;，；。"),
        percent=None if percent_match is None or discount else parse_decimal(percent_match.group(1), "."),
        method=methods[0].key if methods else None,
        trigger=trigger,
        days=None if discount else _days(text, words, methods),
        deposit=("deposit" in kinds or trigger in ADVANCE_TRIGGERS)
        and "balance" not in kinds
        and (trigger is None or trigger in ADVANCE_TRIGGERS),  # "100% prepayment before shipment" is none
        balance="balance" in kinds,
        discount=discount,
    )


def _pieces(text: str) -> list[str]:
    """The text cut at separators and before every percentage after the first in a piece."""
    pieces: list[str] = []
    for chunk in _SPLIT.split(text):
        starts = [m.start() for m in _PERCENT.finditer(chunk)][1:]
        for begin, end in zip([0, *starts], [*starts, len(chunk)], strict=True):
            if chunk[begin:end].strip(" ,;"):
                pieces.append(chunk[begin:end])
    return pieces


def _instalment_texts(text: str) -> tuple[list[str], list[str]]:
    """(instalment texts, discount texts): pieces grouped so that each instalment starts with its share."""
    groups: list[str] = []
    discounts: list[str] = []
    for piece in _pieces(text):
        part = _analyse(piece)
        if part.discount:
            discounts.append(piece)
        elif part.percent is not None or part.balance or not groups:
            groups.append(piece)
        else:
            groups[-1] = f"{groups[-1]}, {piece.strip()}"
    return groups, discounts


@cache
def _lc_dates() -> PhraseMatcher[str]:
    """Phrases before an L/C's expiry date and before its latest shipment date."""
    entries = _entries(lambda lex: lex.payment.lc_expiry, "lc_expiry")
    entries += _entries(lambda lex: lex.payment.latest_shipment, "latest_shipment_date")
    return PhraseMatcher(entries)


def _issuing_bank(text: str) -> str | None:
    """The bank after "issued by" / "开证行".

    It ends at a semicolon or bracket, at the next L/C date phrase, or at a comma part that is no name (one with
    digits, or a long clause).
    """
    hit = _bank_intro().search(text)
    if hit is None:
        return None
    rest = text[hit.end :].lstrip(" :：")
    stop = _lc_dates().search(rest)
    rest = _BANK_END.split(rest[: stop.start] if stop else rest, maxsplit=1)[0]
    parts: list[str] = []
    for part in rest.split(","):
        words = part.split()
        if not words or any(ch.isdigit() for ch in part) or len(words) > BANK_PART_WORDS:
            break
        parts.append(part.strip())
        if len(parts) == BANK_PARTS:
            break
    bank = ", ".join(parts).strip(" .")
    return bank or None


def lc_dates(text: str, *, date_order: str = "DMY", country: str | None = None) -> dict[str, date]:
    """An L/C's expiry and latest shipment dates: the first date after each phrase, before the next phrase.

    Returns:
        The dates found, keyed `lc_expiry` and `latest_shipment_date` (the `PaymentTerms` fields).

    """
    hits = _lc_dates().find_all(text)
    found: dict[str, date] = {}
    for i, hit in enumerate(hits):
        end = hits[i + 1].start if i + 1 < len(hits) else len(text)
        dates = find_dates(text[hit.end : end], date_order=date_order, country=country)
        if dates and hit.key not in found:
            found[hit.key] = dates[0].value
    return found


def implied_method(terms: PaymentTerms) -> str | None:
    """The method that terms naming none imply, else None.

    Shares that are all paid before the goods leave or against a copy of the B/L ("30% before production, 70%
    before shipment", "20 % Anzahlung, 80 % gegen Kopie des Konnossements") are bank transfers; credit days
    counted from the invoice ("90 days from invoice date") are an open account. Anything else (a single "before
    shipment", "after arrival") implies nothing.
    """
    if terms.method is not None:
        return None
    parts = terms.instalments
    if parts and all(
        part.trigger in TT_TRIGGERS or (i == 0 and terms.deposit_percent is not None) for i, part in enumerate(parts)
    ):
        return "TT"
    if terms.days is not None and terms.trigger == "after_invoice":
        return "OA"
    return None


def _lc_type(parts: list[_Part], text: str) -> str | None:
    if not any(part.method == "LC" for part in parts) and "LC" not in {h.key for h in _methods().find_all(text)}:
        return None
    for hit in _lc_types().find_all(text):
        if hit.key in ("at_sight", "usance"):
            return hit.key
    if any(part.days for part in parts):
        return "usance"
    return "at_sight" if any(part.trigger == "at_sight" for part in parts) else None


def _instalments(parts: list[_Part]) -> list[Instalment]:
    instalments: list[Instalment] = []
    method = None
    for part in parts:
        method = part.method or method
        instalments.append(
            Instalment(percent=part.percent, method=method, trigger=part.trigger, days=part.days, text=part.text)
        )
    return instalments


def _deposit(parts: list[_Part]) -> Decimal | None:
    shares = [part.percent for part in parts if part.deposit and part.percent is not None]
    return sum(shares, Decimal(0)) if shares else None


def parse_payment_terms(text: str, *, date_order: str = "DMY", country: str | None = None) -> PaymentTerms:
    """Read printed payment terms (see the module docstring for the rules).

    Args:
        text: The printed terms, with or without their label ("Payment: 30% T/T deposit, balance before
            shipment").
        date_order: The document's order of numeric dates (for the L/C dates).
        country: The document's country (month-first countries).

    Returns:
        The terms; `text` is the input stripped, and every value the text does not state is None.

    """
    stripped = text.strip()
    groups, _ = _instalment_texts(stripped)
    parts = [_analyse(group) for group in groups]
    whole = _analyse(" ; ".join(groups)) if groups else None
    if whole is None:
        return PaymentTerms(text=stripped or None)
    split = len(parts) >= 2
    main = parts[-1] if split else whole
    first_method = next((part.method for part in parts if part.method), None)
    first_days = next((part.days for part in parts if part.days), None)
    method, days, trigger = main.method or first_method, main.days or first_days, main.trigger
    named = next((part.method for part in parts if part.method not in (None, "OA")), None)
    if method == "OA" and named is not None:
        method = named  # "30% by bank transfer with the order, balance 60 days from invoice": a bank transfer
    if method == "OA" and days is not None and trigger is None:
        trigger = "after_invoice"  # "Net 30", "30 jours net": open-account days run from the invoice
    return PaymentTerms(
        text=stripped,
        method=method,
        deposit_percent=_deposit(parts),
        days=days,
        trigger=trigger,
        lc_type=_lc_type(parts, stripped),
        instalments=_instalments(parts) if split else [],
        issuing_bank=_issuing_bank(stripped),
        **lc_dates(stripped, date_order=date_order, country=country),
    )
