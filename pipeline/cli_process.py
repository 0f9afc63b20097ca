"""`orderintake process`: order files in, result, confirmation and reply e-mail out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from models.result import ExtractionResult


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("process")(process)


def process(
    paths: Annotated[list[Path], typer.Argument(help="Order files: PDF, image, DOCX, XLSX, e-mail, text.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder; each input gets DIR/<input stem>/.")],
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Confirmation language (en, de, fr, es, it, pt, nl, zh); default: the buyer's."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write result.json, confirmation.docx, confirmation.pdf and reply.eml for each order file.

    Prints one summary line per input to stderr. Exits with 0 when every input produced a result, 2 when an
    input could not be read at all (it is skipped, the others are still processed).
    """
    from pipeline.confirmations.messages import available_languages
    from pipeline.process import output_names, process_paths
    from pipeline.settings import load_settings
    from pipeline.store import open_store, resolve_database_url

    if lang is not None and lang.lower() not in available_languages():
        raise typer.BadParameter(f"choose one of {', '.join(available_languages())}", param_hint="--lang")
    readable = [path for path in paths if path.is_file()]
    for path in paths:
        if path not in readable:
            typer.echo(f"orderintake: cannot read {path}: no such file", err=True)
    settings = load_settings()
    store = open_store(resolve_database_url(settings.database_url, Path.cwd()))
    results = process_paths(
        readable, out, settings, lang=lang.lower() if lang else None, registry=store, progress=not quiet
    )
    for result in results:
        store.record(result)
    for name, path, result in zip(output_names(readable), readable, results, strict=True):
        typer.echo(summary_line(path, result, name), err=True)
    if len(readable) < len(paths):
        raise typer.Exit(2)


def summary_line(path: Path, result: ExtractionResult, name: str | None = None) -> str:
    """One line per input for stderr: file (or output folder) name, status, error code, counts; no order content."""
    reason = f" ({result.error.code})" if result.error is not None else ""
    label = f"{name}{path.suffix}" if name else path.name
    return f"{label}: {result.status}{reason}, {len(result.findings)} findings, {len(result.missing)} questions"
