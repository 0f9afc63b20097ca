"""OCR speed next to the bare `tesseract` command on the same images. Prints tables; not a test.

1. Per page, warm: `tesseract IMG out -l LANG tsv` (LANG = the page's language, OMP_THREAD_LIMIT=1) against
   our engine in-process (`ImageReader.read`: preprocessing, probe, recognition, parsing), best of N.
2. Cold: `orderintake extract FILE` as a new process against bare tesseract on the file's page image.
3. Parallel: the same two pages OCRed with one worker and with two; throughput ratio.

Wall times on a shared machine wander with its load, so the CPU seconds (own process plus tesseract children)
are printed too: they do not depend on what else runs.

    .venv/bin/python benchmarks/bench_ocr.py [ROOT] [--repeat N]     # ROOT: sample_docs (scan_* cases)
    .venv/bin/python benchmarks/bench_ocr.py --only 'scan_es_*' --only clean_spa --warm-only   # a few pages
"""

from __future__ import annotations

import argparse
import fnmatch
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.ocr.languages import TESSERACT_TO_ISO  # noqa: E402
from extractors.readers.image import ImageReader  # noqa: E402
from models.options import ExtractOptions, OcrOptions  # noqa: E402

ISO_TO_TESSERACT = {iso: code for code, iso in reversed(TESSERACT_TO_ISO.items())}
IMAGE_SUFFIXES = {".png", ".jpg", ".tif", ".webp"}
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, float]:
    """Best wall and best CPU seconds of `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), cpu_seconds()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - cpu)
    return min(walls), min(cpus)


def bare_tesseract(image: Path, lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["tesseract", str(image), f"{tmp}/out", "-l", lang, "tsv"], env=ENV, check=True, capture_output=True
        )


def case_language(case: Path) -> str:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return ISO_TO_TESSERACT.get(expected["document"]["language"], "eng")


def warm_table(items: list[tuple[str, Path, str]], repeat: int) -> list[float]:
    """Per-page table over single-page images (name, path, language); returns the CPU-time ratios."""
    reader, options = ImageReader(), ExtractOptions()
    print(f"\n{'page':14} {'input':6} {'lang':8} {'bare s':>7} {'ours s':>7} {'ratio':>6}", end=" ")
    print(f"{'bare cpu':>8} {'ours cpu':>8} {'cpu ratio':>9}")
    ratios = []
    for name, image, lang in items:
        data = image.read_bytes()
        reader.read(data, image.name, options)  # warm-up: imports, langdetect profiles, page cache
        bare = best_of(repeat, lambda image=image, lang=lang: bare_tesseract(image, lang))
        ours = best_of(repeat, lambda data=data, name=image.name: reader.read(data, name, options))
        ratios.append(ours[1] / bare[1])
        print(
            f"{name:14} {image.suffix:6} {lang:8} {bare[0]:7.2f} {ours[0]:7.2f} {ours[0] / bare[0]:6.2f} "
            f"{bare[1]:8.2f} {ours[1]:8.2f} {ours[1] / bare[1]:9.2f}"
        )
    return ratios


def scan_images(cases: list[Path]) -> list[tuple[str, Path, str]]:
    """Single-frame image files among the scanned cases."""
    items = []
    for case in cases:
        for image in case.glob("input.*"):
            if image.suffix in IMAGE_SUFFIXES and getattr(Image.open(image), "n_frames", 1) == 1:
                items.append((case.name, image, case_language(case)))
    return items


def clean_pages(root: Path, workdir: Path) -> list[tuple[str, Path, str]]:
    """First pages of one digital PDF case per language, rendered clean at 200 dpi as PNG: a plain scan."""
    import pypdfium2 as pdfium

    items, seen = [], set()
    for pdf in sorted(root.glob("pdf_*/input.pdf")):
        lang = case_language(pdf.parent)
        if lang in seen:
            continue
        seen.add(lang)
        document = pdfium.PdfDocument(str(pdf))
        try:
            page = document[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
        finally:
            document.close()
        path = workdir / f"{pdf.parent.name}.png"
        page.save(path, dpi=(200, 200))
        items.append((f"clean_{lang}", path, lang))
    return items


def cold_table(cases: list[Path]) -> None:
    """Cold CLI runs on scanned PDFs against bare tesseract on the PDF's page image.

    The CLI's own start (imports, lexicons) and the field extraction are in the cold time too: the startup
    row (`orderintake --help`) shows the part that is not OCR.
    """
    exe = Path(sys.executable).parent / "orderintake"
    start = time.perf_counter()
    subprocess.run([str(exe), "--help"], capture_output=True, env=ENV)
    print(f"\nCLI start (orderintake --help): {time.perf_counter() - start:.2f} s")
    print(f"{'case':12} {'lang':8} {'bare s':>7} {'cold CLI s':>10} {'ratio':>6}")
    for case in cases:
        pdf = case / "input.pdf"
        image = page_image(pdf)
        if image is None:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / ("page" + image[1])
            path.write_bytes(image[0])
            lang = case_language(case)
            bare = best_of(1, lambda path=path, lang=lang: bare_tesseract(path, lang))[0]
        start = time.perf_counter()
        done = subprocess.run([str(exe), "extract", str(pdf)], capture_output=True, env=ENV)
        cold = time.perf_counter() - start
        note = "" if done.returncode == 0 else f"  (exit {done.returncode})"
        print(f"{case.name:12} {lang:8} {bare:7.2f} {cold:10.2f} {cold / bare:6.2f}{note}")


def page_image(pdf: Path) -> tuple[bytes, str] | None:
    """The first page's image as our scanned-PDF reader takes it (original JPEG, or the decoded bitmap)."""
    import pypdfium2 as pdfium

    from extractors.readers.scan import embedded_page_image

    document = pdfium.PdfDocument(str(pdf))
    try:
        if len(document) != 1:
            return None
        page = embedded_page_image(document[0], 1)
    finally:
        document.close()
    if page is None:
        return None
    if page.encoded is not None:
        return page.encoded, page.suffix
    buffer = io.BytesIO()
    page.image.save(buffer, format="PPM")
    return buffer.getvalue(), ".pgm"


