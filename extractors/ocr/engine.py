"""`TesseractOcr`: one `tesseract` process per call, through pytesseract, with errors that say what to do.

Images are always handed over as file paths (an uncompressed PGM we wrote once, or the original file), so
pytesseract never re-encodes them to PNG. Each process runs single-threaded (`OMP_THREAD_LIMIT=1`): Tesseract's
OpenMP threads speed one page up by far less than they cost, and pages run in parallel instead (see
`extractors.ocr.pool`).
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytesseract

from extractors.ocr.languages import debian_package
from extractors.ocr.tsv import TextLine, parse_tsv, stacked_lines, text_lines
from models.errors import InputTimeoutError, OcrError
from models.pages import Word

_INSTALL_HINT = "install it with `apt-get install tesseract-ocr` (or run `make setup`)"
_TOO_FEW_CHARACTERS = "Too few characters"


@dataclass(slots=True)
class OcrText:
    """What one recognition pass returned."""

    words: list[Word]
    language: str
    """The `-l` argument used (`deu`, `chi_sim`)."""
    psm: int
    stacked: list[tuple[int, int]] = field(default_factory=list)
    """Top and bottom of lines stacked from side-by-side columns and misread (`tsv.stacked_lines`)."""
    lines: list[TextLine] = field(default_factory=list)
    """Tesseract's text lines: boxes and confidences (`tsv.text_lines`)."""

    @property
    def mean_conf(self) -> float:
        """Mean word confidence in [0, 1], weighted by word length (0 for no words)."""
        total = sum(len(w.text) for w in self.words)
        return sum(w.conf * len(w.text) for w in self.words) / total if total else 0.0

    @property
    def text(self) -> str:
        """The words joined by spaces, in Tesseract's reading order."""
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True, slots=True)
class Orientation:
    """Tesseract OSD's answer for an image."""

    rotate: int
    """Clockwise degrees (0, 90, 180, 270) to turn the image by so that its text is upright."""
    orientation_conf: float
    script: str
    script_conf: float


@dataclass(slots=True)
class _Installed:
    version: str
    languages: set[str] = field(default_factory=set)
    characters: dict[str, frozenset[str] | None] = field(default_factory=dict)
    """Characters each language's LSTM model can output (None: unknown), read on first use."""


class TesseractOcr:
    """Runs the `tesseract` command: recognition to words with boxes, and orientation/script detection.

    Args:
        timeout_s: Time limit for one tesseract process; past it `InputTimeoutError` is raised.

    Raises:
        OcrError: (on construction) the tesseract binary is not installed.

    """

    _installed: _Installed | None = None
    _lock = threading.Lock()

    def __init__(self, timeout_s: float = 120.0) -> None:
        self.timeout_s = timeout_s
        # pytesseract starts tesseract with os.environ as its environment and offers no other way to pass
        # one, so the single-thread limit is set here once for every child process of this program (an
        # explicit value set by the operator is kept).
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        self.installed = self._probe_installation()

    @classmethod
    def _probe_installation(cls) -> _Installed:
        with cls._lock:
            if cls._installed is None:
                try:
                    version = str(pytesseract.get_tesseract_version())
                    languages = set(pytesseract.get_languages(config=""))
                except (pytesseract.TesseractNotFoundError, OSError) as exc:
                    raise OcrError(f"The OCR engine Tesseract is not installed: {_INSTALL_HINT}.") from exc
                cls._installed = _Installed(version=version, languages=languages)
            return cls._installed

    def characters(self, language: str) -> frozenset[str] | None:
        """The characters a language's model can output at all (None when its traineddata cannot be read).

        Some models lack characters every order has: the Debian `spa` and `por` models have no `@`, `#` or
        `&` (an e-mail address comes out as `aruizecombajio.example`, whatever the image quality).
        """
        with self._lock:
            if language not in self.installed.characters:
                self.installed.characters[language] = model_characters(language)
            return self.installed.characters[language]

    def check_languages(self, languages: list[str]) -> None:
        """Raise OcrError naming the package to install when a language's traineddata is missing."""
        missing = [lang for lang in languages if lang not in self.installed.languages]
        if missing:
            packages = " ".join(debian_package(lang) for lang in missing)
            raise OcrError(
                f"Tesseract has no language data for {', '.join(missing)}: install `apt-get install {packages}` "
                f"or remove the language from the OCR languages setting (installed: "
                f"{', '.join(sorted(self.installed.languages - {'osd'}))})."
            )

    def recognize(
        self, image_path: str, languages: list[str], psm: int = 3, dpi: float | None = None, options: str = ""
    ) -> OcrText:
        """Recognize an image file into words with pixel boxes and confidences in [0, 1].

        Args:
            image_path: A PGM/PPM/TIFF/PNG/JPEG file Tesseract can read.
            languages: Tesseract language codes, the first one primary.
            psm: Tesseract page segmentation mode (3: automatic page, 6: one uniform block).
            dpi: The image's resolution (PGM files carry none; Tesseract would guess it from the text size).
            options: More tesseract arguments (`-c thresholding_method=2`).

        Raises:
            OcrError: Tesseract failed or a language is missing.
            InputTimeoutError: the page took longer than the time limit.

        """
        self.check_languages(languages)
        lang = "+".join(languages)
        config = f"--psm {psm}" + (f" --dpi {round(dpi)}" if dpi else "") + (f" {options}" if options else "")
        tsv, text = self._run(_data_and_text, image_path, lang=lang, config=config)
        return OcrText(
            words=parse_tsv(tsv, text), language=lang, psm=psm, stacked=stacked_lines(tsv), lines=text_lines(tsv)
        )

    def orientation(self, image_path: str, dpi: float | None = None) -> Orientation | None:
        """Tesseract OSD (`--psm 0`): rotation and script of an image, or None when it has too little text."""
        self.check_languages(["osd"])
        config = f"--dpi {round(dpi)}" if dpi else ""
        try:
            text = self._run(pytesseract.image_to_osd, image_path, lang="osd", config=config)
        except OcrError as exc:
            if _TOO_FEW_CHARACTERS in exc.message:
                return None
            raise
        return parse_osd(str(text))

    def _run(self, function: Callable[..., Any], image_path: str, **kwargs: object) -> Any:
        try:
            return function(image_path, timeout=self.timeout_s, **kwargs)
        except pytesseract.TesseractNotFoundError as exc:
            raise OcrError(f"The OCR engine Tesseract is not installed: {_INSTALL_HINT}.") from exc
        except pytesseract.TesseractError as exc:
            message = str(exc.message).strip() if isinstance(exc.message, str) else str(exc)
            raise OcrError(f"Tesseract failed on a page: {message[-300:]}") from exc
        except RuntimeError as exc:  # pytesseract's timeout (TesseractError, also a RuntimeError, is above)
            if "timeout" not in str(exc).lower():
                raise
            raise InputTimeoutError(
                f"OCR of a page took longer than {self.timeout_s:g} s; raise the parse timeout or send a "
                "smaller or cleaner scan.",
                retryable=True,
            ) from exc


