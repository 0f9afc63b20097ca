"""Annotated scalar types used across the contract."""

from decimal import Decimal
from typing import Annotated

from pydantic import PlainSerializer


def decimal_to_str(value: Decimal) -> str:
    """Render a decimal as a plain string: no exponent, no thousands separator, as precise as stored."""
    return format(value, "f")


Dec = Annotated[Decimal, PlainSerializer(decimal_to_str, return_type=str, when_used="json")]
"""A decimal that serializes to a JSON string ("1234.50")."""
