"""Document language: CJK by script, otherwise langdetect (seeded, so the answer is deterministic).

langdetect normally loads profiles for 55 languages (about half a second at start-up); orders come in far
fewer, so only the profiles of the languages below are loaded. A language outside the set is reported as the
closest one in it, which is the right fallback for the lexicons and messages anyway.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from extractors.text import cjk_ratio

SAMPLE_CHARS = 6000
PROFILE_LANGUAGES = (
    "cs", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt", "lv", "nl", "no", "pl",
    "pt", "ro", "sk", "sl", "sv", "tr", "vi", "ru", "uk", "bg", "el", "ar",
)  # fmt: skip


@cache
def _factory() -> Any:
    import langdetect
    from langdetect.detector_factory import DetectorFactory

    directory = Path(langdetect.__file__).parent / "profiles"
    factory = DetectorFactory()
    factory.seed = 0
    profiles = [(directory / lang).read_text(encoding="utf-8") for lang in PROFILE_LANGUAGES]
    factory.load_json_profile(profiles)
    return factory


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's main language, or None for too little text."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 20:
        return None
    if cjk_ratio(sample) > 0.15:
        return "zh" if not any("\u3040" <= ch <= "\u30ff" for ch in sample) else "ja"
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector = _factory().create()
        detector.append(sample)
        lang = str(detector.detect())
    except LangDetectException:
        return None
    return lang.split("-")[0]
