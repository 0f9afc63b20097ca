"""Every hostile class through the library entry point: a `failed` result with its code, or a normal result
for odd but harmless input; never an exception, a hang or a lost document."""

from __future__ import annotations

import time

import pytest
from hostile_corpus import CORPUS, TRAVERSAL_NAMES, Hostile, long_line_text, traversal_eml

from extractors.api import extract_order, extract_orders
from models.options import ExtractOptions, Limits


@pytest.mark.parametrize("item", CORPUS, ids=lambda item: item.name)
def test_hostile_input_gets_a_clear_result(item: Hostile) -> None:
    data = item.build()
    started = time.monotonic()
    result = extract_order(data, filename=item.name)
    assert time.monotonic() - started < 60
    if item.code is None:
        assert result.status != "failed", result.error
    else:
        assert result.status == "failed"
        assert result.error is not None
        assert result.error.code == item.code
        assert result.error.message
    assert result.document.sha256


def test_attachment_names_are_display_names_only() -> None:
    results = extract_orders(traversal_eml(), filename="order.eml", options=ExtractOptions())
    names = [part.name for result in results for part in result.document.parts]
    assert len(names) == 1 + len(TRAVERSAL_NAMES)
    for name in names:
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert all(ord(char) >= 32 and char != "\x7f" for char in name)
    assert results[0].status in ("complete", "needs_review")
    assert results[0].order.order_number


def test_content_sniffing_reports_a_disguised_file() -> None:
    polyglot = next(item for item in CORPUS if item.name == "polyglot.docx")
    result = extract_order(polyglot.build(), filename=polyglot.name)
    assert result.document.media_type == "application/pdf"
    assert "input.type_mismatch" in [finding.code for finding in result.findings]


def test_one_line_text_is_analysed_in_linear_time() -> None:
    """100,000 characters on one line (it used to take minutes: the line-wise analysis was quadratic)."""
    started = time.monotonic()
    result = extract_order(long_line_text(), filename="one_line.txt")
    assert result.status != "failed"
    assert time.monotonic() - started < 40


def test_text_cap_covers_formats_without_their_own() -> None:
    pdf = next(item for item in CORPUS if item.name == "polyglot.pdf").build()
    result = extract_order(pdf, filename="po.pdf", options=ExtractOptions(limits=Limits(max_text_chars=200)))
    assert result.status == "failed" and result.error is not None
    assert result.error.code == "input.too_large"
