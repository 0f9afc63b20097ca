"""Bridge from extraction to the validators: findings, questions and the status."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from models.options import ExtractOptions
from models.result import ExtractionResult

if TYPE_CHECKING:
    from validators.context import OrderRegistry


def run_checks(
    result: ExtractionResult, options: ExtractOptions, today: date | None, registry: OrderRegistry | None
) -> None:
    """Validate the order in place: add findings and missing items, set the status."""
    import validators

    ctx = validators.default_context(today=today or options.today or date.today())
    ctx.registry = registry
    ctx.language = result.document.language or "en"
    ctx.evidence = result.evidence
    ctx.sha256 = result.document.sha256
    if result.document.doc_type in ("invoice", "quotation", "other"):
        result.status = "not_an_order"
        return
    findings, missing = validators.check_order(result.order, result.document, ctx)
    result.findings = validators.merge_findings(result.findings, findings)
    result.missing = missing
    result.status = validators.status_for(result.document, result.findings, result.missing)
