"""The service on a real Prefect test server: served deployments, runs started like the UI's Run button,
the watcher handing files to the deployment, and the process-inbox flow."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flowdocs import order_text

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("prefect")]
BROKEN_PDF = b"%PDF-1.4\n1 0 obj garbage\n"
INVOICE = "INVOICE\n\nInvoice number: INV-2026-0042\nInvoice date: 2026-03-20\nTotal due: 125.00 EUR\n"


def wait_for_deployment(name: str, timeout_s: float = 180) -> object:
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + timeout_s
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            try:
                return client.read_deployment_by_name(name)
            except ObjectNotFound:
                time.sleep(1)
    raise AssertionError(f"deployment {name} did not appear")


@pytest.fixture
def served_root(service_root: Path, prefect_server: str) -> Iterator[Path]:
    """`orderintake serve --root ROOT` running in a subprocess against the test server."""
    env = os.environ | {"PREFECT_API_URL": prefect_server}
    command = [sys.executable, "-m", "pipeline.cli", "serve", "--root", str(service_root), "--interval", "0"]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        wait_for_deployment("process-document/process-document")
        yield service_root
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)


def test_served_deployment_runs_from_the_api_like_the_run_button(served_root: Path) -> None:
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments import run_deployment
    from typer.testing import CliRunner

    from pipeline.cli import app

    wait_for_deployment("process-inbox/process-inbox")
    source = served_root / "uploads" / "po.txt"
    source.parent.mkdir()
    source.write_text(order_text("4500040001"))
    flow_run = run_deployment(
        "process-document/process-document", parameters={"path": str(source)}, timeout=240, poll_interval=0.5
    )
    assert isinstance(flow_run, FlowRun)
    assert flow_run.state is not None and flow_run.state.is_completed(), flow_run.state
    result = json.loads((served_root / "outbox" / "po" / "result.json").read_text())
    assert result["order"]["order_number"] == "4500040001"

    # the watcher with a Prefect server: each file goes to the deployment
    (served_root / "inbox" / "order.txt").write_text(order_text("4500040002"))
    (served_root / "inbox" / "broken.pdf").write_bytes(BROKEN_PDF)
    watch = ["watch", "--root", str(served_root), "--once", "--prefect", "--jobs", "2", "-q", "--settle", "0"]
    run = CliRunner().invoke(app, watch)
    assert run.exit_code == 0, run.output
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    statuses = {line["file"]: line["status"] for line in lines}
    assert statuses["broken.pdf"] == "failed"
    assert statuses["order.txt"] in ("complete", "needs_review")
    assert {p.name for p in (served_root / "archive").iterdir()} == {"order.txt"}
    assert {p.name for p in (served_root / "failed").iterdir()} == {"broken.pdf", "broken.pdf.error.json"}
    assert json.loads((served_root / "failed" / "broken.pdf.error.json").read_text())["code"] == "input.corrupt"
    assert (served_root / "outbox" / "order" / "result.json").exists()


def test_process_inbox_flow_files_every_input(service_root: Path) -> None:
    from flows.inbox import process_inbox

    inbox = service_root / "inbox"
    (inbox / "a.txt").write_text(order_text("4500040003"))
    (inbox / "a-again.txt").write_text(order_text("4500040003"))
    (inbox / "invoice.txt").write_text(INVOICE)
    (inbox / "broken.pdf").write_bytes(BROKEN_PDF)
    counts = process_inbox(str(service_root), settle_s=0.1)
    assert counts.get("duplicate") == 1
    assert counts.get("failed") == 1
    assert sum(counts.values()) == 4
    assert {p.name for p in (service_root / "archive").iterdir()} == {
        "a.txt",
        "a-again.txt",
        "a-again.txt.duplicate.json",
    }
    assert {p.name for p in inbox.iterdir()} == set()
    assert {p.name for p in (service_root / "processing").iterdir()} == set()


def test_watcher_fails_a_file_when_nothing_serves_the_deployment(service_root: Path) -> None:
    from prefect.deployments.runner import RunnerDeployment

    from flows.document import process_document
    from flows.serve import deployment_processor
    from pipeline.inbox import Inbox, run_once

    deployment = process_document.to_deployment(name="unserved")
    assert isinstance(deployment, RunnerDeployment)
    deployment.apply()
    (service_root / "inbox" / "po.txt").write_text(order_text("4500040009"))
    processor = deployment_processor("process-document/unserved", start_timeout_s=2)
    [outcome] = run_once(Inbox(service_root, processor), settle_s=0)
    assert outcome.status == "failed"
    error = json.loads((service_root / "failed" / "po.txt.error.json").read_text())
    assert error["code"] == "flow.failed"
    assert error["retryable"] is True
