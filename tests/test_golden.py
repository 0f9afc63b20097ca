"""Golden tests: every sample case must come out as its expected.json says (volatile fields excluded).

expected.json files are the ground truth written by `sample_docs/generate.py` from the order it rendered, not
snapshots of our output. Cases we knowingly fail are listed in `golden_known_failures.txt` with the reason; they
run as strict xfail, so fixing one turns the suite red until the entry is removed.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.evaluate import cases, compare

ROOT = Path(__file__).resolve().parent.parent / "sample_docs"
KNOWN = {
    line.split("#", 1)[0].strip(): line.split("#", 1)[1].strip() if "#" in line else ""
    for line in (Path(__file__).parent / "golden_known_failures.txt").read_text().splitlines()
    if line.split("#", 1)[0].strip()
}
TODAY = date(2026, 1, 15)
ALL_CASES = list(cases(ROOT))


def _params() -> list[object]:
    params = []
    for case, path, expected in ALL_CASES:
        marks = [pytest.mark.slow] if case.startswith("scan_") else []
        if case in KNOWN:
            marks.append(pytest.mark.xfail(reason=KNOWN[case], strict=True))
        params.append(pytest.param(path, expected, id=case, marks=marks))
    return params


@pytest.mark.parametrize(("path", "expected_path"), _params())
def test_golden_case(path: Path, expected_path: Path) -> None:
    from extractors import extract_order

    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    result = extract_order(path, today=TODAY).model_dump(mode="json")
    score = compare(expected, result, path.parent.name)
    assert not score.errors, "\n".join(score.errors)


@pytest.mark.skipif(not ALL_CASES, reason="sample_docs/ holds no generated cases yet (run make samples)")
def test_there_are_samples() -> None:
    assert len(ALL_CASES) >= 40
