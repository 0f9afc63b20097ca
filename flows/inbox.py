"""The `process-inbox` flow: one pass over a service root's inbox (the served deployment runs it on a schedule).

Without review, each file is a task run of this flow run (the same task `process-document` runs), so a file
costs no flow-run or process start-up. With review on and inside a served deployment, each file is handed to
the `process-document` deployment instead, so a review pause holds up only its own run, not the inbox.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import deployment

from flows.tasks import RetryableProcessingError, process_document_task
from models.result import ExtractionResult
from pipeline.inbox import Inbox, InboxBusyError, Processor, exclusive_root, run_once
from pipeline.settings import Settings, load_settings
from pipeline.store import open_store, resolve_database_url


def task_processor(settings: Settings) -> Processor:
    """A processor that runs the processing task in the current flow run (no review pause)."""

    def process(path: Path, outbox: Path) -> ExtractionResult:
        try:
            summary = process_document_task(str(path), str(outbox), settings, refresh=True)
        except RetryableProcessingError as exc:  # retries used up: the failed outputs are written
            summary = exc.summary
        return summary.load_result()

    return process


@flow(name="process-inbox", log_prints=False, persist_result=False)
def process_inbox(root: str, settle_s: float = 2.0) -> dict[str, int]:
    """Take every completely written file from ROOT/inbox, process it, and file it away.

    Args:
        root: The service root (inbox/, processing/, outbox/, archive/, ignored/, failed/).
        settle_s: Seconds a file's size and mtime must stay unchanged before it is taken.

    Returns:
        How many inputs ended with each status (`duplicate` for repeated bytes).

    """
    logger = get_run_logger()
    settings = load_settings()
    root_path = Path(root).resolve()
    store = open_store(resolve_database_url(settings.database_url, root_path))
    if settings.review_enabled and deployment.get_id():
        from flows.serve import deployment_processor

        processor = deployment_processor()
    else:
        processor = task_processor(settings)
    inbox = Inbox(root_path, processor, store=store)
    try:
        with exclusive_root(inbox.layout):
            outcomes = run_once(inbox, settle_s=settle_s)
            if settings.retention_days:
                logger.info("retention: %d old file(s) deleted", inbox.sweep_retention(settings.retention_days))
    except InboxBusyError:
        logger.info("another watcher is processing this inbox; nothing to do")
        return {}
    counts = Counter("duplicate" if o.duplicate else o.status for o in outcomes)
    logger.info("inbox pass: %d file(s) %s", len(outcomes), dict(counts))
    return dict(counts)
