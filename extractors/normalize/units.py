"""Printed units of measure -> UN/ECE Recommendation 20 codes ("Stk." -> PCE, "kgs" -> KGM, "Karton" -> CT).

The printed forms come from every lexicon's `units` table (English first, so when two languages read one form
differently the English reading wins). The Rec 20 codes themselves are understood too, both those the
lexicons use and a list of common ones ("PCE", "C62", "H87", "KGM", "MTK"). Matching ignores case, accents,
inner spaces and trailing dots; a quantity glued in front ("500pcs", "12 Stk.") is skipped.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.lexicons import all_lexicons
from extractors.normalize.phrases import canonical

COMMON_REC20_CODES = frozenset(
    {
        "PCE", "H87", "C62", "NAR", "EA", "SET", "PR", "DZN", "CT", "BX", "PK", "PA", "BG", "RO", "ST", "CS",
        "KGM", "GRM", "TNE", "LBR", "ONZ", "MTR", "CMT", "MMT", "KMT", "INH", "FOT", "YRD", "MTK", "MTQ",
        "LTR", "MLT", "GLL", "HUR", "DAY", "KWH", "MON", "WEE", "ANN", "MIN", "LS", "E48", "XPK", "XCT",
    }
)  # fmt: skip
"""Rec 20 (and Rec 21 package) codes printed as units often enough to be read as themselves."""

CODE_ALIASES = {"EA": "PCE"}
"""Codes that are not in Rec 20 but appear as such in ERP exports (SAP "EA" = each)."""

_LEADING_QUANTITY = re.compile(r"^\s*[-+]?\d[\d.,'\s]*(?=\D)")


@cache
def _unit_table() -> dict[str, str]:
    """Canonical printed form -> Rec 20 code, from every lexicon plus the codes themselves."""
    table: dict[str, str] = {}
    for lexicon in all_lexicons():
        for code, forms in lexicon.units.items():
            for form in forms:
                table.setdefault(canonical(form), code)
    codes = COMMON_REC20_CODES | {code for lexicon in all_lexicons() for code in lexicon.units}
    for code in sorted(codes):
        table.setdefault(canonical(code), CODE_ALIASES.get(code, code))
    return table


def parse_unit(text: str) -> tuple[str, str] | None:
    """Read a printed unit.

    Args:
        text: The unit cell or token ("pcs", "Stk.", "KGS", "m²", "PCE", "500 pcs").

    Returns:
        (Rec 20 code, printed form as it stands in text without the quantity), or None when the text is not a
        known unit.

    """
    printed = _LEADING_QUANTITY.sub("", text).strip().strip(":;,()[]").strip()
    if not printed:
        return None
    code = _unit_table().get(canonical(printed))
    if code is None:
        code = _unit_table().get(canonical(printed.rstrip(".")))
    return (code, printed) if code else None
