"""Page images made ready for Tesseract: grayscale, square pixels at a usable resolution, upright axis, deskewed.

Measured on rendered orders (see docs/ocr.md): Tesseract reads clean 150 dpi text as well as 300 dpi and
faster, so images are only upsampled below `MIN_DPI`; it copes with a few degrees of skew for recognition, but
word boxes of a skewed page do not line up into rows, so pages skewed by `MIN_SKEW_DEG` or more are rotated
straight. Orientation (0 / 90) and skew come from one projection-profile search over the ink pixels of a
75 dpi copy; upside-down pages are found later by recognition (see `extractors.ocr.probe`).

Table rules are erased (see `extractors.ocr.rules`). An image that needs no change is handed to Tesseract as
its original file (no re-encoding); every other image is written once as an uncompressed PGM.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageFilter, ImageOps

from extractors.ocr.photo import even_light, find_page, flatten
from extractors.ocr.rules import Rulings, erase_rules

MIN_DPI = 120.0
"""Below this the image is upsampled to TARGET_DPI (text smaller than ~7 px x-height loses letters)."""
MAX_DPI = 450.0
"""Above this the image is downsampled to TARGET_DPI (more pixels only slow layout analysis down)."""
TARGET_DPI = 300.0
ANALYSIS_DPI = 75.0
MAX_SKEW_DEG = 5.0
MIN_SKEW_DEG = 0.3
EDGE_SHARE = 0.6
"""Columns (rows) inked along more than this share of the page are edges or frames, not text."""
SHARP_PEAK = 5.0
"""A row profile this many times sharper at its best shear than at the median one shows text lines."""
MIN_LINE_GAPS = 0.25
"""Share of empty rows between text lines below which a profile shows no lines (measured: about 0.5 for
text lines, under 0.05 across them)."""
COLORED = 80
"""Channel spread above which a pixel is colored ink (stamps, chops) rather than black or gray."""
MIN_COLORED = 0.0005
"""Share of colored pixels below which a page has no stamp worth dropping out (a colored logo dot, noise)."""
NOISY = 10.0
"""Pixel noise (standard deviation in gray levels) above which a page is smoothed before OCR."""
SPECKLED = 0.0003
"""Share of isolated dark pixels above which a page is despeckled."""
BILEVEL_MARGIN = 40
BILEVEL_GRAY = 0.01
"""A page with at most this share of pixels between BILEVEL_MARGIN and 255 - BILEVEL_MARGIN is black and white."""
BLANK_INK = 0.0005
"""Pages with less ink than this share of their pixels are blank and not OCRed."""
ASSUMED_PAGE_INCHES = 8.27
"""Short side of an A4 page; used to estimate the resolution of page images that state no plausible one."""
SCREEN_DPI = (72.0, 96.0)
"""Resolutions cameras and screenshot tools write without any relation to paper."""
ASSUMED_DPI = 200.0
"""Resolution assumed for images that are not page-shaped and state no plausible one."""


@dataclass(slots=True)
class PageImage:
    """A page image as a reader found it."""

    number: int
    image: Image.Image
    dpi: tuple[float, float] | None = None
    """Horizontal and vertical resolution, when known (from the file, or from the PDF page size)."""
    encoded: bytes | None = None
    """The original encoded image (PNG, JPEG, TIFF, WebP) when Tesseract may read it as it is."""
    suffix: str = ".png"


@dataclass(slots=True)
class PreparedPage:
    """A page image ready for Tesseract, and how it relates to the original."""

    number: int
    image: Image.Image
    """The grayscale image Tesseract reads (upright axis, deskewed, normalized resolution)."""
    path: str
    dpi: float
    scale: tuple[float, float]
    """Original pixels -> prepared pixels, per axis (before rotation)."""
    rotation: int = 0
    """Clockwise quarter turns applied, in degrees (0, 90, 180, 270)."""
    skew: float = 0.0
    """Degrees the image was rotated counter-clockwise to straighten its lines."""
    ink: float = 0.0
    """Share of ink pixels; 0 for a blank page."""
    grid_rows: list[list[tuple[float, float, float, float]]] = field(default_factory=list)
    """Row boxes (x0, top, x1, bottom) of each ruled grid table found (and erased) on the image."""

    @property
    def blank(self) -> bool:
        """True when the page has (practically) no ink."""
        return self.ink < BLANK_INK


def to_gray(image: Image.Image) -> Image.Image:
    """An 8-bit grayscale copy; transparency is composited on white."""
    if image.mode == "L":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("L")
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        array = np.asarray(image, dtype=np.float64)
        span = float(array.max() - array.min()) or 1.0
        return Image.fromarray(((array - array.min()) * 255 / span).astype(np.uint8))
    if image.mode in ("RGB", "CMYK", "YCbCr", "P"):
        return _without_colored_ink(image.convert("RGB"))
    return image.convert("L")


def _without_colored_ink(rgb: Image.Image) -> Image.Image:
    """Grayscale with strongly colored ink (a red company chop, a blue stamp) dropped out.

    Stamp ink is translucent: in its own color's channel it lets most light through, and print under it shows
    through in every channel. A colored pixel is read in its lightest channel, brightened by what the stamp's
    ink takes away there (the median lightest channel of colored pixels against the paper), so the stamp
    becomes paper and print under it stays dark. Black or gray pixels (print, also print under a stamp) keep
    their luminance.
    """
    gray = rgb.convert("L")
    if _colored(rgb.reduce(4))[1] < MIN_COLORED:
        return gray  # a look at a quarter-size copy first: most pages have no stamp and pay almost nothing
    high, share, colored = _colored(rgb)
    if share < MIN_COLORED:
        return gray
    paper = _percentile(gray.histogram(), 0.9)
    ink = max(_percentile(high.histogram(mask=colored), 0.5), 1)
    dropped = high.point(lambda v: min(255, round(v * paper / ink)))
    return Image.composite(dropped, gray, colored)


def _colored(rgb: Image.Image) -> tuple[Image.Image, float, Image.Image]:
    """Lightest channel, share of colored pixels and their mask."""
    red, green, blue = rgb.split()
    high = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    low = ImageChops.darker(ImageChops.darker(red, green), blue)
    colored = ImageChops.subtract(high, low).point(lambda v: 255 if v > COLORED else 0)
    return high, colored.histogram()[255] / max(rgb.width * rgb.height, 1), colored


def _percentile(histogram: list[int], share: float) -> int:
    """The level below which `share` of a histogram's pixels lie."""
    target, seen = share * sum(histogram), 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= target:
            return level
    return len(histogram) - 1


