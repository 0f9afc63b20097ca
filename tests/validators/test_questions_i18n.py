"""Questions for the customer: every language complete and consistent, specific wording, safe substitution."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from validator_samples import TODAY, clean_order, order_document

from extractors.lexicons import available_languages as lexicon_languages
from models.order import Order
from validators import check_order, default_context
from validators.issues import ask
from validators.questions import available_languages, question_book, render_question, resolve_language

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "zh")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def flatten(book: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in book.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}/"))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def test_every_lexicon_language_has_questions() -> None:
    assert set(LANGUAGES) <= set(available_languages())
    assert set(lexicon_languages()) <= set(available_languages())


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_each_language_has_every_english_entry_with_the_same_placeholders(language: str) -> None:
    english, other = flatten(question_book("en") or {}), flatten(question_book(language) or {})
    assert set(other) == set(english)
    for key, template in english.items():
        if key != "language":
            assert set(PLACEHOLDER.findall(other[key])) == set(PLACEHOLDER.findall(template)), key
    assert other["language"] == language


def defective_order() -> Order:
    """An order with a defect for (nearly) every question the validators can ask."""
    order = clean_order()
    order.order_number = None
    order.buyer.email = order.buyer.phone = None
    order.incoterms.rule, order.incoterms.place, order.shipping_method = "CIF", "Ningbo", "air"
    order.port_of_discharge = order.forwarder = None
    order.line_items[0].amount = Decimal("6300.00")
    order.line_items[1].unit_price = None
    order.total_amount = Decimal("9999.00")
    order.payment_terms.instalments[1].percent = Decimal("60")
    order.delivery_date = date(2026, 3, 1)
    order.shipping_marks = order.packaging = order.documents_required = None
    return order


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_question_renders_in_every_language(language: str) -> None:
    ctx = default_context(today=TODAY, language=language)
    findings, missing = check_order(defective_order(), order_document(language), ctx)
    assert len(missing) >= 12
    assert len({item.field for item in missing}) == len(missing)  # one question per field
    for item in missing:
        assert item.language == language
        assert "{" not in item.question and "}" not in item.question, item.question
        if any(mark in item.field for mark in "._["):
            assert item.field not in item.question  # phrased for the customer, not a field path
    codes_with_questions = {f.field for f in findings} & {m.field for m in missing}
    assert "incoterms.rule" in codes_with_questions and "line_items[0].amount" in codes_with_questions


def test_english_wording_is_specific() -> None:
    order = clean_order()
    order.incoterms.rule, order.incoterms.place = "CIF", None
    _, missing = check_order(order, order_document("en"), default_context(today=TODAY, language="en"))
    questions = {item.field: item.question for item in missing}
    assert questions["incoterms.place"] == "Please tell us the port of destination for CIF."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Bitte teilen Sie uns den Bestimmungshafen für CIF mit."),
        ("fr", "Pourriez-vous nous indiquer le port de destination pour CIF ?"),
        ("zh", "请告知 CIF 的目的港。"),
    ],
)
def test_customer_language_wording(language: str, expected: str) -> None:
    question = ask("missing.incoterms.place", "port_of_destination", rule="CIF")
    assert render_question(question, language) == (expected, language)


@pytest.mark.parametrize(("requested", "resolved"), [("de-AT", "de"), ("zh_CN", "zh"), ("ja", "en"), ("", "en")])
def test_language_fallback(requested: str, resolved: str) -> None:
    assert resolve_language(requested) == resolved


def test_unknown_language_falls_back_to_english_questions() -> None:
    order = clean_order()
    order.currency = None
    _, missing = check_order(order, order_document("ja"), default_context(today=TODAY, language="ja"))
    assert [(m.field, m.language) for m in missing] == [("currency", "en")]


def test_dates_and_money_are_formatted_for_the_language() -> None:
    question = ask(
        "issues.amounts.line_mismatch",
        money=("unit_price", "expected", "amount"),
        line=2,
        quantity=Decimal("1500"),
        unit_price=Decimal("12.5"),
        expected=Decimal("18750"),
        amount=Decimal("18570"),
        currency="EUR",
    )
    text, _ = render_question(question, "de") or ("", "")
    assert "1.500 × 12,50\xa0€ = 18.750,00\xa0€" in text and "18.570,00\xa0€" in text
    past = render_question(ask("issues.dates.delivery_past", date=date(2026, 5, 15)), "de")
    assert past is not None and "15. Mai 2026" in past[0]


def test_document_text_is_substituted_literally() -> None:
    hostile = "{rule} {__class__} <script>alert(1)</script>"
    question = ask("issues.incoterms.place_mismatch", "port_of_destination", rule="CIF", place=hostile)
    text, _ = render_question(question, "en") or ("", "")
    assert "“{rule} {__class__} <script>alert(1)</script>”" in text
    assert text.startswith("Please confirm the port of destination for CIF")


def test_long_values_are_shortened() -> None:
    text, _ = render_question(ask("doubtful", label="packaging", value="x" * 500), "en") or ("", "")
    assert len(text) < 150 and text.endswith("…”.")


def test_generic_question_for_a_field_without_its_own() -> None:
    text, _ = render_question(ask("missing.buyer.vat_id", label="buyer.vat_id"), "fr") or ("", "")
    assert text == "Pourriez-vous nous indiquer le numéro de TVA de l'acheteur ?"
