"""What an e-mail adds to the order read from one of its parts: buyer contact, PO number and order date.

Only gaps are filled, never a value the order document states: the sender (or, for a forwarded message,
the original sender) as the buyer's e-mail and contact, the signature's company and phone, the subject's PO
number, and the sending date as the order date (with an `info` finding). Evidence names the header or the
signature as the part the value came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parseaddr

from extractors.fields.label_trie import label_trie
from extractors.fields.labels import label_fields
from extractors.fields.parties import COMPANY, EMAIL, LOOSE_FIELDS, PHONE, VAT_ID, split_country
from extractors.freetext import find_order_reference
from extractors.normalize.countries import country_code
from extractors.normalize.dates import parse_date
from extractors.readers.mailbody import is_closing, strip_subject_prefixes
from extractors.text import fold
from models.findings import Finding
from models.pages import ReadDocument
from models.result import Evidence, ExtractionResult

HEADERS_PART = "headers"
SIGNATURE_PART = "signature"
QUOTED_PART = "quoted"
SENT_DATE_CODE = "order_date.from_email"
_LABELLED = re.compile(r"^\s*([^:：]{1,30})[:：]\s*(.+)$")
_PHONE_LINE = re.compile(r"^\s*([^\d+:：]{1,20}?)\s*[:：]?\s*(\+?[\d(][\d\s()./-]{6,})$")
_PIECES = re.compile(r"\s[|·]\s")
"""Signature lines often hold several facts ("Tél. : +212 522 75 41 30 | GSM : +212 661 23 45 67")."""
_ROLE_MAILBOX = frozenset(
    {"export", "sales", "team", "info", "office", "service", "support", "purchasing", "orders", "dept", "department"}
)
"""Words of a shared mailbox's display name: no person to name as the contact."""
_SHORT_LABEL = re.compile(r"^[A-Za-z]{1,3}[.:]\s*(.+)$")
"""A signature's one- to three-letter label ("P:", "M.", "Tel:" is a known one) before its value."""
_NAME = re.compile(r"^[^\W\d_][^\d@<>|:;]{1,60}$")


@dataclass(frozen=True, slots=True)
class EmailFacts:
    """The header facts of the message an order came with."""

    subject: str = ""
    sender: str = ""
    """`Name <address>` of the buyer: the original sender of a forwarded message, else the sender."""
    recipient: str = ""
    """`Name <address>` of the supplier: the first addressee (of the original message when forwarded)."""
    date: date | None = None
    date_text: str = ""
    signature: tuple[str, ...] = ()
    language: str | None = None
    quoted: str = ""
    """The quoted earlier message (a reply's offer), as printed with its "> " marks."""

    @classmethod
    def of(cls, email: ReadDocument, language: str | None = None) -> EmailFacts:
        """Facts of an `email` document (its metadata)."""
        meta = email.metadata
        forwarded = meta.get("forwarded_sender", "")
        sent = _sent_date(meta.get("forwarded_date", "")) if forwarded else None
        sent_text = meta.get("forwarded_date", "") if sent else meta.get("date", "")
        return cls(
            subject=meta.get("forwarded_subject") or meta.get("subject", ""),
            sender=forwarded or meta.get("sender", ""),
            recipient=meta.get("forwarded_recipient", "") if forwarded else meta.get("recipient", ""),
            date=sent or _iso_date(meta.get("date", "")),
            date_text=sent_text,
            signature=tuple(line for line in meta.get("signature", "").splitlines() if line.strip()),
            language=language,
            quoted=meta.get("quoted", ""),
        )


def _iso_date(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value).date() if value else None
    except ValueError:
        return None


def _sent_date(text: str) -> date | None:
    parsed = parse_date(text) if text else None
    return parsed.value if parsed is not None else None


def merge_email_facts(result: ExtractionResult, facts: EmailFacts) -> None:
    """Fill the order's gaps from the e-mail (see the module docstring)."""
    _buyer_from_sender(result, facts)
    _seller_from_recipient(result, facts)
    _party_from_signature(result, facts.signature, parseaddr(facts.sender)[1])
    _seller_from_quoted(result, facts)
    _order_number_from_subject(result, facts)
    _order_date_from_sent(result, facts)


def _put(result: ExtractionResult, path: str, value: object, text: str, part: str, confidence: float) -> None:
    head, _, attr = path.partition(".")
    target = getattr(result.order, head) if attr else result.order
    name = attr or head
    if value in (None, "") or getattr(target, name) not in (None, ""):
        return
    setattr(target, name, value)
    result.evidence[path] = Evidence(confidence=confidence, text=text[:500], part=part)


_NAME_PARTS = re.compile(r"\s[-–|/]\s|,\s")


