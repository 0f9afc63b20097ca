"""What we know about the input document itself."""

from typing import Literal

from pydantic import BaseModel, Field

DocumentKind = Literal["pdf", "scanned_pdf", "image", "docx", "xlsx", "email", "text"]
DocType = Literal["purchase_order", "order_change", "order_cancellation", "quotation", "invoice", "other"]
PartRole = Literal["order", "body", "other"]


class PartInfo(BaseModel):
    """One part of a multi-part input (an e-mail body or attachment)."""

    name: str
    media_type: str
    role: PartRole = "other"


class DocumentInfo(BaseModel):
    """Identity and reading facts of the input."""

    source: str | None = None
    sha256: str | None = None
    media_type: str | None = None
    kind: DocumentKind | None = None
    doc_type: DocType | None = None
    language: str | None = None
    pages: int | None = None
    ocr: bool = False
    parts: list[PartInfo] = Field(default_factory=list)
    subject: str | None = None
    message_id: str | None = None
    sender: str | None = None
