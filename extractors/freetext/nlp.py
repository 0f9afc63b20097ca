"""Per-language spaCy pipelines for order text, built once from the lexicons (no trained model is used).

`pipeline_for(lang)` is `spacy.blank(lang)` (stop words and lexical attributes of the language; the
multi-language `xx` when spaCy has no such language) with the shape-aware `OrderTokenizer`, an
`entity_ruler` whose phrase patterns come from the lexicon of the language plus English (units, column and
header labels, payment methods, change and cancel markers, order titles), currency codes and names from babel,
and a `Matcher` that joins entities and token shapes into quantities, money amounts and SKUs.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import spacy
from babel import Locale
from babel.numbers import get_currency_name
from spacy.language import Language
from spacy.matcher import Matcher

from extractors.freetext.tokenizer import OrderTokenizer
from extractors.lexicons import Lexicon, available_languages, load_lexicon
from extractors.normalize.currency import SYMBOLS, current_codes
from extractors.normalize.incoterms import LEGACY_RULES, RULES_2020
from extractors.normalize.phrases import fold
from extractors.normalize.units import COMMON_REC20_CODES

NAMED_CURRENCIES = ("USD", "EUR", "CNY", "GBP", "JPY", "CHF", "HKD", "AUD", "CAD", "SGD", "INR", "BRL", "MXN")
"""Currencies whose names ("euros", "美元") are matched besides codes and symbols."""
COLON = {"ORTH": {"IN": [":", "：", "=", "#", "-", "."]}, "OP": "*"}
NUM = {"_": {"kind": "num"}}
NUMBER_SIGNS = [":", "：", "=", "#", "-", ".", "n", "nº", "n°", "º", "°", "no", "nr", "núm", "num", "№"]
NUMBER_SIGN = {"LOWER": {"IN": NUMBER_SIGNS}, "OP": "*"}
"""A colon or number sign between an order label and its number ("pedido n.º PA-26/0214", "Bestellung Nr. 4711")."""
IDENTIFIER = {"_": {"kind": {"IN": ["code", "num"]}}}


def _label_phrases(lexicon: Lexicon) -> Iterator[tuple[str, list[str]]]:
    """(entity label, phrases) in priority order: a phrase belongs to the first label that claims it."""
    yield "UNIT", [form for forms in lexicon.units.values() for form in forms]
    yield "SKU_LABEL", lexicon.columns.get("sku", []) + lexicon.columns.get("customer_sku", [])
    yield "QTY_LABEL", lexicon.columns.get("quantity", [])
    yield "PRICE_LABEL", lexicon.columns.get("unit_price", [])
    yield "AMOUNT_LABEL", lexicon.columns.get("amount", []) + lexicon.labels.get("total_amount", [])
    yield "DESC_LABEL", lexicon.columns.get("description", [])
    yield "UNIT_LABEL", lexicon.columns.get("unit", [])
    yield "LINE_LABEL", lexicon.columns.get("line_no", [])
    yield "ORDER_LABEL", lexicon.labels.get("order_number", []) + lexicon.doc_types.get("purchase_order", [])
    yield "DELIVERY_LABEL", lexicon.labels.get("delivery_date", [])
    yield "CANCEL", lexicon.cancel_markers
    yield "CHANGE", lexicon.change_markers
    yield "PAYMENT", [p for phrases in lexicon.payment.methods.values() for p in phrases]


def _currency_names(language: str) -> list[str]:
    try:
        locale = Locale.parse(language)
    except (ValueError, TypeError):
        return []
    names = []
    for code in NAMED_CURRENCIES:
        for count in (1, 2):
            names.append(get_currency_name(code, count=count, locale=locale))
    return [name for name in names if name and not name.isupper()]


def entity_patterns(nlp: Language, lexicons: list[Lexicon], language: str) -> list[dict[str, Any]]:
    """EntityRuler patterns: lexicon phrases (matched on folded text) and exact-case codes."""
    claimed: set[str] = set()
    patterns: list[dict[str, Any]] = []
    for code in sorted(current_codes() | {"RMB"}):
        patterns.append({"label": "CURRENCY", "pattern": [{"ORTH": code}]})
    for symbol in SYMBOLS:
        if len(symbol) > 1 or not symbol.isascii():
            patterns.append({"label": "CURRENCY", "pattern": symbol})
    for name in _currency_names(language) + _currency_names("en"):
        patterns.append({"label": "CURRENCY", "pattern": name})
    for rule in (*RULES_2020, *LEGACY_RULES):
        patterns.append({"label": "INCOTERM", "pattern": [{"ORTH": rule}]})
    for code in sorted(COMMON_REC20_CODES):
        patterns.append({"label": "UNIT", "pattern": [{"ORTH": code}]})
    for lexicon in lexicons:
        for label, phrases in _label_phrases(lexicon):
            for phrase in phrases:
                for variant in {phrase, phrase.rstrip(".")}:
                    key = fold(variant)
                    if key and key not in claimed and len(nlp.make_doc(variant)) > 0:
                        claimed.add(key)
                        patterns.append({"label": label, "pattern": variant})
    return patterns


def _matcher(nlp: Language) -> Matcher:
    """Quantities, money amounts and SKUs from entities and token shapes."""
    matcher = Matcher(nlp.vocab)
    unit = {"ENT_TYPE": "UNIT", "OP": "+"}
    currency = {"ENT_TYPE": "CURRENCY", "OP": "+"}
    matcher.add("QTY", [[NUM, unit], [NUM, {"LOWER": {"IN": ["x", "×"]}}]])
    # "1.200 diferenciales …", "500 LED panels": a count of the goods named right after it (the span is cut to
    # the number in `analyse`, so that the noun stays in the description)
    noun = {"IS_ALPHA": True, "IS_STOP": False, "LENGTH": {">=": 3}, "ENT_TYPE": ""}
    matcher.add("QTY_COUNT", [[NUM, noun]])
    matcher.add("QTY_LABELLED", [[{"ENT_TYPE": "QTY_LABEL", "OP": "+"}, COLON, NUM, {"ENT_TYPE": "UNIT", "OP": "*"}]])
    matcher.add("MONEY", [[currency, NUM], [NUM, currency]])
    matcher.add("SKU_LABELLED", [[{"ENT_TYPE": "SKU_LABEL", "OP": "+"}, COLON, IDENTIFIER]])
    matcher.add("SKU", [[{"_": {"kind": "code"}}]])
    matcher.add("ORDER_REF", [[{"ENT_TYPE": "ORDER_LABEL", "OP": "+"}, NUMBER_SIGN, IDENTIFIER]])
    matcher.add("LINE_REF", [[{"ENT_TYPE": "LINE_LABEL", "OP": "+"}, COLON, NUM]])
    return matcher


class OrderPipeline:
    """One language's pipeline and matcher."""

    def __init__(self, language: str) -> None:
        """Build the pipeline of `language` (English lexicon added; unknown languages use English)."""
        lang = language if language in available_languages() else "en"
        self.language = lang
        self.lexicon = load_lexicon(lang)
        lexicons = [self.lexicon] + ([load_lexicon("en")] if lang != "en" else [])
        try:
            nlp = spacy.blank(lang)
        except (ImportError, KeyError, ValueError):
            nlp = spacy.blank("xx")
        self.unit_forms: frozenset[str] = frozenset(
            fold(f) for lex in lexicons for forms in lex.units.values() for f in forms
        )
        glued = set(self.unit_forms) | {fold(code) for code in current_codes() | {"RMB"}}
        nlp.tokenizer = OrderTokenizer(nlp.vocab, glued, space_groups=self.lexicon.number_format.group == " ")
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "NORM", "overwrite_ents": True})
        ruler.add_patterns(entity_patterns(nlp, lexicons, lang))  # type: ignore[attr-defined]
        self.nlp = nlp
        self.matcher = _matcher(nlp)
        self.stop_words: frozenset[str] = frozenset(nlp.Defaults.stop_words)
        self.total_labels: frozenset[str] = frozenset(
            fold(label).rstrip(" :") for lex in lexicons for label in lex.labels.get("total_amount", [])
        )


@cache
def pipeline_for(language: str | None) -> OrderPipeline:
    """The (cached) order pipeline of a language; English when the language has no lexicon."""
    return OrderPipeline(language or "en")