def effective_dpi(dpi: tuple[float, float] | None, size: tuple[int, int]) -> tuple[float, float]:
    """The image's resolution: the stated one when plausible, else an estimate.

    Phone photos and screenshots state 72 or 96 dpi (or nothing), which says nothing about the paper. Then a
    page-shaped image is taken to be an A4 page; any other image is assumed to be at `ASSUMED_DPI`.
    """
    if dpi and min(dpi) >= 50 and max(dpi) >= 90 and not all(_screen_default(v) for v in dpi):
        return (float(dpi[0]), float(dpi[1]))
    short, long = sorted(size)
    if short and 1.25 <= long / short <= 1.6:
        estimate = short / ASSUMED_PAGE_INCHES
        return (estimate, estimate)
    return (ASSUMED_DPI, ASSUMED_DPI)


def _screen_default(dpi: float) -> bool:
    return any(abs(dpi - default) < 0.5 for default in SCREEN_DPI)


def prepare(page: PageImage, workdir: Path) -> PreparedPage:
    """Normalize a page image and write the file Tesseract will read.

    Args:
        page: The image as read.
        workdir: A private temporary directory for the files handed to Tesseract.
    """
    gray = to_gray(page.image)
    source, stated, flattening = gray, page.dpi, 1.0
    sheet = find_page(gray)
    if sheet is not None:
        # A photo of a sheet on a table: only the sheet is read, flat, at the paper's own resolution.
        dpi = _target_dpi(sheet.dpi)
        source, stated, flattening = flatten(gray, sheet, dpi), (dpi, dpi), dpi / sheet.dpi
    evened = even_light(source, max(effective_dpi(stated, source.size)))
    source = evened or source
    plan = analyse(source, stated)
    black_and_white = bilevel(source)
    if plan.speckled:
        source = despeckle_bilevel(source) if black_and_white else source.filter(ImageFilter.MedianFilter(3))
    image = source if plan.blank else transform(source, plan.scale, plan.rotation, plan.skew)
    if plan.blur:
        image = image.filter(ImageFilter.GaussianBlur(plan.blur))
    cleaned, rulings = (None, Rulings()) if plan.blank else erase_rules(image, plan.dpi, hairlines=not black_and_white)
    scale = (plan.scale[0] * flattening, plan.scale[1] * flattening)
    prepared = PreparedPage(page.number, cleaned or image, "", plan.dpi, scale, plan.rotation, plan.skew, plan.ink)
    prepared.grid_rows = rulings.grid_rows(plan.dpi)
    if image is gray and cleaned is None and page.encoded is not None:
        path = workdir / f"page-{page.number}{page.suffix}"
        path.write_bytes(page.encoded)
        prepared.path = str(path)
    else:
        write_pgm(prepared, workdir)
    return prepared


