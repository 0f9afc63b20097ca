"""Words of a PDF page through poppler's `pdftotext -bbox`, for pages whose text pdfminer cannot decode.

pdfminer returns no characters at all for some embedded CID fonts (CFF-based CJK fonts that fpdf2 and other
generators write), although the page has a proper text layer that poppler reads. Such a page would otherwise
go to OCR, which is slower and reads worse than the text that is there. poppler-utils is installed with the
OCR packages; without it this fallback is skipped.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from models.pages import Word

logger = logging.getLogger(__name__)

TIMEOUT_S = 20.0
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.DOTALL)


class PopplerWords:
    """Reads pages of one PDF (given as bytes) with pdftotext, writing the file once when first needed."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._tool = shutil.which("pdftotext")

    def page(self, number: int) -> list[Word]:
        """Words of page `number` (1-based) with boxes from the page's top-left; [] when poppler is missing."""
        if self._tool is None:
            return []
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="orderintake-pdf-")
            (Path(self._dir.name) / "in.pdf").write_bytes(self._data)
        path = Path(self._dir.name) / "in.pdf"
        try:
            done = subprocess.run(
                [self._tool, "-q", "-f", str(number), "-l", str(number), "-bbox", str(path), "-"],
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            logger.debug("pdftotext failed on a page", exc_info=True)
            return []
        text = done.stdout.decode("utf-8", errors="replace")
        return [
            Word(html.unescape(m.group(5)), float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)))
            for m in _WORD.finditer(text)
            if m.group(5).strip()
        ]

    def close(self) -> None:
        """Remove the temporary copy."""
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