LSTM_UNICHARSET = 21
"""Index of the LSTM model's character set in a traineddata file's component table (tessdatamanager.h)."""


def model_characters(language: str) -> frozenset[str] | None:
    """The characters in the LSTM character set of an installed language's traineddata (None: not readable)."""
    try:
        listing = subprocess.run(
            [pytesseract.pytesseract.tesseract_cmd, "--list-langs"], capture_output=True, text=True, timeout=30
        ).stdout
        folder = re.search(r'"([^"]+)"', listing)
        if folder is None:
            return None
        data = (Path(folder.group(1)) / f"{language}.traineddata").read_bytes()
        count = struct.unpack_from("<i", data)[0]
        offsets = struct.unpack_from(f"<{count}q", data, 4)
        start = offsets[LSTM_UNICHARSET] if count > LSTM_UNICHARSET else -1
        if start < 0:
            return None
        end = min([o for o in offsets[LSTM_UNICHARSET + 1 :] if o > start] or [len(data)])
        lines = data[start:end].decode("utf-8", errors="replace").splitlines()[1:]
    except (OSError, subprocess.SubprocessError, struct.error, ValueError):
        return None
    return frozenset(line.split(" ", 1)[0] for line in lines if line.strip())


def _data_and_text(image_path: str, timeout: float, lang: str, config: str) -> tuple[str, str]:
    """One tesseract run writing both TSV (word boxes) and plain text (where the engine put spaces).

    The TSV has no space information: Tesseract emits Han text as one "word" per character or two, whether
    or not a space separates them on the page, while its text output joins the words of a run and puts a
    space only where its recognizer saw one. pytesseract's `image_to_data` gives TSV only, so this runs the
    command itself through pytesseract's helpers (same binary, errors and time limit).
    """
    with pytesseract.pytesseract.save(image_path) as (base, input_path):
        pytesseract.pytesseract.run_tesseract(
            input_path, base, "tsv txt", lang, f"-c tessedit_create_tsv=1 {config}", timeout=timeout
        )
        return (
            Path(f"{base}.tsv").read_text(encoding="utf-8", errors="replace"),
            Path(f"{base}.txt").read_text(encoding="utf-8", errors="replace"),
        )


_OSD_FIELD = re.compile(r"^(Rotate|Orientation confidence|Script|Script confidence):\s*(.+)$", re.MULTILINE)


def parse_osd(text: str) -> Orientation | None:
    """Orientation from Tesseract's OSD text output, or None when it is incomplete."""
    fields = dict(_OSD_FIELD.findall(text))
    try:
        return Orientation(
            rotate=int(fields["Rotate"]) % 360,
            orientation_conf=float(fields["Orientation confidence"]),
            script=fields["Script"].strip(),
            script_conf=float(fields["Script confidence"]),
        )
    except (KeyError, ValueError):
        return None
