"""Risky reading in a child process: a hang or a memory blow-up costs one document, never the worker.

Parsing untrusted files (pdfminer/pdfplumber, Pillow, pdfium, Tesseract) runs in a reader process (see
`extractors.reader_processes`) with an address-space limit (`RLIMIT_AS = limits.parse_memory_bytes`, inherited
by the Tesseract processes it starts) and a wall-clock limit (`limits.parse_timeout_s`, for the whole reading of
one input, attachments and OCR included). The child returns the picklable `ReadDocument`. A hang becomes
`input.timeout`, a memory blow-up or a crashed reader `input.too_large`, a reader bug `internal.error`; the
caller goes on with its next document.

After reading, a document holding more text than `limits.max_text_chars` is refused (`input.too_large`): the
field analysis that follows runs in the calling process and takes time in proportion to the text.
"""

from __future__ import annotations

from collections.abc import Callable

from extractors import reader_processes
from models.errors import InputTooLargeError
from models.options import ExtractOptions
from models.pages import ReadDocument

ReadFunction = Callable[[bytes, str, ExtractOptions], ReadDocument]
"""A reading function: bytes, file name and options in, a document out. Module-level, so that it can be sent
to a reader process by reference."""


def read_isolated(data: bytes, name: str, options: ExtractOptions, *, read: ReadFunction | None = None) -> ReadDocument:
    """Read one input in a reader process under the time and memory limits of `options.limits`.

    Runs in the calling process instead when `options.isolate` is off.

    Args:
        data: The file's bytes.
        name: The file name (a hint for sniffing and messages).
        options: Limits (`parse_timeout_s`, `parse_memory_bytes`) and reading options.
        read: The reading function; `extractors.api.read_document` (read + OCR) when None. Tests pass a
            module-level function here to inject hangs and memory blow-ups.

    Returns:
        The read document.

    Raises:
        InputTimeoutError: reading took longer than `parse_timeout_s`.
        InputTooLargeError: reading ran out of `parse_memory_bytes` or the reader process died.
        IntakeError: whatever the reader raised (encrypted, corrupt, unsupported...), or `internal.error` for a
            reader bug or a reader process that cannot start.

    """
    if read is None:
        from extractors.api import read_document

        read = read_document
    if not options.isolate:
        return read_within_caps(read, data, name, options)
    limits = options.limits
    document: ReadDocument = reader_processes.run_limited(
        read_within_caps,
        (read, data, name, options),
        timeout_s=limits.parse_timeout_s,
        memory_bytes=limits.parse_memory_bytes,
    )
    return document


def read_within_caps(read: ReadFunction, data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """Read, then refuse a document with more text than `limits.max_text_chars` (attachments included).

    The field analysis after reading takes time in proportion to the text; this cap bounds it for every format
    (a PDF page, a DOCX or a sheet can hold any amount of text).

    Raises:
        InputTooLargeError: the document's words hold more characters than the cap.

    """
    document = read(data, name, options)
    chars = text_chars(document)
    if chars > options.limits.max_text_chars:
        raise InputTooLargeError(
            f"The document holds {chars:,} characters of text, more than the limit of "
            f"{options.limits.max_text_chars:,}; please send only the order."
        )
    return document


def text_chars(document: ReadDocument) -> int:
    """Characters in the words of a document's pages and of its attachments."""
    own = sum(len(word.text) for page in document.pages for word in page.words)
    return own + sum(text_chars(child) for child in document.children)


def shutdown_readers() -> None:
    """Stop every reader process of this process (done at exit as well)."""
    reader_processes.shutdown()
