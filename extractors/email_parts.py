"""Orders in an e-mail: which part holds the order (attachments or the body), analysed and merged.

Recipe for one message:

1. analyse every readable attachment (and the parts of attached e-mails) like any document;
2. the attachments that read as orders (an order document type with a PO number or lines) are the results,
   in message order, the first one primary;
3. without such an attachment the body is the order when it carries one: free-text lines, a PO label, a
   change or cancellation request; the body's type comes from the lexicons' change and cancel markers;
4. otherwise the first analysed attachment (an invoice, a quotation) or the body says what the message is;
5. every result gets the e-mail's facts (`email_merge`) and the message's identity: kind `email`, subject,
   sender, message id and its parts with the role each plays for this result.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import TYPE_CHECKING

from extractors.email_merge import EmailFacts, merge_email_facts, subject_order_number
from extractors.freetext.apply import apply_items, apply_terms, read_layout
from extractors.language import detect_language
from extractors.layout import Layout, build_layout
from extractors.lexicons import available_languages, load_lexicon
from extractors.readers.sniff import TEXT
from models.document import DocumentInfo, PartInfo
from models.options import ExtractOptions
from models.pages import ReadDocument
from models.result import ExtractionResult

if TYPE_CHECKING:
    from validators.context import OrderRegistry

ORDER_TYPES = frozenset({"purchase_order", "order_change", "order_cancellation"})


def analyse_email(
    email: ReadDocument,
    base: DocumentInfo,
    options: ExtractOptions,
    today: date | None,
    registry: OrderRegistry | None,
) -> list[ExtractionResult]:
    """Every order of an e-mail, the primary one first (see the module docstring).

    Args:
        email: The read `email` document (body pages, attachments as children).
        base: Identity of the input (source, sha256).
        options: Extraction options.
        today: Processing date for checks.
        registry: Order registry for duplicate checks.

    Returns:
        One result per order part; at least one result.

    """
    attachments = _analyse_attachments(email, base, options, today, registry)
    orders = [(part, result) for part, result in attachments if _is_order(result)]
    if not orders:
        body = _analyse_body(email, base, options, today, registry)
        orders = [(email, body)] if _is_order(body) or not attachments else [attachments[0]]
    for part, result in orders:
        _identify(result, email, part)
    return [result for _, result in orders]


def _is_order(result: ExtractionResult) -> bool:
    order = result.order
    if result.document.doc_type not in ORDER_TYPES:
        return False
    return bool(order.order_number or order.line_items or order.notes)


def _analyse_attachments(
    email: ReadDocument,
    base: DocumentInfo,
    options: ExtractOptions,
    today: date | None,
    registry: OrderRegistry | None,
) -> list[tuple[ReadDocument, ExtractionResult]]:
    from extractors.api import analyse

    analysed: list[tuple[ReadDocument, ExtractionResult]] = []
    for child in email.children:
        if not any(page.words for page in child.pages) and child.kind != "email":
            continue
        if child.kind == "email":
            inner = analyse_email(child, base, options, today, registry)
            analysed.extend((child, result) for result in inner if _is_order(result))
            continue
        facts = EmailFacts.of(email)

        def merge(result: ExtractionResult, doc: ReadDocument, layout: Layout, facts: EmailFacts = facts) -> None:
            del doc, layout
            merge_email_facts(result, _with_language(facts, result.document.language))

        analysed.append((child, analyse(child, base, options, today, registry, refine=merge)))
    return analysed


def _analyse_body(
    email: ReadDocument,
    base: DocumentInfo,
    options: ExtractOptions,
    today: date | None,
    registry: OrderRegistry | None,
) -> ExtractionResult:
    from extractors.api import analyse

    layout = build_layout(email)
    language = detect_language(layout.text)
    lexicon = load_lexicon(language if language in available_languages() else "en")
    free = read_layout(layout, language, lexicon.date_order)
    doc_type = None
    if free.cancel_marked:
        doc_type = "order_cancellation"
    elif free.change_marked and (free.changes or not free.items):
        doc_type = "order_change"
    elif free.items:
        doc_type = "purchase_order"
    facts = EmailFacts.of(email, language)

    if subject_order_number(facts):
        free.order_reference = None  # the subject's "PO No. …" beats one a sentence mentions ("our earlier PO …")

    def refine(result: ExtractionResult, doc: ReadDocument, body_layout: Layout) -> None:
        apply_items(result, free, body_layout, doc.part)
        apply_terms(result, free, body_layout, doc.part)
        merge_email_facts(result, facts)

    return analyse(email, base, options, today, registry, doc_type=doc_type, refine=refine, free_text=False)


def _with_language(facts: EmailFacts, language: str | None) -> EmailFacts:
    return dataclasses.replace(facts, language=language)


def _identify(result: ExtractionResult, email: ReadDocument, source: ReadDocument) -> None:
    """The result speaks for the whole message: kind, media type, header facts and the parts' roles."""
    info = result.document
    info.kind = "text" if email.media_type == TEXT else "email"  # a message pasted into a text file
    info.media_type = email.media_type
    info.subject = email.metadata.get("subject")
    info.message_id = email.metadata.get("message_id")
    info.sender = email.metadata.get("forwarded_sender") or email.metadata.get("sender")
    parts = json.loads(email.metadata.get("parts", "[]"))
    source_name = source.part if source is not email else "body"
    for part in parts:
        if part.get("name") == source_name:
            part["role"] = "order"
    info.parts = [PartInfo.model_validate(part) for part in parts]