def _person(display: str, address: str) -> str:
    """The person of a display name without its company ("Marco Colombo - Ferramenta Brianza").

    A part that spells the address's domain ("ferramentabrianza.it") or names a company is dropped.
    """
    display = display.strip().strip('"')
    domain = re.sub(r"\W", "", address.rpartition("@")[2].rpartition(".")[0].casefold())
    parts = [part.strip() for part in _NAME_PARTS.split(display) if part.strip()]
    if len(parts) < 2:
        return display
    people = [
        part
        for part in parts
        if not COMPANY.search(part) and not (domain and re.sub(r"\W", "", part.casefold()) in domain)
    ]
    return people[0] if len(people) == 1 else display


def _buyer_from_sender(result: ExtractionResult, facts: EmailFacts) -> None:
    name, address = parseaddr(facts.sender)
    text = f"From: {facts.sender}"
    if "@" in address:
        _put(result, "buyer.email", address, text, HEADERS_PART, 0.8)
    name = _person(name, address)
    if name and _NAME.match(name) and not COMPANY.search(name):
        _put(result, "buyer.contact", name, text, HEADERS_PART, 0.7)


def _seller_from_recipient(result: ExtractionResult, facts: EmailFacts) -> None:
    """The addressee as the supplier's e-mail, and its display name as the contact when it names a person.

    Not when the addressee writes from the sender's own domain (a colleague), and not a role mailbox's name
    ("Foshan Meiya Export", "Sales Team").
    """
    name, address = parseaddr(facts.recipient)
    sender = parseaddr(facts.sender)[1]
    if "@" not in address or address.rpartition("@")[2].casefold() == sender.rpartition("@")[2].casefold():
        return
    text = f"To: {facts.recipient}"
    _put(result, "seller.email", address, text, HEADERS_PART, 0.75)
    name = _person(name, address)
    words = name.split()
    role = any(word.casefold().strip(".") in _ROLE_MAILBOX for word in words)
    if name and _NAME.match(name) and not COMPANY.search(name) and not role and len(words) <= 4:
        _put(result, "seller.contact", name, text, HEADERS_PART, 0.65)


def _party_from_signature(
    result: ExtractionResult,
    signature: tuple[str, ...],
    sender: str = "",
    role: str = "buyer",
    part: str = SIGNATURE_PART,
) -> None:
    """The signature block after the closing line: company, the address under it, phone, e-mail and tax ID.

    The buyer's in the sender's signature; the seller's (`role`) in the supplier's quoted signature.
    "Gérante – Maison Lambert SRL" names the company after the writer's role; the lines under the company that
    carry no label, phone or e-mail are its address, a country at their end gives the country.
    """
    address: list[str] = []
    named = in_address = False
    for line in (piece for row in signature[1:] for piece in _PIECES.split(row)):
        stripped = line.strip()
        fields, value = _leading_label(stripped)
        if not fields and (short := _SHORT_LABEL.match(stripped)) and PHONE.match(short.group(1)):
            fields, value = frozenset({"phone"}), short.group(1)  # "P: +61 7 3868 2140", "T. 0049 ..."
        if "phone" in fields or (not fields and PHONE.match(stripped)):
            _put(result, f"{role}.phone", _first_value(value), stripped, part, 0.7)
        elif (match := EMAIL.search(stripped)) is not None:
            _put(result, f"{role}.email", match.group(0), stripped, part, 0.75)
        elif "vat_id" in fields or ("tax_amount" in fields and VAT_ID.match(value)):  # "TVA BE0456789123"
            _put(result, f"{role}.vat_id", LOOSE_FIELDS["vat_id"](value), stripped, part, 0.7)
        elif not fields and not named and (company := _company_part(stripped, sender)):
            _put(result, f"{role}.name", company, stripped, part, 0.7)
            named = in_address = True
            continue
        elif not fields and in_address and COMPANY.search(stripped) and not any(ch.isdigit() for ch in stripped):
            continue  # the company's name in another language ("Wing Tai International Trading (HK) Ltd.")
        elif (not fields and in_address) or ("address" in fields and named and value):
            address.append(stripped if not fields else value)  # "Add: Neikeng Industrial Zone, …"
            in_address = True
            continue
        in_address = False  # a labelled, phone or e-mail line ends the address
    if named and address and getattr(result.order, role).address is None:
        parts = [part.strip() for line in address for part in line.split(",") if part.strip()]
        head, dash, tail = parts[-1].rpartition(" – ") if " – " in parts[-1] else parts[-1].rpartition(" - ")
        if dash and country_code(tail.strip()):
            parts[-1:] = [head.strip(), tail.strip()]  # "20600 Casablanca – Maroc"
        country = split_country(parts)
        text = " / ".join(address)
        _put(result, f"{role}.address", ", ".join(parts), text, part, 0.65)
        _put(result, f"{role}.country", country, text, part, 0.6)


