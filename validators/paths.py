"""Field paths of the result contract (`buyer.name`, `line_items[2].amount`): reading values and naming fields.

A path is resolved on the order; a path starting with `document.` is resolved on the document information
(`document.sender` for an e-mail's sender). `line_items[]` in a path stands for "each line": the generic form
used by the policy and the question files, while findings name the concrete line (`line_items[2].quantity`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from models.document import DocumentInfo
from models.order import LineItem, Order

LINES = "line_items"
EACH_LINE = "line_items[]"
_INDEX = re.compile(r"\[(\d+)\]")
_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


def is_blank(value: object) -> bool:
    """Whether a value counts as absent: None, an empty or whitespace string, or an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict):
        return len(value) == 0
    if isinstance(value, BaseModel):
        return all(is_blank(getattr(value, name)) for name in type(value).model_fields)
    return False


def value_at(order: Order, path: str, document: DocumentInfo | None = None) -> Any:
    """The value at a contract path, or None when any step is absent.

    Args:
        order: The order to read.
        path: A dotted path such as `incoterms.place`, `line_items[2].amount` or `document.sender`.
        document: The document information, for paths starting with `document.`.

    Returns:
        The value, or None when the path does not resolve.

    """
    current: Any = order
    steps = path.split(".")
    if steps[0] == "document":
        current, steps = document, steps[1:]
    for step in steps:
        match = _STEP.fullmatch(step)
        if current is None or match is None:
            return None
        current = getattr(current, match.group(1), None)
        if match.group(2) is not None:
            index = int(match.group(2))
            if not isinstance(current, list) or index >= len(current):
                return None
            current = current[index]
    return current


def line_path(index: int, attribute: str | None = None) -> str:
    """The path of a line (0-based index) or of one of its attributes: `line_items[2].amount`."""
    base = f"{LINES}[{index}]"
    return f"{base}.{attribute}" if attribute else base


def generic_path(path: str) -> str:
    """The path with line indexes replaced by `[]`: `line_items[2].amount` -> `line_items[].amount`."""
    return _INDEX.sub("[]", path)


def line_index(path: str) -> int | None:
    """The 0-based line index named in a path, or None."""
    match = _INDEX.search(path)
    return int(match.group(1)) if match else None


def line_number(line: LineItem, index: int) -> int:
    """The line number shown to people: the printed line number, else the 1-based position."""
    return line.line_no if line.line_no is not None else index + 1


def each_line(order: Order) -> Iterator[tuple[int, LineItem]]:
    """The order's lines with their 0-based indexes."""
    yield from enumerate(order.line_items)
