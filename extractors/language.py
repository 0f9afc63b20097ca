"""Document language: CJK by script, otherwise langdetect (seeded, so the answer is deterministic)."""

from __future__ import annotations

from functools import cache

from extractors.text import cjk_ratio

SAMPLE_CHARS = 6000


@cache
def _factory() -> object:
    from langdetect.detector_factory import DetectorFactory, init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's main language, or None for too little text."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 20:
        return None
    if cjk_ratio(sample) > 0.15:
        return "zh" if not any("\u3040" <= ch <= "\u30ff" for ch in sample) else "ja"
    from langdetect.lang_detect_exception import LangDetectException

    factory = _factory()
    try:
        detector = factory.create()  # type: ignore[attr-defined]
        detector.append(sample)
        lang = str(detector.detect())
    except LangDetectException:
        return None
    return lang.split("-")[0]
