"""Regenerate the sample cases of orderintake: `sample_docs/<case>/input.*` + `expected.json` and MANIFEST.yaml.

    .venv/bin/python sample_docs/generate.py            # regenerate everything (deterministic, seeded)
    .venv/bin/python sample_docs/generate.py --check    # regenerate into a scratch folder, compare expected.json
    .venv/bin/python sample_docs/generate.py --only pdf_de_01_fob_din

The samples simulate customers' documents; the generator never reads the extractor's lexicons.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT.parent)]

from generator.build import SOURCE, generate_all  # noqa: E402
from generator.verify import verify_case_texts  # noqa: E402


def check(root: Path) -> list[str]:
    """Regenerate into a scratch folder and list the expected.json files that differ from the committed ones."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="orderintake-samples-") as scratch:
        entries = generate_all(Path(scratch))
        for entry in entries:
            fresh = Path(scratch) / entry["id"] / "expected.json"
            committed = root / entry["id"] / "expected.json"
            if not committed.exists():
                problems.append(f"{entry['id']}: expected.json is missing")
            elif committed.read_bytes() != fresh.read_bytes():
                problems.append(f"{entry['id']}: expected.json differs from a fresh generation")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="verify that regenerating gives identical expected.json")
    parser.add_argument("--only", nargs="+", metavar="CASE", help="regenerate only these cases (no manifest)")
    args = parser.parse_args(argv)
    if args.check:
        problems = check(ROOT)
        for problem in problems:
            print(problem, file=sys.stderr)
        print("expected.json files are reproducible" if not problems else f"{len(problems)} case(s) differ")
        return 1 if problems else 0
    entries = generate_all(ROOT, set(args.only) if args.only else None)
    unreadable = verify_case_texts(ROOT, [entry["id"] for entry in entries if entry.get("source") == SOURCE])
    for problem in unreadable:
        print(problem, file=sys.stderr)
    print(f"generated {len(entries)} case(s) in {ROOT}")
    return 1 if unreadable else 0


if __name__ == "__main__":
    sys.exit(main())
