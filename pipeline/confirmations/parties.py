"""The parties of the confirmation: buyer, seller (us, from the company profile) and delivery address."""

from __future__ import annotations

from models.company import CompanyProfile
from models.order import Order, Party
from pipeline.confirmations.formatting import LocaleFormatter, mentions_country
from pipeline.confirmations.messages import MessageCatalog, fill
from pipeline.confirmations.safe_text import clean_text, optional_text


def party_blocks(
    order: Order, company: CompanyProfile, fmt: LocaleFormatter, messages: MessageCatalog
) -> list[tuple[str, tuple[str, ...]]]:
    """Heading and lines of the buyer, the seller and the delivery address, in that order.

    The seller is always our own company profile: the order's idea of the supplier may be misread or outdated.
    A delivery address the order does not give shows as `to be confirmed`.
    """
    doc = messages.document
    seller = Party(
        name=company.name,
        email=company.email,
        phone=company.phone,
        address=company.address,
        country=company.country,
        vat_id=company.vat_id,
    )
    ship_to = party_lines(order.ship_to, fmt, messages, with_contact=True)
    return [
        (doc.buyer, party_lines(order.buyer, fmt, messages, with_contact=True) or (messages.values.pending,)),
        (doc.seller, party_lines(seller, fmt, messages, with_contact=False)),
        (doc.ship_to, ship_to or (messages.values.pending,)),
    ]


def party_lines(party: Party, fmt: LocaleFormatter, messages: MessageCatalog, *, with_contact: bool) -> tuple[str, ...]:
    """Name, attention line, address (with the country name unless the address has it), e-mail, phone, VAT.

    Args:
        party: The party as read from the order (or our profile).
        fmt: Formatter of the confirmation's locale, for the country name.
        messages: Texts of the confirmation's language.
        with_contact: Whether to show the contact person, e-mail and phone.

    """
    doc = messages.document
    lines = [optional_text(party.name)]
    if with_contact and party.contact:
        lines.append(fill(doc.attention, name=clean_text(party.contact)))
    address = optional_text(party.address)
    lines.extend(line.strip() for line in address.split("\n"))
    country = fmt.country(party.country)
    if country and not mentions_country(address, party.country, fmt):
        lines.append(country)
    if with_contact and party.email:
        lines.append(fill(doc.email, value=clean_text(party.email)))
    if with_contact and party.phone:
        lines.append(fill(doc.phone, value=clean_text(party.phone)))
    if party.vat_id:
        lines.append(fill(doc.vat_id, value=clean_text(party.vat_id)))
    return tuple(line for line in lines if line)
