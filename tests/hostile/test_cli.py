"""`orderintake extract` on the hostile corpus, as a user runs it: one process under a 4 GB address-space
limit, JSON out, no traceback, within the time limit."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hostile_corpus import CORPUS, glyph_flood_pdf, write_corpus
from hostile_run import run_cli


@pytest.mark.slow
def test_extract_answers_every_hostile_file_with_json(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    paths = [tmp_path / "corpus" / name for name in corpus]
    started = time.monotonic()
    completed = run_cli(["extract", *map(str, paths)], tmp_path)
    assert time.monotonic() - started < 120 + 30  # the limit, plus interpreter start on a busy machine
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "Traceback" not in completed.stderr
    results = [json.loads(line) for line in completed.stdout.splitlines()]
    assert len(results) == len(paths)
    for path, result in zip(paths, results, strict=True):
        expected = corpus[path.name].code
        assert result["document"]["source"] == str(path)
        if expected is None:
            assert result["status"] != "failed", (path.name, result["error"])
        else:
            assert (result["status"], result["error"]["code"]) == ("failed", expected), path.name
            assert result["error"]["message"]


@pytest.mark.slow
def test_extract_stops_a_pdf_that_exhausts_memory(tmp_path: Path) -> None:
    """The real pdfminer blowing up, stopped by a lowered memory setting (the default 2 GB takes ~45 s)."""
    flood = tmp_path / "flood.pdf"
    flood.write_bytes(glyph_flood_pdf())
    order = tmp_path / "order.pdf"
    order.write_bytes(next(item for item in CORPUS if item.name == "polyglot.pdf").build())
    completed = run_cli(["extract", str(flood), str(order)], tmp_path, extract__limits__parse_memory_bytes="500000000")
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "Traceback" not in completed.stderr
    flooded, read = (json.loads(line) for line in completed.stdout.splitlines())
    assert (flooded["status"], flooded["error"]["code"]) == ("failed", "input.too_large")
    assert read["status"] in ("complete", "needs_review")
