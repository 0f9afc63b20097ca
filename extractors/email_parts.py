"""Which parts of an e-mail hold the order: attachments that read as orders, else the body."""

from __future__ import annotations

from models.pages import ReadDocument


def order_documents(email: ReadDocument) -> list[ReadDocument]:
    """The e-mail's attachments that carry words (in message order), then the body as the last resort.

    Each attachment keeps the e-mail's header facts (subject, sender, message id) so that the result can be
    answered as a reply; the body comes first when there are no readable attachments.
    """
    parts = [child for child in email.children if any(page.words for page in child.pages)]
    for part in parts:
        for key in ("subject", "sender", "message_id", "date"):
            if key in email.metadata:
                part.metadata.setdefault(key, email.metadata[key])
    return parts or [email]
