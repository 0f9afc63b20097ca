"""The reading structure every reader produces: pages of words with boxes, plus tables.

These are plain slotted dataclasses rather than pydantic models: a page holds thousands of words and the
structure is internal to extraction, so construction speed matters more than validation.

Coordinates: origin top-left, y grows downwards; PDF points for PDFs, pixels for images, and a virtual grid
for formats without a layout (DOCX, XLSX, text), where each paragraph or row is one line of height 10.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Word:
    """One word (or cell fragment) with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0
    """Reading confidence in [0, 1]: 1.0 for a text layer, Tesseract's confidence for OCR."""

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """The box as (x0, top, x1, bottom)."""
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Cell:
    """One table cell: its text and box (box may be virtual)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 1.0


@dataclass(slots=True)
class Table:
    """A table whose structure the reader knows (ruled PDF table, DOCX table, spreadsheet range)."""

    rows: list[list[Cell | None]]
    source: str = "ruled"
    """How the structure is known: `ruled` (PDF lines), `docx`, `xlsx`, `ocr` (rules erased before OCR)."""


@dataclass(slots=True)
class Page:
    """One page (or sheet, or text block) of a document."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    ocr: bool = False
    needs_ocr: bool = False
    """Set by a reader when the page has no usable text layer and should be handed to OCR."""
    image_path: str | None = None


@dataclass(slots=True)
class EmbeddedData:
    """Structured order data embedded in the file (CII/Order-X, UBL XML), already parsed to a flat dict."""

    format: str
    fields: dict[str, object]


@dataclass(slots=True)
class ReadDocument:
    """What a reader returns for one input part."""

    kind: str
    media_type: str
    pages: list[Page]
    part: str | None = None
    """Name of the e-mail part this document came from, if any."""
    embedded: list[EmbeddedData] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    """Header facts such as e-mail subject, sender, date; the PDF producer; sheet names."""
    warnings: list[str] = field(default_factory=list)
    children: list[ReadDocument] = field(default_factory=list)
    """Attachments of an e-mail (each read by its own reader), in message order."""
