"""Questions for the customer, in the customer's language, from `data/questions/<lang>.yaml`.

A question file has four sections: `missing` (a question per field that can be missing), `issues` (a question
per finding code), `doubtful` (confirming a value read with low confidence), plus `labels` (how to name each
field in a sentence) and `words` (translations of codes such as transport modes). An entry is a template or a
mapping of variants (`default` and e.g. `port_of_destination`). Placeholders such as `{rule}` are filled by
plain substitution of known values, never by `str.format`, so text from the document cannot reach into
Python; dates and numbers are formatted for the language with babel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from models.findings import MissingItem
from validators.issues import Issue, Question, QuestionValue
from validators.paths import generic_path

QUESTIONS_DIR = Path(__file__).parent / "data" / "questions"
FALLBACK_LANGUAGE = "en"
MAX_VALUE_CHARS = 80
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@cache
def question_book(language: str) -> dict[str, Any] | None:
    """The question file of a language, or None when there is none."""
    path = QUESTIONS_DIR / f"{language}.yaml"
    if not path.is_file():
        return None
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data if isinstance(data, dict) else None


def available_languages() -> list[str]:
    """The languages that have a question file."""
    return sorted(path.stem for path in QUESTIONS_DIR.glob("*.yaml"))


def resolve_language(language: str | None) -> str:
    """The question language for a requested one: `de-AT` -> `de`; unknown -> English."""
    base = re.split(r"[-_]", (language or "").strip().lower())[0]
    return base if base and question_book(base) is not None else FALLBACK_LANGUAGE


def _entry(book: dict[str, Any], key: str) -> Any:
    """The template or variant mapping at `section.name` (the name itself may contain dots)."""
    section, _, name = key.partition(".")
    content = book.get(section)
    if not name:
        return content
    return content.get(name) if isinstance(content, dict) else None


def _templates(book: dict[str, Any], question: Question) -> list[str]:
    """Candidate templates in order of preference: the variant, then the default."""
    entry = _entry(book, question.key)
    templates: list[str] = []
    if isinstance(entry, str):
        templates.append(entry)
    elif isinstance(entry, dict):
        names = [question.variant, "default"] if question.variant else ["default"]
        templates += [str(entry[name]) for name in names if name in entry]
    generic = _entry(book, "missing._generic")
    if question.key.startswith("missing.") and isinstance(generic, str):
        templates.append(generic)
    return templates


def _format_value(name: str, value: QuestionValue, question: Question, book: dict[str, Any], language: str) -> str:
    if name in question.words:
        return str((book.get("words") or {}).get(str(value), value))
    if isinstance(value, date):
        return format_date(value, format="long", locale=language)
    if isinstance(value, Decimal) and not isinstance(value, bool):
        if name in question.money:
            currency = question.values.get("currency")
            if isinstance(currency, str) and len(currency) == 3:
                return format_currency(value, currency, locale=language)
            return format_decimal(value, format="#,##0.00", locale=language, decimal_quantization=False)
        return format_decimal(value.normalize(), locale=language, decimal_quantization=False)
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _label(book: dict[str, Any], path: str, line: str | None) -> str | None:
    labels = book.get("labels") or {}
    label = labels.get(path) or labels.get(generic_path(path))
    if label is None:
        return None
    return str(label).replace("{line}", line) if line is not None else str(label)


def _fill(template: str, values: dict[str, str]) -> str | None:
    """The template with its placeholders replaced; None when a placeholder has no value."""
    unresolved: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            unresolved.append(name)
            return match.group(0)
        return values[name]

    text = _PLACEHOLDER.sub(replace, template)
    return None if unresolved else text


def render_question(question: Question, language: str) -> tuple[str, str] | None:
    """The question's text and the language it is in (falls back to English), or None without a template."""
    for lang in dict.fromkeys((resolve_language(language), FALLBACK_LANGUAGE)):
        book = question_book(lang)
        if book is None:
            continue
        values = {name: _format_value(name, value, question, book, lang) for name, value in question.values.items()}
        if question.label is not None:
            label = _label(book, question.label, values.get("line"))
            if label is not None:
                values["label"] = label
        for template in _templates(book, question):
            text = _fill(template, values)
            if text is not None:
                return text, lang
    return None


def build_missing(issues: Iterable[Issue], language: str) -> list[MissingItem]:
    """One question per missing or doubtful field, in the order of the issues (the first question wins)."""
    items: list[MissingItem] = []
    asked: set[str] = set()
    for found in issues:
        question = found.question
        if question is None:
            continue
        field = question.field or found.field or found.code
        if field in asked:
            continue
        rendered = render_question(question, language)
        if rendered is None:
            continue
        asked.add(field)
        items.append(MissingItem(field=field, question=rendered[0], language=rendered[1]))
    return items
