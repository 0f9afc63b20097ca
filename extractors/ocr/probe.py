"""The probe: which way up a page is and which language to OCR it in, from a strip of a few of its text lines.

Tesseract's OSD over a whole page costs about half a page of recognition (it analyses the whole layout), and
recognising a page with all configured languages at once is slower and less accurate than with the right one.
The probe instead cuts `PROBE_LINES` text lines out of the page, stacks them into one small image, and
1. recognises it with the English model: good confidence means upright Latin text, and the words identify the
   language among the configured Latin languages (accents misread by the English model do not matter);
2. then with the model of the next configured script (Han: `chi_sim`), which must read mostly Han characters;
3. only when nothing reads well (upside-down page, other script, noise) asks OSD about the whole page.
One probe costs about a sixth of a page and runs once per document; later pages reuse its answer and are
checked after their own recognition (see `extractors.ocr.pool`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from extractors.ocr.engine import TesseractOcr
from extractors.ocr.languages import (
    PROBE_LANGUAGE,
    identify_language,
    languages_for_script,
    script_of,
)
from extractors.ocr.preprocess import ANALYSIS_DPI, PreparedPage, ink_mask, turn
from extractors.text import cjk_ratio

PROBE_LINES = 3
PROBE_LINE_INCHES = 4.0
"""Lines are cut to this width: recognition time grows with line length, and 3 x 4 inches of text (about 150
letters) are plenty for identifying the language."""
PROBE_MIN_CONF = 0.75
"""A probe read with at least this mean confidence is upright text of the probe's script."""
MIN_PROBE_PROBABILITY = 0.8
MIN_OSD_CONF = 1.0
"""OSD orientation confidence below this is a guess; the page is then left as it is."""
PROBED_SCRIPTS = ("Latin", "Han")
"""Scripts recognised by probing with their own model; others are found by OSD."""
MIN_CJK_RATIO = 0.3
"""A Han probe must read mostly Han characters (the Chinese model also reads Latin text well)."""
OTHER_SCRIPT_MIN_CONF = 0.5
"""The Chinese model reads Han text with lower confidence than Latin models read Latin (0.6-0.9 on scans and
photos); together with MIN_CJK_RATIO this tells Han from upside-down or noisy text (0.2-0.3)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How to recognise a page."""

    languages: tuple[str, ...]
    script: str
    checked_orientation: bool = False
    """True when OSD has already been asked about this page."""


def plan_page(
    engine: TesseractOcr, page: PreparedPage, configured: list[str], workdir: Path
) -> tuple[PreparedPage, Plan]:
    """Probe a page: the page turned upright (if it was not) and the languages to recognise it with."""
    strip = line_strip(page.image, page.dpi)
    if strip is None:
        return page, default_plan(configured)
    strip_path = workdir / f"probe-{page.number}.pgm"
    strip.save(strip_path, format="PPM")
    for script in _scripts(configured):
        plan = _probe_script(engine, script, str(strip_path), configured, page.dpi)
        if plan is not None:
            return page, plan
    # Nothing reads well: the page is upside down, or in another script. OSD over the whole page (a strip is
    # too little for it to tell Han from Latin reliably) says which.
    orientation = engine.orientation(page.path, page.dpi)
    if orientation is None or orientation.orientation_conf < MIN_OSD_CONF:
        return page, default_plan(configured, checked=True)
    if orientation.rotate:
        page = turn(page, orientation.rotate, workdir)
        strip = line_strip(page.image, page.dpi) or strip
        strip.save(strip_path, format="PPM")
    plan = _probe_script(engine, orientation.script, str(strip_path), configured, page.dpi, known=True)
    return page, Plan(plan.languages, plan.script, True) if plan else default_plan(configured, checked=True)


def default_plan(configured: list[str], checked: bool = False) -> Plan:
    """The first configured language, for pages that tell nothing (blank, noise, too little text)."""
    first = configured[0] if configured else PROBE_LANGUAGE
    return Plan((first,), script_of(first), checked_orientation=checked)


