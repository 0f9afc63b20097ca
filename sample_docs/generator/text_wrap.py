"""Monospace text helpers: display width (CJK characters take two columns), padding, wrapping."""

from __future__ import annotations

import textwrap
import unicodedata


def display_width(text: str) -> int:
    """Columns a string takes in a monospace font (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """Pad to a display width, left- or right-aligned."""
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill


def wrap(text: str, width: int) -> list[str]:
    """Wrap to a display width (character-wise for CJK text, word-wise otherwise)."""
    if display_width(text) == len(text):
        return textwrap.wrap(text, width) or [""]
    lines, current = [], ""
    for ch in text:
        if display_width(current + ch) > width:
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current]
