"""The watcher on the hostile corpus: every file ends in failed/ with its error (or in archive/ or ignored/
when harmless), nothing stays behind, nothing is lost, and the run goes on to the end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_corpus import glyph_flood_pdf, write_corpus
from hostile_run import run_cli


@pytest.mark.slow
def test_watcher_files_every_hostile_input_and_keeps_going(tmp_path: Path) -> None:
    root = tmp_path / "service"
    corpus = write_corpus(root / "inbox")
    (root / "inbox" / "flood.pdf").write_bytes(glyph_flood_pdf())  # hangs the reader until the time limit
    completed = run_cli(
        ["watch", "--root", str(root), "--once", "--settle", "0.2", "--quiet", "--no-prefect"],
        tmp_path,
        extract__limits__parse_timeout_s="15",  # above the slowest corpus file on a loaded 2-core runner
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "Traceback" not in completed.stderr
    outcomes = {line["file"]: line for line in map(json.loads, completed.stdout.splitlines())}
    assert sorted(outcomes) == sorted([*corpus, "flood.pdf"])
    assert not list((root / "inbox").iterdir()) and not list((root / "processing").iterdir())
    expected = {name: item.code for name, item in corpus.items()} | {"flood.pdf": "input.timeout"}
    for name, code in expected.items():
        outcome = outcomes[name]
        if code is None:
            assert outcome["folder"] in ("archive", "ignored"), outcome
            continue
        assert (outcome["folder"], outcome["error_code"]) == ("failed", code), outcome
        error = json.loads((root / "failed" / f"{name}.error.json").read_text())
        assert error["code"] == code and error["message"]
        assert (root / "failed" / name).is_file()
