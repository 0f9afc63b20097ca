"""Checks of an order as an export order desk makes them: findings, questions for the customer, status.

    findings, missing = check_order(order, document, default_context(today=date(2026, 3, 14)))
    status = status_for(document, findings, missing)

Each validator is a pure function `(order, context) -> list[Issue]` (an `Issue` is a `Finding` that may carry
the question resolving it); `check_order` runs them all, keeps one finding per code and field, and asks one
question per missing or doubtful field in the customer's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from models.company import CompanyProfile
from models.document import DocumentInfo
from models.findings import Finding, MissingItem
from models.order import Order
from validators.arithmetic import check_arithmetic
from validators.completeness import check_completeness, check_confidence
from validators.context import CheckContext, OrderRegistry, PreviousOrder
from validators.dates import check_dates
from validators.duplicates import check_duplicates
from validators.incoterms import check_incoterms
from validators.issues import Issue
from validators.payment_terms import check_payment_terms
from validators.policy import Policy, load_policy
from validators.questions import build_missing, resolve_language
from validators.status import status_for

Validator = Callable[[Order, CheckContext], list[Issue]]
VALIDATORS: tuple[Validator, ...] = (
    check_completeness,
    check_incoterms,
    check_payment_terms,
    check_arithmetic,
    check_dates,
    check_duplicates,
    check_confidence,
)
"""Every check, in the order their questions are asked (what is missing first, doubtful values last)."""

__all__ = [
    "VALIDATORS",
    "CheckContext",
    "OrderRegistry",
    "Policy",
    "PreviousOrder",
    "check_order",
    "default_context",
    "load_policy",
    "merge_findings",
    "status_for",
]


def check_order(order: Order, document: DocumentInfo, ctx: CheckContext) -> tuple[list[Finding], list[MissingItem]]:
    """Run every validator on an order.

    Args:
        order: The extracted order.
        document: The document information (type, language, e-mail sender).
        ctx: Today, the company profile, the policy, the registry, the evidence and the question language.

    Returns:
        The findings (one per code and field) and the questions for the customer (one per field).

    """
    ctx = ctx.model_copy(update={"document": document})
    issues: list[Issue] = []
    for validator in VALIDATORS:
        issues.extend(validator(order, ctx))
    unique = _unique(issues)
    return [found.as_finding() for found in unique], build_missing(unique, ctx.language)


def _unique(findings: Iterable[Issue]) -> list[Issue]:
    seen: set[tuple[str, str | None]] = set()
    kept: list[Issue] = []
    for found in findings:
        key = (found.code, found.field)
        if key not in seen:
            seen.add(key)
            kept.append(found)
    return kept


def merge_findings(first: Iterable[Finding], second: Iterable[Finding]) -> list[Finding]:
    """Both lists of findings in order, keeping the first finding of each (code, field).

    The extractor reports some findings itself (`dates.ambiguous` when it parses a date); the pipeline merges
    them with the validators' so that each is reported once.
    """
    seen: set[tuple[str, str | None]] = set()
    merged: list[Finding] = []
    for found in [*first, *second]:
        key = (found.code, found.field)
        if key not in seen:
            seen.add(key)
            merged.append(found.as_finding() if isinstance(found, Issue) else found)
    return merged


def default_context(today: date | None = None, **kw: Any) -> CheckContext:
    """A check context with the default company profile and policy unless given.

    Args:
        today: The processing date; the real today when None.
        **kw: Any other `CheckContext` field (`company`, `policy`, `registry`, `language`, `evidence`,
            `sha256`); `policy_file` (a path) loads a company policy file instead.

    Returns:
        The context.

    """
    policy_file = kw.pop("policy_file", None)
    if "policy" not in kw:
        kw["policy"] = load_policy(Path(policy_file) if policy_file else None)
    kw.setdefault("company", CompanyProfile())
    kw["language"] = resolve_language(kw.get("language"))
    return CheckContext(today=today or date.today(), **kw)
