"""Findings that know which question to ask the customer.

Validators return `Issue`s: ordinary `Finding`s (code, severity, field, message in English for the order desk)
that may also carry a `Question` (a key into `validators/data/questions/<lang>.yaml` and the values to fill
in). `check_order` turns the questions into `MissingItem`s in the customer's language and returns the plain
findings, so the question never leaks into the result JSON.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from models.findings import Finding, Severity

QuestionValue = str | int | Decimal | date


class Question(BaseModel):
    """What to ask: a template key, an optional variant, and the values for its placeholders.

    Attributes:
        key: `<section>.<name>` in the question file, e.g. `missing.incoterms.place` or
            `issues.amounts.line_mismatch`.
        variant: The template variant when the entry has several (`port_of_destination`).
        values: Placeholder values; dates and numbers are formatted for the customer's language.
        money: Names of values that are amounts of money (formatted with two decimals at least).
        words: Names of values that are codes to translate through the question file's `words` section.
        label: A field path whose label (in the customer's language) fills the `{label}` placeholder.
        field: The field the question is about when it differs from the finding's (a group of fields).

    """

    key: str
    variant: str | None = None
    values: dict[str, QuestionValue] = Field(default_factory=dict)
    money: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    label: str | None = None
    field: str | None = None


class Issue(Finding):
    """A finding with the question that resolves it, if the customer can resolve it."""

    question: Question | None = Field(default=None, exclude=True)

    def as_finding(self) -> Finding:
        """The plain finding of the result contract."""
        return Finding(code=self.code, severity=self.severity, field=self.field, message=self.message)


def issue(
    code: str,
    severity: Severity,
    field: str | None,
    message: str,
    question: Question | None = None,
) -> Issue:
    """Build an issue (a shorthand that keeps validator code on one line per finding)."""
    return Issue(code=code, severity=severity, field=field, message=message, question=question)


def ask(
    key: str,
    variant: str | None = None,
    *,
    money: tuple[str, ...] = (),
    words: tuple[str, ...] = (),
    label: str | None = None,
    field: str | None = None,
    **values: QuestionValue | None,
) -> Question:
    """Build a question; values that are None are left out (their template variant must not need them)."""
    kept = {name: value for name, value in values.items() if value is not None}
    return Question(
        key=key,
        variant=variant,
        values=kept,
        money=frozenset(money),
        words=frozenset(words),
        label=label,
        field=field,
    )
