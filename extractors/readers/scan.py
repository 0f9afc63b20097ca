"""OCR for the pages of a PDF that have no usable text layer (scans, faxes printed to PDF, photos in a PDF).

The page image is taken without lossy or slow detours: a page that is one full-page image (what scanners and
fax gateways write) gives that image directly, a JPEG as its original bytes (Tesseract reads them as they
are) and any other encoding as pdfium's decoded bitmap; any other page is rendered in grayscale at
`options.ocr.dpi`. Words come back in PDF points, like the words of a text layer.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from extractors.ocr import PageImage, ocr_pages
from extractors.readers.image import ocr_document
from models.errors import CorruptInputError
from models.options import ExtractOptions
from models.pages import ReadDocument

PDFIUM_LOCK = threading.Lock()
"""pdfium is not thread-safe: every call into it, for any document, takes this lock."""
FULL_PAGE = 0.97
"""An image covering at least this share of the page width and height is the page."""
_IGNORED_OBJECTS = {pdfium_c.FPDF_PAGEOBJ_TEXT}
"""Objects that may sit on a scanned page without being part of its picture (an invisible, unusable OCR
text layer)."""


def ocr_pdf_pages(doc: ReadDocument, data: bytes, options: ExtractOptions) -> ReadDocument:
    """Replace every page flagged `needs_ocr` by its OCRed page.

    Args:
        doc: The PDF reader's document.
        data: The PDF bytes.
        options: OCR options and limits.

    Returns:
        The document with OCRed pages (`Page.ocr=True`, words in PDF points); its kind becomes `scanned_pdf`
        when every page was OCRed.

    Raises:
        OcrError: Tesseract or a configured language is missing.
        InputTimeoutError: a page took longer than the parse time limit.
        CorruptInputError: pdfium cannot open the PDF.
    """
    indexes = [i for i, page in enumerate(doc.pages) if page.needs_ocr]
    if not indexes:
        return doc
    if not options.ocr.enabled:
        doc.warnings.append(f"{len(indexes)} page(s) have no text layer and OCR is disabled; they were not read.")
        return doc
    pdf = _open(data)
    try:
        sources = [_page_source(pdf, doc.pages[i].number, options.ocr.dpi) for i in indexes]
        ocr = ocr_document("scanned_pdf", doc.media_type, ocr_pages(sources, options), True, options.ocr.min_confidence)
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    pages = list(doc.pages)
    for index, page in zip(indexes, ocr.pages, strict=True):
        pages[index] = replace(page, number=doc.pages[index].number)  # tables: the OCR page's ruled grids
    result = replace(doc, pages=pages, warnings=[*doc.warnings, *ocr.warnings])
    result.metadata = {**doc.metadata, "ocr": ocr.metadata["ocr"]}
    if len(indexes) == len(doc.pages):
        result.kind = "scanned_pdf"
    return result


def _open(data: bytes) -> pdfium.PdfDocument:
    with PDFIUM_LOCK:
        try:
            return pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise CorruptInputError(f"The PDF could not be opened for OCR ({exc}).") from exc


def _page_source(pdf: pdfium.PdfDocument, number: int, dpi: int) -> Callable[[], PageImage]:
    def load() -> PageImage:
        with PDFIUM_LOCK:
            page = pdf[number - 1]
            try:
                return embedded_page_image(page, number) or render_page(page, number, dpi)
            finally:
                page.close()

    return load


def render_page(page: pdfium.PdfPage, number: int, dpi: int) -> PageImage:
    """The page rendered in grayscale at dpi (pdfium applies the page's /Rotate)."""
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    return PageImage(number, bitmap.to_pil(), (float(dpi), float(dpi)))


def embedded_page_image(page: pdfium.PdfPage, number: int) -> PageImage | None:
    """The page's one full-page image as stored (None when the page is more than that image).

    The page may carry text objects besides the image (an unusable text layer); any other object, a form
    XObject, a /Rotate or a flipped or turned placement makes the page go through rendering instead.
    """
    if page.get_rotation() % 360:
        return None
    objects = list(page.get_objects(max_depth=0))
    images = [o for o in objects if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    if len(images) != 1 or any(o.type not in _IGNORED_OBJECTS for o in objects if o is not images[0]):
        return None
    image = images[0]
    matrix = image.get_matrix()
    left, bottom, right, top = image.get_bounds()
    width, height = page.get_size()
    covers = (right - left) >= FULL_PAGE * width and (top - bottom) >= FULL_PAGE * height
    if not covers or matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
        return None
    px_width, px_height = image.get_px_size()
    dpi = (px_width * 72.0 / (right - left), px_height * 72.0 / (top - bottom))
    if image.get_filters() == ["DCTDecode"]:
        jpeg = bytes(image.get_data(decode_simple=False))
        picture = Image.open(io.BytesIO(jpeg))
        if picture.mode in ("L", "RGB"):
            return PageImage(number, picture, dpi, jpeg, ".jpg")
    return PageImage(number, image.get_bitmap(render=False).to_pil(), dpi)
