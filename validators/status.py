"""The result status from the document type and the findings (RESULT_CONTRACT.md)."""

from __future__ import annotations

from collections.abc import Iterable

from models.document import DocumentInfo
from models.findings import Finding, MissingItem
from models.result import Status

NOT_ORDERS = frozenset({"invoice", "quotation", "other"})


def status_for(document: DocumentInfo, findings: Iterable[Finding], missing: Iterable[MissingItem]) -> Status:
    """The status: `not_an_order`, `needs_review` (an error finding) or `complete`.

    `not_an_order` for invoices, quotations and other documents; `needs_review` when a finding is an error (a
    missing required field is one); `complete` otherwise. `failed` is set by the caller when the input could
    not be processed.

    Args:
        document: The document information (its `doc_type`).
        findings: Every finding of the result (the extractor's and the validators').
        missing: The open questions; recommended items and doubtful values do not block `complete`, and a
            missing required field always comes with an error finding, so only the findings decide.

    Returns:
        The status.

    """
    del missing  # see Args: the error findings already carry every required gap
    if document.doc_type in NOT_ORDERS:
        return "not_an_order"
    if any(finding.severity == "error" for finding in findings):
        return "needs_review"
    return "complete"
