"""Fixtures of the reader tests: real files built once per session."""

from __future__ import annotations

import pytest
from readers_samples import build_order_docx, build_order_pdf, build_order_xlsx

from models.options import ExtractOptions


@pytest.fixture(scope="session")
def options() -> ExtractOptions:
    return ExtractOptions()


@pytest.fixture(scope="session")
def order_pdf() -> bytes:
    return build_order_pdf()


@pytest.fixture(scope="session")
def order_docx() -> bytes:
    return build_order_docx()


@pytest.fixture(scope="session")
def order_xlsx() -> bytes:
    return build_order_xlsx()
