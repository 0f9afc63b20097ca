"""The check policy: which fields an order must or should have, and the thresholds of the checks.

The default is `validators/data/policy.yaml` (the export order desk's list from DOMAIN.md). A company policy
file (`policy_file` in orderintake.toml, YAML or TOML) is merged over it: each section it names replaces or
updates the default's, and `levels` changes the level of single fields without repeating the whole list.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, field_validator, model_validator

DEFAULT_POLICY_FILE = Path(__file__).parent / "data" / "policy.yaml"
Level = Literal["required", "recommended"]


class FieldRule(BaseModel):
    """One field the order should carry.

    Attributes:
        field: The contract path reported when the field is absent (`incoterms.place`,
            `line_items[].quantity` for each line).
        level: `required` (missing makes the order need review) or `recommended` (a warning).
        any_of: Paths of which one present is enough (default: the field itself). In a line rule,
            `line_items[]` means the same line; in an order rule it means "every line has it".
        when: Conditions: path -> accepted values (case-insensitive); the rule applies only when all hold.

    """

    field: str
    level: Level
    any_of: list[str] = Field(default_factory=list)
    when: dict[str, list[str]] = Field(default_factory=dict)

    @property
    def paths(self) -> list[str]:
        """The paths that satisfy the rule."""
        return self.any_of or [self.field]


class AmountPolicy(BaseModel):
    """Tolerances of the arithmetic checks (in the order's currency)."""

    line_tolerance: Decimal = Decimal("0.01")
    """Quantity x unit price may differ from the line amount by this much (to the cent)."""
    total_tolerance: Decimal = Decimal("0.05")
    """Lines may differ from the stated subtotal or total by at least this much..."""
    total_tolerance_per_line: Decimal = Decimal("0.01")
    """...or by this much per line (lines rounded one by one), whichever is larger..."""
    total_relative_tolerance: Decimal = Decimal("0")
    """...or by this fraction of the stated total (0.005 = 0.5 %)."""
    additions: list[str] = Field(default_factory=lambda: ["tax_amount", "freight_amount", "other_charges"])
    """Order fields that a total may add to the lines (those absent from the order are ignored)."""
    deductions: list[str] = Field(default_factory=lambda: ["discount_amount"])
    """Order fields that a total may subtract from the lines."""
    tax_rates: list[Decimal] = Field(default_factory=list)
    """Tax rates in percent: a total equal to the lines plus one of them is accepted (tax not stated)."""
    price_bases: list[int] = Field(default_factory=lambda: [100, 1000])
    """Prices per 100 or per 1000 units: a line amount matching one of them is noted, not an error."""


class PaymentPolicy(BaseModel):
    """What the payment checks treat as risky or incomplete."""

    risky_methods: list[str] = Field(default_factory=lambda: ["DA", "OA"])
    risky_triggers: list[str] = Field(default_factory=list)
    """Trigger codes (or parts of them) meaning payment after the goods arrive (`after_arrival`)."""
    lc_details: list[str] = Field(default_factory=lambda: ["issuing_bank", "lc_expiry", "latest_shipment_date"])
    percent_tolerance: Decimal = Decimal("0.01")


class DatePolicy(BaseModel):
    """Thresholds of the date checks (the minimum lead time is the company's `min_lead_time_days`)."""

    order_date_future_days: int = 1
    """An order date more than this many days after today is reported (usually a misread date)."""


class IncotermsPolicy(BaseModel):
    """Switches of the Incoterms checks."""

    assume_version: str = "2020"
    warn_exw: bool = True
    warn_ddp: bool = True
    check_place_side: bool = True


class Policy(BaseModel):
    """The whole policy."""

    min_confidence: float = Field(default=0.6, ge=0.0, le=1.0)
    fields: list[FieldRule] = Field(default_factory=list)
    levels: dict[str, Level | Literal["off"]] = Field(default_factory=dict)
    amounts: AmountPolicy = Field(default_factory=AmountPolicy)
    payment: PaymentPolicy = Field(default_factory=PaymentPolicy)
    dates: DatePolicy = Field(default_factory=DatePolicy)
    incoterms: IncotermsPolicy = Field(default_factory=IncotermsPolicy)

    @field_validator("levels", mode="before")
    @classmethod
    def _off_from_false(cls, levels: Any) -> Any:
        """Read YAML's `off` (which YAML 1.1 turns into false) as the level `off`."""
        if isinstance(levels, dict):
            return {field: "off" if level is False else level for field, level in levels.items()}
        return levels

    @model_validator(mode="after")
    def _apply_levels(self) -> Policy:
        """Apply `levels` to the field list: change a field's level or switch it off."""
        if self.levels:
            rules = [rule for rule in self.fields if self.levels.get(rule.field) != "off"]
            for rule in rules:
                level = self.levels.get(rule.field)
                if level in ("required", "recommended"):
                    rule.level = level
            self.fields = rules
        return self


def _read(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    data = (
        tomllib.loads(text)
        if path.suffix.lower() == ".toml"
        else yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    )
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a policy file must hold a mapping of settings, not {type(data).__name__}.")
    return data.get("policy", data) if path.suffix.lower() == ".toml" else data


@cache
def _default_data() -> dict[str, Any]:
    return _read(DEFAULT_POLICY_FILE)


def merge_policy_data(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge a policy mapping over another: sections (mappings) are updated key by key, the rest replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def load_policy(path: Path | None = None) -> Policy:
    """Read the policy: the default file, with a company policy file merged over it.

    Args:
        path: A YAML or TOML policy file (a TOML file may keep it under `[policy]`); None for the default.

    Returns:
        The validated policy.

    Raises:
        FileNotFoundError: When `path` does not exist.
        ValueError: When the file is not a valid policy (pydantic's ValidationError is a ValueError).

    """
    data = _default_data()
    if path is not None and Path(path).resolve() != DEFAULT_POLICY_FILE.resolve():
        data = merge_policy_data(data, _read(Path(path)))
    return Policy.model_validate(data)
