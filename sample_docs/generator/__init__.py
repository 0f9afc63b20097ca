"""Generator of the digital sample documents: order specs, phrasing, renderers and expected results.

from generator import all_cases, render, expected_for
for case in all_cases():
    spec = case.spec()
    render(case.fmt, spec, path, case.layout)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.case import Case
    from generator.layout import Layout
    from generator.model import OrderSpec

Renderer = Callable[["OrderSpec", Path, "Layout"], None]


def renderers() -> dict[str, Renderer]:
    """File extension -> renderer function `render_<format>(spec, path, layout)`."""
    from generator.docx import render_docx
    from generator.pdf import render_pdf
    from generator.text import render_text
    from generator.xlsx import render_xlsx

    return {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx, "txt": render_text}


def render(fmt: str, spec: OrderSpec, path: Path, layout: Layout) -> None:
    """Render a spec in one format."""
    renderers()[fmt](spec, path, layout)


def all_cases() -> tuple[Case, ...]:
    """Every digital case: orders in eight languages and the non-order documents."""
    from generator.cases import order_cases
    from generator.nonorders import NON_ORDER_CASES

    return order_cases() + NON_ORDER_CASES


def expected_for(spec: OrderSpec, extension: str = "pdf", pages: int | None = None) -> dict[str, object]:
    """The expected.json content of a spec (see `generator.expected.expected_for`)."""
    from generator.expected import expected_for as build

    return build(spec, extension, pages)