@dataclass(frozen=True, slots=True)
class _Corrections:
    dpi: float
    scale: tuple[float, float]
    rotation: int
    skew: float
    blur: float
    ink: float
    speckled: bool = False

    @property
    def blank(self) -> bool:
        return self.ink < BLANK_INK


def analyse(gray: Image.Image, stated_dpi: tuple[float, float] | None) -> _Corrections:
    """What a page needs: target resolution and scale, quarter turn, skew, denoising; and its ink share."""
    dpi_x, dpi_y = effective_dpi(stated_dpi, gray.size)
    target = _target_dpi(max(dpi_x, dpi_y))
    mask = ink_mask(gray, (ANALYSIS_DPI / dpi_x, ANALYSIS_DPI / dpi_y))
    ink = float(mask.mean()) if mask.size else 0.0
    if ink < BLANK_INK:
        return _Corrections(target, (1.0, 1.0), 0, 0.0, 0.0, ink)
    rotation, skew = find_orientation_and_skew(mask)
    skew = 0.0 if abs(skew) < MIN_SKEW_DEG else skew
    scale = (target / dpi_x, target / dpi_y)
    return _Corrections(target, scale, rotation, skew, denoise_radius(gray, target), ink, speckled(gray))


def _target_dpi(dpi: float) -> float:
    if dpi < MIN_DPI or dpi > MAX_DPI:
        return TARGET_DPI
    return round(dpi, 3)


def denoise_radius(gray: Image.Image, dpi: float) -> float:
    """Gaussian blur radius (pixels at dpi) that smooths a noisy scan for Tesseract's binarization, or 0.

    Measured on rendered pages with Gaussian noise: with a noise level over `NOISY` Tesseract's global
    threshold breaks letters into speckles, and a blur of about 2 px at 300 dpi brings most words back; on
    clean pages any blur only costs time.
    """
    side = 512
    left, top = max(0, (gray.width - side) // 2), max(0, (gray.height - side) // 2)
    crop = np.asarray(gray.crop((left, top, left + side, top + side)), dtype=np.int16)
    return round(2.0 * dpi / 300, 2) if noise_level(crop) > NOISY else 0.0


def speckled(gray: Image.Image) -> bool:
    """True when the page is sprinkled with isolated dark pixels (dust, toner) that Tesseract reads as dots.

    Measured: clean scans and photos have under 0.005 % isolated dark pixels, a dusty page 0.1 % and more; a
    3x3 median filter removes them and leaves strokes.
    """
    dark = np.asarray(gray) < 128
    core = dark[1:-1, 1:-1]
    isolated = core & ~dark[:-2, 1:-1] & ~dark[2:, 1:-1] & ~dark[1:-1, :-2] & ~dark[1:-1, 2:]
    return bool(isolated.size) and float(isolated.mean()) > SPECKLED


def bilevel(gray: Image.Image) -> bool:
    """True for a black-and-white page (a fax, a thresholded scan): practically no gray pixels."""
    histogram = gray.histogram()
    middle = sum(histogram[BILEVEL_MARGIN : 256 - BILEVEL_MARGIN])
    return middle <= BILEVEL_GRAY * gray.width * gray.height


def despeckle_bilevel(gray: Image.Image) -> Image.Image:
    """A black-and-white page without its isolated dark pixels, and with pin holes in strokes filled.

    A 3x3 median erodes the one- and two-pixel strokes of a 200 dpi fax (`lily` -> `Hly`, `example` ->
    `exampte`): measured on eight 200 dpi fax pages with 0.2 % specks, words read right against the text
    layer 1475 of 1947 with the median, 1590 without despeckling, 1698 with this.
    """
    dark = np.asarray(gray) < 128
    core = dark[1:-1, 1:-1]
    neighbours = dark[:-2, 1:-1].astype(np.uint8) + dark[2:, 1:-1] + dark[1:-1, :-2] + dark[1:-1, 2:]
    cleaned = dark.copy()
    cleaned[1:-1, 1:-1] = np.where(core, neighbours > 0, neighbours >= 3)
    return Image.fromarray(np.where(cleaned, 0, 255).astype(np.uint8))


def transform(gray: Image.Image, scale: tuple[float, float], rotation: int, skew: float) -> Image.Image:
    """Rescale, turn by quarter turns (clockwise) and straighten by skew degrees (counter-clockwise).

    Returns the image itself when nothing is to be done.
    """
    image = gray
    if scale != (1.0, 1.0):
        size = (max(1, round(gray.width * scale[0])), max(1, round(gray.height * scale[1])))
        image = image.resize(size, Image.Resampling.BICUBIC)
    if rotation:
        image = rotate_quarter(image, rotation)
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    return image


def rotate_quarter(image: Image.Image, degrees: int) -> Image.Image:
    """Turn an image clockwise by 90, 180 or 270 degrees (lossless)."""
    method = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }[degrees % 360]
    return image.transpose(method)


