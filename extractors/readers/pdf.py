"""Digital PDFs with pdfplumber: one word pass and (on pages with rulings) one table pass per page.

Pages whose text layer is missing or garbage are flagged `needs_ocr` for the scan reader. Embedded
structured data (ZUGFeRD / Factur-X / Order-X, UBL) is read from the same opened document.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from extractors.readers.embedded import read_embedded_data
from extractors.readers.pdfpage import page_tables, page_words, text_layer_unusable
from extractors.readers.poppler import PopplerWords
from models.errors import CorruptInputError, EncryptedInputError, InputTooLargeError, IntakeError
from models.options import ExtractOptions
from models.pages import Page, ReadDocument

logger = logging.getLogger(__name__)

_ENCRYPTED_MESSAGE = (
    "The PDF is password protected and cannot be read; please send an unprotected copy "
    "(or print it to a new PDF without a password)."
)


class PdfReader:
    """Digital PDFs: words with boxes, ruled tables, `needs_ocr` flags, embedded CII/UBL data."""

    kind = "pdf"

    def read(self, data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
        """Read a PDF.

        Args:
            data: The PDF bytes.
            name: Display name for messages.
            options: `limits.max_pages` is enforced.

        Returns:
            A `pdf` document with one page per PDF page, in points, origin top-left.

        Raises:
            EncryptedInputError: the PDF needs a password.
            CorruptInputError: the PDF is broken, truncated beyond repair or has no pages.
            InputTooLargeError: more pages than `max_pages`.

        """
        pdf = _open(data)
        try:
            return _read_document(pdf, data, options)
        except IntakeError:
            raise
        except (PdfminerException, PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise _translate_error(exc) from exc
        except Exception as exc:
            raise CorruptInputError(
                f"The PDF is damaged and could not be read ({type(exc).__name__}); please send the file again."
            ) from exc
        finally:
            _close(pdf)


def _close(pdf: pdfplumber.PDF) -> None:
    """Close the document; closing walks the page tree again, which a damaged file may break a second time."""
    try:
        pdf.close()
    except Exception:  # the reading error (or result) is what counts
        logger.debug("closing a damaged PDF failed", exc_info=True)


def _open(data: bytes) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(io.BytesIO(data), raise_unicode_errors=False)
    except (PdfminerException, PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _translate_error(exc) from exc
    except Exception as exc:
        raise CorruptInputError(
            f"The PDF is damaged and could not be opened ({type(exc).__name__}); please send the file again."
        ) from exc


def _translate_error(exc: Exception) -> IntakeError:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return EncryptedInputError(_ENCRYPTED_MESSAGE)
    return CorruptInputError(
        f"The PDF is damaged or incomplete and could not be read ({type(cause).__name__}: {cause}); "
        "please send the file again or export a new PDF."
    )


def _read_document(pdf: pdfplumber.PDF, data: bytes, options: ExtractOptions) -> ReadDocument:
    _check_page_count(pdf, options.limits.max_pages)
    poppler = PopplerWords(data)
    try:
        pages = [_read_page(page, poppler) for page in pdf.pages]
    finally:
        poppler.close()
    if not pages:
        raise CorruptInputError("The PDF has no pages; it may be truncated or damaged.")
    if _unreadable_encrypted(pdf, pages):
        raise EncryptedInputError(_ENCRYPTED_MESSAGE)
    document = ReadDocument(kind="pdf", media_type="application/pdf", pages=pages)
    document.metadata.update(_metadata(pdf))
    if b"%%EOF" not in data[-2048:]:
        document.warnings.append("The PDF has no end-of-file marker; it may be truncated and miss pages.")
    page_objects = [page.page_obj for page in pdf.pages]
    document.embedded.extend(read_embedded_data(pdf.doc, page_objects, options, document.warnings))
    return document


def _check_page_count(pdf: pdfplumber.PDF, max_pages: int) -> None:
    """Refuse too many pages: first by the declared count (cheap), then by the page tree itself."""
    for count in (_declared_page_count(pdf), len(pdf.pages)):
        if count is not None and count > max_pages:
            raise InputTooLargeError(f"The PDF has {count} pages, more than the limit of {max_pages}.")


def _declared_page_count(pdf: pdfplumber.PDF) -> int | None:
    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:
        return None
    return count if isinstance(count, int) else None


def _read_page(page: Any, poppler: PopplerWords) -> Page:
    try:
        words = page_words(page)
        if not words and not page.chars and _has_text_operators(page):
            words = poppler.page(page.page_number)  # a font pdfminer cannot decode (CFF CID fonts)
        tables = page_tables(page, words)
        result = Page(number=page.page_number, width=float(page.width), height=float(page.height))
        result.words = words
        result.tables = tables
        result.needs_ocr = text_layer_unusable(page, words)
        return result
    finally:
        page.close()


def _has_text_operators(page: Any) -> bool:
    """The page's content draws text (a "Tj"/"TJ" operator), so an empty character list is a decoding gap."""
    try:
        return any(b"Tj" in (data := resolve1(s).get_data()) or b"TJ" in data for s in page.page_obj.contents)
    except Exception:
        logger.debug("could not inspect a page's content stream", exc_info=True)
        return False


def _unreadable_encrypted(pdf: pdfplumber.PDF, pages: list[Page]) -> bool:
    """An encrypted PDF of which no page has text nor images: decryption did not give us the content."""
    if pdf.doc.encryption is None or any(page.words for page in pages):
        return False
    return not _has_images(pdf)


def _has_images(pdf: pdfplumber.PDF) -> bool:
    for page in pdf.pages:
        try:
            if page.images:
                return True
        finally:
            page.close()
    return False


def _metadata(pdf: pdfplumber.PDF) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for source, target in (("Producer", "producer"), ("Creator", "creator"), ("Title", "title")):
        value = pdf.metadata.get(source)
        if isinstance(value, bytes):
            value = value.decode("latin-1", errors="replace")
        if isinstance(value, str) and value.strip():
            metadata[target] = value.strip()
    if pdf.doc.encryption is not None:
        metadata["encrypted"] = "true"
    return metadata
