"""The e-mail sample cases: every case is read as its expected.json says (see tests/test_golden.py)."""

from __future__ import annotations

from pathlib import Path

from extractors.api import extract_orders

ROOT = Path(__file__).resolve().parents[2] / "sample_docs"


def test_two_order_attachments_give_two_results_primary_first() -> None:
    path = ROOT / "email_es_02_two_orders" / "input.eml"
    results = extract_orders(path)
    assert len(results) == 2
    assert all(r.document.kind == "email" for r in results)
    assert [p.role for p in results[0].document.parts].count("order") == 1
    assert results[0].document.parts[1].role == "order" and results[1].document.parts[2].role == "order"
