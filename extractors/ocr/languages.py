"""OCR languages: Tesseract codes, their scripts and ISO codes, and language identification of OCR text.

The per-page language choice is script first (Tesseract OSD tells Latin from Han), then the language within
the script (identified from a quick recognition of a few text lines, see `extractors.ocr.probe`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

TESSERACT_TO_ISO: dict[str, str] = {
    "eng": "en",
    "deu": "de",
    "fra": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "nld": "nl",
    "pol": "pl",
    "ces": "cs",
    "swe": "sv",
    "dan": "da",
    "nor": "no",
    "fin": "fi",
    "tur": "tr",
    "ron": "ro",
    "hun": "hu",
    "chi_sim": "zh",
    "chi_tra": "zh",
    "jpn": "ja",
    "kor": "ko",
    "rus": "ru",
    "ukr": "uk",
    "ara": "ar",
    "vie": "vi",
}
"""Tesseract language code -> ISO 639-1 (used to restrict language identification to the configured set)."""

SCRIPT_OF: dict[str, str] = {
    "chi_sim": "Han",
    "chi_tra": "Han",
    "jpn": "Japanese",
    "kor": "Hangul",
    "rus": "Cyrillic",
    "ukr": "Cyrillic",
    "ara": "Arabic",
}
"""Script of a Tesseract language as OSD names it; languages not listed are written in Latin script."""

PROBE_LANGUAGE = "eng"
"""The model used for the quick language-identification pass over Latin text: its output is good enough for
identifying any Latin-script language (accents may be lost, the words stay recognisable)."""


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language identified in a sample of OCR text."""

    language: str
    """Tesseract code of the best candidate."""
    probability: float
    letters: int
    """How many letters the sample had (few letters make any guess weak)."""


def script_of(language: str) -> str:
    """The OSD script name of a Tesseract language (`Latin` unless listed in SCRIPT_OF)."""
    return SCRIPT_OF.get(language, "Latin")


def debian_package(language: str) -> str:
    """The Debian/Ubuntu package that ships a Tesseract language (`chi_sim` -> `tesseract-ocr-chi-sim`)."""
    return "tesseract-ocr-" + language.replace("_", "-").lower()


def languages_for_script(script: str, configured: list[str]) -> list[str]:
    """The configured languages written in a script, in configured order."""
    return [lang for lang in configured if script_of(lang) == script]


@cache
def _detector_factory() -> object:
    from langdetect.detector_factory import DetectorFactory, init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def identify_language(text: str, candidates: list[str]) -> LanguageGuess | None:
    """The most probable of the candidate languages for a text, or None when the text says nothing.

    Args:
        text: OCR text (any quality; misread accents do not matter much).
        candidates: Tesseract codes to choose from; codes without an ISO mapping are ignored.

    Returns:
        The best candidate with its probability, or None when fewer than 20 letters or no candidate maps.

    """
    letters = sum(ch.isalpha() for ch in text)
    by_iso = {TESSERACT_TO_ISO[c]: c for c in reversed(candidates) if c in TESSERACT_TO_ISO}
    if letters < 20 or not by_iso:
        return None
    if len(by_iso) == 1:
        return LanguageGuess(next(iter(by_iso.values())), 1.0, letters)
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()  # type: ignore[attr-defined]
    detector.set_prior_map({iso: 1.0 for iso in by_iso})
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return None
    best = next((r for r in ranked if r.lang.split("-")[0] in by_iso), None)
    if best is None:
        return None
    return LanguageGuess(by_iso[best.lang.split("-")[0]], float(best.prob), letters)
