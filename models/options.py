"""Options passed down from the edges (CLI, flows) into extraction and checks."""

from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from models.company import CompanyProfile


class Limits(BaseModel):
    """Caps on untrusted input. Every reader honours them and raises InputTooLargeError past them."""

    max_file_bytes: int = 100 * 1024 * 1024
    max_pages: int = 200
    max_image_pixels: int = 80_000_000
    max_tiff_frames: int = 50
    max_zip_entries: int = 2_000
    max_zip_uncompressed_bytes: int = 300 * 1024 * 1024
    max_zip_ratio: float = 200.0
    max_mime_parts: int = 200
    max_mime_depth: int = 8
    max_header_bytes: int = 256 * 1024
    max_text_chars: int = 500_000
    parse_timeout_s: float = 120.0
    parse_memory_bytes: int = 2 * 1024**3


class OcrOptions(BaseModel):
    """How OCR is run."""

    enabled: bool = True
    languages: list[str] = Field(default_factory=lambda: ["eng", "deu", "fra", "spa", "ita", "por", "nld", "chi_sim"])
    dpi: int = 300
    workers: int = 0
    """Parallel Tesseract processes; 0 means one per CPU core."""
    min_confidence: float = 0.6


class ExtractOptions(BaseModel):
    """Everything extraction needs besides the input."""

    limits: Limits = Field(default_factory=Limits)
    isolate: bool = True
    """Read (and OCR) each input in a separate process under `limits.parse_timeout_s` and
    `limits.parse_memory_bytes` (see `extractors.isolation`); off reads in the calling process, unguarded."""
    ocr: OcrOptions = Field(default_factory=OcrOptions)
    today: date | None = None
    """The processing date (for relative checks); None means the real today."""
    default_country: str | None = None
    """Country used to resolve ambiguous dates when the document does not tell."""
    company: CompanyProfile = Field(default_factory=CompanyProfile)
    """Our own company (the seller), for the checks; filled from the settings' `[company]`."""
    policy_file: Path | None = None
    """A company policy file for the checks; None uses validators/data/policy.yaml."""
