"""Image files (PNG, JPEG, TIFF with several pages or fax compression, WebP, BMP, GIF): every frame OCRed.

Word boxes are in pixels of the page image Tesseract read: upright, deskewed and with square pixels at the
resolution stated in `metadata["ocr"]` (a 204x98 dpi fax frame is read at 204x204 dpi). Pillow decodes lazily:
sizes and frame counts are checked against the limits before any pixel is decoded.
"""

from __future__ import annotations

import io
import json
import threading
import warnings
from collections.abc import Callable, Mapping
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from extractors.ocr import OcrPage, PageImage, ocr_pages
from models.errors import CorruptInputError, InputTooLargeError
from models.options import ExtractOptions, Limits
from models.pages import Cell, Page, ReadDocument, Table, Word

PASS_THROUGH_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "TIFF": ".tif", "WEBP": ".webp", "BMP": ".bmp"}
"""Formats Tesseract (Leptonica) reads itself: a frame that needs no correction is handed over as the file."""
EXIF_ORIENTATION = 0x0112


class ImageReader:
    """Scans, photos and faxes stored as image files."""

    kind = "image"

    def read(self, data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
        """OCR every frame of an image file.

        Args:
            data: The image file's bytes.
            name: Display name for messages.
            options: `limits.max_image_pixels`, `limits.max_tiff_frames` and the OCR options.

        Returns:
            An `image` document with one OCRed page per frame.

        Raises:
            InputTooLargeError: too many pixels or frames.
            CorruptInputError: the file is not a readable image or is truncated.
            OcrError: Tesseract or a configured language is missing.
        """
        image = open_image(data, name, options.limits)
        sources = frame_sources(image, data, name, options.limits)
        pages = ocr_pages(sources, options)
        media_type = Image.MIME.get(image.format or "", "image/" + (image.format or "unknown").lower())
        return ocr_document("image", media_type, pages, dpi_points=False, min_confidence=options.ocr.min_confidence)


def open_image(data: bytes, name: str, limits: Limits) -> Image.Image:
    """Open an image without decoding it, enforcing the pixel and frame limits."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise InputTooLargeError(f"{name} has more pixels than an image may have; send a smaller scan.") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise CorruptInputError(f"{name} is not a readable image ({exc}); it may be damaged or truncated.") from exc
    frames = getattr(image, "n_frames", 1)
    if frames > limits.max_tiff_frames:
        raise InputTooLargeError(f"{name} has {frames} pages, more than the limit of {limits.max_tiff_frames}.")
    _check_pixels(image, name, limits)
    return image


def _check_pixels(image: Image.Image, name: str, limits: Limits) -> None:
    if image.width * image.height > limits.max_image_pixels:
        raise InputTooLargeError(
            f"{name} is {image.width}x{image.height} pixels, more than the limit of {limits.max_image_pixels}; "
            "scan at 300 dpi or less."
        )


def frame_sources(image: Image.Image, data: bytes, name: str, limits: Limits) -> list[Callable[[], PageImage]]:
    """One loader per frame; loaders share the decoder, so they take turns on a lock."""
    lock = threading.Lock()
    frames = getattr(image, "n_frames", 1)

    def load(index: int) -> PageImage:
        with lock:
            return _load_frame(image, index, data if frames == 1 else None, name, limits)

    return [lambda index=index: load(index) for index in range(frames)]  # type: ignore[misc]


def _load_frame(image: Image.Image, index: int, data: bytes | None, name: str, limits: Limits) -> PageImage:
    try:
        image.seek(index)
        _check_pixels(image, name, limits)
        frame = image.copy()
        frame.load()
    except (OSError, ValueError, SyntaxError) as exc:
        raise CorruptInputError(
            f"Page {index + 1} of {name} could not be decoded ({exc}); the file may be truncated."
        ) from exc
    turned = frame.getexif().get(EXIF_ORIENTATION, 1) not in (None, 1)
    if turned:
        ImageOps.exif_transpose(frame, in_place=True)
    encoded = data if data is not None and not turned and _tesseract_reads_as_is(image) else None
    suffix = PASS_THROUGH_FORMATS.get(image.format or "", ".png")
    return PageImage(index + 1, frame, _dpi(image.info), encoded, suffix)


def _tesseract_reads_as_is(image: Image.Image) -> bool:
    """True for single images Leptonica decodes to the same pixels Pillow does (no alpha, no palette tricks)."""
    if image.format not in PASS_THROUGH_FORMATS:
        return False
    return image.mode in ("1", "L", "RGB") and "transparency" not in image.info


def _dpi(info: Mapping[Any, Any]) -> tuple[float, float] | None:
    value = info.get("dpi")
    if isinstance(value, tuple) and len(value) == 2:
        try:
            return (float(value[0]), float(value[1]))
        except (TypeError, ValueError):
            return None
    return None


def ocr_document(
    kind: str, media_type: str, pages: list[OcrPage], dpi_points: bool, min_confidence: float = 0.6
) -> ReadDocument:
    """A ReadDocument of OCRed pages, with per-page OCR facts in `metadata["ocr"]` and low-confidence warnings.

    Args:
        kind: `image` or `scanned_pdf`.
        media_type: The input's media type.
        pages: OCR results in page order.
        dpi_points: Convert pixel boxes to PDF points (72 per inch) instead of keeping pixels.
        min_confidence: Pages read with a lower mean word confidence get a warning.
    """
    document = ReadDocument(kind=kind, media_type=media_type, pages=[to_page(p, dpi_points) for p in pages])
    document.metadata["ocr"] = json.dumps([ocr_facts(p) for p in pages])
    for page in pages:
        if page.words and page.mean_conf < min_confidence:
            document.warnings.append(
                f"Page {page.number} was read by OCR with low confidence ({page.mean_conf:.2f}); "
                "check the values against the scan."
            )
    return document


def to_page(ocr: OcrPage, dpi_points: bool) -> Page:
    """The reading-structure page of an OCR result (pixels, or PDF points when dpi_points)."""
    factor = 72.0 / ocr.dpi if dpi_points else 1.0
    page = Page(number=ocr.number, width=ocr.width * factor, height=ocr.height * factor, ocr=True)
    page.words = ocr.words
    if factor != 1.0:
        for word in page.words:
            word.x0, word.top, word.x1, word.bottom = (v * factor for v in word.bbox)
    # A ruled grid's rows, known from the rules erased before OCR: one cell per row gives the line-item reader
    # the row bands (a description wrapped over three lines beside figures centred in their row).
    # A grid whose rules cut through words is no grid of rows (a jagged table, columns shifted against each other).
    grids = [
        [(x0 * factor, top * factor, x1 * factor, bottom * factor) for x0, top, x1, bottom in g] for g in ocr.grid_rows
    ]
    page.tables = [
        Table([[Cell("", *row)] for row in rows], "ocr")
        for rows in grids
        if not _words_across(page.words, [(x0, bottom, x1) for x0, _, x1, bottom in rows[:-1]])
    ]
    return page


def _words_across(words: list[Word], rules: list[tuple[float, float, float]]) -> bool:
    """Whether a word stands across one of the rules (x0, y, x1)."""
    for word in words:
        cut = 0.3 * (word.bottom - word.top)
        for x0, y, x1 in rules:
            if x0 <= (word.x0 + word.x1) / 2 <= x1 and word.top + cut < y < word.bottom - cut:
                return True
    return False


def ocr_facts(page: OcrPage) -> dict[str, object]:
    """What OCR did to a page, for diagnostics."""
    return {
        "page": page.number,
        "dpi": round(page.dpi, 1),
        "rotation": page.rotation,
        "skew": page.skew,
        "languages": list(page.languages),
        "confidence": round(page.mean_conf, 3),
        "words": len(page.words),
    }
