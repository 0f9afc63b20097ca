"""Process order files into an output folder: extract -> check -> confirm -> write.

For each input, `DIR/<input stem>/` receives `result.json` and, for an order (status `complete` or
`needs_review`), `confirmation.docx`, `confirmation.pdf` and `reply.eml`. Each output folder is new (a name
taken already gets `-2`, `-3`, ...), so nothing existing is overwritten, an input least of all.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from models.document import DocumentInfo
from models.findings import ErrorInfo, Finding
from models.result import ExtractionResult
from pipeline.settings import Settings

if TYPE_CHECKING:
    from validators.context import OrderRegistry

log = logging.getLogger(__name__)

ORDER_STATUSES = frozenset({"complete", "needs_review"})
RESULT_FILE = "result.json"
DOCX_FILE, PDF_FILE, EML_FILE = "confirmation.docx", "confirmation.pdf", "reply.eml"
MAX_FOLDER_NAME = 80
MAX_SUFFIX = 10_000
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_folder_name(stem: str) -> str:
    """Turn an input's stem into a safe folder name: ASCII letters, digits, `.`, `_`, `-`; no `..`.

    Accents are dropped (`Bestellung_Müller` -> `Bestellung_Muller`), other characters become `_`, and a name
    that ends up empty becomes `document`.
    """
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    name = _UNSAFE.sub("_", ascii_text)
    name = re.sub(r"\.{2,}", ".", name).strip("._-")[:MAX_FOLDER_NAME].strip("._-")
    return name or "document"


def allocate_output_dir(out_dir: Path, input_path: Path, name: str | None = None) -> Path:
    """Create and return a new folder for one input: `out_dir/<stem>`, or `<stem>-2`, `<stem>-3`, ... if taken.

    `name` replaces the stem (see `output_names`). The folder is created atomically, so two processes never
    share one.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    base = safe_folder_name(name or input_path.stem)
    for number in range(1, MAX_SUFFIX):
        candidate = out_dir / (base if number == 1 else f"{base}-{number}")
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(f"no free output folder for {base!r} in {out_dir}")


def output_names(paths: list[Path]) -> list[str]:
    """Output folder names for a batch: the input's stem, or `<folder>_<stem>` where stems repeat.

    Many senders name every file alike ("order.pdf", the samples' "input.pdf"); the folder they came from tells
    them apart, where a numbered suffix would not say which output belongs to which input.
    """
    counts: dict[str, int] = {}
    for path in paths:
        counts[path.stem] = counts.get(path.stem, 0) + 1
    return [
        f"{path.parent.name}_{path.stem}" if counts[path.stem] > 1 and path.parent.name else path.stem for path in paths
    ]


def process_file(
    path: Path,
    out_dir: Path,
    settings: Settings,
    *,
    registry: OrderRegistry | None = None,
    lang: str | None = None,
    name: str | None = None,
) -> ExtractionResult:
    """Extract one input and write its outputs into a new folder under `out_dir`.

    Args:
        path: The input file (PDF, image, DOCX, XLSX, e-mail, text).
        out_dir: The output root; the input's folder `<stem>` is created in it.
        settings: The settings (extraction options, company profile, language).
        registry: The order registry for duplicate checks, if any.
        lang: Force the confirmation language; None uses the setting, then the buyer's language.
        name: The output folder's name instead of the input's stem.

    Returns:
        The extraction result (status `failed` with an error when the input could not be processed).

    """
    from extractors import extract_order

    target = allocate_output_dir(out_dir, path, name)
    try:
        result = extract_order(path, options=settings.extract, registry=registry)
    except Exception as exc:  # extract_order turns input errors into results; anything else is our bug
        log.error("extraction crashed: %s", type(exc).__name__)  # no file names in logs: personal data
        log.debug("traceback", exc_info=True)
        result = _failed(path, "internal.error", f"Unexpected error while processing the file ({type(exc).__name__}).")
    write_outputs(result, target, settings, lang)
    return result


def write_outputs(result: ExtractionResult, target: Path, settings: Settings, lang: str | None = None) -> list[Path]:
    """Write `result.json` and, for an order, the confirmation (DOCX, PDF) and the reply e-mail into `target`.

    Every file is written under a temporary name and then renamed, so a reader never sees half a file. When the
    confirmation cannot be rendered, the result gets an `output.render_failed` error finding, its status
    becomes `needs_review`, and `result.json` says so.

    Args:
        result: The extraction result of one input.
        target: The output folder (created if missing).
        settings: The settings (company profile, language, processing date).
        lang: Force the confirmation language; None uses `settings.language`, then the buyer's language.

    Returns:
        The paths written, `result.json` first.

    """
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if result.status in ORDER_STATUSES:
        try:
            written = _write_confirmation(result, target, settings, lang or settings.language)
        except Exception as exc:
            log.error("confirmation could not be rendered: %s", type(exc).__name__)
            log.debug("traceback", exc_info=True)
            result.findings.append(
                Finding(
                    code="output.render_failed",
                    severity="error",
                    message=f"The confirmation could not be rendered ({type(exc).__name__}); write it by hand.",
                )
            )
            result.status = "needs_review"
    result_path = _write_atomic(target / RESULT_FILE, result.model_dump_json(indent=2).encode("utf-8"))
    return [result_path, *written]


def _write_confirmation(result: ExtractionResult, target: Path, settings: Settings, lang: str | None) -> list[Path]:
    from pipeline.confirmations import render_confirmation

    rendered = render_confirmation(result, settings.company, lang, today=settings.extract.today)
    return [
        _write_atomic(target / DOCX_FILE, rendered.docx),
        _write_atomic(target / PDF_FILE, rendered.pdf),
        _write_atomic(target / EML_FILE, rendered.eml),
    ]


def process_paths(
    paths: list[Path],
    out_dir: Path,
    settings: Settings,
    *,
    lang: str | None = None,
    registry: OrderRegistry | None = None,
    progress: bool = True,
) -> list[ExtractionResult]:
    """Process many inputs in order, with a progress bar on stderr; one failing file never stops the others.

    Returns:
        One result per input, in input order.

    """
    results: list[ExtractionResult] = []
    with progress_bar(enabled=progress and len(paths) > 1) as bar:
        task = bar.add_task("orders", total=len(paths))
        for path, name in zip(paths, output_names(paths), strict=True):
            try:
                result = process_file(path, out_dir, settings, registry=registry, lang=lang, name=name)
            except OSError as exc:
                log.error("cannot write the outputs: %s", exc.strerror or type(exc).__name__)
                result = _failed(path, "output.write_failed", f"The outputs could not be written ({exc.strerror}).")
            results.append(result)
            bar.advance(task)
    return results


def progress_bar(*, enabled: bool) -> Progress:
    """The progress bar of runs over many files: on stderr, gone when done."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not enabled,
    )


def _failed(path: Path, code: str, message: str) -> ExtractionResult:
    return ExtractionResult(
        status="failed",
        error=ErrorInfo(code=code, message=message, retryable=False),
        document=DocumentInfo(source=str(path)),
    )


def _write_atomic(path: Path, data: bytes) -> Path:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
