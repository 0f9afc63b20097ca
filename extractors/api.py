"""The library entry point: `extract_order(path)` -> ExtractionResult.

Recipe: load bytes -> read (format chosen by content) -> OCR pages without text -> language -> document type
-> fields -> checks. Every failure becomes a `failed` result with a stable error code; nothing is raised for a
bad document.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING

from extractors.classify import classify
from extractors.derive import derive_values
from extractors.fields import extract_fields
from extractors.isolation import read_isolated
from extractors.language import detect_language
from extractors.layout import Layout, build_layout
from models.document import DocumentInfo, PartInfo
from models.errors import InputTooLargeError, IntakeError
from models.findings import ErrorInfo, Finding
from models.options import ExtractOptions
from models.pages import ReadDocument
from models.result import ExtractionResult

if TYPE_CHECKING:
    from validators.context import OrderRegistry

log = logging.getLogger(__name__)
Source = str | Path | bytes | IO[bytes]
NOT_ORDERS = frozenset({"invoice", "quotation", "other"})
Refiner = Callable[[ExtractionResult, ReadDocument, Layout], None]


def _load(source: Source, filename: str | None, options: ExtractOptions) -> tuple[bytes, str, str | None]:
    """Bytes, display name and source path of the input (size-capped)."""
    limit = options.limits.max_file_bytes
    if isinstance(source, str | Path):
        path = Path(source)
        if path.stat().st_size > limit:
            raise InputTooLargeError(f"{path.name} is larger than the {limit} byte limit; split or compress it.")
        return path.read_bytes(), filename or path.name, str(source)
    data = bytes(source) if isinstance(source, bytes | bytearray) else source.read(limit + 1)
    if len(data) > limit:
        raise InputTooLargeError(f"The input is larger than the {limit} byte limit; split or compress it.")
    name = filename or getattr(source, "name", None) or "input"
    return data, Path(str(name)).name, None


def extract_order(
    source: Source,
    *,
    filename: str | None = None,
    options: ExtractOptions | None = None,
    today: date | None = None,
    registry: OrderRegistry | None = None,
) -> ExtractionResult:
    """Read one input and return its primary order result.

    Args:
        source: A path, the file's bytes, or a binary file object.
        filename: Display name (and type hint) when source is bytes or a file object.
        options: Limits and OCR options; defaults apply when None.
        today: Processing date for date checks; the real today when None.
        registry: Order registry for duplicate checks.

    Returns:
        The extraction result (status `failed` with an error code when the input cannot be processed).

    """
    return extract_orders(source, filename=filename, options=options, today=today, registry=registry)[0]


def extract_orders(
    source: Source,
    *,
    filename: str | None = None,
    options: ExtractOptions | None = None,
    today: date | None = None,
    registry: OrderRegistry | None = None,
) -> list[ExtractionResult]:
    """Read one input and return every order in it (an e-mail may carry several); the primary one first."""
    options = options or ExtractOptions()
    info = DocumentInfo()
    try:
        data, name, source_path = _load(source, filename, options)
        info.source = source_path or name
        info.sha256 = hashlib.sha256(data).hexdigest()
        info.media_type = mimetypes.guess_type(name)[0]
        doc = read_isolated(data, name, options)
    except IntakeError as exc:
        return [failed_result(info, exc)]
    except FileNotFoundError:
        raise
    except Exception as exc:  # a parser bug must not take the caller down
        log.error("unexpected failure while reading a document: %s", type(exc).__name__)  # no names: personal data
        log.debug("traceback", exc_info=True)
        return [
            failed_result(
                info,
                IntakeError(f"Unexpected error while reading the file ({type(exc).__name__}).", code="internal.error"),
            )
        ]
    if doc.kind == "email":
        from extractors.email_parts import analyse_email

        return analyse_email(doc, info, options, today, registry)
    return [analyse(doc, info, options, today, registry)]


def read_document(data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """Read bytes with the reader chosen by content, then OCR the pages that have no usable text."""
    from extractors.readers import read_input

    doc = read_input(data, name, options)
    if any(page.needs_ocr for page in doc.pages) and doc.kind == "pdf":
        from extractors.readers.scan import ocr_pdf_pages

        doc = ocr_pdf_pages(doc, data, options)
    return doc


def failed_result(info: DocumentInfo, exc: IntakeError) -> ExtractionResult:
    """A `failed` result carrying the error's stable code and advice."""
    return ExtractionResult(
        status="failed",
        error=ErrorInfo(code=exc.code, message=exc.message, retryable=exc.retryable),
        document=info,
    )


