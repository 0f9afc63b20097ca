"""Incoterms: unknown and legacy rules, the named place and its side, transport, edition, obligations."""

from __future__ import annotations

import pytest

from models.order import Order
from validators import CheckContext
from validators.incoterms import check_incoterms
from validators.incoterms_rules import read_rule
from validators.places import names_only_country, place_country, same_place


def codes(order: Order, ctx: CheckContext) -> set[tuple[str, str | None]]:
    return {(f.code, f.field) for f in check_incoterms(order, ctx)}


def test_clean_fob_order_has_no_incoterms_finding(order: Order, ctx: CheckContext) -> None:
    assert check_incoterms(order, ctx) == []


def test_no_rule_is_left_to_completeness(order: Order, ctx: CheckContext) -> None:
    order.incoterms.rule = None
    assert check_incoterms(order, ctx) == []


@pytest.mark.parametrize(
    ("printed", "suggestion"),
    [("C&F", "CFR"), ("CNF", "CFR"), ("C+F", "CFR"), ("FOB's", "FOB"), ("FOT", "FCA"), ("FOR", "FCA"), ("XYZ", None)],
)
def test_unknown_rule_is_an_error_with_a_suggestion(
    order: Order, ctx: CheckContext, printed: str, suggestion: str | None
) -> None:
    order.incoterms.rule = printed
    found = [f for f in check_incoterms(order, ctx) if f.code == "incoterms.unknown_rule"]
    assert [(f.field, f.severity) for f in found] == [("incoterms.rule", "error")]
    assert read_rule(printed).suggestion == suggestion
    if suggestion:
        assert suggestion in found[0].message


@pytest.mark.parametrize(
    "printed", ["FOB", "fob", "F.O.B.", "Free on Board", "EXW", "Ex-Works", "Cost, Insurance and Freight"]
)
def test_spelled_out_and_dotted_rules_are_rules(printed: str) -> None:
    assert read_rule(printed).kind == "rule"


@pytest.mark.parametrize(
    ("legacy", "suggestion"), [("DAT", "DPU"), ("DDU", "DAP"), ("DAF", "DAP"), ("DES", "DAP"), ("DEQ", "DPU")]
)
def test_legacy_rule_is_a_warning_suggesting_the_2020_rule(
    order: Order, ctx: CheckContext, legacy: str, suggestion: str
) -> None:
    order.incoterms.rule, order.incoterms.place = legacy, "Hamburg"
    found = [f for f in check_incoterms(order, ctx) if f.code == "incoterms.legacy_rule"]
    assert [(f.field, f.severity) for f in found] == [("incoterms.rule", "warning")]
    assert suggestion in found[0].message


@pytest.mark.parametrize("rule", ["FOB", "CIF", "DAP", "DDU"])
def test_rule_without_place_is_an_error(order: Order, ctx: CheckContext, rule: str) -> None:
    order.incoterms.rule, order.incoterms.place = rule, None
    found = [f for f in check_incoterms(order, ctx) if f.code == "incoterms.place_missing"]
    assert [(f.field, f.severity) for f in found] == [("incoterms.place", "error")]


@pytest.mark.parametrize(("rule", "transport"), [("FOB", "air"), ("FAS", "road"), ("CFR", "rail"), ("CIF", "courier")])
def test_sea_rule_with_other_transport_is_an_error(order: Order, ctx: CheckContext, rule: str, transport: str) -> None:
    order.incoterms.rule, order.incoterms.place, order.shipping_method = rule, "Hamburg", transport
    order.port_of_loading = order.port_of_discharge = None
    found = [f for f in check_incoterms(order, ctx) if f.code == "incoterms.sea_rule_non_sea_transport"]
    assert [(f.field, f.severity) for f in found] == [("incoterms.rule", "error")]
    suggestion = {"FOB": "FCA", "FAS": "FCA", "CFR": "CPT", "CIF": "CIP"}[rule]
    assert suggestion in found[0].message


@pytest.mark.parametrize(("rule", "transport"), [("FOB", "sea"), ("FCA", "air"), ("CPT", "road"), ("CIP", "courier")])
def test_rule_suited_to_transport_is_fine(order: Order, ctx: CheckContext, rule: str, transport: str) -> None:
    order.incoterms.rule, order.shipping_method = rule, transport
    assert "incoterms.sea_rule_non_sea_transport" not in {c for c, _ in codes(order, ctx)}


def test_fob_place_in_the_buyers_country_is_a_mismatch(order: Order, ctx: CheckContext) -> None:
    order.incoterms.place, order.port_of_loading = "Hamburg", None
    assert ("incoterms.place_mismatch", "incoterms.place") in codes(order, ctx)


