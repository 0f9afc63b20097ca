"""Scanned sample cases: digital order PDFs rendered to images and degraded the way paper orders arrive.

Each case takes a digital twin (`sample_docs/<case>/input.pdf` with its `expected.json`), renders it with
pdfium at a scanner's resolution, degrades it (noise, blur, skew, turned pages, low resolution, JPEG artefacts,
a 204x98 dpi fax, a phone photo's perspective and light) and writes it as an image-only PDF or an image file
to `sample_docs/scan_<lang>_<n>/`, with the twin's expected.json (document kind, media type and `ocr: true`
changed). Everything is seeded: running it twice writes the same files.

    python sample_docs/generator/scans.py            # writes into sample_docs/
"""

from __future__ import annotations

import io
import json
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

LICENCE = "Apache-2.0"


@dataclass(frozen=True)
class Recipe:
    """One scanned case: which twin, how it is degraded, how it is stored."""

    language: str
    degrade: str
    """Key of DEGRADATIONS."""
    store: str
    """pdf, png, jpg, tif, fax (1-bit G4 TIFF at 204x98 dpi), webp."""
    dpi: int = 200
    pages: int = 1
    """Twin page count wanted; a longer twin is taken when the language has none, and all its pages scanned."""
    purpose: str = ""


RECIPES: tuple[Recipe, ...] = (
    Recipe("en", "office_scan", "pdf", 200, purpose="office scanner, slight skew and sensor noise"),
    Recipe("en", "phone_photo", "jpg", 0, purpose="phone photo: perspective, uneven light, colour cast"),
    Recipe("en", "fax", "fax", 204, purpose="fax: 204x98 dpi, 1-bit, Group 4 TIFF"),
    Recipe("de", "skewed", "pdf", 150, purpose="150 dpi scan, skewed"),
    Recipe("de", "office_scan", "tif", 200, pages=2, purpose="two-page TIFF from a document feeder"),
    Recipe("de", "fax", "pdf_fax", 204, purpose="fax gateway PDF: 204x98 dpi, 1-bit CCITT"),
    Recipe("fr", "blurred", "png", 150, purpose="150 dpi, out-of-focus blur"),
    Recipe("fr", "turned_270", "pdf", 200, purpose="page fed sideways (turned 90 degrees clockwise)"),
    Recipe("es", "jpeg_artefacts", "jpg", 200, purpose="JPEG quality 35 artefacts"),
    Recipe("es", "office_scan", "webp", 200, purpose="WebP image from a mobile scanner app"),
    Recipe("it", "upside_down", "pdf", 200, purpose="page fed upside down (180 degrees)"),
    Recipe("it", "noisy", "png", 200, purpose="recycled paper with dust and toner specks"),
    Recipe("pt", "low_dpi", "pdf", 150, purpose="150 dpi scan with noise and JPEG compression"),
    Recipe("pt", "phone_photo", "jpg", 0, purpose="phone photo: perspective, uneven light"),
    Recipe("nl", "turned_90", "png", 200, purpose="page turned 90 degrees counter-clockwise"),
    Recipe("nl", "skewed", "jpg", 200, purpose="skewed scan, JPEG"),
    Recipe("zh", "office_scan", "pdf", 200, purpose="Chinese order, office scanner"),
    Recipe("zh", "phone_photo", "jpg", 0, purpose="Chinese order, phone photo"),
    Recipe("zh", "skewed", "png", 200, purpose="Chinese order, skewed scan"),
)

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "pdf_fax": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "tif": "image/tiff",
    "fax": "image/tiff",
    "webp": "image/webp",
}
SUFFIX = {"pdf": "pdf", "pdf_fax": "pdf", "png": "png", "jpg": "jpg", "tif": "tif", "fax": "tif", "webp": "webp"}
SINGLE_FRAME = {"png": "tif", "webp": "tif", "jpg": "pdf"}
"""Single-image formats and the multi-page format that takes their place for a multi-page twin."""
PHOTO_LONG_SIDE = 2400


def render(pdf_path: Path, dpi: int) -> list[Image.Image]:
    """Every page of a PDF as an 8-bit grayscale image at dpi."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()


def _noise(image: Image.Image, rng: np.random.Generator, sigma: float) -> Image.Image:
    pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, sigma, (image.height, image.width))
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8))


def _speckle(image: Image.Image, rng: np.random.Generator, density: float) -> Image.Image:
    """Dust and toner specks: a share of pixels turned black or white."""
    pixels = np.array(image)
    hits = rng.random(pixels.shape)
    pixels[hits < density / 2] = 0
    pixels[hits > 1 - density / 2] = 255
    return Image.fromarray(pixels)


def _skew(image: Image.Image, degrees: float) -> Image.Image:
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _gray_paper(image: Image.Image, level: int) -> Image.Image:
    """Recycled-paper background: white becomes level, black stays black."""
    return image.point(lambda v: round(v * level / 255))


def _perspective_coefficients(source: list[tuple[float, float]], target: list[tuple[float, float]]) -> list[float]:
    """Coefficients for PIL's PERSPECTIVE transform mapping target points back to source points."""
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(source, dtype=np.float64).reshape(8))
    return solution.tolist()


