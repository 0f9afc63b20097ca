from decimal import Decimal

import pytest

from extractors.normalize.payment import parse_payment_terms

D = Decimal


@pytest.mark.parametrize(
    ("text", "method", "deposit", "days", "trigger", "lc_type"),
    [
        ("30% T/T deposit, 70% balance against copy of B/L", "TT", D(30), None, "against_bl_copy", None),
        ("30% T/T deposit, balance before shipment", "TT", D(30), None, "before_shipment", None),
        ("30% T/T deposit, balance by L/C at sight", "LC", D(30), None, "at_sight", "at_sight"),
        ("100% irrevocable L/C at sight", "LC", None, None, "at_sight", "at_sight"),
        ("L/C 60 days after B/L date", "LC", None, D(60), "after_bl", "usance"),
        ("Net 60 days", "OA", None, D(60), None, None),
        ("Net 30", "OA", None, D(30), None, None),
        ("D/P at sight", "DP", None, None, "at_sight", None),
        ("D/A 90 days after sight", "DA", None, D(90), "after_sight", None),
        ("100% T/T before shipment", "TT", None, None, "before_shipment", None),
        ("T/T 30 days after B/L date", "TT", None, D(30), "after_bl", None),
        ("Cash against documents", "CAD", None, None, "against_documents", None),
        ("PayPal", "CIA", None, None, None, None),
        ("30 % Anzahlung per Überweisung, Rest vor Versand", "TT", D(30), None, "before_shipment", None),
        ("Akkreditiv bei Sicht", "LC", None, None, "at_sight", "at_sight"),
        ("30 Tage netto", "OA", None, D(30), "after_invoice", None),
        ("2% Skonto innerhalb 10 Tagen, 30 Tage netto", "OA", None, D(30), "after_invoice", None),
        (
            "Paiement: 30 % d'acompte par virement, solde contre copie du connaissement",
            "TT", D(30), None, "against_bl_copy", None,
        ),
        ("Pago: 100% carta de crédito a la vista", "LC", None, None, "at_sight", "at_sight"),
        ("pago a 60 días", None, None, D(60), None, None),
        (
            "Pagamento: bonifico bancario 30% anticipo, saldo prima della spedizione",
            "TT", D(30), None, "before_shipment", None,
        ),
        (
            "Pagamento: 30% de sinal por transferência, 70% contra cópia do B/L",
            "TT", D(30), None, "against_bl_copy", None,
        ),
        (
            "Betaling: 30% vooruitbetaling per bankoverschrijving, rest voor verzending",
            "TT", D(30), None, "before_shipment", None,
        ),
        ("付款方式：30%电汇定金，余款见提单副本付清", "TT", D(30), None, "against_bl_copy", None),
        ("即期信用证", "LC", None, None, "at_sight", "at_sight"),
        ("提单日后60天付款", None, None, D(60), "after_bl", None),
    ],
)  # fmt: skip
def test_main_terms_in_every_language(
    text: str,
    method: str | None,
    deposit: Decimal | None,
    days: Decimal | None,
    trigger: str | None,
    lc_type: str | None,
) -> None:
    terms = parse_payment_terms(text)
    assert terms.text == text.strip()
    assert (terms.method, terms.deposit_percent, terms.days, terms.trigger, terms.lc_type) == (
        method, deposit, days, trigger, lc_type,
    )  # fmt: skip


def test_split_terms_list_instalments_as_printed() -> None:
    terms = parse_payment_terms("30% T/T deposit, 70% balance against copy of B/L")
    assert [(i.percent, i.method, i.trigger) for i in terms.instalments] == [
        (D(30), "TT", "before_production"),
        (D(70), "TT", "against_bl_copy"),
    ]
    assert [i.text for i in terms.instalments] == ["30% T/T deposit", "70% balance against copy of B/L"]


def test_balance_without_percent_keeps_none_and_its_own_method() -> None:
    terms = parse_payment_terms("30% T/T deposit, balance by L/C at sight")
    assert [(i.percent, i.method, i.trigger) for i in terms.instalments] == [
        (D(30), "TT", "before_production"),
        (None, "LC", "at_sight"),
    ]


def test_three_instalments_without_separators() -> None:
    terms = parse_payment_terms("30% with order 40% before shipment 30% after arrival")
    assert [(i.percent, i.trigger) for i in terms.instalments] == [
        (D(30), "with_order"),
        (D(40), "before_shipment"),
        (D(30), "after_arrival"),
    ]
    assert terms.deposit_percent == D(30)
    assert terms.trigger == "after_arrival"


def test_clauses_without_a_share_join_the_instalment_before() -> None:
    terms = parse_payment_terms("100% irrevocable L/C at sight, issued by HSBC Hong Kong; expiry 30.06.2026")
    assert terms.instalments == []
    assert terms.issuing_bank == "HSBC Hong Kong"


@pytest.mark.parametrize("text", ["", "   ", "see contract", "as agreed"])
def test_terms_without_payment_words_stay_empty(text: str) -> None:
    terms = parse_payment_terms(text)
    assert (terms.method, terms.deposit_percent, terms.days, terms.trigger, terms.instalments) == (
        None, None, None, None, [],
    )  # fmt: skip
