"""The process-document flow on a real Prefect test server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flowdocs import order_text

from flows.document import process_document
from models.findings import ErrorInfo
from models.result import ExtractionResult

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("prefect")]


def test_order_is_processed_once_and_a_rerun_keeps_its_outputs(service_root: Path) -> None:
    source = service_root / "inbox" / "po.txt"
    source.write_text(order_text("4500020001"))
    outbox = service_root / "outbox"

    state = process_document(str(source), str(outbox), return_state=True)
    assert state.is_completed()
    summary = state.result()
    assert summary.status in ("complete", "needs_review")
    result = json.loads((outbox / "po" / "result.json").read_text())
    assert result["order"]["order_number"] == "4500020001"
    assert result["document"]["sha256"] == summary.sha256

    again = process_document(str(source), str(outbox))
    assert again.output_dir == summary.output_dir
    assert sorted(p.name for p in outbox.iterdir()) == ["po"]

    refreshed = process_document(str(source), str(outbox), refresh=True)
    assert Path(refreshed.output_dir).name == "po-2"


def test_broken_file_completes_the_run_with_a_failed_result(service_root: Path) -> None:
    source = service_root / "inbox" / "broken.pdf"
    source.write_bytes(b"%PDF-1.4\n1 0 obj garbage\n")
    summary = process_document(str(source), str(service_root / "outbox"))
    assert summary.status == "failed"
    assert summary.error_code == "input.corrupt"
    assert json.loads(summary.result_path.read_text())["error"]["code"] == "input.corrupt"


def test_retryable_failure_is_retried(service_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors

    real = extractors.extract_order
    calls: list[str] = []

    def busy_once(path: Path, **kwargs: object) -> ExtractionResult:
        calls.append(Path(path).name)
        if len(calls) == 1:  # injected fault: the OCR engine is busy the first time
            result = real(path, **kwargs)  # type: ignore[arg-type]
            return ExtractionResult(
                status="failed",
                document=result.document,
                error=ErrorInfo(code="ocr.failed", message="busy", retryable=True),
            )
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extractors, "extract_order", busy_once)
    source = service_root / "inbox" / "po.txt"
    source.write_text(order_text("4500020002"))
    summary = process_document(str(source), str(service_root / "outbox"))
    assert len(calls) == 2
    assert summary.status in ("complete", "needs_review")


def test_other_errors_are_not_retried(service_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors

    calls: list[str] = []

    def bug(path: Path, **kwargs: object) -> ExtractionResult:
        calls.append(Path(path).name)
        raise ValueError("a bug, not a busy resource")

    monkeypatch.setattr(extractors, "extract_order", bug)
    source = service_root / "inbox" / "po.txt"
    source.write_text(order_text("4500020003"))
    state = process_document(str(source), str(service_root / "outbox"), return_state=True)
    assert state.is_failed()
    assert calls == ["po.txt"]