def _phone_photo(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A page photographed on a desk: keystone perspective, a slight turn, light falling off, a warm cast."""
    scale = PHOTO_LONG_SIDE / max(image.size)
    page = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    border = round(0.05 * page.width)
    width, height = page.width + 2 * border, page.height + 2 * border
    squeeze = 0.025 * page.width
    left, top, right, bottom = float(border), float(border), float(width - border), float(height - border)
    corners = [(left + squeeze, top), (right - squeeze, top), (right, bottom), (left, bottom)]
    flat = [(0.0, 0.0), (float(page.width), 0.0), (float(page.width), float(page.height)), (0.0, float(page.height))]
    coefficients = _perspective_coefficients(flat, corners)
    desk = Image.new("L", (width, height), 95)
    mask = Image.new("L", page.size, 255).transform(
        (width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR
    )
    warped = page.transform((width, height), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC)
    desk.paste(warped, (0, 0), mask)
    desk = desk.rotate(0.8, resample=Image.Resampling.BICUBIC, fillcolor=95)
    light = np.linspace(1.0, 0.78, height, dtype=np.float32)[:, None] * np.linspace(0.92, 1.0, width)[None, :]
    lit = (np.asarray(desk, dtype=np.float32) * light + rng.normal(0, 3, (height, width))).clip(0, 255)
    gray = Image.fromarray(lit.astype(np.uint8))
    return Image.merge("RGB", [gray.point(lambda v: min(255, v + 6)), gray, gray.point(lambda v: max(0, v - 14))])


DEGRADATIONS: dict[str, Callable[[Image.Image, np.random.Generator], Image.Image]] = {
    "office_scan": lambda im, rng: _noise(_skew(im, float(rng.uniform(-1.2, 1.2))), rng, 6),
    "skewed": lambda im, rng: _skew(im, 2.5 if rng.random() < 0.5 else -3.0),
    "blurred": lambda im, rng: im.filter(ImageFilter.GaussianBlur(0.9)),
    "jpeg_artefacts": lambda im, rng: _skew(im, 0.7),
    "noisy": lambda im, rng: _speckle(_gray_paper(im, 232), rng, 0.004),
    "low_dpi": lambda im, rng: _noise(_skew(im, -1.0), rng, 8),
    "turned_90": lambda im, rng: im.rotate(90, expand=True),
    "turned_270": lambda im, rng: im.rotate(-90, expand=True),
    "upside_down": lambda im, rng: _noise(im.rotate(180), rng, 5),
    "fax": lambda im, rng: _skew(im, 0.6),
    "phone_photo": _phone_photo,
}


def _to_fax(image: Image.Image) -> Image.Image:
    """A 204x204 dpi page as a fax sends it: half the lines (98 dpi) and black or white only."""
    half = image.resize((image.width, round(image.height * 98 / 204)), Image.Resampling.BOX)
    return half.point(lambda v: 255 if v > 150 else 0).convert("1")


def store(pages: list[Image.Image], recipe: Recipe, path: Path) -> None:
    """Write degraded pages in the recipe's format (small: grayscale, lossy where scanners are lossy)."""
    dpi = float(recipe.dpi or 72)
    quality = 35 if recipe.degrade == "jpeg_artefacts" else 60
    if recipe.store == "pdf":
        pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:], quality=quality)
    elif recipe.store == "pdf_fax":
        faxes = [_to_fax(p) for p in pages]
        # PIL writes one resolution for both axes; a fax PDF page keeps its A4 size through the image matrix.
        faxes[0].save(path, "PDF", resolution=204.0, save_all=True, append_images=faxes[1:])
        _fix_fax_page_size(path, faxes[0].size)
    elif recipe.store == "fax":
        faxes = [_to_fax(p) for p in pages]
        faxes[0].save(path, "TIFF", compression="group4", dpi=(204, 98), save_all=True, append_images=faxes[1:])
    elif recipe.store == "tif":
        pages[0].save(
            path, "TIFF", compression="tiff_jpeg", quality=60, dpi=(dpi, dpi), save_all=True, append_images=pages[1:]
        )
    elif recipe.store == "jpg":
        pages[0].save(path, "JPEG", quality=quality, dpi=(dpi, dpi))
    elif recipe.store == "webp":
        pages[0].save(path, "WEBP", quality=60, dpi=(dpi, dpi))
    else:
        pages[0].save(path, "PNG", dpi=(dpi, dpi), optimize=True)


