"""The reader interface: bytes in, a ReadDocument of pages-of-words out."""

from __future__ import annotations

from typing import Protocol

from models.options import ExtractOptions
from models.pages import ReadDocument


class Reader(Protocol):
    """One input format. Readers are chosen by sniffed content (see `extractors.readers.sniff`)."""

    kind: str
    """The `document.kind` this reader produces (`pdf`, `docx`, ...)."""

    def read(self, data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
        """Read one file.

        Args:
            data: The file's bytes (already size-checked against options.limits.max_file_bytes).
            name: A display name for evidence (`part`) and messages; never used as a path.
            options: Limits and OCR options.

        Raises:
            IntakeError: a subclass with a stable code when the file cannot be read.
        """
        ...
