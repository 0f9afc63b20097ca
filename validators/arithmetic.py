"""Arithmetic: quantity x unit price = line amount, and the lines add up to the subtotal and total.

All money math is Decimal. A line may differ by the policy's line tolerance (one cent); sums may differ by
the largest of an absolute tolerance, a tolerance per line (lines rounded one by one) and a relative one.
Stated tax, freight and discount amounts (the policy's `additions` and `deductions`) may explain the
difference between the lines and the total; so may one of the policy's tax rates when no tax is stated.

Codes: `amounts.line_mismatch`, `amounts.total_mismatch` (errors), `amounts.price_basis`,
`amounts.tax_included` (info).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

from models.order import LineItem, Order
from validators.context import CheckContext
from validators.issues import Issue, ask, issue
from validators.paths import each_line, line_number, line_path, value_at
from validators.policy import AmountPolicy

HUNDRED = Decimal(100)


def check_arithmetic(order: Order, ctx: CheckContext) -> list[Issue]:
    """Line amounts, then the subtotal and total against the lines."""
    return line_issues(order, ctx.policy.amounts) + total_issues(order, ctx.policy.amounts)


def num(value: Decimal) -> str:
    """A decimal as plain text without exponent (`6250.00`), as in the messages."""
    return format(value, "f")


def line_issues(order: Order, policy: AmountPolicy) -> list[Issue]:
    """One finding per line whose amount is not quantity x unit price."""
    issues: list[Issue] = []
    for index, line in each_line(order):
        if line.quantity is None or line.unit_price is None or line.amount is None:
            continue
        if abs(line.quantity * line.unit_price - line.amount) <= policy.line_tolerance:
            continue
        number, field = line_number(line, index), line_path(index, "amount")
        basis = _price_basis(line, policy)
        if basis is not None:
            message = f"Line {number}: the amount {num(line.amount)} fits a unit price per {basis} units."
            issues.append(issue("amounts.price_basis", "info", field, message))
        else:
            issues.append(_line_mismatch(line, number, field, order.currency))
    return issues


def _line_mismatch(line: LineItem, number: int, field: str, currency: str | None) -> Issue:
    """The error for a line whose amount is not quantity x unit price, with both numbers."""
    assert line.quantity is not None and line.unit_price is not None and line.amount is not None
    expected = line.quantity * line.unit_price
    message = (
        f"Line {number}: {num(line.quantity)} x {num(line.unit_price)} = {num(expected)}, "
        f"but the line amount is {num(line.amount)}."
    )
    question = ask(
        "issues.amounts.line_mismatch",
        money=("unit_price", "expected", "amount"),
        line=number,
        quantity=line.quantity,
        unit_price=line.unit_price,
        expected=expected,
        amount=line.amount,
        currency=currency,
    )
    return issue("amounts.line_mismatch", "error", field, message, question)


def _price_basis(line: LineItem, policy: AmountPolicy) -> int | None:
    """The price basis (per 100, per 1000) under which the line adds up, if any."""
    assert line.quantity is not None and line.unit_price is not None and line.amount is not None
    for basis in policy.price_bases:
        if abs(line.quantity * line.unit_price / basis - line.amount) <= policy.line_tolerance:
            return basis
    return None


def _product(line: LineItem) -> Decimal | None:
    if line.quantity is None or line.unit_price is None:
        return None
    return line.quantity * line.unit_price


def lines_sum(order: Order, *, recompute: bool = False) -> Decimal | None:
    """The sum of the lines; None if a line has neither an amount nor quantity and unit price.

    Args:
        order: The order.
        recompute: Use quantity x unit price wherever both are known (else the stated amount first).

    Returns:
        The sum, or None.

    """
    if not order.line_items:
        return None
    total = Decimal(0)
    for line in order.line_items:
        product = _product(line)
        value = product if recompute and product is not None else line.amount
        value = value if value is not None else product
        if value is None:
            return None
        total += value
    return total


def sum_tolerance(stated: Decimal, lines: int, policy: AmountPolicy) -> Decimal:
    """How far a stated sum may be from the computed one."""
    per_line = policy.total_tolerance_per_line * lines
    return max(policy.total_tolerance, per_line, policy.total_relative_tolerance * abs(stated))


def _adjustments(order: Order, paths: list[str], sign: int) -> list[Decimal]:
    values = [value_at(order, path) for path in paths]
    return [sign * value for value in values if isinstance(value, Decimal)]


def _candidates(base: Decimal, adjustments: list[Decimal]) -> Iterator[Decimal]:
    """The base plus every subset of the stated adjustments (tax, freight, discount may or may not be in)."""
    for size in range(len(adjustments) + 1):
        for subset in combinations(adjustments, size):
            yield base + sum(subset, Decimal(0))


def total_issues(order: Order, policy: AmountPolicy) -> list[Issue]:
    """The subtotal and the total against the sum of the lines.

    A sum matches if it equals the lines as stated or as recomputed from quantity x unit price, so a wrong
    line amount is reported once, on its line.
    """
    computed = lines_sum(order)
    if computed is None:
        return []
    sums = list(dict.fromkeys([computed, lines_sum(order, recompute=True) or computed]))
    count, issues = len(order.line_items), []
    non_tax = [p for p in policy.additions if p != "tax_amount"]
    subtotal_adjustments = _adjustments(order, non_tax, 1) + _adjustments(order, policy.deductions, -1)
    subtotal = order.subtotal
    if subtotal is not None and not any(
        _matches(subtotal, _candidates(base, subtotal_adjustments), count, policy) for base in sums
    ):
        issues.append(_mismatch("subtotal", computed, subtotal, order))
    total = order.total_amount
    if total is None:
        return issues
    adjustments = _adjustments(order, policy.additions, 1) + _adjustments(order, policy.deductions, -1)
    bases = sums + ([subtotal] if subtotal is not None else [])
    if any(_matches(total, _candidates(base, adjustments), count, policy) for base in bases):
        return issues
    rate = _implied_tax_rate(order, total, bases, count, policy)
    if rate is not None:
        message = f"The total {num(total)} equals the lines plus {num(rate)} % tax, which the order does not state."
        return [*issues, issue("amounts.tax_included", "info", "total_amount", message)]
    return [*issues, _mismatch("total_amount", computed, total, order)]


def _matches(stated: Decimal, candidates: Iterator[Decimal], lines: int, policy: AmountPolicy) -> bool:
    tolerance = sum_tolerance(stated, lines, policy)
    return any(abs(stated - candidate) <= tolerance for candidate in candidates)


def _implied_tax_rate(
    order: Order, total: Decimal, bases: list[Decimal], lines: int, policy: AmountPolicy
) -> Decimal | None:
    """A policy tax rate that explains the total when the order states no tax amount."""
    if order.tax_amount is not None:
        return None
    for rate in policy.tax_rates:
        taxed = (base * (HUNDRED + rate) / HUNDRED for base in bases)
        if _matches(total, taxed, lines, policy):
            return rate
    return None


def _mismatch(field: str, computed: Decimal, stated: Decimal, order: Order) -> Issue:
    name = "subtotal" if field == "subtotal" else "total"
    message = f"The lines add up to {num(computed)}, but the stated {name} is {num(stated)}."
    if field == "total_amount" and order.tax_amount is not None:
        message = message[:-1] + f" (stated tax {num(order.tax_amount)})."
    question = ask(
        f"issues.amounts.{'subtotal' if name == 'subtotal' else 'total'}_mismatch",
        money=("expected", "stated"),
        expected=computed,
        stated=stated,
        currency=order.currency,
    )
    return issue("amounts.total_mismatch", "error", field, message, question)
