"""The `process-document` flow: one file in, outputs in the outbox, a review pause when one is needed."""

from __future__ import annotations

from prefect import flow

from flows.review import review_order
from flows.tasks import DocumentSummary, RetryableProcessingError, process_document_task
from pipeline.settings import load_settings


@flow(name="process-document", log_prints=False, persist_result=False)
def process_document(
    path: str, out_dir: str = "outbox", review: bool | None = None, refresh: bool = False
) -> DocumentSummary:
    """Process one order file into `out_dir/<name>/` and, when it needs review, wait for a reviewer.

    Args:
        path: The input file (PDF, scan, image, DOCX, XLSX, e-mail, text).
        out_dir: The outbox; the served deployment sets it to ROOT/outbox.
        review: Pause for review of a needs_review order; None follows the `review_enabled` setting.
        refresh: Process again even if these bytes were processed into this outbox before.

    Returns:
        The document's summary: sha256, status, error code and output folder.

    """
    settings = load_settings()
    try:
        summary = process_document_task(path, out_dir, settings, refresh)
    except RetryableProcessingError as exc:  # retries are used up: the failed outputs are written
        summary = exc.summary
    wants_review = settings.review_enabled if review is None else review
    if summary.status == "needs_review" and wants_review:
        summary = review_order(summary, settings)
    return summary
