"""Incoterms checks: a current rule, a named place on the right side, suited to the transport, an edition.

Codes: `incoterms.unknown_rule`, `incoterms.legacy_rule`, `incoterms.place_missing`,
`incoterms.place_unspecific`, `incoterms.place_mismatch`, `incoterms.sea_rule_non_sea_transport`,
`incoterms.version_missing`, `incoterms.version_outdated`, `incoterms.version_unknown`,
`incoterms.exw_export_clearance`, `incoterms.ddp_duties`, `incoterms.cip_insurance`, `incoterms.cif_insurance`.
"""

from __future__ import annotations

import re

from models.order import Order
from validators.context import CheckContext
from validators.incoterms_rules import RuleReading, incoterms_data, read_rule
from validators.issues import Issue, ask, issue
from validators.paths import is_blank
from validators.places import is_one_of, names_only_country, place_country

NON_SEA_TRANSPORT = frozenset({"air", "courier", "road", "rail"})
RULE, PLACE, VERSION = "incoterms.rule", "incoterms.place", "incoterms.version"
_YEAR = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")


def check_incoterms(order: Order, ctx: CheckContext) -> list[Issue]:
    """All Incoterms checks of an order that states a rule (a missing rule is a completeness finding)."""
    terms = order.incoterms
    if is_blank(terms.rule):
        return []
    reading = read_rule(str(terms.rule))
    issues = rule_issues(reading)
    issues += place_issues(order, reading, ctx)
    issues += transport_issues(order, reading)
    issues += version_issues(order, ctx)
    issues += obligation_notes(reading, ctx)
    return issues


def rule_issues(reading: RuleReading) -> list[Issue]:
    """A rule that does not exist, or one withdrawn from the current edition."""
    if reading.kind == "rule":
        return []
    printed = reading.printed
    if reading.kind == "legacy":
        legacy = incoterms_data().legacy[str(reading.code)]
        replacements = " or ".join(legacy.replaced_by)
        message = (
            f"{printed} is not an Incoterms 2020 rule (withdrawn in {legacy.withdrawn}); "
            f"suggest {replacements} instead."
        )
        question = ask("issues.incoterms.legacy_rule", rule=printed, suggestion=replacements, year=legacy.withdrawn)
        return [issue("incoterms.legacy_rule", "warning", RULE, message, question)]
    hint = f"; probably {reading.suggestion} was meant" if reading.suggestion else ""
    variant = "suggestion" if reading.suggestion else None
    question = ask("issues.incoterms.unknown_rule", variant, rule=printed, suggestion=reading.suggestion)
    message = f"'{printed}' is not an Incoterms rule{hint}."
    return [issue("incoterms.unknown_rule", "error", RULE, message, question)]


def place_issues(order: Order, reading: RuleReading, ctx: CheckContext) -> list[Issue]:
    """The named place: present, specific, and on the side of the transaction that the rule says."""
    place, info = order.incoterms.place, reading.info
    label = reading.code or reading.printed
    if is_blank(place):
        variant = info.place if info else None
        question = ask("missing.incoterms.place", variant, rule=reading.effective or label)
        return [issue("incoterms.place_missing", "error", PLACE, f"{label} is stated without a named place.", question)]
    if info is None or not ctx.policy.incoterms.check_place_side:
        return []
    place = str(place)
    issues: list[Issue] = []
    if names_only_country(place):
        question = ask("issues.incoterms.place_unspecific", info.place, rule=reading.effective, place=place)
        message = f"The named place '{place}' of {label} is only a country; the rule needs a specific place or port."
        issues.append(issue("incoterms.place_unspecific", "warning", PLACE, message, question))
    reason = _origin_mismatch(order, place, ctx) if info.side == "origin" else _destination_mismatch(order, place, ctx)
    if reason:
        question = ask("issues.incoterms.place_mismatch", info.place, rule=reading.effective, place=place)
        message = f"The named place '{place}' of {label} {reason}."
        issues.append(issue("incoterms.place_mismatch", "warning", PLACE, message, question))
    return issues


def _seller_countries(order: Order, ctx: CheckContext) -> set[str]:
    return {code.upper() for code in (order.seller.country, ctx.company.country) if code}


def _destination_country(order: Order) -> str | None:
    for country in (order.ship_to.country, order.buyer.country):
        if country:
            return country.upper()
    return place_country(order.port_of_discharge) if order.port_of_discharge else None


