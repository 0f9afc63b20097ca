from datetime import date
from decimal import Decimal

import pytest

from extractors.normalize.payment import implied_method, parse_payment_terms

D = Decimal


@pytest.mark.parametrize(
    ("text", "method", "deposit", "days", "trigger", "lc_type"),
    [
        ("30% T/T deposit, 70% balance against copy of B/L", "TT", D(30), None, "against_bl_copy", None),
        ("30% T/T deposit, balance before shipment", "TT", D(30), None, "before_shipment", None),
        ("30% T/T deposit, balance by L/C at sight", "LC", D(30), None, "at_sight", "at_sight"),
        ("100% irrevocable L/C at sight", "LC", None, None, "at_sight", "at_sight"),
        ("L/C 60 days after B/L date", "LC", None, D(60), "after_bl", "usance"),
        ("Net 60 days", "OA", None, D(60), "after_invoice", None),
        ("Net 30", "OA", None, D(30), "after_invoice", None),
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


@pytest.mark.parametrize(
    ("text", "country", "bank", "latest", "expiry"),
    [
        (
            "Irrevocable L/C 90 days after B/L, issued by Banco Atlántico, S.A., Valencia; latest shipment date "
            "05/30/2027, L/C expiry 06/20/2027",
            "US",
            "Banco Atlántico, S.A., Valencia",
            date(2027, 5, 30),
            date(2027, 6, 20),
        ),
        (
            "Sichtakkreditiv, eröffnet durch Nordbank AG, Kiel; Verfall des Akkreditivs 12.09.2027, späteste "
            "Verschiffung 20.08.2027",
            None,
            "Nordbank AG, Kiel",
            date(2027, 8, 20),
            date(2027, 9, 12),
        ),
        ("即期信用证，开证行：招商银行深圳分行；最迟装运日期2027年5月3日，信用证有效期至2027年5月24日", None,
         "招商银行深圳分行", date(2027, 5, 3), date(2027, 5, 24)),
    ],
)  # fmt: skip
def test_letter_of_credit_bank_and_dates(text: str, country: str | None, bank: str, latest: date, expiry: date) -> None:
    terms = parse_payment_terms(text, country=country)
    assert terms.method == "LC"
    assert (terms.issuing_bank, terms.latest_shipment_date, terms.lc_expiry) == (bank, latest, expiry)


def test_bank_stops_at_a_clause_with_figures() -> None:
    terms = parse_payment_terms("L/C at sight issued by Crédit Maritime, Le Havre, 5% tolerance on quantity")
    assert terms.issuing_bank == "Crédit Maritime, Le Havre"
    assert terms.lc_expiry is None and terms.latest_shipment_date is None


@pytest.mark.parametrize(
    ("text", "implied"),
    [
        ("20% anticipo all'ordine, 80% prima della spedizione", "TT"),
        ("25 % acompte, solde avant expédition", "TT"),
        ("A 45 días de la fecha de factura", "OA"),
        ("100% before shipment", None),
        ("30% deposit, 70% after arrival of goods", None),
        ("30% T/T deposit, 70% before shipment", None),  # printed: nothing to imply
        ("20 % Anzahlung nach Auftragsbestätigung, 80 % gegen Kopie des Konnossements", "TT"),
    ],
)
def test_method_implied_only_by_unambiguous_terms(text: str, implied: str | None) -> None:
    assert implied_method(parse_payment_terms(text)) == implied


def test_prepayment_due_before_shipment_is_no_deposit() -> None:
    terms = parse_payment_terms("100% vooruitbetaling per overschrijving vóór verscheping")
    assert (terms.method, terms.trigger, terms.deposit_percent) == ("TT", "before_shipment", None)
    assert parse_payment_terms("30% advance with order, balance before shipment").deposit_percent == D(30)


@pytest.mark.parametrize(
    ("text", "method", "days", "trigger"),
    [
        ("bonifico bancario, 30% anticipato all'ordine, saldo a 60 gg data fattura", "TT", "60", "after_invoice"),
        ("30 % à la commande par virement, solde à 30 jours date de facture", "TT", "30", "after_invoice"),
        ("Net 60 days from invoice date", "OA", "60", "after_invoice"),
        ("By irrevocable L/C at 90 days from the date of B/L", "LC", "90", "after_bl"),
        ("Cobranza documentaria D/A a 60 días fecha de B/L", "DA", "60", "after_bl"),
    ],
)
def test_a_named_method_wins_over_open_account_days(text: str, method: str, days: str, trigger: str) -> None:
    terms = parse_payment_terms(text)
    assert (terms.method, str(terms.days), terms.trigger) == (method, days, trigger)
