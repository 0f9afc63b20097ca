"""Printed shipping methods -> transport mode: sea, air, rail, road, courier or multimodal.

Phrases come from every lexicon's `transport` table and match as whole words ("air" is not in "repair"),
longest phrase first ("sea-air" is multimodal, not sea). When several modes are named, the first one printed
wins, except that a courier phrase ("express", "DHL") counts only when no other mode is named: "Air freight,
express" is air, "DHL Express" is courier. A courier's name inside a company name ("DHL Global Forwarding
(China) Co., Ltd.", a forwarder) names no mode.
"""

from __future__ import annotations

from functools import cache

from extractors.normalize.phrases import PhraseMatcher, lexicon_entries

COURIER = "courier"


@cache
def _matcher() -> PhraseMatcher[str]:
    return PhraseMatcher(lexicon_entries(lambda lexicon: lexicon.transport))


def transport_ends(text: str) -> list[int]:
    """Where each transport phrase in text ends ("Sea freight|, Ningbo to Brisbane")."""
    return [hit.end for hit in _matcher().find_all(text) if not _in_company_name(text, hit.start, hit.end)]


def parse_transport(text: str) -> str | None:
    """Read the transport mode named in text.

    Args:
        text: The printed shipping method ("By sea, FCL 1x40'HQ", "Luftfracht", "DHL Express", "海运").

    Returns:
        One of "sea", "air", "rail", "road", "courier", "multimodal", or None when text names no mode.

    """
    modes = [hit.key for hit in _matcher().find_all(text) if not _in_company_name(text, hit.start, hit.end)]
    if not modes:
        return None
    main = [mode for mode in modes if mode != COURIER]
    return main[0] if main else COURIER


_FORWARDING_WORDS = ("global forwarding", "forwarding", "logistics", "supply chain", "freight", "co.", "ltd", "gmbh")


def _in_company_name(text: str, start: int, end: int) -> bool:
    """A brand printed in capitals followed by a company's words ("DHL Global Forwarding", "UPS Supply Chain")."""
    word = text[start:end]
    if not word.isupper():
        return False
    after = text[end : end + 40].casefold().lstrip()
    return after.startswith(_FORWARDING_WORDS)