def _origin_mismatch(order: Order, place: str, ctx: CheckContext) -> str | None:
    """Why an origin-side place (EXW, FCA, FAS, FOB) looks wrong, or None."""
    loading, discharge = order.port_of_loading, order.port_of_discharge
    rule = read_rule(str(order.incoterms.rule)).effective
    if discharge and is_one_of(place, [discharge]) and not (loading and is_one_of(place, [loading])):
        return f"is the port of discharge, but {rule} names the place of shipment on the seller's side"
    if rule in ("FAS", "FOB") and loading and not is_one_of(place, [loading]):
        return f"differs from the port of loading '{loading}'"
    if is_one_of(place, [*ctx.company.ports_of_loading, loading or ""]):
        return None
    country, sellers = place_country(place), _seller_countries(order, ctx)
    if country and sellers and country not in sellers:
        return f"is in {country}, not in the seller's country ({', '.join(sorted(sellers))})"
    return None


def _destination_mismatch(order: Order, place: str, ctx: CheckContext) -> str | None:
    """Why a destination-side place (C- and D-rules) looks wrong, or None."""
    loading, discharge = order.port_of_loading, order.port_of_discharge
    rule = read_rule(str(order.incoterms.rule)).effective
    at_discharge = bool(discharge) and is_one_of(place, [discharge or ""])
    if not at_discharge and is_one_of(place, [loading or "", *ctx.company.ports_of_loading]):
        return f"is a port of loading, but {rule} names the destination on the buyer's side"
    if rule in ("CFR", "CIF") and discharge and not at_discharge:
        return f"differs from the port of discharge '{discharge}'"
    country, sellers, destination = place_country(place), _seller_countries(order, ctx), _destination_country(order)
    if country and country in sellers and destination and destination not in sellers:
        return f"is in the seller's country ({country}), but the goods go to {destination}"
    return None


def transport_issues(order: Order, reading: RuleReading) -> list[Issue]:
    """A sea-only rule (FAS, FOB, CFR, CIF) with air, courier, road or rail transport."""
    info, transport = reading.info, (order.shipping_method or "").strip().lower()
    if info is None or info.transport != "sea" or transport not in NON_SEA_TRANSPORT:
        return []
    rule, alternative = reading.effective, info.non_sea_alternative
    message = f"{rule} is for sea and inland waterway transport only, but the goods go by {transport}"
    message += f"; use {alternative} instead." if alternative else "."
    question = ask(
        "issues.incoterms.sea_rule_non_sea_transport",
        words=("transport",),
        rule=rule,
        suggestion=alternative,
        transport=transport,
    )
    return [issue("incoterms.sea_rule_non_sea_transport", "error", RULE, message, question)]


def version_issues(order: Order, ctx: CheckContext) -> list[Issue]:
    """The Incoterms edition: not stated (assume the current one), outdated, or not an edition at all."""
    versions, printed = incoterms_data().versions, order.incoterms.version
    if is_blank(printed):
        assumed = ctx.policy.incoterms.assume_version
        message = f"No Incoterms edition is stated; Incoterms {assumed} is assumed."
        return [issue("incoterms.version_missing", "info", VERSION, message)]
    match = _YEAR.search(str(printed))
    year = match.group(1) if match else None
    if year not in versions.known:
        message = f"'{printed}' is not an edition of the Incoterms rules (current: {versions.current})."
        question = ask("issues.incoterms.version_unknown", version=str(printed), current=versions.current)
        return [issue("incoterms.version_unknown", "warning", VERSION, message, question)]
    if year != versions.current:
        message = f"Incoterms {year} is stated; the current edition is {versions.current}. The stated edition applies."
        return [issue("incoterms.version_outdated", "info", VERSION, message)]
    return []


def obligation_notes(reading: RuleReading, ctx: CheckContext) -> list[Issue]:
    """What the rule obliges the parties to do that the order desk should not overlook."""
    rule, settings = reading.effective, ctx.policy.incoterms
    if rule == "EXW" and settings.warn_exw:
        message = (
            "EXW: the buyer must clear the goods for export, which foreign buyers often cannot do; "
            "FCA is usually the better rule."
        )
        return [issue("incoterms.exw_export_clearance", "warning", RULE, message)]
    if rule == "DDP" and settings.warn_ddp:
        message = "DDP: the seller pays import duties and VAT in the buyer's country and must be able to clear imports."
        return [issue("incoterms.ddp_duties", "warning", RULE, message)]
    info = reading.info
    if info is not None and info.insurance is not None and rule in ("CIP", "CIF"):
        message = f"{rule}: the seller insures the main carriage, at least {info.insurance.cover}, 110 % of the value."
        return [issue(f"incoterms.{rule.lower()}_insurance", "info", RULE, message)]
    return []
