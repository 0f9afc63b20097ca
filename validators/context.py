"""What the checks know besides the order: the day, who we are, the policy, and the orders seen before."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from models.company import CompanyProfile
from models.document import DocumentInfo
from models.order import Order
from models.result import Evidence
from validators.policy import Policy, load_policy


class PreviousOrder(BaseModel):
    """An order received before, as the order registry returns it."""

    received_at: datetime
    sha256: str | None = None
    source: str | None = None
    order: Order


@runtime_checkable
class OrderRegistry(Protocol):
    """Where processed orders are remembered (the SQLite store implements this)."""

    def find_previous(
        self, buyer_name: str | None, order_number: str, exclude_sha256: str | None = None
    ) -> PreviousOrder | None:
        """The latest earlier order with this buyer and order number, other than the file `exclude_sha256`."""
        ...


class CheckContext(BaseModel):
    """Everything a validator may consult besides the order itself.

    Attributes:
        today: The processing date (delivery dates in the past, lead time).
        company: The seller's profile (country, ports of loading, lead time, credit limits).
        policy: What is required and the check thresholds.
        registry: Orders seen before, for duplicates and revisions; None skips that check.
        language: Language of the questions (ISO 639-1); unknown languages fall back to English.
        evidence: Evidence per field path; a confidence below `policy.min_confidence` makes a field doubtful.
        sha256: The input file's hash, so the registry does not report the file itself as a duplicate.
        document: The document information (type, e-mail sender); set by `check_order`.

    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    today: date
    company: CompanyProfile = Field(default_factory=CompanyProfile)
    policy: Policy = Field(default_factory=load_policy)
    registry: OrderRegistry | None = None
    language: str = "en"
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    sha256: str | None = None
    document: DocumentInfo = Field(default_factory=DocumentInfo)
