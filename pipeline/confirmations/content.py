"""One content model for the confirmation: every text already worded and formatted for the buyer's locale.

The DOCX, PDF and e-mail renderers lay out the same `ConfirmationContent`; none of them words or formats
anything itself. Customer text enters only as plain strings (cleaned of control characters), never as a
template, markup or formula.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from models.company import CompanyProfile
from models.order import LineItem, Order
from models.result import ExtractionResult
from pipeline.confirmations.formatting import LocaleFormatter, mentions_country
from pipeline.confirmations.messages import MessageCatalog, fill, load_messages, resolve_language
from pipeline.confirmations.parties import party_blocks
from pipeline.confirmations.payment import DueRow, due_rows
from pipeline.confirmations.reply import ReplyContent, ReplyFacts, build_reply
from pipeline.confirmations.safe_text import clean_text, optional_text
from pipeline.confirmations.terms import LabeledValue, term_rows


@dataclass(frozen=True)
class ItemRow:
    """One row of the line table, every cell formatted."""

    pos: str
    sku: str
    description: str
    quantity: str
    unit_price: str
    amount: str


@dataclass(frozen=True)
class PartyBlock:
    """A party with its heading and address lines."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ConfirmationContent:
    """The whole confirmation, worded and formatted; renderers only lay it out."""

    language: str
    locale: str
    confirmation_number: str
    title: str
    company_name: str
    letterhead: tuple[str, ...]
    meta: tuple[LabeledValue, ...]
    parties: tuple[PartyBlock, ...]
    greeting: str
    intro: str
    items_title: str
    item_headers: ItemRow
    items: tuple[ItemRow, ...]
    totals: tuple[LabeledValue, ...]
    terms_title: str
    terms: tuple[LabeledValue, ...]
    dues_title: str
    dues: tuple[DueRow, ...]
    questions_title: str
    questions_intro: str
    questions: tuple[str, ...]
    next_steps_title: str
    next_steps: tuple[str, ...]
    closing: tuple[str, ...]
    footer: str
    page_label: str
    """Template with `{page}` and `{pages}`, filled by each renderer with its own page numbering."""
    file_stem: str
    reply: ReplyContent


def confirmation_number(result: ExtractionResult, company: CompanyProfile, today: date) -> str:
    """Our confirmation number: prefix, date and a short hash of the input, stable for the same input.

    The date is the order date when the order states one (so reprocessing gives the same number), else the
    date of the confirmation.
    """
    digest = result.document.sha256 or hashlib.sha256(result.order.model_dump_json().encode()).hexdigest()
    day = result.order.order_date or today
    prefix = clean_text(company.confirmation_prefix) or "OC"
    return f"{prefix}-{day:%Y%m%d}-{digest[:6].upper()}"