def _fix_fax_page_size(path: Path, size: tuple[int, int]) -> None:
    """Stretch the fax image to its true page height (98 dpi lines) by rewriting the page's media box."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        width_pt, height_pt = size[0] * 72 / 204, size[1] * 72 / 98
        for page in pdf:
            page.set_mediabox(0, 0, width_pt, height_pt)
            for obj in page.get_objects(max_depth=0):
                obj.set_matrix(pdfium.PdfMatrix(width_pt, 0, 0, height_pt, 0, 0))
            page.gen_content()
        buffer = io.BytesIO()
        pdf.save(buffer)
    finally:
        pdf.close()
    path.write_bytes(buffer.getvalue())


def twins(root: Path) -> dict[str, list[tuple[Path, dict[str, object]]]]:
    """Digital PDF cases by language: (case dir, expected) sorted by name, scanned cases excluded."""
    found: dict[str, list[tuple[Path, dict[str, object]]]] = {}
    for expected_path in sorted(root.glob("*/expected.json")):
        case = expected_path.parent
        if case.name.startswith("scan_") or not (case / "input.pdf").exists():
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        document = expected.get("document") or {}
        if document.get("kind") != "pdf" or document.get("doc_type") != "purchase_order":
            continue
        found.setdefault(str(document.get("language")), []).append((case, expected))
    return found


def _pick(
    candidates: list[tuple[Path, dict[str, object]]], recipe: Recipe, used: set[Path], rng: random.Random
) -> tuple[Path, dict[str, object]] | None:
    """A twin with the recipe's page count, else a longer one; unused ones first."""
    for fitting in (
        [c for c in candidates if _page_count(c[1]) == recipe.pages],
        [c for c in candidates if _page_count(c[1]) > recipe.pages],
    ):
        fresh = [c for c in fitting if c[0] not in used]
        if fitting:
            return rng.choice(fresh or fitting)
    return None


def _page_count(expected: dict[str, object]) -> int:
    document = expected.get("document")
    return int(document.get("pages") or 1) if isinstance(document, dict) else 1


def generate(root: Path) -> list[dict[str, str]]:
    """Write every scanned case under root and return their manifest entries."""
    by_language = twins(root)
    rng = random.Random(4711)
    counters: dict[str, int] = {}
    used: set[Path] = set()
    entries: list[dict[str, str]] = []
    for old in root.glob("scan_*"):
        shutil.rmtree(old)
    for recipe in RECIPES:
        twin = _pick(by_language.get(recipe.language, []), recipe, used, rng)
        if twin is None:
            continue
        used.add(twin[0])
        counters[recipe.language] = counters.get(recipe.language, 0) + 1
        case = root / f"scan_{recipe.language}_{counters[recipe.language]}"
        entries.append(write_case(case, twin, recipe, np.random.default_rng(len(entries) + 1)))
    return entries


def write_case(
    case: Path, twin: tuple[Path, dict[str, object]], recipe: Recipe, rng: np.random.Generator
) -> dict[str, str]:
    """Render, degrade and store one case with its expected.json; its manifest entry."""
    source, expected = twin
    render_dpi = recipe.dpi or 200
    pages = render(source / "input.pdf", render_dpi)
    degraded = [DEGRADATIONS[recipe.degrade](page, rng) for page in pages]
    if len(degraded) > 1 and recipe.store in SINGLE_FRAME:
        # Every page of the twin is scanned (its expected.json covers them all): a multi-page container.
        recipe = replace(recipe, store=SINGLE_FRAME[recipe.store])
    case.mkdir(parents=True, exist_ok=True)
    path = case / f"input.{SUFFIX[recipe.store]}"
    store(degraded, recipe, path)
    expected = json.loads(json.dumps(expected))
    document = expected.setdefault("document", {})
    assert isinstance(document, dict)
    document["kind"] = "scanned_pdf" if recipe.store.startswith("pdf") else "image"
    document["media_type"] = MEDIA_TYPES[recipe.store]
    document["ocr"] = True
    document["pages"] = len(degraded)
    (case / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {
        "id": case.name,
        "input": path.name,
        "language": recipe.language,
        "kind": str(document["kind"]),
        "source": f"rendered from {source.name}/input.pdf at {render_dpi} dpi, degraded: {recipe.degrade}",
        "purpose": recipe.purpose,
        "licence": LICENCE,
    }


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    for entry in generate(target):
        print(json.dumps(entry, ensure_ascii=False))
    print("MANIFEST.yaml is written by sample_docs/generate.py, which runs this module too.", file=sys.stderr)
