"""A sample case: id, file format, the order plan or document spec, the layout, and why the case exists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.layout import Layout
from generator.model import OrderSpec
from generator.specs import OrderPlan, build_order

FORMATS = ("pdf", "docx", "xlsx", "txt")


@dataclass(frozen=True)
class Case:
    """One digital sample case.

    Attributes:
        case_id: Folder name under sample_docs/ ("pdf_de_01_fob_din"); also the seed.
        fmt: Input file extension: pdf, docx, xlsx or txt.
        plan: The order plan (orders), or None when `spec_factory` builds the spec (non-orders).
        layout: How the document is laid out.
        purpose: What the case tests, for the manifest.
        spec_factory: Builds the spec of a non-order document from the case id.
    """

    case_id: str
    fmt: str
    plan: OrderPlan | None
    layout: Layout
    purpose: str
    spec_factory: Callable[[str], OrderSpec] | None = field(default=None, compare=False)

    def spec(self) -> OrderSpec:
        """Build the case's spec (deterministic)."""
        if self.spec_factory is not None:
            return self.spec_factory(self.case_id)
        assert self.plan is not None
        return build_order(self.case_id, self.plan)

    @property
    def language(self) -> str:
        """The document language (from the case id: <format>_<language>_...)."""
        return self.case_id.split("_")[1]


def order_plan(
    language: str,
    buyer: str,
    seller: str,
    family: str,
    lines: int,
    incoterm: tuple[str, str] | None,
    payment: str | None,
    transport: str | None,
    currency: tuple[str | None, str],
    number_style: str,
    date_style: str,
    **options: Any,
) -> OrderPlan:
    """Compact constructor of an `OrderPlan` for the case tables.

    Args:
        language: Document language.
        buyer: Buyer key.
        seller: Seller key.
        family: Product family.
        lines: Number of lines.
        incoterm: (rule, place) or None.
        payment: Payment variant or None.
        transport: Transport mode or None.
        currency: (ISO code or None, printed form).
        number_style: Number style.
        date_style: Date style.
        **options: Any other `OrderPlan` field.

    Returns:
        The plan.
    """
    if "omit" in options:
        options["omit"] = frozenset(options["omit"])
    return OrderPlan(
        language=language,
        buyer=buyer,
        seller=seller,
        family=family,
        lines=lines,
        incoterm=incoterm,
        payment=payment,
        transport=transport,
        currency=currency[0],
        currency_print=currency[1],
        number_style=number_style,
        date_style=date_style,
        **options,
    )
