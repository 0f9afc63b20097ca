"""The lexicons: complete for every language, and free of entries the matchers would confuse.

Extraction uses every lexicon at once, so a word that means one thing in one language and another thing in
another is a bug even when each file is fine on its own. The comparison keys below mirror the matchers:

- labels and column headers (`extractors/fields/labels.py`): folded (case, accents and dots ignored, "N°" as
  "No") and spaces removed, because a space in a label is optional in the text ("Bestell Nr." also matches
  "Bestellnr."); two labels with the same key are one label, so a list keeps only the spaced one;
- units (`extractors/normalize/units.py`): `canonical`, which also ignores hyphens and apostrophes;
- phrases of the normalizers (`extractors/normalize/phrases.py`): folded with dots optional;
- titles and invoice markers (`extractors/classify.py`): folded as they are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, get_args

import pytest
import yaml
from babel import Locale

from extractors.lexicons import (
    LEXICON_DIR,
    ColumnRole,
    DocTypeName,
    HeaderField,
    Lexicon,
    PaymentMethod,
    PaymentTrigger,
    TransportMode,
    all_lexicons,
    load_lexicon,
)
from extractors.normalize.dates import month_names
from extractors.normalize.phrases import canonical
from extractors.normalize.phrases import fold as phrase_fold
from extractors.normalize.units import COMMON_REC20_CODES
from extractors.text import fold

Table = Mapping[Any, list[str]]
"""A lexicon table: key (field, role, mode, method ...) -> phrases."""
Owners = dict[str, set[tuple[str, str]]]

REQUIRED_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "zh")
FILES = sorted(LEXICON_DIR.glob("*.yaml"))
LANGUAGES = [path.stem for path in FILES]
LC_TYPES = ("at_sight", "usance", "irrevocable", "confirmed", "transferable")
WORD_LISTS = ("weeks", "place_fillers", "issuing_bank")
"""Lists the normalizers read through `phrases.lexicon_words` that the schema does not define (yet)."""

SHARED_LABELS: dict[str, frozenset[str]] = {
    # On a purchase order the "Bill To" block names the party that pays, i.e. the buyer, and at the same
    # time the address the invoice goes to; the parties extractor needs both readings.
    "billto": frozenset({"buyer", "bill_to"}),
    "invoiceto": frozenset({"buyer", "bill_to"}),
    # "Shipment: 14.03.2026" is the shipment date, "Shipment: Sea" the mode; each parser takes only its own
    # kind of value (a date, a transport mode), so the label feeds both.
    "shipment": frozenset({"delivery_date", "shipping_method"}),
    # SAP prints number and date under one label ("PO number/date: 4500012345 / 14.03.2026"); the number
    # parser takes the first token and the date parser finds the date, so the label feeds both fields.
    **{
        key: frozenset({"order_number", "order_date"})
        for key in (
            "ponumber/date",
            "purchaseordernumber/date",
            "bestellnummer/datum",
            "bestell-nr/datum",
            "nummer/datum",
            "nocommande/date",
            "numero/fechapedido",
            "numero/dataordine",
            "inkoopordernummer/datum",
        )
    },
}
"""Label keys allowed to name several header fields (in one language or across languages), and why."""

INCOTERMS_RULES = ("exw", "fca", "cpt", "cip", "dap", "dpu", "ddp", "fas", "fob", "cfr", "cif", "dat", "ddu", "c&f")
CURRENCY_CODES = ("usd", "eur", "cny", "rmb", "gbp", "jpy", "chf", "hkd", "cad", "aud", "inr", "brl", "mxn")
VALUE_WORDS = frozenset(INCOTERMS_RULES + CURRENCY_CODES)

"""Incoterms rules and currency codes: printed as values, so a label equal to one would end the value above it."""


def label_key(label: str) -> str:
    """The key under which the label matcher stores a label."""
    return fold(label).rstrip(":： ").replace(" ", "")


def phrase_key(phrase: str) -> str:
    """Two phrases with this key match alike in the normalizers' `PhraseMatcher` (a dot and its space are optional)."""
    return re.sub(r"\.\s*", "", " ".join(phrase_fold(phrase).split()))