def turn(prepared: PreparedPage, degrees: int, workdir: Path) -> PreparedPage:
    """The page turned by a further quarter-turn multiple clockwise, its PGM rewritten."""
    image = rotate_quarter(prepared.image, degrees)
    rotation = (prepared.rotation + degrees) % 360
    result = PreparedPage(
        prepared.number, image, "", prepared.dpi, prepared.scale, rotation, prepared.skew, prepared.ink
    )
    write_pgm(result, workdir)
    return result


def enlarged(prepared: PreparedPage, dpi: float, workdir: Path) -> PreparedPage:
    """The page resampled up to dpi (bicubic), its PGM rewritten; the page itself when it is at dpi or more."""
    factor = dpi / prepared.dpi
    if factor <= 1.0:
        return prepared
    size = (round(prepared.image.width * factor), round(prepared.image.height * factor))
    image = prepared.image.resize(size, Image.Resampling.BICUBIC)
    scale = (prepared.scale[0] * factor, prepared.scale[1] * factor)
    result = PreparedPage(prepared.number, image, "", dpi, scale, prepared.rotation, prepared.skew, prepared.ink)
    result.grid_rows = [
        [(a * factor, b * factor, c * factor, d * factor) for a, b, c, d in g] for g in prepared.grid_rows
    ]
    write_pgm(result, workdir)
    return result


def write_pgm(prepared: PreparedPage, workdir: Path) -> None:
    """Write the prepared image as an uncompressed PGM (fast to write, fast for Tesseract to read)."""
    path = workdir / f"page-{prepared.number}-r{prepared.rotation}.pgm"
    prepared.image.save(path, format="PPM")
    prepared.path = str(path)


