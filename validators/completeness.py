"""Completeness against the policy, and doubtful values (read with low confidence).

Codes: `completeness.missing` (error for a required field, warning for a recommended one) and
`extraction.low_confidence` (warning). Each yields a question for the customer.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from models.findings import Severity
from models.order import Order
from validators.context import CheckContext
from validators.incoterms_rules import effective_rule, place_meaning
from validators.issues import Issue, QuestionValue, ask, issue
from validators.paths import EACH_LINE, LINES, each_line, generic_path, is_blank, line_index, line_number, value_at
from validators.policy import FieldRule

SEVERITY: dict[str, Severity] = {"required": "error", "recommended": "warning"}
RULE_VALUED = frozenset({"incoterms.place", "forwarder", "port_of_discharge"})
"""Fields whose question names the Incoterms rule ("the port of destination for CIF")."""


def check_completeness(order: Order, ctx: CheckContext) -> list[Issue]:
    """One `completeness.missing` finding per policy field the order lacks (per line for line fields)."""
    issues: list[Issue] = []
    for rule in ctx.policy.fields:
        if not _applies(rule, order, ctx):
            continue
        if EACH_LINE in rule.field:
            for index, _ in each_line(order):
                if not _satisfied(rule, order, ctx, index):
                    issues.append(_missing(rule, rule.field.replace(EACH_LINE, f"{LINES}[{index}]"), order))
        elif not _satisfied(rule, order, ctx, None):
            issues.append(_missing(rule, rule.field, order))
    return issues


def _applies(rule: FieldRule, order: Order, ctx: CheckContext) -> bool:
    """Whether every condition of the rule holds (values compared without case; rules by their 2020 code)."""
    for path, accepted in rule.when.items():
        value = value_at(order, path, ctx.document)
        if is_blank(value):
            return False
        text = str(value).strip().upper()
        if path == "incoterms.rule":
            text = effective_rule(text) or text
        if text not in {str(option).strip().upper() for option in accepted}:
            return False
    return True


def _satisfied(rule: FieldRule, order: Order, ctx: CheckContext, index: int | None) -> bool:
    """Whether one of the rule's paths has a value (for `line_items[]`: this line, or else every line)."""
    for path in rule.paths:
        if EACH_LINE not in path:
            if not is_blank(value_at(order, path, ctx.document)):
                return True
            continue
        if index is not None:
            if not is_blank(value_at(order, path.replace(EACH_LINE, f"{LINES}[{index}]"))):
                return True
            continue
        lines = [path.replace(EACH_LINE, f"{LINES}[{i}]") for i, _ in each_line(order)]
        if lines and all(not is_blank(value_at(order, line)) for line in lines):
            return True
    return False


def _missing(rule: FieldRule, field: str, order: Order) -> Issue:
    """The finding and question for one missing field."""
    generic = generic_path(field)
    rule_code = effective_rule(order.incoterms.rule) if generic in RULE_VALUED else None
    variant: str | None = place_meaning(order.incoterms.rule) if generic == "incoterms.place" else None
    if generic == "incoterms.place" and is_blank(order.incoterms.rule):
        variant = "no_rule"
    index = line_index(field)
    line = line_number(order.line_items[index], index) if index is not None else None
    question = ask(f"missing.{generic}", variant, label=field, rule=rule_code, line=line)
    alternatives = f" (none of {', '.join(rule.any_of)})" if len(rule.any_of) > 1 else ""
    message = f"{field} is missing{alternatives}; the policy marks it {rule.level}."
    return issue("completeness.missing", SEVERITY[rule.level], field, message, question)


def check_confidence(order: Order, ctx: CheckContext) -> list[Issue]:
    """One `extraction.low_confidence` finding per value read with a confidence under the policy minimum."""
    issues: list[Issue] = []
    threshold = ctx.policy.min_confidence
    for path, evidence in ctx.evidence.items():
        value = value_at(order, path)
        if evidence.confidence >= threshold or is_blank(value):
            continue
        group, shown = _doubtful_group(order, path, value)
        message = f"{path} was read with confidence {evidence.confidence:.2f} (below {threshold:.2f}): '{shown}'."
        question = None
        if shown is not None:
            words = ("value",) if isinstance(value, bool) and group == path else ()
            question = ask("doubtful", label=group, field=group, words=words, value=shown, line=_line_of(order, group))
        issues.append(issue("extraction.low_confidence", "warning", path, message, question))
    return issues


def _doubtful_group(order: Order, path: str, value: object) -> tuple[str, QuestionValue | None]:
    """The field a doubtful value is confirmed as (terms and lines as a whole) and the value to show."""
    index = line_index(path)
    if path.startswith(LINES) and index is not None:
        return f"{LINES}[{index}]", _line_summary(order, index)
    for group, text in (("incoterms", order.incoterms.text), ("payment_terms", order.payment_terms.text)):
        if path.startswith(f"{group}."):
            return group, text or (str(value) if isinstance(value, str) else None)
    if isinstance(value, bool):
        return path, "yes" if value else "no"
    if isinstance(value, str | int | Decimal | date):
        return path, value
    return path, None


def _line_summary(order: Order, index: int) -> str:
    """A line as the customer wrote it, compactly: `LED-PNL-6060 LED panel, 500 PCE x 12.50`."""
    line = order.line_items[index]
    what = " ".join(str(part) for part in (line.sku, line.description) if part)
    amount = " ".join(str(part) for part in (line.quantity, line.unit_text or line.unit) if part is not None)
    if line.unit_price is not None:
        amount = f"{amount} x {line.unit_price}" if amount else str(line.unit_price)
    return ", ".join(part for part in (what, amount) if part)


def _line_of(order: Order, field: str) -> int | None:
    index = line_index(field)
    return line_number(order.line_items[index], index) if index is not None else None
