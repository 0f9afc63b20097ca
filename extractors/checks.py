"""Bridge from extraction to the validators: findings, questions and the status."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from models.options import ExtractOptions
from models.result import ExtractionResult

if TYPE_CHECKING:
    from validators.context import OrderRegistry
    from validators.policy import Policy

NOT_ORDERS = frozenset({"invoice", "quotation", "other"})


@lru_cache(maxsize=8)
def _policy(path: Path | None) -> Policy:
    from validators import load_policy

    return load_policy(path)


def run_checks(
    result: ExtractionResult, options: ExtractOptions, today: date | None, registry: OrderRegistry | None
) -> None:
    """Validate the order in place: add findings and missing items, set the status."""
    import validators

    if result.document.doc_type in NOT_ORDERS:
        result.status = "not_an_order"
        return
    ctx = validators.default_context(
        today=today or options.today or date.today(),
        company=options.company,
        policy=_policy(options.policy_file),
        registry=registry,
        language=result.document.language or "en",
        evidence=result.evidence,
        sha256=result.document.sha256,
    )
    findings, missing = validators.check_order(result.order, result.document, ctx)
    result.findings = validators.merge_findings(result.findings, findings)
    result.missing = missing
    result.status = validators.status_for(result.document, result.findings, result.missing)
