"""Page-parallel OCR of one document: probe once, then every page in its own tesseract process.

Recipe:
1. Prepare the first page with ink and probe it (orientation, script, language; see `extractors.ocr.probe`).
2. Prepare and recognise all pages in a thread pool (`options.ocr.workers`, default one per core): each thread
   waits on its own single-threaded tesseract process, so threads are enough for full parallelism.
3. Check each page after recognition: a page read with low confidence is probed on its own (it may be turned
   or in another script), and a page whose text is clearly in another configured language is read again in it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory

from extractors.ocr.engine import OcrText, TesseractOcr
from extractors.ocr.languages import identify_language, languages_for_script, script_of
from extractors.ocr.preprocess import PageImage, PreparedPage, enlarged, prepare
from extractors.ocr.probe import Plan, default_plan, plan_page
from extractors.ocr.reread import reread_missing_characters, reread_stacked_lines, reread_unsure_words
from extractors.ocr.tsv import email_pieces_joined
from models.options import ExtractOptions
from models.pages import Word

PageSource = Callable[[], PageImage]
"""Loads one page image; called in a worker thread (sources sharing a decoder must lock it themselves)."""

MAIN_PSM = 4
"""Page segmentation for the page pass: one column of text of varying size. Word boxes, not Tesseract's
reading order, make the layout, and on the scanned samples mode 4 read table rows more often whole than the
default automatic mode 3 (line-item F1 0.69 against 0.65, fields 0.845 against 0.840; docs/ocr.md)."""
LOW_CONF = 0.6
"""A page read with a lower mean confidence is probed on its own and read again if the probe disagrees."""
SWITCH_PROBABILITY = 0.9
SWITCH_MIN_LETTERS = 150
FIRST_PAGES_TO_PROBE = 3
HAN_DPI = 400.0
"""Han pages below this resolution are enlarged to it (bicubic) before recognition. Han characters carry far more
strokes than Latin letters, and `chi_sim` misreads more of them at 150-200 dpi. Measured on the three Chinese
scans and six 150/200 dpi renders of the Chinese order PDFs (characters wrong against the text layer): 5.8 % as
they are, 5.1 % at 300 and at 400 dpi, 5.5 % at 500; Chinese scan line items found 1 -> 5 of 22 at 400 dpi
(2 at 300), for about 30-45 % more CPU on a Han page."""


@dataclass(slots=True)
class OcrPage:
    """One OCRed page: words in the pixel space of the image Tesseract read."""

    number: int
    words: list[Word]
    width: int
    height: int
    dpi: float
    """Resolution of the OCRed image (square pixels)."""
    rotation: int
    """Clockwise quarter turns applied to the original image (0, 90, 180, 270)."""
    skew: float
    """Counter-clockwise degrees the image was straightened by."""
    languages: tuple[str, ...]
    mean_conf: float
    scale: tuple[float, float]
    """Original pixels -> OCRed pixels per axis (before turning)."""
    grid_rows: list[list[tuple[float, float, float, float]]] = field(default_factory=list)
    """Row boxes of the ruled grid tables whose rules were erased before OCR (OCRed pixels)."""


def ocr_pages(sources: Sequence[PageSource], options: ExtractOptions) -> list[OcrPage]:
    """OCR a document's pages in parallel, in page order.

    Raises:
        OcrError: Tesseract or a configured language is missing, or Tesseract failed.
        InputTimeoutError: a page took longer than `options.limits.parse_timeout_s`.
        IntakeError: a page source failed (too large, corrupt).

    """
    configured = list(options.ocr.languages) or ["eng"]
    engine = TesseractOcr(options.limits.parse_timeout_s)
    engine.check_languages(configured)
    workers = max(1, options.ocr.workers or os.cpu_count() or 1)
    with TemporaryDirectory(prefix="orderintake-ocr-") as tmp:
        workdir = Path(tmp)
        prepared, plan = _plan_document(engine, sources, configured, workdir)
        reader = _PageReader(engine, plan, configured, workdir)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
            futures = [pool.submit(reader.read, prepared.get(i) or source) for i, source in enumerate(sources)]
            return _results_in_order(futures, pool)


def _results_in_order(futures: list[Future[OcrPage]], pool: ThreadPoolExecutor) -> list[OcrPage]:
    try:
        return [future.result() for future in futures]
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise


def _plan_document(
    engine: TesseractOcr, sources: Sequence[PageSource], configured: list[str], workdir: Path
) -> tuple[dict[int, PreparedPage], Plan]:
    """Prepare pages up to the first one with ink and probe it; the plan is reused for every page."""
    prepared: dict[int, PreparedPage] = {}
    for index, source in enumerate(sources[:FIRST_PAGES_TO_PROBE]):
        page = prepare(source(), workdir)
        prepared[index] = page
        if not page.blank:
            prepared[index], plan = plan_page(engine, page, configured, workdir)
            return prepared, plan
    return prepared, default_plan(configured)


class _PageReader:
    """Recognises one page with the document plan and checks the result."""

    def __init__(self, engine: TesseractOcr, plan: Plan, configured: list[str], workdir: Path) -> None:
        self.engine, self.plan, self.configured, self.workdir = engine, plan, configured, workdir

    def read(self, page: PreparedPage | PageSource) -> OcrPage:
        prepared = page if isinstance(page, PreparedPage) else prepare(page(), self.workdir)
        if prepared.blank:
            return _ocr_page(prepared, OcrText([], "", 3))
        if self.plan.script == "Han":
            prepared = enlarged(prepared, HAN_DPI, self.workdir)
        text = self.engine.recognize(prepared.path, list(self.plan.languages), MAIN_PSM, prepared.dpi)
        if text.mean_conf < LOW_CONF and not self.plan.checked_orientation:
            prepared, text = self._reprobe(prepared, text)
        else:
            text = self._check_language(prepared, text)
        if script_of(text.language.split("+")[0]) == "Latin":
            text = reread_stacked_lines(self.engine, prepared, text, self.workdir)
            text = reread_unsure_words(self.engine, prepared, text, self.workdir)
            text = reread_missing_characters(self.engine, prepared, text, self.workdir)
        return _ocr_page(prepared, text)

    def _reprobe(self, prepared: PreparedPage, text: OcrText) -> tuple[PreparedPage, OcrText]:
        turned, plan = plan_page(self.engine, prepared, self.configured, self.workdir)
        if turned.rotation == prepared.rotation and plan.languages == self.plan.languages:
            return prepared, text
        again = self.engine.recognize(turned.path, list(plan.languages), MAIN_PSM, turned.dpi)
        return (turned, again) if again.mean_conf > text.mean_conf else (prepared, text)

    def _check_language(self, prepared: PreparedPage, text: OcrText) -> OcrText:
        """Read a Latin page again when its own text is clearly in another configured language.

        The switch also becomes the plan for pages not yet started: a document whose probe was misled (an
        order in Spanish with English product names) pays for the second reading once, not on every page.
        """
        if self.plan.script != "Latin":
            return text
        guess = identify_language(text.text, languages_for_script("Latin", self.configured))
        if (
            guess is None
            or guess.language in text.language.split("+")
            or guess.probability < SWITCH_PROBABILITY
            or guess.letters < SWITCH_MIN_LETTERS
        ):
            return text
        self.plan = Plan((guess.language,), "Latin", self.plan.checked_orientation)
        again = self.engine.recognize(prepared.path, [guess.language], MAIN_PSM, prepared.dpi)
        return again if again.mean_conf >= text.mean_conf - 0.02 else text


def _ocr_page(prepared: PreparedPage, text: OcrText) -> OcrPage:
    return OcrPage(
        number=prepared.number,
        words=email_pieces_joined(text.words),
        width=prepared.image.width,
        height=prepared.image.height,
        dpi=prepared.dpi,
        rotation=prepared.rotation,
        skew=prepared.skew,
        languages=tuple(text.language.split("+")) if text.language else (),
        mean_conf=text.mean_conf,
        scale=prepared.scale,
        grid_rows=prepared.grid_rows,
    )
