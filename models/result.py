"""The extraction result: the JSON every part of orderintake speaks (see RESULT_CONTRACT.md)."""

from typing import Literal

from pydantic import BaseModel, Field

from models.document import DocumentInfo
from models.findings import ErrorInfo, Finding, MissingItem
from models.order import Order

Status = Literal["complete", "needs_review", "not_an_order", "failed"]
BBox = tuple[float, float, float, float]


class Evidence(BaseModel):
    """Where a value was read and how sure we are."""

    confidence: float = Field(ge=0.0, le=1.0)
    page: int | None = None
    bbox: BBox | None = None
    text: str | None = None
    part: str | None = None


class ExtractionResult(BaseModel):
    """The full answer for one input."""

    schema_version: Literal["1"] = "1"
    status: Status = "needs_review"
    error: ErrorInfo | None = None
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    order: Order = Field(default_factory=Order)
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    missing: list[MissingItem] = Field(default_factory=list)
