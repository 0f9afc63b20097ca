"""The seller's own company profile: letterhead for confirmations and facts for checks."""

from decimal import Decimal

from pydantic import BaseModel, Field


class CompanyProfile(BaseModel):
    """Who we are (the seller). Read from `[company]` in orderintake.toml."""

    name: str = "Example Export Co., Ltd."
    address: str = "1 Harbour Road, Ningbo 315000, China"
    country: str = "CN"
    email: str = "sales@example-export.example"
    phone: str = "+86 574 0000 0000"
    website: str | None = None
    vat_id: str | None = None
    bank_details: str | None = None
    confirmation_prefix: str = "OC"
    min_lead_time_days: int = 14
    default_language: str = "en"
    credit_limit: Decimal | None = None
    max_credit_days: int = 60
    ports_of_loading: list[str] = Field(default_factory=lambda: ["Ningbo", "Shanghai"])
