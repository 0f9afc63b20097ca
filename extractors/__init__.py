"""Input -> ExtractionResult. The library entry point is `extract_order`.

The names are imported lazily so that importing a submodule (a reader, a lexicon) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractors.api import extract_order, extract_orders

__all__ = ["extract_order", "extract_orders"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from extractors import api

        return getattr(api, name)
    raise AttributeError(name)