def analyse(
    doc: ReadDocument,
    base: DocumentInfo,
    options: ExtractOptions,
    today: date | None,
    registry: OrderRegistry | None,
    *,
    doc_type: str | None = None,
    refine: Refiner | None = None,
    free_text: bool = True,
) -> ExtractionResult:
    """Language, document type, fields and checks of one read document.

    Args:
        doc: The read document (or one part of an e-mail).
        base: Identity of the input (source, sha256).
        options: Extraction options.
        today: Processing date for checks.
        registry: Order registry for duplicate checks.
        doc_type: The document type when the caller knows it (an e-mail body); classified when None.
        refine: Called with the result, the document and its layout after the fields are read and before the
            checks run (the e-mail merge adds free-text lines and header facts there).
        free_text: Read items and terms written as text when no table gave items; False when `refine` does
            (an e-mail body, read once for its type).

    Returns:
        The result.

    """
    layout = build_layout(doc)
    info = base.model_copy(deep=True)
    info.kind = doc.kind  # type: ignore[assignment]
    info.media_type = doc.media_type
    info.pages = len(doc.pages)
    info.ocr = any(p.ocr for p in doc.pages)
    info.language = doc.metadata.get("language") or detect_language(layout.text)
    info.parts = [PartInfo.model_validate(p) for p in _parts(doc)]
    for key in ("subject", "message_id", "sender"):
        setattr(info, key, doc.metadata.get(key))
    doc_type = doc_type or classify(doc, layout)
    result = ExtractionResult(document=info)
    if doc.metadata.get("type_mismatch"):
        result.findings.append(
            Finding(
                code="input.type_mismatch",
                severity="warning",
                field=None,
                message=doc.metadata["type_mismatch"],
            )
        )
    if doc_type in NOT_ORDERS:
        info.doc_type = doc_type  # type: ignore[assignment]
        result.status = "not_an_order"
        return result
    order, evidence, findings = extract_fields(doc, info.language, layout)
    result.order, result.evidence = order, evidence
    if free_text and not order.line_items:
        _read_free_text(result, doc, layout)
    if doc_type is None:
        doc_type = "purchase_order" if (order.order_number or order.line_items) else "other"
    info.doc_type = doc_type  # type: ignore[assignment]
    result.findings.extend(findings)
    if refine is not None:
        refine(result, doc, layout)
    derive_values(result)
    from extractors.checks import run_checks

    run_checks(result, options, today, registry)
    _flag_low_ocr_confidence(result, doc, options)
    return result


def _flag_low_ocr_confidence(result: ExtractionResult, doc: ReadDocument, options: ExtractOptions) -> None:
    """A page OCRed with low confidence makes the order needs_review: its values may be misread."""
    import json

    pages = json.loads(doc.metadata.get("ocr", "[]"))
    low = [p for p in pages if p.get("words") and p.get("confidence", 1.0) < options.ocr.min_confidence]
    for page in low:
        result.findings.append(
            Finding(
                code="ocr.low_confidence",
                severity="error",
                field=None,
                message=f"Page {page['page']} was read by OCR with low confidence ({page['confidence']:.2f}); "
                "check every value against the scan, or ask the customer for a better copy.",
            )
        )
    if low and result.status == "complete":
        result.status = "needs_review"


def _read_free_text(result: ExtractionResult, doc: ReadDocument, layout: Layout) -> None:
    """No line-item table: read items written as lines or sentences ("1. Mug ... Qty: 1 150 | Price: 1,29")."""
    from extractors.freetext.apply import apply_items, apply_terms, read_layout
    from extractors.lexicons import available_languages, load_lexicon

    language = result.document.language
    date_order = load_lexicon(language).date_order if language in available_languages() else "DMY"
    free = read_layout(layout, language, date_order)
    apply_items(result, free, layout, doc.part)
    apply_terms(result, free, layout, doc.part)


def _parts(doc: ReadDocument) -> list[dict[str, str]]:
    raw = doc.metadata.get("parts")
    if not raw:
        return []
    import json

    parts = json.loads(raw)
    return [p for p in parts if isinstance(p, dict)]
