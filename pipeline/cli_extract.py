"""`orderintake extract` and `orderintake evaluate`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("extract")(extract)
    app.command("evaluate")(evaluate)


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Order files: PDF, image, DOCX, XLSX, e-mail, text.")],
    all_orders: Annotated[
        bool, typer.Option("--all", help="Print every order of an e-mail, not only the first.")
    ] = False,
) -> None:
    """Print the extraction result as JSON: one object for one path, JSON Lines for several."""
    from extractors.api import extract_orders
    from pipeline.settings import load_settings

    settings = load_settings()
    missing = [p for p in paths if not p.is_file()]
    for path in missing:
        typer.echo(f"orderintake: cannot read {path}: no such file", err=True)
    single = len(paths) == 1 and not all_orders
    for path in paths:
        if path in missing:
            continue
        results = extract_orders(path, options=settings.extract)
        for result in results if all_orders else results[:1]:
            if single:
                sys.stdout.write(result.model_dump_json(indent=2) + "\n")
            else:
                sys.stdout.write(result.model_dump_json() + "\n")
        sys.stdout.flush()
    if missing:
        raise typer.Exit(2)


def evaluate(
    root: Annotated[Path, typer.Argument(help="Folder of cases: <case>/input.* and <case>/expected.json.")],
    show_errors: Annotated[int, typer.Option(help="How many mismatches to list.")] = 30,
    write_known_failures: Annotated[
        Path | None, typer.Option(help="Write the failing cases to this file (the golden tests' xfail list).")
    ] = None,
) -> None:
    """Print field accuracy per field and per format, and line-item F1, against the expected results."""
    from datetime import date

    from rich.console import Console
    from rich.table import Table

    from pipeline.evaluate import evaluate as run
    from pipeline.evaluate import known_failures_text

    per_kind, total, per_case = run(root, today=date(2026, 1, 15))
    if write_known_failures is not None:
        write_known_failures.write_text(known_failures_text(per_case), encoding="utf-8")
    console = Console(stderr=False)
    table = Table(title=f"Accuracy by format ({root})")
    for col in ("format", "fields", "accuracy", "line F1"):
        table.add_column(col, justify="right" if col != "format" else "left")
    for kind, score in sorted(per_kind.items()):
        n = sum(v[1] for v in score.fields.values())
        table.add_row(kind, str(n), f"{score.accuracy:.3f}", f"{score.f1:.3f}")
    n = sum(v[1] for v in total.fields.values())
    table.add_row("all", str(n), f"{total.accuracy:.3f}", f"{total.f1:.3f}", style="bold")
    console.print(table)
    fields = Table(title="Accuracy by field")
    fields.add_column("field")
    fields.add_column("correct", justify="right")
    fields.add_column("accuracy", justify="right")
    for name, (ok, count) in sorted(total.fields.items(), key=lambda kv: kv[1][0] / kv[1][1]):
        fields.add_row(name, f"{ok}/{count}", f"{ok / count:.3f}")
    console.print(fields)
    for line in total.errors[:show_errors]:
        console.print(line, markup=False, highlight=False)
