"""Parties: buyer (the issuer, usually the letterhead), seller (the addressee), ship-to.

A party block is the value of a party label (after it, right of it, or below it). Its first line is the name,
lines that open with a contact label ("Tel.:", "Attention", "E-mail") fill the contact fields, a last line that
is only a country gives the country, and the rest is the address. A block that is a single person's name is the
party's contact, not its name (ERPs print "Buyer: John Smith" for the purchasing agent).
"""

from __future__ import annotations

import re

from extractors.fields.context import FieldContext
from extractors.fields.label_trie import label_trie
from extractors.fields.labels import LabelHit, hit_rank, right_segment, value_block
from extractors.layout import Segment
from extractors.normalize.countries import country_code, find_country

PARTY_SUBFIELDS = frozenset({"contact", "email", "phone", "fax", "vat_id"})
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"^\+?[\d\s()./-]{7,}$")
COMPANY = re.compile(
    r"\b(gmbh|ag|kg|ltd|limited|inc|llc|corp|co\.?|company|s\.?a\.?s?|s\.?r\.?l|s\.?p\.?a|b\.?v|n\.?v|lda|ltda|"
    r"s\.?l|oy|ab|plc|pty|sarl|bvba|kft|sp\. z o\.o\.|a/s|as|e\.?k|ohg|gbr|sa de cv|s\. ?de r\.l\.|pte)\b"
    r"|有限公司|公司|集团|厂",
    re.IGNORECASE,
)
PERSON = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|herr|frau|m|mme|sr|sra|sig|dott)\.?\s+)?[^\W\d_][\w'’.-]+(?:\s+[^\W\d_][\w'’.-]+){1,3}$"
)
PARTY_LINES = 8


def _sub_value(text: str) -> tuple[str | None, str]:
    """Split "Tel.: +49 711" or "Attention Amy Liang" into (sub-field, value) when a contact label opens it."""
    matches = label_trie("labels").find(text)
    if matches and matches[0].start == 0:
        fields = matches[0].fields & PARTY_SUBFIELDS
        if fields:
            value = text[matches[0].end :].strip(" .:：#-–")
            value = re.sub(r"^(?:de|of|von|di|da|van)\s+", "", value, flags=re.IGNORECASE)
            return sorted(fields)[0], value
    return None, text


def _split_country(address: list[str]) -> str | None:
    """Remove the address line that is only a country (usually the last); return its code."""
    for i in range(len(address) - 1, -1, -1):
        code = country_code(address[i].strip(" ,."))
        if code:
            del address[i]
            return code
    return None


LEGAL_FORM_ONLY = re.compile(rf"^(?:{COMPANY.pattern})[\s.,&]*$", re.IGNORECASE)


def _join_wrapped_name(texts: list[str]) -> list[str]:
    """A company name wrapped before its legal form ("... Co.," / "Ltd.") is one line."""
    if len(texts) < 2:
        return texts
    legal = bool(LEGAL_FORM_ONLY.match(texts[1].strip()))
    if legal or (texts[0].rstrip().endswith((",", "&")) and len(texts[1].split()) <= 2):
        return [f"{texts[0].rstrip()} {texts[1].strip()}", *texts[2:]]
    return texts


def _assign(ctx: FieldContext, role: str, texts: list[str], source: Segment, conf: float) -> None:
    texts = _join_wrapped_name(texts)
    address: list[str] = []
    named = False
    for text in texts:
        sub, value = _sub_value(text)
        email = EMAIL.search(text)
        if sub == "fax":
            continue
        if sub in ("contact", "phone", "vat_id") and value:
            ctx.put(f"{role}.{sub}", EMAIL.sub("", value).strip(" ,;") or None, source, conf * 0.95)
        if email:
            ctx.put(f"{role}.email", email.group(0), source, conf)
        if sub or email:
            continue
        if not named:
            ctx.put(f"{role}.name", text.strip(" ,"), source, conf)
            named = True
        elif PHONE.match(text.strip()):
            ctx.put(f"{role}.phone", text.strip(), source, conf * 0.85)
        else:
            address.append(text.strip(" ,"))
    country = _split_country(address)
    if address:
        ctx.put(f"{role}.address", ", ".join(address), source, conf * 0.9)
    ctx.put(f"{role}.country", country or (find_country(address[-1]) if address else None), source, conf * 0.85)


