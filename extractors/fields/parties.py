"""Parties: buyer (the issuer, usually the letterhead), seller (the addressee), ship-to."""

from __future__ import annotations

import re

from extractors.fields.context import FieldContext
from extractors.fields.labels import LabelHit, below_segments, label_fields, right_segment
from extractors.layout import Segment
from extractors.normalize.countries import find_country
from extractors.text import fold

PARTY_SUBFIELDS = frozenset({"contact", "email", "phone", "fax", "vat_id"})
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"^\+?[\d\s()./-]{7,}$")
COMPANY = re.compile(
    r"\b(gmbh|ag|kg|ltd|limited|inc|llc|corp|co\.?|company|s\.?a\.?s?|s\.?r\.?l|s\.?p\.?a|b\.?v|n\.?v|lda|ltda|"
    r"s\.?l|oy|ab|plc|pty|sarl|bvba|kft|sp\. z o\.o\.|a/s|as)\b|有限公司|公司|集团",
    re.IGNORECASE,
)
PARTY_LINES = 7
SUB_LABEL = re.compile(r"^([^:：]{1,30})[:：]\s*(.*)$")


def _block(hit: LabelHit, ctx: FieldContext) -> list[Segment]:
    segs: list[Segment] = []
    if hit.inline_value:
        segs.append(hit.segment)
    else:
        right = right_segment(hit, ctx.labels)
        if right is not None and not ctx.labels.is_label_start(right.line, hit.seg_index + 1):
            segs.append(right)
    segs.extend(below_segments(hit, ctx.labels, PARTY_LINES, ignore=PARTY_SUBFIELDS))
    return segs


def _texts(hit: LabelHit | None, segs: list[Segment]) -> list[str]:
    texts = [s.text for s in segs]
    if hit is not None and texts and segs[0] is hit.segment:
        texts[0] = hit.inline_value
    return [t for t in texts if t.strip()]


def _sub_value(text: str) -> tuple[str | None, str]:
    """Split "Tel.: +49 711" into ("phone", "+49 711") when the line starts with a party sub-label."""
    match = SUB_LABEL.match(text)
    if match:
        fields = label_fields(match.group(1)) & PARTY_SUBFIELDS
        if fields:
            return sorted(fields)[0], match.group(2).strip()
    return None, text


def _assign(ctx: FieldContext, role: str, texts: list[str], source: Segment, conf: float) -> None:
    address: list[str] = []
    for i, text in enumerate(texts):
        sub, value = _sub_value(text)
        email = EMAIL.search(text)
        if sub == "fax":
            continue
        if sub in ("contact", "phone", "vat_id"):
            ctx.put(f"{role}.{sub}", value or None, source, conf * 0.95)
            if sub != "contact" or not email:
                continue
        if email:
            ctx.put(f"{role}.email", email.group(0), source, conf)
            continue
        if i == 0:
            ctx.put(f"{role}.name", text.strip(" ,"), source, conf)
        elif PHONE.match(text.strip()):
            ctx.put(f"{role}.phone", text.strip(), source, conf * 0.85)
        else:
            address.append(text.strip(" ,"))
    if address:
        ctx.put(f"{role}.address", ", ".join(address), source, conf * 0.9)
        country = find_country(address[-1]) or find_country(", ".join(address))
        ctx.put(f"{role}.country", country, source, conf * 0.85)


def _letterhead(ctx: FieldContext) -> list[Segment]:
    """The issuer's block at the top of page 1: a company-looking segment and what stands under it."""
    lines = [ln for ln in ctx.layout.lines if ln.page == ctx.layout.lines[0].page][:12] if ctx.layout.lines else []
    for line in lines:
        for j, seg in enumerate(line.segments):
            if ctx.labels.is_label_start(line.index, j) or not COMPANY.search(seg.text):
                continue
            block = [seg]
            for nxt in ctx.layout.lines[line.index + 1 : line.index + PARTY_LINES]:
                under = [s for k, s in enumerate(nxt.segments) if abs(s.x0 - seg.x0) < 8 or (s.x0 <= seg.x0 <= s.x1)]
                if not under or nxt.top - block[-1].bottom > 1.8 * max(line.height, 1.0):
                    break
                k = nxt.segments.index(under[0])
                if ctx.labels.is_label_start(nxt.index, k, PARTY_SUBFIELDS):
                    break
                block.append(under[0])
            return block
    return []


def extract_parties(ctx: FieldContext) -> None:
    """Buyer, seller and ship-to blocks, with contact details split out."""
    others: set[int] = set()
    for role in ("buyer", "seller", "ship_to"):
        hits = [h for h in ctx.labels.hits(role) if h.line.index not in ctx.table_lines]
        for hit in sorted(hits, key=lambda h: (-len(h.label_text), h.line.index)):
            segs = _block(hit, ctx)
            texts = _texts(hit, segs)
            if texts and not EMAIL.fullmatch(texts[0]):
                _assign(ctx, role, texts, segs[0], 0.9)
                if role != "buyer":
                    others.update(s.line for s in segs)
                break
    if "buyer.name" not in ctx.values:
        block = _letterhead(ctx)
        if block and fold(block[0].text) != fold(str(ctx.values.get("seller.name", ""))):
            _assign(ctx, "buyer", [s.text for s in block], block[0], 0.8)
    _loose_contacts(ctx, others)


def _loose_contacts(ctx: FieldContext, skip: set[int]) -> None:
    """Contact, e-mail and phone labelled outside any party block belong to the buyer (the issuer)."""
    for sub in ("contact", "email", "phone"):
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