def parallel_table(case: Path, repeat: int) -> None:
    """One page vs the same page twice with one and with two workers."""
    image = next(p for p in case.glob("input.*") if p.suffix in IMAGE_SUFFIXES)
    frame = Image.open(image)
    frame.load()
    buffer = io.BytesIO()
    frame.save(
        buffer, format="TIFF", save_all=True, append_images=[frame.copy()], dpi=frame.info.get("dpi", (200, 200))
    )
    one, two = io.BytesIO(), buffer.getvalue()
    frame.save(one, format="TIFF", dpi=frame.info.get("dpi", (200, 200)))
    reader = ImageReader()
    print(f"\n{'run':28} {'pages':>5} {'wall s':>7} {'pages/s':>8}")
    results = {}
    for label, data, workers in (
        ("1 page, 1 worker", one.getvalue(), 1),
        ("2 pages, 1 worker", two, 1),
        ("2 pages, 2 workers", two, 2),
    ):
        options = ExtractOptions(ocr=OcrOptions(workers=workers))
        reader.read(data, "bench.tif", options)
        wall = best_of(repeat, lambda data=data, options=options: reader.read(data, "bench.tif", options))[0]
        pages = 1 if data is not two else 2
        results[label] = pages / wall
        print(f"{label:28} {pages:>5} {wall:7.2f} {pages / wall:8.3f}")
    ratio = results["2 pages, 2 workers"] / results["1 page, 1 worker"]
    print(f"throughput of two pages in parallel vs one page: {ratio:.2f}x (cores: {os.cpu_count()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(ROOT / "sample_docs"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", action="append", default=[], help="page name pattern (scan_es_*, clean_spa)")
    parser.add_argument("--warm-only", action="store_true", help="only the per-page tables")
    args = parser.parse_args()
    cases = sorted(p for p in Path(args.root).glob("scan_*") if (p / "expected.json").exists())
    wanted = lambda name: not args.only or any(fnmatch.fnmatch(name, p) for p in args.only)  # noqa: E731
    if not cases:
        sys.exit(f"no scan_* cases under {args.root}; run `make samples` first")
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; best of {args.repeat}")
    image_cases = [c for c in cases if any(p.suffix in IMAGE_SUFFIXES for p in c.glob("input.*"))]
    with tempfile.TemporaryDirectory() as tmp:
        clean = warm_table([i for i in clean_pages(Path(args.root), Path(tmp)) if wanted(i[0])], args.repeat)
    scanned = warm_table([i for i in scan_images(image_cases) if wanted(i[0])], args.repeat)
    for label, ratios in (("clean pages", clean), ("degraded scans", scanned)):
        if ratios:
            print(f"median CPU ratio ours/bare, {label}: {sorted(ratios)[len(ratios) // 2]:.2f}")
    if args.warm_only:
        return
    cold_table([c for c in cases if (c / "input.pdf").exists()])
    single = [c for c in image_cases if all(getattr(Image.open(p), "n_frames", 1) == 1 for p in c.glob("input.*"))]
    parallel_table(single[0], args.repeat)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
