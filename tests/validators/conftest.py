from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from validator_samples import TODAY, clean_order

from models.order import Order
from validators import CheckContext, default_context


@pytest.fixture
def order() -> Order:
    return clean_order()


@pytest.fixture
def make_ctx() -> Callable[..., CheckContext]:
    def make(**kw: Any) -> CheckContext:
        kw.setdefault("today", TODAY)
        return default_context(**kw)

    return make


@pytest.fixture
def ctx(make_ctx: Callable[..., CheckContext]) -> CheckContext:
    return make_ctx()
