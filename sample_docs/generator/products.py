"""The suppliers' products, loaded from `data/products.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data" / "products.yaml"


@dataclass(frozen=True)
class Product:
    """One catalog product.

    Attributes:
        sku: The supplier's article number.
        unit: UN/ECE Rec 20 unit code it is sold in.
        price_low: Lowest plausible unit price (USD/EUR).
        price_high: Highest plausible unit price.
        hs_code: Customs tariff number.
        descriptions: Language -> description.
        colour: Language -> the colour word the description names (a colour variant replaces it).
        variants: Whether the product comes in colour variants.
    """

    sku: str
    unit: str
    price_low: Decimal
    price_high: Decimal
    hs_code: str
    descriptions: dict[str, str]
    colour: dict[str, str] = field(default_factory=dict)
    variants: bool = True

    def description(self, language: str) -> str:
        """The description in the language, English when the catalog has none."""
        return self.descriptions.get(language, self.descriptions["en"])


@cache
def _load() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def _product(raw: dict[str, Any]) -> Product:
    low, high = raw["price"]
    texts = {key: value for key, value in raw.items() if len(key) == 2 and key.isalpha()}
    return Product(
        raw["sku"],
        raw["unit"],
        Decimal(str(low)),
        Decimal(str(high)),
        str(raw["hs"]),
        texts,
        colour=dict(raw.get("colour", {})),
        variants=bool(raw.get("variants", True)),
    )


def family(name: str) -> tuple[Product, ...]:
    """All products of one family ("lighting", "tools", "household", ...)."""
    return tuple(_product(raw) for raw in _load()["families"][name])


def long_suffixes(family_name: str, language: str) -> tuple[str, ...]:
    """Phrases that lengthen a description so that it wraps: packing details, and the family's certificates."""
    tables: dict[str, dict[str, list[str]]] = _load()["long_suffix"]
    packing = tables["packing"]
    phrases = list(packing.get(language, packing["en"]))
    specific = tables.get(family_name, {})
    phrases += specific.get(language, specific.get("en", []))
    return tuple(phrases)