def _duplicates(items: Iterable[str], key: Callable[[str], str]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    pairs = []
    for item in items:
        k = key(item)
        if k in seen:
            pairs.append((seen[k], item))
        seen.setdefault(k, item)
    return pairs


def _conflicts(tables: Iterable[tuple[str, Table]], key: Callable[[str], str]) -> Owners:
    """Keys that map to more than one table key, with (language, table key) pairs."""
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for language, table in tables:
        for name, phrases in table.items():
            for phrase in phrases:
                owners[key(phrase)].add((language, str(name)))
    return {k: v for k, v in owners.items() if len({name for _, name in v}) > 1}


@pytest.mark.parametrize("language", LANGUAGES)
def test_file_validates_against_the_schema(language: str) -> None:
    lexicon = load_lexicon(language)  # parses the YAML and validates it against `Lexicon`
    assert isinstance(lexicon, Lexicon)
    assert lexicon.language == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_file_has_no_unknown_keys(language: str) -> None:
    """The schema ignores unknown keys, so a misspelt section would silently vanish."""
    path = LEXICON_DIR / f"{language}.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    keys = {"yes" if k is True else "no" if k is False else k for k in data}
    assert keys - set(Lexicon.model_fields) - set(WORD_LISTS) == set()
    for name in WORD_LISTS:
        words = data.get(name, [])
        assert isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words), name
        assert _duplicates(words, phrase_key) == [], name


