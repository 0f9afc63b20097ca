"""The digital order cases, loaded from `data/cases.yaml` (plans and layouts as data)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.case import Case
from generator.layout import Layout
from generator.specs import OrderPlan

DATA = Path(__file__).parent / "data" / "cases.yaml"


@cache
def _load() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def _plan(raw: dict[str, Any]) -> OrderPlan:
    values = dict(raw)
    values["currency"], values["currency_print"] = raw["currency"]
    if values.get("incoterm") is not None:
        values["incoterm"] = tuple(values["incoterm"])
    values["omit"] = frozenset(values.get("omit", ()))
    return OrderPlan(**values)


def _layout(raw: dict[str, Any]) -> Layout:
    data = _load()
    values = dict(raw)
    columns = values.get("columns", "standard")
    values["columns"] = tuple(data["column_presets"][columns] if isinstance(columns, str) else columns)
    values["accent"] = tuple(data["accents"][values.get("accent", "black")])
    return Layout(**values)


def order_cases() -> tuple[Case, ...]:
    """Every order case of `data/cases.yaml`, in file order."""
    return tuple(
        Case(case_id, raw["format"], _plan(raw["plan"]), _layout(raw["layout"]), raw["purpose"])
        for case_id, raw in _load()["cases"].items()
    )