def build_content(
    result: ExtractionResult,
    company: CompanyProfile,
    language: str | None = None,
    *,
    today: date | None = None,
) -> ConfirmationContent:
    """Word and format the confirmation of one order.

    Args:
        result: The extraction result of an order (status `complete` or `needs_review`).
        company: Our own company profile, the letterhead and seller.
        language: Force this language; None uses the document's language (English when unsupported).
        today: The confirmation date; None means the real today.

    """
    today = today or date.today()
    order = result.order
    messages = load_messages(resolve_language(language, result.document.language))
    country = order.buyer.country or order.ship_to.country
    fmt = LocaleFormatter(messages.locale_for(country), order.currency)
    number = confirmation_number(result, company, today)
    questions = _questions(result)
    total = order_total(order)
    dues = due_rows(order.payment_terms, total, fmt, messages.payment, messages.values.pending)
    doc, intro = messages.document, messages.intro.open if questions else messages.intro.complete
    return ConfirmationContent(
        language=messages.language,
        locale=str(fmt.locale),
        confirmation_number=number,
        title=doc.title,
        company_name=clean_text(company.name),
        letterhead=_letterhead(company, fmt, messages),
        meta=_meta(result, number, today, fmt, messages),
        parties=tuple(PartyBlock(*block) for block in party_blocks(order, company, fmt, messages)),
        greeting=_greeting(order, messages),
        intro=fill(intro, order_ref=order_reference(order, fmt, messages)),
        items_title=messages.sections.items,
        item_headers=_item_headers(order, messages),
        items=tuple(_item_row(index, line, fmt, messages) for index, line in enumerate(order.line_items)),
        totals=_totals(order, total, fmt, messages),
        terms_title=messages.sections.terms,
        terms=tuple(term_rows(order, fmt, messages)),
        dues_title=messages.sections.amounts_due,
        dues=tuple(dues),
        questions_title=messages.sections.questions,
        questions_intro=messages.sections.questions_intro,
        questions=questions,
        next_steps_title=messages.sections.next_steps,
        next_steps=_next_steps(order, dues, bool(questions), total, company, fmt, messages),
        closing=(messages.closing.regards, clean_text(company.name), messages.closing.team),
        footer=" · ".join(part for part in (clean_text(company.name), company.email, company.phone) if part),
        page_label=doc.page,
        file_stem=f"{doc.file_name}-{number}",
        reply=_reply(result, company, messages, fmt, number, total, questions),
    )


def _reply(
    result: ExtractionResult,
    company: CompanyProfile,
    messages: MessageCatalog,
    fmt: LocaleFormatter,
    number: str,
    total: Decimal | None,
    questions: tuple[str, ...],
) -> ReplyContent:
    order = result.order
    facts = ReplyFacts(
        confirmation_number=number,
        greeting=_greeting(order, messages),
        order_ref=order_reference(order, fmt, messages),
        total=fmt.money(total) if total is not None else None,
        delivery_date=fmt.date(order.delivery_date) if order.delivery_date else None,
        questions=questions,
    )
    return build_reply(result, company, messages, facts)


def order_total(order: Order) -> Decimal | None:
    """Return the stated total, else subtotal plus tax, else the sum of the lines (None if one lacks)."""
    if order.total_amount is not None:
        return order.total_amount
    if order.subtotal is not None:
        return order.subtotal + (order.tax_amount or Decimal(0))
    amounts = [line_amount(line) for line in order.line_items]
    if not amounts or any(amount is None for amount in amounts):
        return None
    return sum((amount for amount in amounts if amount is not None), Decimal(0))


def line_amount(line: LineItem) -> Decimal | None:
    """Return the stated line amount, else quantity times unit price."""
    if line.amount is not None:
        return line.amount
    if line.quantity is not None and line.unit_price is not None:
        return line.quantity * line.unit_price
    return None


def order_reference(order: Order, fmt: LocaleFormatter, messages: MessageCatalog) -> str:
    """Word the order reference for the opening sentence: ` No. 4711 of 14 March 2026` or what is stated."""
    intro = messages.intro
    number = clean_text(order.order_number) if order.order_number else ""
    when = fmt.date(order.order_date) if order.order_date else ""
    if number and when:
        return fill(intro.order_ref_full, po_number=number, po_date=when)
    if number:
        return fill(intro.order_ref_number, po_number=number)
    if when:
        return fill(intro.order_ref_date, po_date=when)
    return intro.order_ref_none


def _questions(result: ExtractionResult) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in result.missing:
        question = clean_text(item.question)
        if question:
            seen.setdefault(question, None)
    return tuple(seen)


def _letterhead(company: CompanyProfile, fmt: LocaleFormatter, messages: MessageCatalog) -> tuple[str, ...]:
    doc = messages.document
    address = clean_text(company.address)
    country = fmt.country(company.country)
    if country and not mentions_country(address, company.country, fmt):
        address = f"{address}, {country}" if address else country
    lines = [
        address,
        fill(doc.phone, value=clean_text(company.phone)) if company.phone else "",
        fill(doc.email, value=clean_text(company.email)) if company.email else "",
        optional_text(company.website),
        fill(doc.vat_id, value=clean_text(company.vat_id)) if company.vat_id else "",
    ]
    return tuple(line for line in lines if line)


