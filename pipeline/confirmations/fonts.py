"""Font files for the PDF: DejaVu Sans for Latin, Greek and Cyrillic, Noto Sans CJK SC for Chinese.

Debian packages: `fonts-dejavu-core` and `fonts-noto-cjk` (the Makefile installs both). The CJK font ships as a
TrueType collection; the face is picked by name, so a collection with another order of faces works too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from models.errors import IntakeError

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts")
LATIN_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
CJK_FILES = {
    "": ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf"),
    "B": ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf"),
}
CJK_FACE = "Noto Sans CJK SC"


class FontMissingError(IntakeError):
    """A font the confirmation needs is not installed."""

    code = "output.font_missing"


@dataclass(frozen=True)
class FontFile:
    """A font file and, for a collection (.ttc), the number of the face to use."""

    path: Path
    index: int = 0


@lru_cache(maxsize=16)
def find_font_file(file_name: str) -> Path | None:
    """Return the first installed font file called `file_name`, or None."""
    for directory in FONT_DIRS:
        if directory.is_dir():
            match = next(iter(sorted(directory.rglob(file_name))), None)
            if match is not None:
                return match
    return None


def latin_fonts() -> dict[str, FontFile]:
    """Return DejaVu Sans regular and bold, by fpdf2 style (`""`, `"B"`).

    Raises:
        FontMissingError: When DejaVu Sans is not installed.

    """
    fonts = {}
    for style, name in LATIN_FILES.items():
        path = find_font_file(name)
        if path is None:
            raise FontMissingError(f"font {name} not found: install the package fonts-dejavu-core")
        fonts[style] = FontFile(path)
    return fonts


def cjk_fonts() -> dict[str, FontFile]:
    """Return Noto Sans CJK SC regular and bold, by fpdf2 style.

    Raises:
        FontMissingError: When Noto Sans CJK is not installed.

    """
    fonts = {}
    for style, names in CJK_FILES.items():
        path = next((found for name in names if (found := find_font_file(name)) is not None), None)
        if path is None:
            raise FontMissingError(f"font {names[0]} not found: install the package fonts-noto-cjk")
        fonts[style] = FontFile(path, collection_face(path, CJK_FACE))
    return fonts


@lru_cache(maxsize=8)
def collection_face(path: Path, family: str) -> int:
    """Return the number of the face whose family is `family` in a font collection (0 for a single font)."""
    if path.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == family:
                return index
    finally:
        collection.close()
    raise FontMissingError(f"{path} has no face {family!r}: install the package fonts-noto-cjk")
