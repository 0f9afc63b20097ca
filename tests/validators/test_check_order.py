"""check_order end to end: a clean order is complete; each planted defect carries its code on its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator_samples import TODAY, InMemoryRegistry, clean_order, order_document

from models.document import DocumentInfo
from models.findings import Finding, MissingItem
from models.order import Incoterms, LineItem, Order, PaymentTerms
from models.result import Evidence
from validators import VALIDATORS, check_order, default_context, load_policy, merge_findings, status_for
from validators.issues import Issue


def run(order: Order, **kw: object) -> tuple[list[Finding], list[MissingItem], str]:
    language = str(kw.pop("language", "en"))
    document = order_document(language)
    ctx = default_context(today=TODAY, language=language, **kw)
    findings, missing = check_order(order, document, ctx)
    return findings, missing, status_for(document, findings, missing)


def test_clean_order_is_complete_without_findings() -> None:
    findings, missing, status = run(clean_order())
    assert (findings, missing, status) == ([], [], "complete")


def test_findings_are_plain_contract_findings() -> None:
    order = clean_order()
    order.currency = None
    findings, _, _ = run(order)
    assert all(type(f) is Finding for f in findings)
    assert "question" not in findings[0].model_dump_json()


def plant_missing_order_number(o: Order) -> None:
    o.order_number = None


def plant_unknown_rule(o: Order) -> None:
    o.incoterms.rule = "C&F"


def plant_legacy_rule(o: Order) -> None:
    o.incoterms.rule, o.incoterms.place, o.forwarder = "DDU", "Stuttgart", None


def plant_place_missing(o: Order) -> None:
    o.incoterms.place = None


def plant_air_with_fob(o: Order) -> None:
    o.shipping_method = "air"


def plant_place_mismatch(o: Order) -> None:
    o.incoterms.place = "Hamburg"


def plant_percent_sum(o: Order) -> None:
    o.payment_terms.instalments[1].percent = Decimal("60")


def plant_lc_incomplete(o: Order) -> None:
    o.payment_terms = PaymentTerms(method="LC", lc_type="irrevocable", issuing_bank="HSBC", lc_expiry=date(2026, 6, 30))


def plant_risky(o: Order) -> None:
    o.payment_terms = PaymentTerms(method="DA", days=Decimal("60"))


def plant_line_mismatch(o: Order) -> None:
    o.line_items[1].amount = Decimal("1157.00")


def plant_total_mismatch(o: Order) -> None:
    o.total_amount = Decimal("7925.00")


def plant_delivery_before_order(o: Order) -> None:
    o.delivery_date = date(2026, 2, 28)


def plant_delivery_past(o: Order) -> None:
    o.order_date, o.delivery_date = date(2026, 1, 10), date(2026, 3, 1)


def plant_short_lead_time(o: Order) -> None:
    o.delivery_date = date(2026, 3, 20)


def plant_forwarder_missing(o: Order) -> None:
    o.forwarder = None


def plant_cif_without_discharge_port(o: Order) -> None:
    o.incoterms = Incoterms(rule="CIF", place="Hamburg", version="2020")
    o.port_of_discharge = None


PLANTED: list[tuple[Callable[[Order], None], str, str, str]] = [
    (plant_missing_order_number, "completeness.missing", "order_number", "needs_review"),
    (plant_unknown_rule, "incoterms.unknown_rule", "incoterms.rule", "needs_review"),
    (plant_legacy_rule, "incoterms.legacy_rule", "incoterms.rule", "complete"),
    (plant_place_missing, "incoterms.place_missing", "incoterms.place", "needs_review"),
    (plant_air_with_fob, "incoterms.sea_rule_non_sea_transport", "incoterms.rule", "needs_review"),
    (plant_place_mismatch, "incoterms.place_mismatch", "incoterms.place", "complete"),
    (plant_percent_sum, "payment.percent_sum", "payment_terms.instalments", "needs_review"),
    (plant_lc_incomplete, "payment.lc_incomplete", "payment_terms.latest_shipment_date", "complete"),
    (plant_risky, "payment.risky", "payment_terms.method", "complete"),
    (plant_line_mismatch, "amounts.line_mismatch", "line_items[1].amount", "needs_review"),
    (plant_total_mismatch, "amounts.total_mismatch", "total_amount", "needs_review"),
    (plant_delivery_before_order, "dates.delivery_before_order", "delivery_date", "needs_review"),
    (plant_delivery_past, "dates.delivery_past", "delivery_date", "complete"),
    (plant_short_lead_time, "dates.lead_time_short", "delivery_date", "complete"),
    (plant_forwarder_missing, "completeness.missing", "forwarder", "needs_review"),
    (plant_cif_without_discharge_port, "completeness.missing", "port_of_discharge", "needs_review"),
]


@pytest.mark.parametrize(("plant", "code", "field", "status"), PLANTED, ids=[p[0].__name__ for p in PLANTED])
def test_planted_defect_carries_its_code_on_its_field(
    plant: Callable[[Order], None], code: str, field: str, status: str
) -> None:
    order = clean_order()
    plant(order)
    findings, missing, got_status = run(order)
    assert (code, field) in {(f.code, f.field) for f in findings}
    assert got_status == status
    if code.startswith(("completeness", "incoterms.place", "incoterms.unknown", "amounts", "payment.percent")):
        assert field in {m.field for m in missing}


def test_duplicate_through_the_registry() -> None:
    registry = InMemoryRegistry()
    registry.add(clean_order(), datetime(2026, 3, 2, tzinfo=UTC), sha256="a" * 64)
    findings, missing, status = run(clean_order(), registry=registry, sha256="b" * 64)
    assert [(f.code, f.field) for f in findings] == [("order.duplicate", "order_number")]
    assert [m.field for m in missing] == ["order_number"] and status == "complete"


def test_doubtful_values_become_questions() -> None:
    evidence = {
        "line_items[0].quantity": Evidence(confidence=0.35),
        "line_items[0].unit_price": Evidence(confidence=0.4),
    }
    findings, missing, status = run(clean_order(), evidence=evidence, language="de")
    assert {f.field for f in findings} == {"line_items[0].quantity", "line_items[0].unit_price"}
    assert [(m.field, m.question) for m in missing] == [
        ("line_items[0]", "Bitte bestätigen Sie Position 1: Wir haben „LED-PNL-6060 LED panel light 600x600 40W, "
         "500 PCE x 12.50“ gelesen."),
    ]  # fmt: skip
    assert status == "complete"


@pytest.mark.parametrize("doc_type", ["invoice", "quotation", "other"])
def test_not_an_order_status(doc_type: str) -> None:
    document = DocumentInfo(doc_type=doc_type)  # type: ignore[arg-type]
    assert status_for(document, [Finding(code="x", severity="error", message="m")], []) == "not_an_order"


def test_status_ignores_warnings_and_info() -> None:
    findings = [Finding(code="a", severity="warning", message="m"), Finding(code="b", severity="info", message="m")]
    assert status_for(DocumentInfo(doc_type="order_change"), findings, []) == "complete"
    findings.append(Finding(code="c", severity="error", message="m"))
    assert status_for(DocumentInfo(), findings, []) == "needs_review"


def test_merge_findings_keeps_the_first_per_code_and_field() -> None:
    extractor = [Finding(code="dates.ambiguous", severity="info", field="order_date", message="from the extractor")]
    checks = [
        Issue(code="dates.ambiguous", severity="info", field="order_date", message="from the validator"),
        Issue(code="dates.ambiguous", severity="info", field="delivery_date", message="another field"),
    ]
    merged = merge_findings(extractor, checks)
    assert [(f.field, f.message) for f in merged] == [
        ("order_date", "from the extractor"),
        ("delivery_date", "another field"),
    ]
    assert all(type(f) is Finding for f in merged)


def test_every_validator_is_run() -> None:
    assert len(VALIDATORS) == 7


def test_company_policy_file_overrides_the_default(tmp_path: Path) -> None:
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(
        "min_confidence: 0.8\nlevels: {shipping_marks: required, packaging: off}\namounts: {line_tolerance: '0.5'}\n",
        encoding="utf-8",
    )
    policy = load_policy(policy_file)
    levels = {rule.field: rule.level for rule in policy.fields}
    assert levels["shipping_marks"] == "required" and "packaging" not in levels
    assert policy.min_confidence == 0.8 and policy.amounts.line_tolerance == Decimal("0.5")
    assert policy.amounts.total_tolerance == Decimal("0.05")  # the rest of the section stays default
    order = clean_order()
    order.shipping_marks = order.packaging = None
    findings, _, status = run(order, policy_file=policy_file)
    assert [(f.field, f.severity) for f in findings] == [("shipping_marks", "error")] and status == "needs_review"


def test_toml_policy_under_a_policy_table(tmp_path: Path) -> None:
    policy_file = tmp_path / "orderintake-policy.toml"
    policy_file.write_text('[policy]\nmin_confidence = 0.5\n[policy.levels]\nforwarder = "recommended"\n')
    policy = load_policy(policy_file)
    assert policy.min_confidence == 0.5
    assert {rule.field: rule.level for rule in policy.fields}["forwarder"] == "recommended"


def test_invalid_policy_file_is_rejected(tmp_path: Path) -> None:
    policy_file = tmp_path / "bad.yaml"
    policy_file.write_text("fields: [{field: order_number, level: mandatory}]\n")
    with pytest.raises(ValueError, match="level"):
        load_policy(policy_file)


no_braces = st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=12)  # braces would be the document's
texts = st.one_of(st.none(), no_braces, st.sampled_from(["FOB", "C&F", "DAT", "air", "LC", "OA", "CN"]))
amounts = st.one_of(st.none(), st.decimals(min_value=-(10**6), max_value=10**6, places=2))
days = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts, texts, texts, amounts, amounts, amounts, days, days, texts)
def test_any_order_is_checked_without_crashing(
    rule: str | None,
    place: str | None,
    transport: str | None,
    method: str | None,
    quantity: Decimal | None,
    price: Decimal | None,
    total: Decimal | None,
    ordered: date | None,
    delivery: date | None,
    number: str | None,
) -> None:
    order = Order(
        order_number=number,
        order_date=ordered,
        delivery_date=delivery,
        incoterms=Incoterms(rule=rule, place=place),
        shipping_method=transport,
        payment_terms=PaymentTerms(method=method, deposit_percent=total),
        line_items=[LineItem(quantity=quantity, unit_price=price, amount=total)],
        total_amount=total,
    )
    for language in ("en", "zh"):
        _, missing, status = run(order, language=language)
        assert status in ("complete", "needs_review")
        assert all("{" not in m.question for m in missing)
