"""Readers: bytes of any supported format in, a `ReadDocument` of pages of words out.

`read_input` sniffs the content (the extension is only a hint), picks the reader registered for the media
type and notes in `metadata["type_mismatch"]` when the extension promised something else.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from extractors.readers.base import Reader
from extractors.readers.sniff import (
    DOCX,
    EMAIL,
    ENCRYPTED_OOXML,
    HTML,
    LEGACY_DOC,
    LEGACY_PPT,
    LEGACY_XLS,
    ODF_SHEET,
    ODF_TEXT,
    OUTLOOK_MSG,
    PDF,
    PPTX,
    RTF,
    TEXT,
    TYPE_NAMES,
    XLSX,
    extension_mismatch,
    sniff_media_type,
)
from models.errors import CorruptInputError, EncryptedInputError, InputTooLargeError, UnsupportedTypeError
from models.options import ExtractOptions
from models.pages import ReadDocument

__all__ = ["READERS", "Reader", "extension_mismatch", "read_input", "reader_for", "sniff_media_type"]

ReaderFactory = Callable[[], Reader]


def _lazy(module: str, class_name: str) -> ReaderFactory:
    """A factory that imports the reader's module only when a file of its type arrives."""

    def factory() -> Reader:
        try:
            loaded = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            raise UnsupportedTypeError(
                f"Reading this type of file ({module.rsplit('.', 1)[-1]}) is not available in this installation."
            ) from exc
        reader: Reader = getattr(loaded, class_name)()
        return reader

    return factory


_IMAGE_READER = _lazy("extractors.readers.image", "ImageReader")
_EMAIL_READER = _lazy("extractors.readers.email", "EmailReader")

READERS: dict[str, ReaderFactory] = {
    PDF: _lazy("extractors.readers.pdf", "PdfReader"),
    DOCX: _lazy("extractors.readers.docx", "DocxReader"),
    XLSX: _lazy("extractors.readers.xlsx", "XlsxReader"),
    TEXT: _lazy("extractors.readers.text", "TextReader"),
    HTML: _lazy("extractors.readers.text", "HtmlReader"),
    EMAIL: _EMAIL_READER,
    OUTLOOK_MSG: _EMAIL_READER,
    "image/png": _IMAGE_READER,
    "image/jpeg": _IMAGE_READER,
    "image/tiff": _IMAGE_READER,
    "image/webp": _IMAGE_READER,
    "image/gif": _IMAGE_READER,
    "image/bmp": _IMAGE_READER,
}
"""Media type -> reader factory. Readers are imported on first use, so `orderintake` starts fast."""

_SAVE_AS_HINTS: dict[str, str] = {
    LEGACY_DOC: "please save it as .docx or PDF and send it again",
    LEGACY_XLS: "please save it as .xlsx or PDF and send it again",
    LEGACY_PPT: "please send the order as PDF",
    PPTX: "please send the order as PDF",
    ODF_TEXT: "please save it as .docx or PDF and send it again",
    ODF_SHEET: "please save it as .xlsx or PDF and send it again",
    RTF: "please save it as .docx or PDF and send it again",
    "image/heic": "please send it as JPEG, PNG or PDF",
}


def reader_for(media_type: str) -> Reader:
    """The reader for a media type.

    Args:
        media_type: A sniffed media type.

    Returns:
        A reader instance.

    Raises:
        EncryptedInputError: for password-protected Office documents.
        UnsupportedTypeError: for every type without a reader, with advice on what to send instead.

    """
    if media_type == ENCRYPTED_OOXML:
        raise EncryptedInputError(
            "The Office document is password protected; please remove the password and send it again."
        )
    factory = READERS.get(media_type)
    if factory is None:
        described = TYPE_NAMES.get(media_type, media_type)
        hint = _SAVE_AS_HINTS.get(media_type, "please send the order as PDF, Word, Excel, e-mail or image")
        raise UnsupportedTypeError(f"The file is {described}, which orderintake cannot read; {hint}.")
    return factory()


def read_input(data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
    """Read one input file with the reader its content calls for.

    Args:
        data: The file's bytes.
        name: The file name (used as a hint and in messages, never opened).
        options: Limits and OCR options, passed to the reader.

    Returns:
        The read document; `metadata["type_mismatch"]` holds a message when the extension disagrees.

    Raises:
        InputTooLargeError: the file is larger than `max_file_bytes` (or the reader's own limits).
        CorruptInputError: the file is empty or damaged.
        EncryptedInputError: the file is password protected.
        UnsupportedTypeError: no reader exists for the content.

    """
    if len(data) > options.limits.max_file_bytes:
        raise InputTooLargeError(
            f"The file has {len(data):,} bytes, more than the limit of {options.limits.max_file_bytes:,}."
        )
    if not data or (len(data) < 4096 and not data.strip()):
        raise CorruptInputError("The file is empty.")
    media_type = sniff_media_type(data, name)
    document = reader_for(media_type).read(data, name, options)
    mismatch = extension_mismatch(media_type, name)
    if mismatch:
        document.metadata["type_mismatch"] = mismatch
    return document
