import pytest

from extractors.normalize.incoterms import parse_incoterms


@pytest.mark.parametrize(
    ("text", "rule", "place", "version"),
    [
        ("FOB Ningbo", "FOB", "Ningbo", None),
        ("FOB Ningbo, China", "FOB", "Ningbo, China", None),
        ("CIF Hamburg Incoterms 2020", "CIF", "Hamburg", "2020"),
        ("Incoterms® 2020 FCA Shenzhen", "FCA", "Shenzhen", "2020"),
        ("INCOTERMS 2010: CIF Hamburg", "CIF", "Hamburg", "2010"),
        ("DAP Lyon (Incoterms 2020)", "DAP", "Lyon", "2020"),
        ("DAP Paterna (Valencia), Incoterms® 2020", "DAP", "Paterna (Valencia)", "2020"),
        ("DDP Grassobbio (BG), IVA inclusa", "DDP", "Grassobbio (BG)", None),
        ("CIF Le Havre (France)", "CIF", "Le Havre", None),
        ("FCA Binh Duong (warehouse)", "FCA", "Binh Duong", None),
        ("FCA Shenzhen warehouse", "FCA", "Shenzhen warehouse", None),
        ("EXW our factory", "EXW", "our factory", None),
        ("CFR Rotterdam port", "CFR", "Rotterdam", None),
        ("CIF Port Klang（Incoterms 2020）", "CIF", "Port Klang", "2020"),
        ("FOB port: Ningbo", "FOB", "Ningbo", None),
        ("CFR port of Rotterdam", "CFR", "Rotterdam", None),
        ("FCA named place: Shenzhen", "FCA", "Shenzhen", None),
        ("Incoterms: DDP, Milano", "DDP", "Milano", None),
        ("Lieferbedingung: FCA Shenzhen", "FCA", "Shenzhen", None),
        ("FOB 宁波", "FOB", "宁波", None),
        ("CIF 汉堡", "CIF", "汉堡", None),
        ("贸易术语：FOB宁波", "FOB", "宁波", None),
        ("FOB 宁波港", "FOB", "宁波", None),
        ("FOB 香港", "FOB", "香港", None),
        ("F.O.B. Shanghai", "FOB", "Shanghai", None),
        ("fob ningbo", "FOB", "ningbo", None),
        ("Ex Works Ningbo", "EXW", "Ningbo", None),
        ("Free on Board Shanghai, China", "FOB", "Shanghai, China", None),
        ("FOB Ningbo, payment 30% T/T", "FOB", "Ningbo", None),
        ("FOB Ningbo Payment Terms: T/T", "FOB", "Ningbo", None),
        ("FOB Shenzhen USD 12.50/pc", "FOB", "Shenzhen", None),
        ("CIF Hamburg, Germany (Incoterms® 2020); insurance 110%", "CIF", "Hamburg, Germany", "2020"),
        ("DAP Hauptstr. 5, 70565 Stuttgart, Germany", "DAP", "Hauptstr. 5, 70565 Stuttgart, Germany", None),
        ("Prices are CFR Jebel Ali as agreed. Shipment is by sea from Xiamen", "CFR", "Jebel Ali", None),
        ("CIF Rio de Janeiro", "CIF", "Rio de Janeiro", None),
        ("DAP St. Petersburg", "DAP", "St. Petersburg", None),
        ("FOB", "FOB", None, None),
        ("Incoterms 2020", None, None, None),
    ],
)
def test_rule_place_and_version(text: str, rule: str | None, place: str | None, version: str | None) -> None:
    match = parse_incoterms(text)
    if rule is None:
        assert match is None
        return
    assert match is not None
    assert (match.rule, match.place, match.version, match.note) == (rule, place, version, None)


@pytest.mark.parametrize(
    ("text", "rule", "note"),
    [
        ("C&F Durban", "CFR", "old_name"),
        ("C & F Durban", "CFR", "old_name"),
        ("CNF Karachi port", "CFR", "old_name"),
        ("C+F Jebel Ali", "CFR", "old_name"),
        ("DDU Paris", "DDU", "legacy"),
        ("DAT Rotterdam terminal", "DAT", "legacy"),
        ("Delivered Duty Unpaid Paris", "DDU", "legacy"),
        ("FOB's Shanghai", "FOB", "malformed"),
    ],
)
def test_old_legacy_and_malformed_rules_carry_a_note(text: str, rule: str, note: str) -> None:
    match = parse_incoterms(text)
    assert match is not None
    assert (match.rule, match.note) == (rule, note)


@pytest.mark.parametrize(
    "text", ["DAP-100 adapter", "Model CIF200", "key fob holder", "SKU FOB-12", "Fobbing", "ABC/DAP", "dapper", ""]
)
def test_no_rule_inside_codes_or_words(text: str) -> None:
    assert parse_incoterms(text) is None


def test_text_and_span_cover_rule_place_and_version() -> None:
    text = "Terms: DAP Lyon (Incoterms 2020), payment 30 days"
    match = parse_incoterms(text)
    assert match is not None
    assert match.text == "DAP Lyon (Incoterms 2020)"
    assert text[match.span[0] : match.span[1]] == match.text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("FOB宁波付款方式：电汇", "宁波"),
        ("FOB Ningbo Zahlungsbedingungen: 30 Tage netto", "Ningbo"),
        ("FOB Ningbo / Payment terms: T/T", "Ningbo"),
        ("FOB Ningbo\nPayment: T/T", "Ningbo"),
    ],
)
def test_place_stops_at_the_next_label(text: str, place: str) -> None:
    match = parse_incoterms(text)
    assert match is not None
    assert match.place == place


@pytest.mark.parametrize(
    ("text", "place", "version", "phrase"),
    [
        ("DAP Linz, conforme Incoterms® 2020", "Linz", "2020", "DAP Linz, conforme Incoterms® 2020"),
        ("CPT Milano secondo Incoterms 2010", "Milano", "2010", "CPT Milano secondo Incoterms 2010"),
        ("FCA 宁波，2020年国际贸易术语解释通则", "宁波", "2020", "FCA 宁波，2020年国际贸易术语解释通则"),
        ("EXW Foshan, all costs for buyer, Incoterms 2020", "Foshan", "2020", "EXW Foshan"),
    ],
)
def test_version_after_filler_words_belongs_to_the_phrase(text: str, place: str, version: str, phrase: str) -> None:
    match = parse_incoterms(text)
    assert match is not None
    assert (match.place, match.version, match.text) == (place, version, phrase)