def _is_person(texts: list[str]) -> bool:
    return len(texts) == 1 and not COMPANY.search(texts[0]) and bool(PERSON.match(texts[0].strip()))


def _letterhead(ctx: FieldContext) -> list[Segment]:
    """The issuer's block at the top of page 1: a company-looking segment and what stands under it."""
    lines = [ln for ln in ctx.layout.lines if ln.page == ctx.layout.lines[0].page][:12] if ctx.layout.lines else []
    for line in lines:
        for j, seg in enumerate(line.segments):
            if ctx.labels.is_label_start(line.index, j) or not COMPANY.search(seg.text):
                continue
            block = [seg]
            for nxt in ctx.layout.lines[line.index + 1 : line.index + PARTY_LINES]:
                under = [s for s in nxt.segments if _aligned(s, seg)]
                if not under or nxt.top - block[-1].bottom > 1.8 * max(line.height, 1.0):
                    break
                if ctx.labels.is_label_start(nxt.index, nxt.segments.index(under[0]), PARTY_SUBFIELDS):
                    break
                block.append(under[0])
            return block
    return []


def _aligned(seg: Segment, head: Segment) -> bool:
    """Left-, right- or centre-aligned under the head segment (letterheads are often right-aligned)."""
    return (
        abs(seg.x0 - head.x0) < 8
        or abs(seg.x1 - head.x1) < 8
        or abs((seg.x0 + seg.x1) - (head.x0 + head.x1)) < 16
        or seg.x0 <= head.x0 <= seg.x1
    )


def _read_block(ctx: FieldContext, role: str, hit: LabelHit, others: set[int]) -> bool:
    block = value_block(hit, ctx.labels, PARTY_LINES, ignore=PARTY_SUBFIELDS)
    texts = [t for t, _ in block if t.strip()]
    if not texts or EMAIL.fullmatch(texts[0].strip()):
        return False
    if _is_person(texts):
        ctx.put(f"{role}.contact", texts[0].strip(), block[0][1], 0.8)
        return False
    _assign(ctx, role, texts, block[0][1], 0.9)
    if role != "buyer":
        others.update(seg.line for _, seg in block)
    return True


def extract_parties(ctx: FieldContext) -> None:
    """Buyer, seller and ship-to blocks, with contact details split out."""
    others: set[int] = set()
    for role in ("seller", "ship_to", "buyer"):
        hits = [h for h in ctx.labels.hits(role) if h.line.index not in ctx.table_lines]
        for hit in sorted(hits, key=hit_rank):
            if _read_block(ctx, role, hit, others):
                break
    if "buyer.name" not in ctx.values:
        block = _letterhead(ctx)
        if block and block[0].line not in others:
            _assign(ctx, "buyer", [s.text for s in block], block[0], 0.8)
    _loose_contacts(ctx, others)


def _loose_contacts(ctx: FieldContext, skip: set[int]) -> None:
    """Contact details labelled outside the seller and ship-to blocks belong to the buyer (the issuer)."""
    for sub in ("contact", "email", "phone", "vat_id"):
        for hit in ctx.labels.hits(sub):
            if hit.line.index in ctx.table_lines or hit.line.index in skip:
                continue
            right = right_segment(hit, ctx.labels)
            value = hit.inline_value or (right.text if right is not None else "")
            if sub == "email":
                match = EMAIL.search(value)
                value = match.group(0) if match else ""
            if value:
                ctx.put(f"buyer.{sub}", value.strip(), hit.segment, 0.75)
                break
