"""Serve the flows as deployments (for the Prefect UI) and hand files to the `process-document` deployment.

`orderintake serve --root ROOT` calls `serve_root`: the deployments `process-document` (parameter `path`,
outputs to ROOT/outbox) and `process-inbox` (parameter `root`, also run every `poll_interval_s` seconds)
appear in the UI, and runs started there execute in this process's runner.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import cast
from uuid import UUID

from prefect import serve
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun, StateType
from prefect.deployments import run_deployment
from prefect.deployments.runner import RunnerDeployment
from prefect.states import Cancelled
from prefect.types.entrypoint import EntrypointType

from flows.document import process_document
from flows.inbox import process_inbox
from models.result import ExtractionResult
from pipeline.inbox import Processor
from pipeline.process import safe_folder_name

DOCUMENT_DEPLOYMENT = "process-document/process-document"
INBOX_DEPLOYMENT = "process-inbox/process-inbox"
RESULT_FILE = "result.json"
RUNNER_QUERY_SECONDS = 2.0
"""How often the serving process asks for runs to start (Prefect's default, 10 s, delays every UI run)."""


class DeploymentRunError(Exception):
    """A `process-document` run ended without outputs (failed, crashed or cancelled)."""

    code = "flow.failed"
    retryable = True


def build_deployments(root: Path, poll_interval_s: float | None = 60.0) -> list[RunnerDeployment]:
    """The two deployments of a service root.

    Args:
        root: The service root; `process-document` writes to ROOT/outbox.
        poll_interval_s: How often `process-inbox` runs on its own; None for no schedule.

    """
    root = root.resolve()
    document = process_document.to_deployment(
        name="process-document",
        parameters={"out_dir": str(root / "outbox")},
        description=f"Process one order file; outputs go to {root / 'outbox'}.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    inbox = process_inbox.to_deployment(
        name="process-inbox",
        parameters={"root": str(root)},
        interval=poll_interval_s,
        description=f"Process the completely written files in {root / 'inbox'}.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    return [cast(RunnerDeployment, document), cast(RunnerDeployment, inbox)]


def serve_root(root: Path, *, poll_interval_s: float | None = 60.0, limit: int | None = None) -> None:
    """Serve the deployments of a service root until interrupted (Ctrl-C pauses the schedule)."""
    serve(*build_deployments(root, poll_interval_s), limit=limit, query_seconds=RUNNER_QUERY_SECONDS)


def deployment_processor(
    name: str = DOCUMENT_DEPLOYMENT, poll_s: float = 0.5, start_timeout_s: float = 300.0
) -> Processor:
    """A processor that hands each claimed file to the `process-document` deployment.

    It waits until the run has finished or has paused for review (its needs_review outputs are written
    then), and reads the result from `outbox/<claimed name>/result.json`; the inbox claims names whose
    outbox folder is free, so this is the folder the run allocated. A run that nothing starts within
    `start_timeout_s` (no `serve`, no worker) is cancelled and the file fails with `flow.failed`.
    """

    def process(path: Path, outbox: Path) -> ExtractionResult:
        parameters = {"path": str(path.resolve()), "out_dir": str(outbox.resolve()), "refresh": True}
        flow_run = cast(FlowRun, run_deployment(name, parameters=parameters, timeout=0))
        state_type = wait_until_settled(flow_run.id, poll_s, start_timeout_s)
        result_path = outbox / safe_folder_name(path.stem) / RESULT_FILE
        if state_type in (StateType.COMPLETED, StateType.PAUSED) and result_path.exists():
            return ExtractionResult.model_validate_json(result_path.read_text(encoding="utf-8"))
        ended = state_type.value.lower() if state_type else "without starting (is `orderintake serve` running?)"
        raise DeploymentRunError(f"The process-document run {flow_run.id} ended {ended}.")

    return process


def wait_until_settled(
    flow_run_id: UUID, poll_s: float = 0.5, start_timeout_s: float = 300.0, timeout_s: float = 86_400.0
) -> StateType | None:
    """Wait until a flow run is final or paused and return its state type.

    Returns None (after cancelling the run) when it has not started within `start_timeout_s`, or has not
    settled within `timeout_s`.
    """
    started_by = time.monotonic() + start_timeout_s
    deadline = time.monotonic() + timeout_s
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            state = client.read_flow_run(flow_run_id).state
            if state is not None and (state.is_final() or state.is_paused()):
                return state.type
            not_started = state is None or state.is_scheduled() or state.is_pending()
            if not_started and time.monotonic() > started_by:
                break
            time.sleep(poll_s)
        client.set_flow_run_state(flow_run_id, Cancelled(message="Not started in time"), force=True)
    return None
