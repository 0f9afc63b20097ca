"""Date checks: delivery after the order, not past, not sooner than the lead time; day and month swaps.

Order dates must not lie in the future; a date printed with day and month both 12 or less is ambiguous.

Codes: `dates.delivery_before_order` (error), `dates.delivery_past`, `dates.lead_time_short`,
`dates.order_date_future` (warnings), `dates.ambiguous` (info; the extractor may report it first, and
`merge_findings` keeps one per field).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from models.order import Order
from validators.context import CheckContext
from validators.issues import Issue, ask, issue
from validators.paths import each_line, line_path, value_at

_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
DELIVERY_FIELDS = ("delivery_date", "payment_terms.latest_shipment_date")
"""Date fields (besides the lines' delivery dates) whose ambiguity matters enough to ask the customer."""


def check_dates(order: Order, ctx: CheckContext) -> list[Issue]:
    """All date checks."""
    alternatives = swapped_readings(order, ctx)
    issues = [_ambiguous(order, field, other) for field, other in alternatives.items()]
    issues += order_date_issues(order, ctx, alternatives)
    issues += delivery_issues(order, ctx, alternatives)
    return issues


def _date_fields(order: Order) -> list[str]:
    fields = ["order_date", *DELIVERY_FIELDS, "payment_terms.lc_expiry"]
    return fields + [line_path(index, "delivery_date") for index, _ in each_line(order)]


def swapped_readings(order: Order, ctx: CheckContext) -> dict[str, date]:
    """For each date printed with day and month both 12 or less (03/04/2026), the other reading."""
    found: dict[str, date] = {}
    for field in _date_fields(order):
        value, evidence = value_at(order, field), ctx.evidence.get(field)
        if not isinstance(value, date) or evidence is None or not evidence.text:
            continue
        for match in _NUMERIC_DATE.finditer(evidence.text):
            other = _other_reading(value, int(match.group(1)), int(match.group(3)), match.group(4))
            if other is not None:
                found[field] = other
                break
    return found


def _other_reading(value: date, first: int, second: int, year_text: str) -> date | None:
    """The date read the other way round, if the printed numbers are ambiguous and match the value."""
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    if first == second or first > 12 or second > 12 or year != value.year:
        return None
    if (value.month, value.day) == (first, second):
        return date(year, second, first)
    if (value.month, value.day) == (second, first):
        return date(year, first, second)
    return None


def _ambiguous(order: Order, field: str, other: date) -> Issue:
    value = value_at(order, field)
    message = f"{field}: day and month could be swapped; read as {value}, the other reading is {other}."
    asked = field in DELIVERY_FIELDS or field.endswith(".delivery_date")
    question = ask("issues.dates.ambiguous", date=value, alternative=other) if asked else None
    return issue("dates.ambiguous", "info", field, message, question)


def order_date_issues(order: Order, ctx: CheckContext, alternatives: dict[str, date]) -> list[Issue]:
    """An order date after today (plus the policy's margin) is usually a misread date."""
    ordered = order.order_date
    if ordered is None or ordered <= ctx.today + timedelta(days=ctx.policy.dates.order_date_future_days):
        return []
    hint = f" (read the other way: {alternatives['order_date']})" if "order_date" in alternatives else ""
    message = f"The order date {ordered} is after today ({ctx.today}){hint}."
    question = ask("issues.dates.order_date_future", date=ordered)
    return [issue("dates.order_date_future", "warning", "order_date", message, question)]


def _delivery_dates(order: Order) -> list[tuple[str, date]]:
    """The order's delivery dates, each distinct date once (the header's first, then the lines')."""
    dated = [("delivery_date", order.delivery_date)]
    dated += [(line_path(index, "delivery_date"), line.delivery_date) for index, line in each_line(order)]
    seen: set[date] = set()
    distinct: list[tuple[str, date]] = []
    for field, value in dated:
        if value is not None and value not in seen:
            seen.add(value)
            distinct.append((field, value))
    return distinct


def delivery_issues(order: Order, ctx: CheckContext, alternatives: dict[str, date]) -> list[Issue]:
    """Delivery before the order, already past, or sooner than the company's minimum lead time."""
    issues: list[Issue] = []
    minimum = ctx.company.min_lead_time_days
    for field, wanted in _delivery_dates(order):
        ordered = order.order_date
        if ordered is not None and wanted < ordered:
            issues.append(_before_order(field, wanted, ordered, alternatives))
        elif wanted < ctx.today:
            message = f"The delivery date {wanted} is already past (today is {ctx.today})."
            question = ask("issues.dates.delivery_past", date=wanted)
            issues.append(issue("dates.delivery_past", "warning", field, message, question))
        else:
            start = max(ctx.today, ordered or ctx.today)
            if (wanted - start).days < minimum:
                earliest = start + timedelta(days=minimum)
                message = (
                    f"The delivery date {wanted} is {(wanted - start).days} days away, under the minimum lead "
                    f"time of {minimum} days (earliest {earliest})."
                )
                question = ask("issues.dates.lead_time_short", date=wanted, days=minimum, earliest=earliest)
                issues.append(issue("dates.lead_time_short", "warning", field, message, question))
    return issues


def _before_order(field: str, wanted: date, ordered: date, alternatives: dict[str, date]) -> Issue:
    message = f"The delivery date {wanted} is before the order date {ordered}."
    swapped_wanted, swapped_order = alternatives.get(field, wanted), alternatives.get("order_date", ordered)
    if (swapped_wanted, swapped_order) != (wanted, ordered) and swapped_wanted >= swapped_order:
        message += " Day and month may be swapped: read the other way, the dates would be consistent."
    question = ask("issues.dates.delivery_before_order", date=wanted, order_date=ordered)
    return issue("dates.delivery_before_order", "error", field, message, question)
