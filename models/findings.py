"""Findings, missing items and errors: what the checks and the readers report."""

from typing import Literal

from pydantic import BaseModel

Severity = Literal["error", "warning", "info"]


class Finding(BaseModel):
    """One observation about the order, with a stable dotted code."""

    code: str
    severity: Severity
    field: str | None = None
    message: str


class MissingItem(BaseModel):
    """A missing or doubtful item, phrased as a question for the customer."""

    field: str
    question: str
    language: str


class ErrorInfo(BaseModel):
    """Why an input could not be processed."""

    code: str
    message: str
    retryable: bool = False
