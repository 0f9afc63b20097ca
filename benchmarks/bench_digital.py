"""Extraction speed on digital documents, next to a bare pdfplumber pass over the same files.

Prints a table per document: bare pdfplumber (extract_words + find_tables on every page), warm in-process
`extract_order` (median of 3 after one warm-up), and a cold `orderintake extract` subprocess. Not a test.

    .venv/bin/python benchmarks/bench_digital.py [sample_docs]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber


def bare_pdfplumber(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
            page.close()


def timed(fn, *args, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    fn(*args)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def cold_cli(path: Path) -> float:
    exe = Path(sys.executable).parent / "orderintake"
    start = time.perf_counter()
    subprocess.run([str(exe), "extract", str(path)], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    from extractors import extract_order

    root = Path(sys.argv[1] if len(sys.argv) > 1 else "sample_docs")
    files = sorted(p for p in root.glob("*/input.pdf") if not p.parent.name.startswith("scan_"))
    print(f"{'document':34} {'pages':>5} {'pdfplumber s':>12} {'warm s':>8} {'ratio':>6} {'cold CLI s':>10}")
    ratios, colds = [], []
    for path in files:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        bare = timed(bare_pdfplumber, path)
        warm = timed(lambda p: extract_order(p), path)
        cold = cold_cli(path)
        ratios.append(warm / bare)
        colds.append(cold)
        print(f"{path.parent.name:34} {pages:>5} {bare:>12.3f} {warm:>8.3f} {warm / bare:>6.2f} {cold:>10.2f}")
    if ratios:
        ratio, cold = statistics.median(ratios), statistics.median(colds)
        print(f"{'median':34} {'':>5} {'':>12} {'':>8} {ratio:>6.2f} {cold:>10.2f}")


if __name__ == "__main__":
    main()