def test_fob_place_differing_from_port_of_loading_is_a_mismatch(order: Order, ctx: CheckContext) -> None:
    order.incoterms.place = "Shanghai"
    found = [f for f in check_incoterms(order, ctx) if f.code == "incoterms.place_mismatch"]
    assert found and "Ningbo" in found[0].message


@pytest.mark.parametrize("place", ["Ningbo", "Port of Ningbo, China", "NINGBO, CN", "Beilun", "宁波"])
def test_fob_place_naming_the_port_of_loading_is_fine(order: Order, ctx: CheckContext, place: str) -> None:
    order.incoterms.place = place
    assert codes(order, ctx) == set()


def test_cif_place_at_the_port_of_loading_is_a_mismatch(order: Order, ctx: CheckContext) -> None:
    order.incoterms.rule, order.incoterms.place = "CIF", "Ningbo"
    assert ("incoterms.place_mismatch", "incoterms.place") in codes(order, ctx)


def test_cif_place_differing_from_port_of_discharge_is_a_mismatch(order: Order, ctx: CheckContext) -> None:
    order.incoterms.rule, order.incoterms.place = "CIF", "Rotterdam"
    assert ("incoterms.place_mismatch", "incoterms.place") in codes(order, ctx)


def test_cif_place_at_the_port_of_discharge_is_fine(order: Order, ctx: CheckContext) -> None:
    order.incoterms.rule, order.incoterms.place = "CIF", "Hamburg, Germany"
    assert codes(order, ctx) == {("incoterms.cif_insurance", "incoterms.rule")}


def test_d_rule_place_in_the_sellers_country_is_a_mismatch(order: Order, ctx: CheckContext) -> None:
    order.incoterms.rule, order.incoterms.place = "DAP", "Shenzhen"
    order.port_of_loading = order.port_of_discharge = None
    assert ("incoterms.place_mismatch", "incoterms.place") in codes(order, ctx)


def test_d_rule_place_in_a_transit_country_is_fine(order: Order, ctx: CheckContext) -> None:
    order.incoterms.rule, order.incoterms.place = "DAP", "Rotterdam"
    order.port_of_discharge = None
    assert codes(order, ctx) == set()


def test_place_checks_can_be_switched_off(order: Order, ctx: CheckContext) -> None:
    order.incoterms.place = "Hamburg"
    ctx.policy.incoterms.check_place_side = False
    assert codes(order, ctx) == set()


def test_country_as_place_is_unspecific(order: Order, ctx: CheckContext) -> None:
    order.incoterms.place, order.port_of_loading = "China", None
    assert codes(order, ctx) == {("incoterms.place_unspecific", "incoterms.place")}


def test_missing_version_assumes_2020(order: Order, ctx: CheckContext) -> None:
    order.incoterms.version = None
    found = check_incoterms(order, ctx)
    assert [(f.code, f.field, f.severity) for f in found] == [
        ("incoterms.version_missing", "incoterms.version", "info")
    ]
    assert "2020" in found[0].message


@pytest.mark.parametrize(
    ("version", "code"), [("2010", "incoterms.version_outdated"), ("Incoterms 2015", "incoterms.version_unknown")]
)
def test_stated_version_that_is_not_current(order: Order, ctx: CheckContext, version: str, code: str) -> None:
    order.incoterms.version = version
    assert codes(order, ctx) == {(code, "incoterms.version")}


@pytest.mark.parametrize(
    ("rule", "code", "severity"),
    [
        ("EXW", "incoterms.exw_export_clearance", "warning"),
        ("DDP", "incoterms.ddp_duties", "warning"),
        ("CIP", "incoterms.cip_insurance", "info"),
    ],
)
def test_rule_obligations_are_noted(order: Order, ctx: CheckContext, rule: str, code: str, severity: str) -> None:
    order.incoterms.rule = rule
    order.incoterms.place = "Ningbo" if rule == "EXW" else "Stuttgart"
    order.port_of_discharge = None
    found = {f.code: f.severity for f in check_incoterms(order, ctx)}
    assert found == {code: severity}


@pytest.mark.parametrize(
    ("text", "country"),
    [("Hamburg", "DE"), ("Port of Rotterdam", "NL"), ("Qingdao, P.R. China", "CN"), ("Duisburg, DE", "DE"),
     ("Anvers", "BE"), ("上海", "CN"), ("Somewhere", None)],
)  # fmt: skip
def test_place_country(text: str, country: str | None) -> None:
    assert place_country(text) == country


def test_same_place_and_country_only() -> None:
    assert same_place("Shenzhen", "Yantian") and same_place("Port of Hamburg", "HAMBURG, GERMANY")
    assert not same_place("Ningbo", "Shanghai")
    assert names_only_country("any main port in China") and not names_only_country("Shanghai, China")
