"""The content model: wording, locale formats, amounts due, confirmation number, and the messages files."""

from __future__ import annotations

from decimal import Decimal

import pytest
from confirmation_samples import BUYERS, LANGUAGES, TODAY, make_result

from models.order import Instalment, PaymentTerms
from pipeline.confirmations.content import build_content, confirmation_number
from pipeline.confirmations.formatting import LocaleFormatter
from pipeline.confirmations.messages import (
    MessageCatalog,
    available_languages,
    fill,
    load_messages,
    placeholders,
    resolve_language,
)
from pipeline.confirmations.payment import payment_parts, split_amounts


def _strings(value: object, path: str = "") -> dict[str, str]:
    if isinstance(value, dict):
        found: dict[str, str] = {}
        for key, item in value.items():
            found |= _strings(item, f"{path}.{key}")
        return found
    return {path: value} if isinstance(value, str) else {}


def test_every_required_language_has_a_messages_file():
    assert set(available_languages()) >= {"en", "de", "fr", "es", "it", "pt", "nl", "zh"}


@pytest.mark.parametrize("language", [code for code in available_languages() if code != "en"])
def test_messages_have_the_same_keys_and_placeholders_as_english(language):
    english = _strings(load_messages("en").model_dump(exclude={"locales"}))
    other = _strings(load_messages(language).model_dump(exclude={"locales"}))
    assert other.keys() == english.keys()
    for key, template in english.items():
        assert placeholders(other[key]) == placeholders(template), key
    assert load_messages(language).language == language


def test_messages_reject_unknown_keys():
    data = load_messages("en").model_dump()
    data["document"]["titel"] = "typo"
    with pytest.raises(ValueError, match="titel"):
        MessageCatalog.model_validate(data)


def test_fill_inserts_values_literally_in_one_pass():
    assert fill("No. {po_number}", po_number="{po_number} {{7*7}} \\1 \\g<0>") == "No. {po_number} {{7*7}} \\1 \\g<0>"
    with pytest.raises(KeyError):
        fill("{missing}")


@pytest.mark.parametrize(
    ("requested", "document", "expected"),
    [(None, "de", "de"), ("fr", "de", "fr"), ("pt-BR", None, "pt"), (None, "ja", "en"), ("xx", "nl", "nl"),
     (None, None, "en")],
)  # fmt: skip
def test_language_is_the_requested_then_the_documents_then_english(requested, document, expected):
    assert resolve_language(requested, document) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_total_and_deposit_are_formatted_for_the_buyers_locale(language, company):
    content = build_content(make_result(language), company, today=TODAY)
    total = next(row.value for row in content.totals)
    assert total.replace("\u202f", " ").replace("\xa0", " ") == BUYERS[language].total
    assert [due.value for due in content.dues] == [Decimal("5625.00"), Decimal("13125.00")]


def test_locale_follows_the_buyers_country_within_a_language(company):
    assert build_content(make_result("pt"), company, today=TODAY).locale == "pt_BR"
    assert build_content(make_result("pt", currency="EUR", buyer=make_result("pt").order.buyer.model_copy(
        update={"country": "PT"})), company, today=TODAY).locale == "pt_PT"  # fmt: skip
    assert build_content(make_result("en", buyer=make_result("en").order.buyer.model_copy(
        update={"country": "US"})), company, today=TODAY).locale == "en_US"  # fmt: skip


def test_formatter_keeps_price_precision_and_currency_minor_units():
    german = LocaleFormatter("de_DE", "EUR")
    assert german.price(Decimal("0.0125")) == "0,0125"
    assert german.price(Decimal("12.5")) == "12,50"
    assert german.quantity(Decimal("1500.000")) == "1.500"
    assert german.date(TODAY) == "16. März 2026"
    assert LocaleFormatter("ja_JP", "JPY").money(Decimal("1234.5")) == "￥1,235"
    assert LocaleFormatter("zh_CN", "CNY").date(TODAY) == "2026年3月16日"
    assert LocaleFormatter("en_GB", None).money(Decimal("7")) == "7.00"


def test_instalments_add_up_to_the_total_to_the_cent():
    terms = PaymentTerms(method="TT", instalments=[Instalment(percent=Decimal(p)) for p in ("33.33", "33.33", "33.34")])
    parts = payment_parts(terms)
    amounts = split_amounts(Decimal("100.01"), parts, LocaleFormatter("en_GB", "USD"))
    assert [part.kind for part in parts] == ["instalment"] * 3
    assert sum(amounts) == Decimal("100.01")


def test_letter_of_credit_is_one_payment_with_its_days(company):
    terms = PaymentTerms(method="LC", days=Decimal("60"), trigger="after_bl")
    content = build_content(make_result("en", payment_terms=terms), company, today=TODAY)
    assert [(due.label, due.amount, due.condition) for due in content.dues] == [
        ("Payment (100%)", "£18,750.00", "by letter of credit, 60 days after B/L date")
    ]
    assert any("letter of credit for £18,750.00" in step for step in content.next_steps)
    assert not any("deposit" in step for step in content.next_steps)


def test_missing_terms_show_as_to_be_confirmed_and_no_amounts_due(company):
    result = make_result("de", payment_terms=PaymentTerms(), delivery_date=None, packaging=None)
    content = build_content(result, company, today=TODAY)
    terms = {row.label: row.value for row in content.terms}
    assert terms["Zahlungsbedingungen"] == terms["Liefertermin"] == terms["Verpackung"] == "noch zu klären"
    assert content.dues == ()


def test_confirmation_number_is_stable_for_the_same_input_and_differs_for_another(company):
    first, again = make_result("en"), make_result("en")
    other = make_result("en")
    other.document.sha256 = "a1" * 32
    number = confirmation_number(first, company, TODAY)
    assert number == "OC-20260314-5E5E5E"
    assert confirmation_number(again, company, TODAY.replace(day=20)) == number
    assert confirmation_number(other, company, TODAY) != number


def test_questions_are_deduplicated_and_intro_mentions_open_points(company):
    result = make_result("en")
    result.missing.append(result.missing[0].model_copy())
    content = build_content(result, company, today=TODAY)
    assert len(content.questions) == 2
    assert "subject to the open points" in content.intro
    result.missing.clear()
    complete = build_content(result, company, today=TODAY)
    assert complete.questions == () and "pleased to confirm" in complete.intro
    assert complete.reply.questions_intro == load_messages("en").email.no_questions


def test_german_letter_reads_naturally(company):
    content = build_content(make_result("de"), company, today=TODAY)
    assert content.greeting == "Guten Tag Hans Müller,"
    assert content.intro.startswith("vielen Dank für Ihre Bestellung Nr. 4500012345 vom 14. März 2026.")
    assert content.parties[0].lines[:2] == ("Hansen Maschinenbau GmbH", "z. Hd. Hans Müller")
    assert content.items[2].quantity == "250 Satz"
    assert content.dues[1].condition == "per Banküberweisung (T/T), vor Verschiffung"


def test_a_balance_without_percent_takes_the_rest(company):
    terms = PaymentTerms(
        method="TT",
        instalments=[
            Instalment(percent=Decimal("30"), trigger="before_production"),
            Instalment(trigger="against_bl_copy"),
        ],
    )
    content = build_content(make_result("en", payment_terms=terms), company, today=TODAY)
    assert [(due.label, due.amount, due.condition) for due in content.dues] == [
        ("Deposit (30%)", "£5,625.00", "by bank transfer (T/T), before production"),
        ("Balance (70%)", "£13,125.00", "by bank transfer (T/T), against copy of the B/L"),
    ]