def _first_value(text: str) -> str:
    """The value before a wide gap or a dash and a further label.

    "+86 769 8531 2270   WeChat: +86 138 …" and "+39 039 245 6610 - Fax +39 039 245 6699" give the first number.
    """
    return re.split(r"\s{3,}|\t|\s[-–]\s(?=[^\W\d_])|\s{2}(?=[^\W\d_][\w/ .-]{0,20}:)", text.strip(), maxsplit=1)[0]


def _seller_from_quoted(result: ExtractionResult, facts: EmailFacts) -> None:
    """The supplier's company, address and phone from the signature of its own quoted message.

    A reply to the supplier's offer quotes it; when the order names no seller, the quoted signature of the
    addressee does: the signature or the quote's header ("… <kelly@supplier.example> wrote:") names the
    supplier's domain.
    """
    seller = result.order.seller
    domain = parseaddr(facts.recipient)[1].rpartition("@")[2].casefold()
    if (seller.name is not None and seller.address is not None) or not domain or not facts.quoted:
        return
    lines = [re.sub(r"^(?:\s*>)+ ?", "", line).rstrip() for line in facts.quoted.splitlines()]
    # a thread quotes several messages: the supplier's is the one whose header or signature names its domain
    author = ""
    for i, line in enumerate(lines):
        if not author and "@" in line and len(line) < 200:
            author = line.casefold()  # "De: Sunny Chen <sunny.chen@lvye-garden.com>", "… <k@x.example> wrote:"
        if not line.strip() or not is_closing(line.strip()):
            continue
        signature = tuple(text for text in _until_header(lines[i : i + 12]) if text.strip())
        if not any(domain in text.casefold() for text in signature) and domain not in author:
            author = ""  # the next quoted message's header names its author
            continue  # not the supplier's own message
        if seller.name is not None and not any(fold(seller.name) in fold(text) for text in signature):
            return  # the order names the supplier; this signature names another company
        _party_from_signature(result, signature, parseaddr(facts.recipient)[1], role="seller", part=QUOTED_PART)
        return


def _until_header(lines: list[str]) -> list[str]:
    """A quoted signature's lines up to the next quoted message's header ("De: …", "From: …")."""
    for k, line in enumerate(lines[1:], start=1):
        if "@" in line and re.match(r"^\s*[^\W\d_][\w ]{0,12}:\s", line):
            return lines[:k]
    return lines


def _leading_label(text: str) -> tuple[frozenset[str], str]:
    """The fields of a label that opens the line ("Tel.", "USt-IdNr.", "TVA") and the text after it."""
    labelled = _LABELLED.match(text) or _PHONE_LINE.match(text)
    if labelled and (fields := label_fields(labelled.group(1))):
        return fields, labelled.group(2).strip()
    first = next(iter(label_trie("labels").find(text)), None)
    if first is not None and first.start == 0 and first.end < len(text):
        return first.fields, text[first.end :].strip(" :：.")
    return frozenset(), text


def _company_part(text: str, sender: str = "") -> str | None:
    """The company of a signature line, without the writer's role before a dash ("Einkauf | Krüger GmbH").

    A first part that the sender's mail domain spells is the company's own name ("Lusocasa - Artigos para o Lar,
    Lda." from lusocasa.example): the whole line stays.
    """
    if len(text) > 80 or not COMPANY.search(text):
        return None
    parts = [part.strip() for part in re.split(r"\s[-–—|]\s|\s?\|\s?", text) if part.strip()]
    domain = re.sub(r"[^a-z0-9]", "", sender.rpartition("@")[2].casefold())
    first = re.sub(r"[^a-z0-9]", "", parts[0].casefold()) if parts else ""
    if len(parts) > 1 and len(first) >= 4 and first in domain:
        return text
    return next((part for part in parts if COMPANY.search(part)), None)


def subject_order_number(facts: EmailFacts) -> str | None:
    """The order number the subject names ("PO No. SEW/PO/26-27/0012 - BLDC Motors")."""
    subject = strip_subject_prefixes(facts.subject)
    return find_order_reference(subject, facts.language) if subject else None


def _order_number_from_subject(result: ExtractionResult, facts: EmailFacts) -> None:
    if result.order.order_number is None:
        number = subject_order_number(facts)
        _put(result, "order_number", number, f"Subject: {facts.subject}", HEADERS_PART, 0.7)


def _order_date_from_sent(result: ExtractionResult, facts: EmailFacts) -> None:
    if result.order.order_date is not None or facts.date is None:
        return
    _put(result, "order_date", facts.date, f"Date: {facts.date_text}", HEADERS_PART, 0.6)
    result.findings.append(
        Finding(
            code=SENT_DATE_CODE,
            severity="info",
            field="order_date",
            message=f"The order states no date; the e-mail's sending date {facts.date.isoformat()} is used.",
        )
    )
