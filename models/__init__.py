"""Pydantic types shared by every stage: the extraction result contract and its parts."""

from models.document import DocType, DocumentInfo, DocumentKind, PartInfo
from models.errors import IntakeError
from models.findings import ErrorInfo, Finding, MissingItem, Severity
from models.order import Incoterms, Instalment, LineItem, Order, Party, PaymentTerms
from models.result import Evidence, ExtractionResult, Status

__all__ = [
    "DocType",
    "DocumentInfo",
    "DocumentKind",
    "ErrorInfo",
    "Evidence",
    "ExtractionResult",
    "Finding",
    "Incoterms",
    "Instalment",
    "IntakeError",
    "LineItem",
    "MissingItem",
    "Order",
    "PartInfo",
    "Party",
    "PaymentTerms",
    "Severity",
    "Status",
]