def _scripts(configured: list[str]) -> list[str]:
    """The probed scripts in the order their first language is configured."""
    scripts = [script_of(lang) for lang in configured]
    return [s for i, s in enumerate(scripts) if s in PROBED_SCRIPTS and s not in scripts[:i]]


def _probe_script(
    engine: TesseractOcr, script: str, strip_path: str, configured: list[str], dpi: float, known: bool = False
) -> Plan | None:
    """Read the strip as text of one script: a plan when it reads as that script.

    With `known` (OSD has said the script) any reading goes: a Latin strip is read only for its language, and
    a Han strip not at all.
    """
    candidates = languages_for_script(script, configured)
    if not candidates:
        return None
    if script != "Latin":
        if known:
            return Plan((candidates[0],), script)
        probe = engine.recognize(strip_path, [candidates[0]], psm=6, dpi=dpi)
        reads = probe.mean_conf >= OTHER_SCRIPT_MIN_CONF and cjk_ratio(probe.text) >= MIN_CJK_RATIO
        return Plan((candidates[0],), script) if reads else None
    model = PROBE_LANGUAGE if PROBE_LANGUAGE in engine.installed.languages else candidates[0]
    probe = engine.recognize(strip_path, [model], psm=6, dpi=dpi)
    if probe.mean_conf < PROBE_MIN_CONF and not known:
        return None
    # Too few letters to tell the language surely (a strip of numbers, a signature line): the first configured
    # Latin language, which the check after the page's own recognition corrects if need be.
    guess = identify_language(probe.text, candidates)
    sure = guess is not None and guess.probability >= MIN_PROBE_PROBABILITY
    return Plan((guess.language if guess and sure else candidates[0],), script)


def line_strip(gray: Image.Image, dpi: float, lines: int = PROBE_LINES) -> Image.Image | None:
    """A few text lines of ordinary height from all over the page, stacked into one image (None: no lines)."""
    factor = min(1.0, ANALYSIS_DPI / dpi)
    mask = ink_mask(gray, (factor, factor))
    bands = _text_bands(mask)
    if not bands:
        return None
    # The richest line of each of `lines` stretches of the page: different parts say different things.
    stretch = max(1, -(-len(bands) // lines))
    chosen = [max(bands[i : i + stretch], key=lambda b: b[2]) for i in range(0, len(bands), stretch)]
    scale_y, scale_x = gray.height / mask.shape[0], gray.width / mask.shape[1]
    crops = []
    max_width = PROBE_LINE_INCHES * dpi
    for top, bottom, _ink, left, right in chosen:
        pad = (bottom - top) * scale_y * 0.45
        x0 = max(0, int(left * scale_x - 20))
        box = (
            x0,
            max(0, int(top * scale_y - pad)),
            min(gray.width, int((right + 1) * scale_x + 20), int(x0 + max_width)),
            min(gray.height, int((bottom + 1) * scale_y + pad)),
        )
        crops.append(gray.crop(box))
    gap = 20
    strip = Image.new("L", (max(c.width for c in crops) + 2 * gap, sum(c.height + gap for c in crops) + gap), 255)
    y = gap
    for crop in crops:
        strip.paste(crop, (gap, y))
        y += crop.height + gap
    return strip


def _text_bands(mask: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """Runs of ink rows as (top, bottom, ink, left, right) whose height is typical of the page's text lines."""
    rows = mask.sum(axis=1)
    inked = rows > max(2, mask.shape[1] // 200)
    bands: list[tuple[int, int, int, int, int]] = []
    start = None
    for y, on in enumerate([*inked.tolist(), False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            cols = np.nonzero(mask[start:y].any(axis=0))[0]
            bands.append((start, y - 1, int(rows[start:y].sum()), int(cols[0]), int(cols[-1])))
            start = None
    if not bands:
        return []
    heights = sorted(b[1] - b[0] + 1 for b in bands)
    typical = heights[len(heights) // 2]
    return [b for b in bands if 0.7 * typical <= b[1] - b[0] + 1 <= 1.5 * typical and b[4] - b[3] > 4 * typical]
