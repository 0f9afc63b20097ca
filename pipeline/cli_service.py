"""`orderintake watch`, `serve`, `server` and `orders`: orderintake as a service (see docs/service.md).

Prefect is imported only inside the commands that need it, so the other commands start fast.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pipeline.inbox import Inbox, Outcome
    from pipeline.settings import Settings
    from pipeline.store import OrderSummary

RootOption = Annotated[
    Path,
    typer.Option("--root", "-r", help="Service root with inbox/, outbox/, archive/, ignored/, failed/."),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("watch")(watch)
    app.command("serve")(serve)
    app.command("server")(server)
    app.command("orders")(orders)


def _configure_logging(verbose: bool) -> None:
    """Our own loggers at INFO (DEBUG with -v) on stderr; libraries only from WARNING up."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in ("pipeline", "flows", "extractors", "validators"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.INFO)


def _prefect_configured() -> bool:
    """Whether a Prefect API is configured for this process (the edge reads the environment)."""
    return bool(os.environ.get("PREFECT_API_URL"))


def _build_inbox(root: Path, settings: Settings, *, use_prefect: bool, jobs: int) -> Inbox:
    from pipeline.inbox import Inbox, local_processor
    from pipeline.store import open_store, resolve_database_url

    store = open_store(resolve_database_url(settings.database_url, root.resolve()))
    if use_prefect:
        from flows.serve import deployment_processor

        processor = deployment_processor()
    else:
        processor = local_processor(settings, store)
    return Inbox(root, processor, store=store, jobs=jobs)


def _print_outcome(outcome: Outcome) -> None:
    record = {
        "file": outcome.name,
        "folder": outcome.destination.parent.name,
        "status": outcome.status,
        "duplicate": outcome.duplicate,
        "error_code": outcome.error_code,
        "sha256": outcome.sha256,
    }
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def watch(
    root: RootOption,
    once: Annotated[bool, typer.Option("--once", help="Process what is in the inbox now, then exit.")] = False,
    poll: Annotated[
        bool, typer.Option("--poll", help="Poll instead of file-system events (network shares, some mounts).")
    ] = False,
    settle: Annotated[
        float, typer.Option(help="Seconds a file's size and mtime must stay unchanged before it is taken.")
    ] = 2.0,
    jobs: Annotated[int, typer.Option(help="Files processed at the same time.")] = 1,
    prefect: Annotated[
        bool | None,
        typer.Option(
            "--prefect/--no-prefect",
            help="Hand each file to the process-document deployment; default: when PREFECT_API_URL is set.",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
) -> None:
    """Watch ROOT/inbox: process each completely written file and move it to archive/, ignored/ or failed/.

    Prints one JSON line per input to stdout (file, folder, status, duplicate, error code, sha256); logs go to
    stderr. Exits with 1 when another watcher already works on ROOT.
    """
    from pipeline.inbox import InboxBusyError, exclusive_root
    from pipeline.settings import load_settings

    _configure_logging(verbose)
    settings = load_settings()
    use_prefect = _prefect_configured() if prefect is None else prefect
    inbox = _build_inbox(root, settings, use_prefect=use_prefect, jobs=jobs)
    try:
        with exclusive_root(inbox.layout):
            if settings.retention_days:
                inbox.sweep_retention(settings.retention_days)
            if once:
                _run_once(inbox, settle, progress=not quiet)
            else:
                _watch_forever(inbox, settle, poll)
    except InboxBusyError as exc:
        typer.echo(f"orderintake: {exc}", err=True)
        raise typer.Exit(1) from exc


def _run_once(inbox: Inbox, settle: float, *, progress: bool) -> None:
    from pipeline.inbox import run_once
    from pipeline.process import progress_bar

    bar = progress_bar(enabled=progress)
    with bar:
        task = bar.add_task("inbox", total=None)

        def done(outcome: Outcome) -> None:
            _print_outcome(outcome)
            bar.advance(task)

        outcomes = run_once(inbox, settle_s=settle, on_outcome=done, on_total=lambda n: bar.update(task, total=n))
    counts = Counter("duplicate" if o.duplicate else o.status for o in outcomes)
    summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items())) or "nothing to do"
    typer.echo(f"orderintake: {len(outcomes)} file(s): {summary}", err=True)


def _watch_forever(inbox: Inbox, settle: float, poll: bool) -> None:
    from pipeline.inbox import watch as watch_inbox

    typer.echo(f"orderintake: watching {inbox.layout.inbox} (Ctrl-C stops)", err=True)
    try:
        watch_inbox(inbox, settle_s=settle, force_polling=poll, on_outcome=_print_outcome)
    except KeyboardInterrupt:
        typer.echo("orderintake: stopped", err=True)


def serve(
    root: RootOption,
    interval: Annotated[
        float, typer.Option(help="Seconds between scheduled process-inbox runs; 0 for no schedule.")
    ] = 60.0,
    limit: Annotated[int | None, typer.Option(help="At most this many flow runs at the same time.")] = None,
) -> None:
    """Serve the process-document and process-inbox deployments of ROOT, so they run from the Prefect UI.

    Needs a Prefect API (PREFECT_API_URL, e.g. from `orderintake server`). Outputs go to ROOT/outbox.
    """
    from flows.serve import serve_root
    from pipeline.inbox import InboxLayout

    InboxLayout(root).create()
    serve_root(root, poll_interval_s=interval or None, limit=limit)


def server(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the API and UI.")] = 4200,
) -> None:
    """Start the local Prefect server (API and UI; an embedded SQLite database unless configured otherwise).

    Then point the other commands at it: `export PREFECT_API_URL=http://HOST:PORT/api`.
    """
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)]
    typer.echo(f"orderintake: PREFECT_API_URL=http://{host}:{port}/api", err=True)
    try:
        completed = subprocess.run(command, check=False)
    except KeyboardInterrupt:
        return
    raise typer.Exit(completed.returncode)


def orders(
    root: Annotated[
        Path, typer.Option("--root", "-r", help="Service root (relative SQLite paths are resolved against it).")
    ] = Path(),
    limit: Annotated[int, typer.Option(help="How many documents to list.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """List the most recently received documents and their orders from the order registry."""
    from pipeline.settings import load_settings
    from pipeline.store import OrderStore, resolve_database_url

    settings = load_settings()
    store = OrderStore(resolve_database_url(settings.database_url, root.resolve()))
    rows = store.recent(limit)
    if as_json:
        for row in rows:
            fields = vars(row) | {"received_at": row.received_at.isoformat(timespec="seconds")}
            sys.stdout.write(json.dumps(fields) + "\n")
        return
    _print_orders_table(rows)


def _print_orders_table(rows: list[OrderSummary]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Recent documents")
    for column in ("received (UTC)", "status", "order number", "rev.", "buyer", "source", "sha256"):
        table.add_column(column)
    for row in rows:
        status = f"{row.status} ({row.error_code})" if row.error_code else row.status
        table.add_row(
            row.received_at.strftime("%Y-%m-%d %H:%M"),
            status,
            row.order_number or "",
            row.revision or "",
            row.buyer_name or "",
            Path(row.source).name if row.source else "",
            row.sha256[:12],
        )
    Console().print(table)