def ink_mask(gray: Image.Image, factor: tuple[float, float]) -> np.ndarray:
    """Ink pixels of a small copy: darker than the local background by a margin.

    The background is the mean of 8x8 blocks, so uneven lighting (phone photos, shadows) does not turn whole
    regions into ink the way one global threshold would; the margin grows with the image's noise level, so
    speckle does not either.
    """
    fx, fy = min(factor[0], 1.0), min(factor[1], 1.0)
    size = (max(8, round(gray.width * fx)), max(8, round(gray.height * fy)))
    small = gray.resize(size, Image.Resampling.BOX)
    background = small.resize((max(1, size[0] // 8), max(1, size[1] // 8)), Image.Resampling.BOX)
    background = ImageOps.autocontrast(background, cutoff=0).resize(size, Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.int16)
    local = np.maximum(np.asarray(background, dtype=np.int16), pixels)
    return (local - pixels) > np.maximum(max(40.0, 3 * noise_level(pixels)), local // 4)


def noise_level(pixels: np.ndarray) -> float:
    """Standard deviation of pixel noise, from the median step between horizontal neighbours (robust to text)."""
    steps = np.abs(np.diff(pixels, axis=1))
    return float(np.median(steps)) * 1.4826 / math.sqrt(2) if steps.size else 0.0


def find_orientation_and_skew(mask: np.ndarray) -> tuple[int, float]:
    """Quarter turn (0 or 90 clockwise) and counter-clockwise rotation in degrees that level the text lines.

    Projection profiles: sheared by the right angle, the ink of each text line piles up into a few rows with
    empty rows between lines, so the profile is sharpest (largest sum of squared steps) and has the most empty
    rows. The same search over columns finds pages turned by 90 degrees: a grid of Han characters also makes
    sharp column profiles, but only text lines leave gaps of empty rows (about half of all rows). Text lines
    are also long next to their thickness, which keeps the letters of a single line (gaps between letters,
    none between lines) from looking like a turned page.
    """
    if mask.sum() < 50:
        return 0, 0.0
    # A scanner lid's dark edge or a page frame is inked along (nearly) the whole page: it leaves no empty
    # rows between text lines, so for each axis's profile the lines crossing it are left out.
    across = mask.mean(axis=0) <= EDGE_SHARE, mask.mean(axis=1) <= EDGE_SHARE
    ys, xs = np.nonzero(mask & across[0][np.newaxis, :])
    rows = _best_shear(ys, xs) if len(ys) >= 50 else _Profile(0.0, 0.0, 0.0, 0)
    xs, ys = np.nonzero((mask & across[1][:, np.newaxis]).T)
    columns = _best_shear(xs, ys) if len(xs) >= 50 else _Profile(0.0, 0.0, 0.0, 0)
    if max(rows.gaps, columns.gaps) < MIN_LINE_GAPS and rows.peak < SHARP_PEAK:
        # no text lines to go by (noise, a photo, a drawing); a dense page (text, a table) has few empty rows,
        # but its lines still pile up sharply at one shear only
        return 0, 0.0
    if columns.gaps > 2 * rows.gaps and rows.extent >= 8 * columns.run:
        # Lines run top to bottom: turning the page clockwise by 90 degrees makes them horizontal, and the
        # image's x axis becomes its y axis, which flips the sense of the shear.
        return 90, columns.angle
    return 0, -rows.angle


@dataclass(frozen=True, slots=True)
class _Profile:
    angle: float
    """Sharpest shear in degrees."""
    gaps: float
    """Share of empty rows between the first and the last ink row."""
    run: float
    """Mean length of the runs of inked rows."""
    extent: int
    """Rows from the first to the last inked one."""
    peak: float = 0.0
    """Sharpness at the best shear over the median sharpness of all shears tried."""


def _best_shear(rows: np.ndarray, cols: np.ndarray) -> _Profile:
    """The sharpest row profile over shears within +-MAX_SKEW_DEG."""
    angles = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 0.01, 0.5)
    coarse_sharpness = [_sharpness(_profile(rows, cols, a)) for a in angles]
    coarse = float(angles[int(np.argmax(coarse_sharpness))])
    fine = np.arange(coarse - 0.4, coarse + 0.41, 0.1)
    fine_sharpness = [_sharpness(_profile(rows, cols, a)) for a in fine]
    best = float(fine[int(np.argmax(fine_sharpness))])
    peak = max(fine_sharpness) / max(float(np.median(coarse_sharpness)), 1.0)
    inked = _profile(rows, cols, best) > 0
    inside = inked[np.argmax(inked) : len(inked) - int(np.argmax(inked[::-1]))]
    if not len(inside):
        return _Profile(round(best, 2), 0.0, 0.0, 0, peak)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.astype(np.int8), [0]])))
    runs = edges[1::2] - edges[::2]
    return _Profile(round(best, 2), float(1 - inside.mean()), float(runs.mean()), len(inside), peak)


def _profile(rows: np.ndarray, cols: np.ndarray, angle: float) -> np.ndarray:
    shifted = rows + np.rint(cols * math.tan(math.radians(angle))).astype(np.int64)
    return np.bincount(shifted - shifted.min())


def _sharpness(profile: np.ndarray) -> float:
    steps = np.diff(profile.astype(np.float64))
    return float(np.dot(steps, steps))