def test_required_languages_exist() -> None:
    assert set(REQUIRED_LANGUAGES) <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_field_and_column_has_synonyms(language: str) -> None:
    lexicon = load_lexicon(language)
    assert [f for f in get_args(HeaderField) if not lexicon.labels.get(f)] == []
    assert [c for c in get_args(ColumnRole) if not lexicon.columns.get(c)] == []
    # A trailing colon is allowed: the label then counts only before a colon ("CIF:").
    assert all(
        label.strip(" :") and ":" not in label.rstrip(":") for labels in lexicon.labels.values() for label in labels
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_label_is_listed_twice_in_a_field(language: str) -> None:
    lexicon = load_lexicon(language)
    for kind, table in (("labels", lexicon.labels), ("columns", lexicon.columns)):
        for name, labels in table.items():
            assert _duplicates(labels, str.casefold) == [], f"{kind}.{name}: same after casefold"
            assert _duplicates(labels, label_key) == [], (
                f"{kind}.{name}: the label matcher cannot tell these apart; keep the spaced form"
            )


@pytest.mark.parametrize("kind", ["labels", "columns"])
def test_a_label_names_one_field_in_all_languages(kind: str) -> None:
    """Within one language and across all of them, since every lexicon is matched at once."""
    tables = [(lex.language, getattr(lex, kind)) for lex in all_lexicons()]
    conflicts = {
        key: owners
        for key, owners in _conflicts(tables, label_key).items()
        if {name for _, name in owners} != SHARED_LABELS.get(key)
    }
    assert conflicts == {}


def test_no_label_is_a_value_word() -> None:
    clashes = [
        (lex.language, label)
        for lex in all_lexicons()
        for table in (lex.labels, lex.columns)
        for labels in table.values()
        for label in labels
        if label_key(label) in VALUE_WORDS and not label.endswith(":")  # "CIF:" counts only before a colon
    ]
    assert clashes == []


def test_invoice_markers_are_not_order_labels() -> None:
    """A marker that a purchase order prints as a label would count its own order as an invoice."""
    labels = {fold(label) for lex in all_lexicons() for ls in lex.labels.values() for label in ls}
    assert [(lex.language, m) for lex in all_lexicons() for m in lex.invoice_markers if fold(m) in labels] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_unit_codes_and_forms(language: str) -> None:
    lexicon = load_lexicon(language)
    for code, forms in lexicon.units.items():
        assert re.fullmatch(r"[A-Z]{2,3}", code), code
        assert code in COMMON_REC20_CODES, f"{code} is not a Rec 20 code the unit reader knows"
        assert forms, code
        assert _duplicates(forms, canonical) == [], code
    assert {"PCE", "SET", "KGM", "MTR"} <= set(lexicon.units)


def test_a_printed_unit_means_one_code_in_all_languages() -> None:
    assert _conflicts(((lex.language, lex.units) for lex in all_lexicons()), canonical) == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_months_are_complete_and_survive_across_languages(language: str) -> None:
    lexicon = load_lexicon(language)
    if not lexicon.months:
        assert lexicon.date_order == "YMD", "only numeric-date languages may leave months empty"
        return
    assert sorted(lexicon.months) == list(range(1, 13))
    names = [name for month in lexicon.months.values() for name in month]
    assert all(names) and _duplicates(names, str.casefold) == []
    known = month_names()  # drops a name that means different months in different languages
    lost = [(m, n) for m, ns in lexicon.months.items() for n in ns if known.get(fold(n).rstrip(".")) != m]
    assert lost == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_number_format_and_date_order_match_the_locale(language: str) -> None:
    lexicon = load_lexicon(language)
    assert lexicon.number_format.decimal != lexicon.number_format.group
    symbols = Locale.parse(language).number_symbols["latn"]
    assert lexicon.number_format.decimal == symbols["decimal"]
    assert lexicon.number_format.group == re.sub(r"\s", " ", symbols["group"])
    if language == "en":
        return  # English is written both ways; the document's country decides (US: MDY)
    pattern = Locale.parse(language).date_formats["short"].pattern
    order = "".join(dict.fromkeys(ch for ch in pattern if ch in "dMy")).replace("d", "D").replace("y", "Y")
    assert lexicon.date_order == order


@pytest.mark.parametrize("language", LANGUAGES)
def test_payment_phrases_are_complete(language: str) -> None:
    payment = load_lexicon(language).payment
    assert [m for m in get_args(PaymentMethod) if not payment.methods.get(m)] == []
    assert [t for t in get_args(PaymentTrigger) if not payment.triggers.get(t)] == []
    assert [t for t in LC_TYPES if not payment.lc_types.get(t)] == []  # type: ignore[call-overload]
    assert payment.deposit and payment.balance and payment.days


@pytest.mark.parametrize("language", LANGUAGES)
def test_phrase_tables_are_complete(language: str) -> None:
    lexicon = load_lexicon(language)
    assert [d for d in get_args(DocTypeName) if not lexicon.doc_types.get(d)] == []
    assert [m for m in get_args(TransportMode) if not lexicon.transport.get(m)] == []
    for name in ("invoice_markers", "yes", "no", "change_markers", "cancel_markers", "totals_stop"):
        assert getattr(lexicon, name), name


def _phrase_tables(lexicon: Lexicon) -> dict[str, Table]:
    payment = lexicon.payment
    return {
        "transport": lexicon.transport,
        "methods": payment.methods,
        "triggers": payment.triggers,
        "lc_types": payment.lc_types,
        "words": {"deposit": payment.deposit, "balance": payment.balance, "days": payment.days},
        "flags": {"yes": lexicon.yes, "no": lexicon.no},
        "markers": {"change": lexicon.change_markers, "cancel": lexicon.cancel_markers},
    }


@pytest.mark.parametrize("table", ["transport", "methods", "triggers", "lc_types", "words", "flags", "markers"])
def test_a_phrase_means_one_thing_in_all_languages(table: str) -> None:
    tables = [(lex.language, _phrase_tables(lex)[table]) for lex in all_lexicons()]
    for language, entries in tables:
        for name, phrases in entries.items():
            assert _duplicates(phrases, phrase_key) == [], f"{language} {table}.{name}"
    assert _conflicts(tables, phrase_key) == {}


def test_a_title_names_one_document_type_in_all_languages() -> None:
    tables = [(lex.language, lex.doc_types) for lex in all_lexicons()]
    for language, doc_types in tables:
        for name, titles in doc_types.items():
            assert _duplicates(titles, fold) == [], f"{language} doc_types.{name}"
    assert _conflicts(tables, fold) == {}
