"""OCR with Tesseract: page images in, pages of words with boxes and confidences out.

`ocr_pages` is the entry point used by the image reader and the scanned-PDF reader; `TesseractOcr` is the
engine wrapper, `preprocess` normalizes page images, `probe` finds orientation, script and language.
"""

from extractors.ocr.engine import OcrText, Orientation, TesseractOcr
from extractors.ocr.pool import OcrPage, PageSource, ocr_pages
from extractors.ocr.preprocess import PageImage

__all__ = ["OcrPage", "OcrText", "Orientation", "PageImage", "PageSource", "TesseractOcr", "ocr_pages"]