def _meta(
    result: ExtractionResult, number: str, today: date, fmt: LocaleFormatter, messages: MessageCatalog
) -> tuple[LabeledValue, ...]:
    doc, pending, order = messages.document, messages.values.pending, result.order
    rows = [
        LabeledValue(doc.confirmation_number, number),
        LabeledValue(doc.confirmation_date, fmt.date(today)),
        LabeledValue(doc.po_number, clean_text(order.order_number) if order.order_number else pending),
        LabeledValue(doc.po_date, fmt.date(order.order_date) if order.order_date else pending),
    ]
    if order.revision:
        rows.append(LabeledValue(doc.revision, clean_text(order.revision)))
    return tuple(rows)


def _greeting(order: Order, messages: MessageCatalog) -> str:
    name = clean_text(order.buyer.contact) if order.buyer.contact else ""
    if name:
        return fill(messages.intro.greeting_named, name=name)
    return messages.intro.greeting_generic


def _item_headers(order: Order, messages: MessageCatalog) -> ItemRow:
    table = messages.table
    currency = clean_text(order.currency) if order.currency else messages.values.not_applicable
    return ItemRow(
        pos=table.pos,
        sku=table.sku,
        description=table.description,
        quantity=table.quantity,
        unit_price=fill(table.unit_price, currency=currency),
        amount=fill(table.amount, currency=currency),
    )


def _item_row(index: int, line: LineItem, fmt: LocaleFormatter, messages: MessageCatalog) -> ItemRow:
    blank = messages.values.not_applicable
    codes = [clean_text(code) for code in (line.sku, line.customer_sku) if code]
    unit = clean_text(line.unit_text) if line.unit_text else messages.units.get(line.unit or "", line.unit or "")
    quantity = f"{fmt.quantity(line.quantity)} {unit}".strip() if line.quantity is not None else blank
    amount = line_amount(line)
    return ItemRow(
        pos=str(line.line_no if line.line_no is not None else index + 1),
        sku="\n".join(codes) or blank,
        description=clean_text(line.description) if line.description else blank,
        quantity=quantity,
        unit_price=fmt.price(line.unit_price) if line.unit_price is not None else blank,
        amount=fmt.amount(amount) if amount is not None else blank,
    )


def _totals(
    order: Order, total: Decimal | None, fmt: LocaleFormatter, messages: MessageCatalog
) -> tuple[LabeledValue, ...]:
    table = messages.table
    rows = []
    if order.subtotal is not None:
        rows.append(LabeledValue(table.subtotal, fmt.money(order.subtotal)))
    if order.tax_amount is not None:
        rows.append(LabeledValue(table.tax, fmt.money(order.tax_amount)))
    rows.append(LabeledValue(table.total, fmt.money(total) if total is not None else messages.values.pending))
    return tuple(rows)


def _next_steps(
    order: Order,
    dues: list[DueRow],
    has_questions: bool,
    total: Decimal | None,
    company: CompanyProfile,
    fmt: LocaleFormatter,
    messages: MessageCatalog,
) -> tuple[str, ...]:
    steps = messages.next_steps
    lines = [steps.review]
    if has_questions:
        lines.append(steps.answer)
    deposit = next((due for due in dues if due.kind == "deposit" and due.value is not None), None)
    if deposit is not None:
        lines.append(fill(steps.deposit, amount=deposit.amount))
    if order.payment_terms.method == "LC" and total is not None:
        lines.append(fill(steps.letter_of_credit, amount=fmt.money(total)))
    if company.bank_details and (deposit is not None or order.payment_terms.method in ("TT", None)):
        lines.append(fill(steps.bank_details, bank_details=clean_text(company.bank_details)))
    lines.append(steps.shipping)
    return tuple(lines)
