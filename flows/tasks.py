"""Prefect tasks: thin wrappers over the pipeline stages, retried only when a retry can help.

Work is keyed by the sha256 of the input's bytes: running `process-document` again on the same bytes into the
same outbox returns the earlier outputs instead of extracting again. The key lives in the order registry, not
in Prefect's result cache, because the registry knows where the outputs are and whether they still exist, and
is shared by every machine of a team (PostgreSQL). Task results are `DocumentSummary` objects (identity,
status, where the outputs are), never document content, so nothing personal lands in Prefect's logs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import Task, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.states import State
from pydantic import BaseModel

from models.result import ExtractionResult
from pipeline.inbox import file_sha256
from pipeline.settings import Settings
from pipeline.store import OrderStore, open_store, resolve_database_url

RESULT_FILE = "result.json"


class RetryableProcessingError(Exception):
    """Processing failed in a way a later attempt may not (a timeout, a busy OCR engine)."""

    def __init__(self, summary: DocumentSummary) -> None:
        super().__init__(f"retryable failure {summary.error_code} on document {summary.sha256[:12]}")
        self.summary = summary


class DocumentSummary(BaseModel):
    """What a flow needs to know about one processed document; no document content."""

    name: str
    sha256: str
    status: str
    error_code: str | None = None
    retryable: bool = False
    output_dir: str

    @property
    def result_path(self) -> Path:
        """The document's `result.json`."""
        return Path(self.output_dir) / RESULT_FILE

    def load_result(self) -> ExtractionResult:
        """Read the full result back from the outbox."""
        return ExtractionResult.model_validate_json(self.result_path.read_text(encoding="utf-8"))


def service_store(settings: Settings, out_dir: Path) -> OrderStore:
    """The order registry of a service whose outbox is `out_dir` (relative SQLite paths: its parent, ROOT)."""
    return open_store(resolve_database_url(settings.database_url, out_dir.resolve().parent))


def earlier_summary(store: OrderStore, source: Path, outbox: Path) -> DocumentSummary | None:
    """The summary of an earlier run on the same bytes into the same outbox, if its outputs still exist."""
    sha256 = file_sha256(source)
    output_dir = store.output_dir(sha256)
    if output_dir is None or output_dir.parent != outbox.resolve() or not (output_dir / RESULT_FILE).exists():
        return None
    earlier = store.seen(sha256)
    if earlier is None or (earlier.error is not None and earlier.error.retryable):
        return None
    return summarize(earlier, source, output_dir)


def only_retryable(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry condition: retry retryable processing failures and connection trouble, nothing else."""
    error = state.result(raise_on_failure=False)
    return isinstance(error, RetryableProcessingError | TimeoutError | ConnectionError)


def summarize(result: ExtractionResult, path: Path, output_dir: Path) -> DocumentSummary:
    """The summary of a processed document."""
    return DocumentSummary(
        name=path.name,
        sha256=result.document.sha256 or file_sha256(path),
        status=result.status,
        error_code=result.error.code if result.error else None,
        retryable=bool(result.error and result.error.retryable),
        output_dir=str(output_dir),
    )


@task(
    name="extract-and-write",
    retries=2,
    retry_delay_seconds=[2, 10],
    retry_condition_fn=only_retryable,
    cache_policy=NO_CACHE,
    persist_result=False,
)
def process_document_task(path: str, out_dir: str, settings: Settings, refresh: bool = False) -> DocumentSummary:
    """Extract one input, check it, write its outputs into a new `out_dir/<stem>/`, and record it.

    Bytes already processed into this outbox (outputs still there, no retryable failure) are not processed
    again unless `refresh` is set.

    Raises:
        RetryableProcessingError: The input failed with a retryable error (the task is retried).

    """
    from extractors import extract_order
    from pipeline.process import allocate_output_dir, write_outputs

    source, outbox = Path(path), Path(out_dir)
    store = service_store(settings, outbox)
    earlier = None if refresh else earlier_summary(store, source, outbox)
    if earlier is not None:
        get_run_logger().info("document %s was processed before; outputs kept", earlier.sha256[:12])
        return earlier
    target = allocate_output_dir(outbox, source)
    result = extract_order(source, options=settings.extract, registry=store)
    write_outputs(result, target, settings, settings.language)
    store.record(result, output_dir=target)
    summary = summarize(result, source, target)
    log_summary(summary, result)
    if summary.retryable:
        raise RetryableProcessingError(summary)
    return summary


def log_summary(summary: DocumentSummary, result: ExtractionResult) -> None:
    """Log one line per document: sha256 prefix, kind, status and counts; never file names, numbers or text."""
    get_run_logger().info(
        "document %s (%s): %s%s, %d finding(s), %d open question(s)",
        summary.sha256[:12],
        result.document.kind or "unknown kind",
        summary.status,
        f" [{summary.error_code}]" if summary.error_code else "",
        len(result.findings),
        len(result.missing),
    )


@task(name="record-review", cache_policy=NO_CACHE, persist_result=False)
def record_reviewed_task(result: ExtractionResult, output_dir: str, settings: Settings) -> DocumentSummary:
    """Write the reviewed order's outputs over its needs_review outputs and record it."""
    from pipeline.process import write_outputs

    target = Path(output_dir)
    write_outputs(result, target, settings, settings.language)
    service_store(settings, target.parent).record(result, output_dir=target)
    return DocumentSummary(
        name=Path(result.document.source or target.name).name,
        sha256=result.document.sha256 or "",
        status=result.status,
        output_dir=str(target),
    )
