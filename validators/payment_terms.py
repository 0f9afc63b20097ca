"""Payment terms checks: the split adds up, an L/C is complete and workable, and credit risk is visible.

Codes: `payment.percent_sum` (error), `payment.lc_incomplete`, `payment.lc_dates_inconsistent`,
`payment.lc_with_exw`, `payment.risky`, `payment.credit_days_exceeded`, `payment.credit_limit_exceeded`
(warnings).
"""

from __future__ import annotations

from decimal import Decimal

from models.order import Order, PaymentTerms
from validators.context import CheckContext
from validators.incoterms_rules import effective_rule
from validators.issues import Issue, ask, issue
from validators.paths import is_blank

HUNDRED = Decimal(100)
BANK_SECURED = frozenset({"LC", "CIA"})
"""Methods where the days are not credit the seller gives (a usance L/C is the bank's undertaking)."""
INSTALMENTS, DEPOSIT = "payment_terms.instalments", "payment_terms.deposit_percent"
RISK_REASONS = {
    "DA": "documents against acceptance: the buyer gets the documents before paying",
    "OA": "open account: the goods are shipped before payment",
}


def check_payment_terms(order: Order, ctx: CheckContext) -> list[Issue]:
    """All payment terms checks."""
    terms = order.payment_terms
    issues = percent_issues(terms, ctx)
    if _method(terms) == "LC":
        issues += letter_of_credit_issues(order, ctx)
    issues += risk_issues(terms, ctx)
    issues += credit_issues(order, ctx)
    return issues


def _method(terms: PaymentTerms) -> str:
    return (terms.method or "").strip().upper()


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f} %"


def percent_issues(terms: PaymentTerms, ctx: CheckContext) -> list[Issue]:
    """The deposit is a percentage, and the instalments add up to 100 %."""
    tolerance = ctx.policy.payment.percent_tolerance
    deposit = terms.deposit_percent
    if deposit is not None and not Decimal(0) <= deposit <= HUNDRED:
        message = f"The deposit of {_pct(deposit)} is not a percentage between 0 and 100."
        question = ask("issues.payment.percent_sum", "deposit", percent=deposit)
        return [issue("payment.percent_sum", "error", DEPOSIT, message, question)]
    percents = [part.percent for part in terms.instalments]
    stated = [p for p in percents if p is not None]
    if not stated:
        return []
    total, open_parts = sum(stated, Decimal(0)), len(percents) - len(stated)
    parts = " + ".join(_pct(p) for p in stated)
    if any(p < 0 for p in stated) or total > HUNDRED + tolerance:
        problem = f"add up to {_pct(total)} ({parts}), more than 100 %"
    elif open_parts == 0 and abs(total - HUNDRED) > tolerance:
        problem = f"add up to {_pct(total)} ({parts}), not 100 %"
    elif open_parts > 1 and total < HUNDRED - tolerance:
        problem = f"leave {_pct(HUNDRED - total)} to {open_parts} parts without a percentage"
    else:
        return []
    question = ask("issues.payment.percent_sum", percent=total)
    return [issue("payment.percent_sum", "error", INSTALMENTS, f"The payment instalments {problem}.", question)]


def letter_of_credit_issues(order: Order, ctx: CheckContext) -> list[Issue]:
    """An L/C names the issuing bank, expiry and latest shipment date, has consistent dates, and suits the rule."""
    terms, issues = order.payment_terms, []
    for detail in ctx.policy.payment.lc_details:
        field = f"payment_terms.{detail}"
        if is_blank(getattr(terms, detail, None)):
            message = f"The letter of credit is missing its {detail.replace('_', ' ')}."
            question = ask(f"missing.{field}", label=field)
            issues.append(issue("payment.lc_incomplete", "warning", field, message, question))
    expiry, latest = terms.lc_expiry, terms.latest_shipment_date
    if expiry is not None and latest is not None and expiry < latest:
        message = f"The L/C expires on {expiry.isoformat()}, before the latest shipment date {latest.isoformat()}."
        question = ask("issues.payment.lc_dates_inconsistent", expiry=expiry, latest=latest)
        issues.append(issue("payment.lc_dates_inconsistent", "warning", "payment_terms.lc_expiry", message, question))
    if effective_rule(order.incoterms.rule) == "EXW":
        message = (
            "An L/C with EXW rarely works: the seller gets no transport document (B/L) to present to the bank; "
            "FCA is the usual remedy."
        )
        question = ask("issues.payment.lc_with_exw")
        issues.append(issue("payment.lc_with_exw", "warning", "payment_terms.method", message, question))
    return issues


def risk_issues(terms: PaymentTerms, ctx: CheckContext) -> list[Issue]:
    """Credit risk for the seller: DA, open account, revocable L/C, payment after the goods arrive."""
    settings, method, issues = ctx.policy.payment, _method(terms), []
    if method in {m.upper() for m in settings.risky_methods}:
        reason = RISK_REASONS.get(method, f"{method} payment is on the policy's list of risky methods")
        issues.append(issue("payment.risky", "warning", "payment_terms.method", f"Credit risk: {reason}."))
    lc_type = (terms.lc_type or "").lower()
    if method == "LC" and "revocable" in lc_type and "irrevocable" not in lc_type:
        message = "A revocable L/C can be cancelled by the bank at any time and gives no payment security."
        issues.append(issue("payment.risky", "warning", "payment_terms.lc_type", message))
    triggers = [("payment_terms.trigger", terms.trigger)]
    triggers += [(f"payment_terms.instalments[{i}].trigger", part.trigger) for i, part in enumerate(terms.instalments)]
    for field, trigger in triggers:
        if trigger and _is_risky_trigger(trigger, settings.risky_triggers):
            message = f"Credit risk: payment '{trigger}' falls due after the goods have left the seller's control."
            issues.append(issue("payment.risky", "warning", field, message))
    return issues


def _is_risky_trigger(trigger: str, risky: list[str]) -> bool:
    code = trigger.strip().lower().replace(" ", "_").replace("-", "_")
    return any(entry.lower() in code for entry in risky)


def credit_issues(order: Order, ctx: CheckContext) -> list[Issue]:
    """Credit days over the company's maximum, and credit over the company's limit (not for L/C or prepayment)."""
    terms, company, issues = order.payment_terms, ctx.company, []
    if _method(terms) in BANK_SECURED:
        return []
    days = [d for d in (terms.days, *(part.days for part in terms.instalments)) if d is not None]
    longest = max(days, default=None)
    if longest is not None and longest > company.max_credit_days:
        maximum = company.max_credit_days
        message = f"{longest.normalize():f} days of credit exceed the company maximum of {maximum} days."
        issues.append(issue("payment.credit_days_exceeded", "warning", "payment_terms.days", message))
    on_credit = bool(days) or _method(terms) in {"OA", "DA"}
    limit, total = company.credit_limit, order.total_amount
    if on_credit and limit is not None and total is not None and total > limit:
        message = f"The order total {total:f} on credit terms exceeds the credit limit of {limit:f}."
        issues.append(issue("payment.credit_limit_exceeded", "warning", "total_amount", message))
    return issues
