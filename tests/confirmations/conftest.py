"""Fixtures for the confirmation tests: our company profile and the order factory."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from confirmation_samples import TODAY, make_result

from models.company import CompanyProfile
from models.result import ExtractionResult
from pipeline.confirmations import RenderedConfirmation, render_confirmation


@pytest.fixture(scope="session")
def company() -> CompanyProfile:
    return CompanyProfile(
        name="Ningbo Sunrise Industrial Co., Ltd.",
        address="88 Jiangnan Road, Beilun, Ningbo 315800, China",
        email="sales@sunrise.example",
        bank_details="Bank of Ningbo, SWIFT BKNBCN2NXXX, A/C 7012 3456 7890",
    )


@pytest.fixture
def order_in() -> Callable[..., ExtractionResult]:
    return make_result


@pytest.fixture(scope="session")
def rendered(company: CompanyProfile) -> Callable[[str], RenderedConfirmation]:
    """The sample order of a language rendered once per session (a Chinese PDF embeds a CJK font: ~1 s)."""
    cache: dict[str, RenderedConfirmation] = {}

    def render(language: str) -> RenderedConfirmation:
        if language not in cache:
            cache[language] = render_confirmation(make_result(language), company, today=TODAY)
        return cache[language]

    return render
