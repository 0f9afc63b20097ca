"""Input -> ExtractionResult. The library entry point is `extract_order`."""

from extractors.api import extract_order, extract_orders

__all__ = ["extract_order", "extract_orders"]
