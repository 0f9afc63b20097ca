"""Parties: buyer (the issuer, usually the letterhead), seller (the addressee), ship-to.

A party block is the value of a party label (after it, right of it, or below it). Its first line is the name,
lines that open with a contact label ("Tel.:", "Attention", "E-mail") fill the contact fields, a last line that
is only a country gives the country, and the rest is the address. A block that is a single person's name is the
party's contact, not its name (ERPs print "Buyer: John Smith" for the purchasing agent).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise

from extractors.fields.context import FieldContext
from extractors.fields.header import FieldSpec, candidates
from extractors.fields.label_trie import key_of, label_trie
from extractors.fields.labels import LabelHit, hit_rank, is_rule, label_fields, right_segment, value_block
from extractors.fields.names import COMPANY, LEGAL_FORM_ONLY
from extractors.fields.titles import title_type
from extractors.fields.values import parse_company
from extractors.layout import Line, Segment
from extractors.lexicons import load_lexicon
from extractors.normalize.countries import country_code, find_country
from extractors.normalize.phrases import PhraseMatcher, lexicon_words
from extractors.readers.mailbody import is_closing
from extractors.text import cjk_ratio, fold, without_brackets

PARTY_SUBFIELDS = frozenset({"contact", "email", "phone", "fax", "vat_id", "address"})
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"^\+?[\d\s()./-]{7,}$")
PERSON = re.compile(
    r"^[\u4e00-\u9fff]{2,4}$|"
    r"^(?:(?:mr|mrs|ms|dr|herr|frau|m|mme|sr|sra|sig|dott)\.?\s+)?[^\W\d_][\w'’.-]+(?:\s+[^\W\d_][\w'’.-]+){1,3}$"
)
PARTY_LINES = 12
VAT_ID = re.compile(r"^(?:[A-Z]{2}\s?[0-9A-Z][0-9A-Z .-]{5,}|\d[\d -]{7,})$")
"""A tax ID: a country prefix and digits ("GB 284 5519 07"), or a long digit group without a decimal part."""
SUB_LABEL = re.compile(r"^([^:：]{1,30})[:：]\s*(.*)$")
BRACKETED = re.compile(r"^\s*[(（〈<\[【][^()（）]*[)）〉>\]】]\s*$")
"""A line that is only a bracketed note ("(seal)", "（盖章）", "(Unterschrift)") is an instruction, no value."""


def _sub_value(text: str) -> tuple[str | None, str]:
    """Split "Tel.: +49 711" or "Attention Amy Liang" into (sub-field, value) when a contact label opens it."""
    matches = label_trie("labels").find(text)
    if matches and matches[0].start == 0:
        fields = matches[0].fields & PARTY_SUBFIELDS
        if fields:
            value = text[matches[0].end :].strip(" .:：#-–")
            value = re.sub(r"^/\s*[^\W\d_]{2,12}\.?\s*[:：]\s*", "", value)  # "N.I.F./VAT: ESB96458712"
            value = re.sub(r"^(?:de|of|von|di|da|van)\s+(?!\d)", "", value, flags=re.IGNORECASE)
            return sorted(fields)[0], value
    return None, text


_IDENTIFIER = re.compile(r"^(?P<label>[^\d:：]{1,25}?)\s*[:：]?\s*(?P<id>[A-Z]{0,3}[\s-]?\d[\dA-Z ./-]{5,}[\dA-Z])$")
_POSTCODE = re.compile(r"^\d{3,5}-\d{3,4}$")
"""Postcodes with a hyphen ("103-0022", "01310-100") are no registration numbers."""
_TIME_WINDOW = re.compile(
    r"\d{1,2}\s?[ap]\.?m\.?\s*[-–]\s*\d{1,2}\s?[ap]\.?m\b"
    r"|\d{1,2}[:.h]\s?\d{2}\s*[-–]\s*\d{1,2}[:.h]\s?\d{2}|\b\d{1,2}\s?h\s?[-–]\s?\d{1,2}\s?h\b"
)
_NOTE = re.compile(r"^(?P<label>[^\d:：@]{2,30}?)\s*[:：]\s*(?P<value>\S.*)$")


def _identifier(text: str) -> tuple[bool, str] | None:
    """A label and a registration number ("SIRET 812 345 678 00024", "KvK 17045678", "CIF B12345674").

    Returns (whether it is the tax ID, the number), or None for any other line. The number has seven digits or
    more and no small letters; it is the tax ID when its label is a tax-ID (or tax) label of a lexicon.
    """
    match = _IDENTIFIER.match(text.strip())
    if match is None or sum(ch.isdigit() for ch in match.group("id")) < 7 or _POSTCODE.match(match.group("id")):
        return None
    label = match.group("label").strip(" .,")
    if not label or len(label.split()) > 3:
        return None
    fields = label_fields(label) | label_fields(f"{label}:")
    return bool(fields & {"vat_id", "tax_amount"}), match.group("id").strip()


def _note(text: str) -> tuple[str, str] | None:
    """A "Label: value" line whose label no lexicon knows ("Receiving: (614) 555-0142", "授权代表：王丽")."""
    match = _NOTE.match(text.strip())
    if match is None or label_fields(match.group("label")) or len(match.group("label").split()) > 4:
        return None
    return match.group("label"), match.group("value")


def _labelled_sub_field(ctx: FieldContext, role: str, text: str, source: Segment, conf: float) -> str | None:
    """Read a block line's contact sub-field ("Tel.: ...", an e-mail); None when that was all the line held.

    An "Address:" label is dropped and its value comes back; a fax number and other fields' labels are skipped.
    """
    sub, value = _sub_value(text)
    email = EMAIL.search(text)
    if sub == "fax":
        return None
    if sub == "address":  # "Address: 12 Wharf Road" / "地址：..."
        text, sub = value, None
    if sub in ("contact", "phone", "vat_id") and value:
        valid = LOOSE_FIELDS[sub](value)
        ctx.put(f"{role}.{sub}", valid, source, conf * 0.95)
        if valid is None:
            sub = None  # "T-shirt ..." is no phone line
    if email:
        ctx.put(f"{role}.email", email.group(0), source, conf)
    return None if sub or email or _other_label(text) else text


def _further_line(ctx: FieldContext, role: str, text: str, source: Segment, conf: float) -> str:
    """Read a block line after the name: "phone" (or contact), "note" (no address), "stop", "address"."""
    if PHONE.match(text.strip()):
        ctx.put(f"{role}.phone", text.strip(), source, conf * 0.85)
        return "phone"
    if (ident := _identifier(text)) is not None:
        if ident[0]:
            ctx.put(f"{role}.vat_id", ident[1], source, conf * 0.85)  # "CIF B12345674", "N° TPS : 1234..."
        return "note"
    if (note := _note(text)) is not None:
        _note_contact(ctx, role, note, source, conf)
        return "note"
    if _ADDRESSED.match(text) and (person := _contact(text)) is not None:
        ctx.put(f"{role}.contact", person, source, conf * 0.85)  # "Herr Frank Li" under the company
        return "phone"
    if is_sentence(text) or _GREETING.match(text.strip()):
        return "stop"  # a sentence or the letter's greeting ("Dear Mr. Huang,") after the block
    if _WEB.match(text.strip()):
        return "note"  # the company's web site
    if COMPANY.search(text) and not any(ch.isdigit() for ch in text):
        return "note"  # the name again in another script or form ("星野商事株式会社" under "Hoshino Shoji Co., Ltd.")
    return "note" if _TIME_WINDOW.search(text) else "address"  # "Mon-Fri 7:00-15:00": opening hours


def _note_contact(ctx: FieldContext, role: str, note: tuple[str, str], source: Segment, conf: float) -> None:
    """The contact details of a note: a phone, or a person and a phone ("Contact magazijn: Mark Jansen, +31 ...")."""
    if _TIME_WINDOW.search(note[1]):
        return  # "Réception : du lundi au vendredi, 7 h – 12 h": opening hours
    pieces = [piece.strip() for piece in note[1].split(",") if piece.strip()]
    for piece in pieces:
        if PHONE.match(piece):
            ctx.put(f"{role}.phone", piece, source, conf * 0.8)
        elif piece is pieces[0] and piece[:1].isupper() and (person := _contact(piece)) is not None:
            ctx.put(f"{role}.contact", person, source, conf * 0.8)


def _other_label(text: str) -> bool:
    """A "Label: value" line of some other field inside a party block ("Delivery date: ...") is no address."""
    match = SUB_LABEL.match(text)
    return bool(match and label_fields(match.group(1)))


def split_country(address: list[str]) -> str | None:
    """Remove the address line that is only a country (usually the last); return its code."""
    for i in range(len(address) - 1, -1, -1):
        code = country_code(without_brackets(address[i]).strip(" ,."))  # "China (VR)"
        if code:
            del address[i]
            return code
    return None


OPEN_END = re.compile(r"(?:[,&+-]|\s[^\W\d_A-Z]{1,3})\s*$")
"""A line that ends with a comma, "&" or a short lowercase word ("de", "und", "of"; not a tagline's "home")
continues on the next."""


def _brand(text: str) -> bool:
    """A name line in capitals without a legal form or figures ("WEILER & SÖHNE"): a letterhead's brand."""
    text = text.strip()
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(letters) >= 4
        and all(ch.isupper() for ch in letters)
        and len(text.split()) <= 4
        and not any(ch.isdigit() for ch in text)
        and not COMPANY.search(text)
    )


def _same_start(first: str, second: str) -> bool:
    return fold(first).split()[:1] == fold(second).split()[:1]


def _join_wrapped_name(texts: list[str]) -> list[str]:
    """A company name wrapped before its legal form ("... Co.," / "Ltd.") or after an open end is one line."""
    if len(texts) < 2:
        return texts
    if _brand(texts[0]) and COMPANY.search(texts[1]) and not _same_start(texts[0], texts[1]):
        return [f"{texts[0].strip()} {texts[1].strip()}", *texts[2:]]  # "WEILER & SÖHNE" / "Werkzeughandel GmbH"
    legal = bool(LEGAL_FORM_ONLY.match(texts[1].strip()))
    opened = bool(OPEN_END.search(texts[0])) and bool(COMPANY.search(texts[1])) and not COMPANY.search(texts[0])
    # "Conservas del Cantábrico S.A. – Almacén de" / "materias primas": small words go on with the name
    small_end = re.search(r"\s[^\W\d_A-Z]{1,3}\s*$", texts[0]) is not None  # ends with "de", "of", "und"
    words_on = small_end and texts[1][:1].islower() and not any(c.isdigit() for c in texts[1])
    if legal or opened or words_on or (texts[0].rstrip().endswith((",", "&")) and len(texts[1].split()) <= 2):
        return [f"{texts[0].rstrip()} {texts[1].strip()}", *texts[2:]]
    return texts


_HARD_SEPARATOR = re.compile(r"\s+[·•|]\s+|\s*[，；]\s*")
_DASH_SEPARATOR = re.compile(r"(\s+[-–—]\s+)")


def _split_parts(texts: list[str]) -> list[str]:
    """Split lines that print several block lines in one.

    "Kessler GmbH · Carl-Zeiss-Straße 17 · 73431 Aalen" and "Saint-Priest – France – Tél. +33 4 72 90 41 18"
    become separate lines. A dash splits only before an address, a country or a contact: "Delacroix
    Logistique – Entrepôt B" is a name.
    """
    out: list[str] = []
    for text in (piece for line in texts for piece in _at_sub_labels(line)):
        chunks = _return_parts(text) or _HARD_SEPARATOR.split(text)
        for part in (line for chunk in chunks for line in _comma_lines(chunk)):
            pieces = _DASH_SEPARATOR.split(part)  # with the separators as printed at odd indexes
            merged = [pieces[0]]
            for dash, piece in zip(pieces[1::2], pieces[2::2], strict=True):
                address = any(ch.isdigit() for ch in piece) and len(piece.split()) > 2  # not "Armazém 3"
                name = piece.strip(" ,.")
                separate = address or (len(name) > 2 and country_code(name) is not None)  # "Itajaí – SC": a state
                if separate or _sub_value(piece)[0] is not None or EMAIL.search(piece):
                    merged.append(piece)
                else:
                    merged[-1] = f"{merged[-1]}{dash}{piece}"
            out.extend(piece.strip() for piece in merged if piece.strip())
    return out


def _at_sub_labels(text: str) -> list[str]:
    """A line cut before each further contact label.

    After a separator ("Foshan Meiya Co., Ltd., z. Hd. Frau Li Na") or, in a line that opens with a labelled
    value, before each labelled value ("联系人：王建国 电话：0574-8848 2217"); "Kind Attn: ..." stays one.
    """
    matches = label_trie("labels").find(text)
    first = matches[0] if matches else None
    labelled = first is not None and first.start == 0 and _colon_after(text, first.end)
    numbered = first is not None and first.start == 0 and bool(first.fields & _NUMBER_FIELDS)
    cuts = [
        m.start
        for m in matches
        if m.start > 0
        and m.fields & PARTY_SUBFIELDS
        and (
            (labelled and _colon_after(text, m.end))
            or _SEPARATED.search(text[: m.start])
            or (numbered and m.fields & _NUMBER_FIELDS and _NUMBER_START.match(text[m.end :]))
            # "CIF B12345674 Tel. +34 964 …": a phone label and its number after a figure (a scan lost the "·")
            or (
                m.fields & _NUMBER_FIELDS
                and _NUMBER_START.match(text[m.end :])
                and _ENDS_WITH_FIGURE.search(text[: m.start])
            )
        )
    ]
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    pieces = [text[a:b].strip() for a, b in pairwise(bounds)]
    pieces = [piece.rstrip(" ,-–·|") if k < len(pieces) - 1 else piece for k, piece in enumerate(pieces)]
    return [piece for piece in pieces if piece]


_NUMBER_FIELDS = frozenset({"phone", "fax"})
_NUMBER_START = re.compile(r"[\s.:：]*[+(\d]")
"""A phone line may go on with a fax number without any separator ("Phone (616) 555-0142 Fax (616) 555-0143")."""
_SEPARATED = re.compile(r"(?:,|\s[-–·|])\s*$")
_ENDS_WITH_FIGURE = re.compile(r"\d\s+$")


def _colon_after(text: str, end: int) -> bool:
    return text[end:].lstrip(" .")[:1] in (":", "：")


def _comma_lines(text: str) -> list[str]:
    """A whole block printed as one comma-separated line, as its lines.

    "Ardennes Textiles SRL – Dépôt, Zoning de Aye, Rue de la Plaine 2, 6900 Marche-en-Famenne" has four lines;
    legal forms stay with their name ("..., S.L.").
    """
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) < 3 or not any(ch.isdigit() for ch in text):
        return [text.strip()] if text.strip() else []
    lines: list[str] = []
    for part in parts:
        if lines and LEGAL_FORM_ONLY.match(part):
            lines[-1] = f"{lines[-1]}, {part}"
        else:
            lines.append(part)
    return lines


_MESSRS = re.compile(r"^\s*(?:m/s\.?|messrs\.?)\s+(?=\S)", re.IGNORECASE)
"""The courtesy before an addressed company ("M/s. Shenzhen Brightway …", "Messrs. Sakura Trading")."""


_TAGLINE = re.compile(r"\s[-–—]\s+[^\W\d_A-Z][^,;]*$")
"""A tagline in small letters after a dash ("… SAS - éclairage professionnel")."""


def _without_tagline(name: str) -> str:
    """A company name without the tagline its letterhead prints after the legal form."""
    match = _TAGLINE.search(name)
    return name[: match.start()].rstrip() if match and COMPANY.search(name[: match.start()]) else name


@cache
def _name_label() -> re.Pattern[str]:
    """A name label with its colon before a party's name ("Company Name:", "Razón social:", "公司名称：")."""
    words = sorted(set(lexicon_words("name_labels")), key=len, reverse=True)
    return re.compile(rf"^\s*(?:{'|'.join(re.escape(w) for w in words)})\s*[:：]\s*(?=\S)", re.IGNORECASE)


_CODE_ONLY = re.compile(r"^[A-Z0-9./-]*\d[A-Z0-9./-]*$")
"""A party's number printed as the label's value ("FORNECEDOR: 22145") before the name under it."""


def _left_of(ctx: FieldContext, seg: Segment) -> Segment | None:
    """The segment just left of `seg` on its line when only a small gap separates them (a name's other run)."""
    line = ctx.layout.lines[seg.line]
    k = next((k for k, s in enumerate(line.segments) if s is seg), 0)
    if k == 0:
        return None
    left = line.segments[k - 1]
    return left if seg.x0 - left.x1 <= 3 * max(line.height, 1.0) and not COMPANY.search(left.text) else None


def _assign(ctx: FieldContext, role: str, texts: list[str], source: Segment, conf: float) -> None:
    while len(texts) > 1 and len(texts[0].strip()) <= 15 and _CODE_ONLY.match(texts[0].strip()):
        texts = texts[1:]
    if texts and LEGAL_FORM_ONLY.match(texts[0].strip()) and (left := _left_of(ctx, source)) is not None:
        texts = [f"{left.text} {texts[0].strip()}", *texts[1:]]  # "FERRAMENTA LOMBARDA" | "S.r.l." in two runs
    if texts and (hit := _attention_words().search(texts[0].lstrip())) is not None and hit.start == 0:
        # "Kind Attn: Mr. Jason Xu, Changzhou Tianli Motor Co., Ltd.": the person, then the company
        person, _, company = texts[0].lstrip()[hit.end :].lstrip(" .:：").partition(",")
        if COMPANY.search(company) and (contact := _contact(person)) is not None:
            ctx.put(f"{role}.contact", contact, source, conf * 0.9)
            texts = [company.strip(), *texts[1:]]
    texts = _join_wrapped_name(_split_parts(texts))
    address: list[str] = []
    named = address_done = False
    for line in texts:
        text = _labelled_sub_field(ctx, role, line, source, conf)
        if text is None:
            continue
        if not named:
            ctx.put(
                f"{role}.name", _without_tagline(_MESSRS.sub("", _name_label().sub("", text.strip(" ,")))), source, conf
            )
            named = True
        else:
            kind = _further_line(ctx, role, text, source, conf)
            if kind == "stop":
                break  # a sentence after the block ("Bitte bestätigen Sie ...") ends it
            if kind == "note":
                address_done = bool(address)  # what follows a note under the address is more notes
            elif kind == "address" and not address_done:
                address.append(text.strip(" ,").rstrip("。"))
    country = split_country(address)
    if address:
        ctx.put(f"{role}.address", ", ".join(address), source, conf * 0.9)
    country = country or (find_country(address[-1]) or postal_country(address[-1]) if address else None)
    ctx.put(f"{role}.country", country, source, conf * 0.85)


_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|"
    "OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_US_ZIP = re.compile(rf"\b(?:{_US_STATES})\s+\d{{5}}(?:-\d{{4}})?$")
_CA_POSTCODE = re.compile(r"\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d$")
_AU_POSTCODE = re.compile(r"\b(?:NSW|VIC|QLD|TAS|ACT|WA|SA|NT)\s+\d{4}$")
_PREFIXED_POSTCODE = re.compile(r"(?:^|[\s,·])(D|A|CH|F|I|B|NL|L|E|P|DK|S|N|FIN|PL|CZ)-\d{4,5}\b")
"""A postcode with the old European country prefix ("D-42699 Solingen", "CH-6343 Rotkreuz")."""
_POSTCODE_PREFIXES = {
    "D": "DE", "A": "AT", "CH": "CH", "F": "FR", "I": "IT", "B": "BE", "NL": "NL", "L": "LU",
    "E": "ES", "P": "PT", "DK": "DK", "S": "SE", "N": "NO", "FIN": "FI", "PL": "PL", "CZ": "CZ",
}  # fmt: skip


def postal_country(line: str) -> str | None:
    """The country a postal line implies when none is printed.

    A US state and ZIP, an Australian state and postcode, a Canadian province and code, a European postcode
    with its country prefix ("D-42699").
    """
    if _US_ZIP.search(line.strip()):
        return "US"
    if _AU_POSTCODE.search(line.strip()):
        return "AU"
    if prefixed := _PREFIXED_POSTCODE.search(line):
        return _POSTCODE_PREFIXES[prefixed.group(1)]
    return "CA" if _CA_POSTCODE.search(line.strip()) else None


def _is_person(texts: list[str]) -> bool:
    return len(texts) == 1 and not COMPANY.search(texts[0]) and bool(PERSON.match(texts[0].strip()))


def _letterhead(ctx: FieldContext, used: set[int]) -> list[Segment]:
    """The issuer's block at the top of page 1: a company-looking segment and what stands under it.

    Blocks already read as another party are passed over ("Spett.le Foshan … Co., Ltd." beside the letterhead).
    """
    return _company_block(ctx, used, skip_first=False)


def _company_block(ctx: FieldContext, used: set[int], *, skip_first: bool) -> list[Segment]:  # ids of used segments
    """A company-looking block in the upper part of page 1 (before the line items), not yet used.

    The first one is the letterhead (the issuer); with `skip_first`, the next one is the unlabelled addressee
    block (the seller, as in a DIN 5008 address field).
    """
    seen_first = False
    buyer = str(ctx.values.get("buyer.name") or "")
    for line in ctx.upper_lines():
        for j, seg in enumerate(line.segments):
            if ctx.labels.is_label_start(line.index, j) or not COMPANY.search(seg.text) or _addressed(seg):
                continue
            if is_sentence(seg.text):
                continue  # "Die Lieferung erfolgt ... Commerzbank AG": a company named in a sentence
            if skip_first and buyer and _same_start(seg.text, buyer) and _return_address(seg.text):
                seen_first = True
                continue  # the issuer's return address over the window ("Weiler & Söhne GmbH · …")
            if id(seg) in used:
                seen_first = True
                continue
            block = _block_under(ctx, _name_start(ctx, seg))
            attention = any(_attention(s.text) for s in block[1:])
            if not skip_first and attention:
                continue  # "… Co., Ltd." over "À l'attention de Mme …": the addressee, not the letterhead
            if skip_first and not seen_first and not attention:
                seen_first = True
                continue
            return block
    return []


@cache
def _attention_words() -> PhraseMatcher[str]:
    return PhraseMatcher(((word, "attention") for word in lexicon_words("attention")), optional_dots=False)


def _attention(text: str) -> bool:
    """A line that names the person an addressee block is for ("À l'attention de Mme …", "z. Hd. Herrn …")."""
    text = text.lstrip()
    hit = _attention_words().search(text)
    return hit is not None and hit.start == 0


_HAN_ADDRESSEE = re.compile(r"[向致]([^\s，,。；;：:（(向致]{4,30}?(?:有限公司|公司))")
"""A Chinese sentence that addresses the order to a company: "现向宁波市鄞州佳美日用品有限公司下达采购订单"."""
_ATTENTION_LEAD = re.compile(r"^[\s:：]*(?:(?:de|of|von|di|da|del|van)\b)?[\s:：]*", re.IGNORECASE)


def _company_for_attention(ctx: FieldContext) -> None:
    """The supplier named for attention inside a sentence: a company with a legal form after the attention words.

    "… notre commande n° ML-2026-031 à l'attention de Jiangxi Huacai Ceramics Co., Ltd. :"; in Chinese the
    company an order is placed with ("向…有限公司下达采购订单").
    """
    for line in ctx.upper_lines():
        for seg in line.segments:
            for hit in _attention_words().find_all(seg.text):
                rest = seg.text[hit.end :]
                lead = _ATTENTION_LEAD.match(rest)
                rest = rest[lead.end() if lead else 0 :].split(" :", 1)[0]  # "… Co., Ltd. :" ends the name
                if not rest[:1].isupper() or not COMPANY.search(rest):
                    continue
                rest, _, person = rest.partition(" – ") if " – " in rest else rest.partition(" - ")
                name = parse_company(rest, ctx, "seller.name")
                if name and COMPANY.search(name) and len(name.split()) <= 8:
                    ctx.put("seller.name", name, seg, 0.6)
                    if person and (contact := _contact(person)) is not None:
                        ctx.put("seller.contact", contact, seg, 0.6)  # "… Co., Ltd. – Mme Chen Jing"
                    return
            if (han := _HAN_ADDRESSEE.search(seg.text)) is not None:
                ctx.put("seller.name", han.group(1), seg, 0.6)  # "现向宁波市…有限公司下达采购订单"
                return
            if (name := _ordered_from(ctx, seg.text)) is not None:
                ctx.put("seller.name", name, seg, 0.6)
                return


@cache
def _order_to_words() -> PhraseMatcher[str]:
    return PhraseMatcher(((word, "to") for word in lexicon_words("order_to")), optional_dots=False)


_ARTICLE = re.compile(r"^\s*(?:the|der|die|la|el|le|il|a|o|de|het)\s+(?=[A-Z])", re.IGNORECASE)


def _ordered_from(ctx: FieldContext, text: str) -> str | None:
    """The company a sentence about the order places it with, after an `order_to` word.

    "… nuestro pedido n.º PA-26/0214 a Shenzhen Kaituo Electronics Co., Ltd.:", "Segue nosso pedido de compra
    para a Qingdao Haixin Tire Co., Ltd., …": the sentence names the order ("pedido", "order", "Bestellung").
    """
    orders = [m for m in label_trie("labels").find(text) if "order_number" in m.fields]
    if not orders:
        return None  # a sentence about the order ("pedido", "Bestellung", "order"), not any company named
    start = orders[0].end
    for hit in _order_to_words().find_all(text):
        if hit.start < start:
            continue
        rest = text[hit.end :]
        article = _ARTICLE.match(rest)
        rest = rest[article.end() :] if article else rest.lstrip()
        if not rest[:1].isupper() or not COMPANY.search(rest[:80]):
            continue
        name = parse_company(rest.split(":", 1)[0], ctx, "seller.name")
        if name and COMPANY.search(name) and len(name.split()) <= 8:
            return name
    return None


def _return_address(text: str) -> bool:
    """A one-line sender address over a window envelope's address field: name · street · postcode city."""
    return (len(_HARD_SEPARATOR.findall(text)) >= 2 and any(ch.isdigit() for ch in text)) or bool(_return_parts(text))


_LEGAL_FORMS = r"(?:GmbH|AG|KG|OHG|e\.K\.|Ltd\.?|S\.A\.S?\.?|S\.r\.l\.|S\.p\.A\.|S\.L\.|B\.V\.|N\.V\.|Lda\.|SARL|SAS)"
_RETURN_LINE = re.compile(
    rf"^(?P<name>[^\d:·]*?\b{_LEGAL_FORMS}(?:\s*&\s*Co\.?\s*KG)?)\s*[·•:|\-–]?\s+"
    r"(?P<street>[^\d:·|]+?\s\d+\s?[a-zA-Z]?)\s*[·•:|\-–,]?\s+"
    r"(?P<city>(?:[A-Z]{1,2}-)?\d{4,5}\s+[^\d:·|]+?)"
    r"(?:\s*[·•:|\-–,]?\s+(?P<country>[A-ZÄÖÜ][^\d:·|]*?))?\s*[:·.]?$"
)
"""A sender line whose separators a scan lost or misread ("… Elektrotechnik GmbH Gewerbepark Süd 14 : 4600 Wels
Österreich"): name with its legal form, street and number, postcode and place, country."""


def _company_next(ctx: FieldContext, line: Line, seg: Segment) -> bool:
    """The next text under the segment (lines of another column in between pass) starts with a company name."""
    for below in ctx.layout.lines[line.index + 1 : line.index + 4]:
        under = [s for s in below.segments if _aligned(s, seg)]
        if under:
            return COMPANY.search(under[0].text) is not None
    return False


def _return_parts(text: str) -> list[str] | None:
    """The parts of a one-line sender address printed without its separators, or None.

    A line with commas has its separators ("Hofmann Haustechnik GmbH Zentrallager, Hans-Bunte-Straße 8, …").
    """
    if "," in text or len(_HARD_SEPARATOR.findall(text)) >= 2 or (match := _RETURN_LINE.match(text.strip())) is None:
        return None
    return [part.strip() for part in match.group("name", "street", "city", "country") if part]


def _addressed(seg: Segment) -> bool:
    """A company line that names a person to attend ("Ningbo Fastwell Co., Ltd. - Attn. Jenny Xu"): the addressee."""
    return any(m.start > 0 and "contact" in m.fields for m in label_trie("labels").find(seg.text))


def _addressee(ctx: FieldContext) -> list[Segment]:
    """The block of the first company line in the upper part that names a person to attend, if any."""
    for line in ctx.upper_lines():
        for seg in line.segments:
            if COMPANY.search(seg.text) and _addressed(seg) and not is_sentence(seg.text):
                return _block_under(ctx, seg)
    return []


_HAN_CLAUSE = re.compile(r"[，,；;][^，,；;]*[，,：:。；;]")


def is_sentence(text: str) -> bool:
    """Running text, no name: eight words or more, at least 40 % of them in small letters.

    Chinese runs its words together: there, a text of three clauses or more ("参照贵司报价单…，现向…下达采购订单
    如下，请确认：") is a sentence.
    """
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) >= 8 and sum(w[:1].islower() for w in words) >= 0.4 * len(words):
        return True
    return cjk_ratio(text) > 0.5 and _HAN_CLAUSE.search(text) is not None and len(text) > 20


def _name_start(ctx: FieldContext, seg: Segment) -> Segment:
    """The segment where the name that `seg` belongs to starts.

    That is the line above when `seg` is the wrapped end of a name: only a legal form ("Garrido" / "S.L."), or
    after a line that ends open ("Distribuidora Paulista de" / "Ferragens Ltda."), or a brand in capitals over
    the legal name.
    """
    line = ctx.layout.lines[seg.line]
    if line.index == 0:
        return seg
    above = ctx.layout.lines[line.index - 1]
    for cand in above.segments:
        if not _aligned(cand, seg) or line.top - above.bottom >= above.height:
            continue
        if LEGAL_FORM_ONLY.match(seg.text.strip()) or (OPEN_END.search(cand.text) and not COMPANY.search(cand.text)):
            return cand
        labelled = ctx.labels.is_label_start(above.index, above.segments.index(cand))
        if _brand(cand.text) and not _same_start(cand.text, seg.text) and not labelled:
            return cand  # the brand over the legal name ("WEILER & SÖHNE" / "Werkzeughandel GmbH")
    return seg


def _block_under(ctx: FieldContext, seg: Segment) -> list[Segment]:
    """A segment and the segments aligned under it, up to a gap or a label."""
    block = [seg]
    if len(_HARD_SEPARATOR.split(seg.text)) >= 3:
        return block  # a whole address on one line ("Kessler GmbH · Carl-Zeiss-Straße 17 · 73431 Aalen")
    start = ctx.layout.lines[seg.line]
    if _return_parts(seg.text) and _company_next(ctx, start, seg):
        return block  # the same, its separators lost in a scan, over the addressee's name
    for nxt in ctx.layout.lines[start.index + 1 : start.index + PARTY_LINES]:
        if nxt.index in ctx.table_lines:
            break
        under = [s for s in nxt.segments if _aligned(s, seg)]
        if not under:
            if nxt.page != start.page or nxt.top - block[-1].bottom > 1.25 * max(start.height, 1.0):
                break
            continue
        if nxt.top - block[-1].bottom > 1.25 * max(start.height, 1.0):
            break
        if ctx.labels.is_label_start(nxt.index, nxt.segments.index(under[0]), PARTY_SUBFIELDS):
            break
        if is_rule(under[0].text) or title_type(under[0].text):
            break  # a rule or the document's title ("Hoja de pedido") below the letterhead
        if _introduces(under[0].text):
            break  # a greeting or an introduction ("张敏 您好：", "please find our order below:")

        block.append(under[0])
    return block


def _introduces(text: str) -> bool:
    """A line that ends with a colon but not with a label ("张敏 您好：", not "Courriel :")."""
    stripped = text.rstrip()
    if not stripped.endswith((":", "：")):
        return False
    head = stripped.rstrip(":： ")
    return not any(m.end >= len(head) for m in label_trie("labels").find(head))


def _aligned(seg: Segment, head: Segment) -> bool:
    """Left-, right- or centre-aligned under the head segment (letterheads are often right-aligned)."""
    return (
        abs(seg.x0 - head.x0) < 8
        or abs(seg.x1 - head.x1) < 8
        or abs((seg.x0 + seg.x1) - (head.x0 + head.x1)) < 16
        or seg.x0 <= head.x0 <= seg.x1
    )


_ADDRESSED = re.compile(r"^(?:mr|mrs|ms|herrn?|frau|mme|mlle|sr|sra|sig|sig\.ra|dhr|mevr)\.?\s+\S", re.IGNORECASE)
"""A line that names a person by a form of address ("Herr Frank Li", "Mme Dubois") is a contact, no address."""
_GREETING = re.compile(r"^[^\W\d_][^\d,:]{0,40},$")
"""A short line ending with a comma and no figures: a greeting ("Dear Mr. Huang,", "Sehr geehrte Frau Li,")."""
_WEB = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_BLANK = re.compile(r"^[\s_.…\-–—]*$")
"""A form field left to fill ("______", "..........")."""


def _beside(ctx: FieldContext, hit: LabelHit, block: list[tuple[str, Segment]]) -> list[str]:
    """Labelled contact cells beside the block's lines ("Contato: Grace Chen | Tel.: … | E-mail: …").

    Only for a block alone in its row: beside a party standing next to another party they are the other's.
    """
    party_fields = {"buyer", "seller", "ship_to"}
    line = hit.line
    if any(
        ctx.labels.starts.get((line.index, j), frozenset()) & party_fields
        for j in range(hit.seg_index + 1, len(line.segments))
    ):
        return []
    extra: list[str] = []
    for _, seg in block[1:]:
        row = ctx.layout.lines[seg.line]
        # "A/C: Mr. S. Karthikeyan | Tel. +91 421 247 5566 | karthik@…": facts in a row after the block's own
        # contact line, each right after the last (not the value of another label's cell: "Email: | g.f@…")
        chain = _sub_value(seg.text)[0] in ("contact", "phone", "email")
        for j, other in enumerate(row.segments):
            fields = ctx.labels.starts.get((row.index, j))
            if other.x0 <= seg.x1:
                continue
            fact = EMAIL.fullmatch(other.text.strip()) is not None or _sub_value(other.text)[0] == "phone"
            chain = chain and fact  # a label's cell or any other text ends the run of facts
            if (fields and fields <= PARTY_SUBFIELDS) or chain:
                extra.append(other.text)
    return extra


def _foreign_bare_label(ctx: FieldContext, role: str, hit: LabelHit) -> bool:
    """A label without a colon that is no label of the document's language nor English.

    "KOPER" (the port of Koper) is Dutch for buyer: in a marks block of a German order it is a word.
    """
    field = role if role in hit.fields else min(hit.fields)  # a contact heading read as the buyer's block
    return not hit.colon and key_of(hit.label_text) not in _own_label_keys(ctx.lexicon.language, field)


@cache
def _own_label_keys(language: str, role: str) -> frozenset[str]:
    """Trie keys of a role's labels in one language and in English."""
    lexicons = (load_lexicon(language), load_lexicon("en"))
    return frozenset(
        key_of(label) for lex in lexicons for name, labels in lex.labels.items() if name == role for label in labels
    )


def _read_block(ctx: FieldContext, role: str, hit: LabelHit, others: set[int]) -> bool:
    if _foreign_bare_label(ctx, role, hit):
        return False
    under_items = hit.line.index > ctx.table_span[1] >= 0 and right_segment(hit, ctx.labels) is None
    if BRACKETED.match(hit.inline_value) and under_items:
        return False  # "Buyer (seal)" under the items: a signature field, what follows is no party
    block = [(t, s) for t, s in value_block(hit, ctx.labels, PARTY_LINES, ignore=PARTY_SUBFIELDS) if t.strip()]
    if block and _BLANK.match(block[0][0]):
        return False  # "Vendor acknowledgement: ______": a signature line
    if block and BRACKETED.match(block[0][0]):
        return False  # "Buyer (seal)": a signature field, what follows is no party
    texts = _split_parts([t for t, _ in block] + _beside(ctx, hit, block))  # "Derek Sorensen | d@x | (616) …"
    if not texts or EMAIL.fullmatch(texts[0].strip()):
        return False
    if _is_person(texts[:1]) and all(_sub_value(t)[0] or EMAIL.search(t) or _phone(t) for t in texts[1:]):
        # "Buyer: Megan O'Neill" with her e-mail below: the purchasing agent, not the party
        ctx.put(f"{role}.contact", _contact(texts[0]) or texts[0].strip(), block[0][1], 0.8)
        for text in texts[1:]:
            sub, value = _sub_value(text)
            if (email := EMAIL.search(text)) is not None:
                ctx.put(f"{role}.email", email.group(0), block[0][1], 0.8)
            elif sub == "phone" or _phone(text):
                ctx.put(f"{role}.phone", _phone(value), block[0][1], 0.75)
        return False
    _assign(ctx, role, texts, block[0][1], 0.9)
    if role != "buyer":
        others.update(id(seg) for _, seg in block)
    return True


def extract_parties(ctx: FieldContext) -> None:
    """Buyer, seller and ship-to blocks, with contact details split out."""
    others: set[int] = set()
    below_table = ctx.table_span[1] if ctx.table_span[1] >= 0 else len(ctx.layout.lines)
    for role in ("seller", "ship_to", "buyer"):
        hits = _party_hits(ctx, role)
        # a party label under the items (a signature block: "甲方（盖章）：…") only when none stands above them
        for hit in sorted(hits, key=lambda h: (h.line.index > below_table, hit_rank(h))):
            if _read_block(ctx, role, hit, others):
                break
    used = set(others)
    if "buyer.name" not in ctx.values and not ctx.signed:  # a signed e-mail's top block is its addressee
        block = _letterhead(ctx, used)
        if block and id(block[0]) not in used:
            _assign(ctx, "buyer", [s.text for s in block], block[0], 0.8)
            used.update(id(s) for s in block)
    if "seller.name" not in ctx.values and (block := _addressee(ctx)) and id(block[0]) not in used:
        _assign(ctx, "seller", [s.text for s in block], block[0], 0.7)
        others.update(id(s) for s in block)
    if "seller.name" not in ctx.values:
        block = _company_block(ctx, used, skip_first=not ctx.signed)
        if block:
            _assign(ctx, "seller", [s.text for s in block], block[0], 0.7)
            others.update(id(s) for s in block)
    if "seller.name" not in ctx.values:
        _company_for_attention(ctx)
    if "buyer.name" not in ctx.values:
        _signing_company(ctx, used | others)
    _loose_contacts(ctx, others)
    if "buyer.contact" not in ctx.values:
        _signer(ctx)


def _party_hits(ctx: FieldContext, role: str) -> list[LabelHit]:
    hits = [h for h in ctx.labels.hits(role) if h.line.index not in ctx.table_lines]
    return hits + _company_under_contact_heading(ctx) if role == "buyer" else hits


def _company_under_contact_heading(ctx: FieldContext) -> list[LabelHit]:
    """Contact labels that head a company's block: the buyer's block ("COMPRADOR" over "… S.L." beside PROVEEDOR).

    "Comprador" names the purchasing person on most orders ("Comprador: Carmen Ruiz"); as a heading alone in
    its cell, without a colon, over a company name, it names the buying company.
    """
    found = []
    for hit in ctx.labels.hits("contact"):
        if hit.colon or hit.inline_value.strip() or hit.line.index in ctx.table_lines:
            continue
        block = [t for t, _ in value_block(hit, ctx.labels, PARTY_LINES, ignore=PARTY_SUBFIELDS) if t.strip()]
        if len(block) >= 2 and COMPANY.search(block[0]) and not PERSON.match(block[0]):
            found.append(hit)
    return found


def _under_items(ctx: FieldContext) -> Iterator[tuple[Line, Segment]]:
    """The segments from the end of the line-item table on: where an order is signed."""
    for line in ctx.layout.lines[max(ctx.table_span[1], 0) :]:
        for seg in line.segments:
            yield line, seg


def _signer(ctx: FieldContext) -> None:
    """The person who signs the order for the buyer, under the table: the buyer's contact.

    The signature opens with a closing ("Yours faithfully,", "Freundliche Grüsse") or a line that signs for a
    company ("For Sai Krishna Electricals Pvt. Ltd."; not the seller's); the first person's name below it in
    the same column is the signer ("Thomas Brunner, Leiter Beschaffung"), passing the company line, blank
    signature lines and job titles.
    """
    lines = ctx.layout.lines
    seller = fold(str(ctx.values.get("seller.name", "")))
    for line, seg in _under_items(ctx):
        text = seg.text.strip()
        if not (is_closing(text) or _signed_for(text, seller)):
            continue
        for below in lines[line.index + 1 : line.index + 6]:
            cell = next((s for s in below.segments if abs(s.x0 - seg.x0) < 12), None)
            if below.page != line.page or cell is None:
                continue
            name = _signed_name(cell.text)
            if name is not None:
                ctx.put("buyer.contact", name, cell, 0.6)
                return


def _signing_company(ctx: FieldContext, used: set[int]) -> None:
    """The buyer named where the order is signed ("Pour Maison Vernay SAS"), with its letterhead block.

    For a letterhead without a legal form ("Maison Vernay" over its address): the block at the top whose name
    starts like the signing company gives the address and contact details.
    """
    seller = fold(str(ctx.values.get("seller.name", "")))
    for _, seg in _under_items(ctx):
        company = _signed_for(seg.text.strip(), seller)
        if company is None:
            continue
        ctx.put("buyer.name", company, seg, 0.6)
        for top in ctx.upper_lines():
            head = next((s for s in top.segments if id(s) not in used and _same_start(s.text, company)), None)
            if head is not None and fold(company).startswith(fold(head.text)):
                _assign(ctx, "buyer", [s.text for s in _block_under(ctx, head)], head, 0.6)
                return
        return


def _signed_for(text: str, seller: str) -> str | None:
    """The company a sign-off line signs for ("For Acme Ltd." -> "Acme Ltd."), unless it is the seller."""
    match = _sign_off().match(text)
    company = text[match.end() :].rstrip(" \t:,") if match else ""
    if not company or is_sentence(company) or len(company.split()) > 8:
        return None  # "Por medio del presente confirmamos a … Co., Ltd. nuestro pedido": a sentence
    return company if COMPANY.search(company) and fold(company) != seller else None


def _signed_name(text: str) -> str | None:
    """The person's name of a signature line ("i.A. Max Roth", "T. Yamamoto"), not a company or a job title."""
    text = _sign_off().sub("", text.strip(), count=1)
    if COMPANY.search(text) or _BLANK.match(text):
        return None
    name = _contact(text)
    if name is None or any(word.casefold().strip(".,") in _role_words() for word in name.split()):
        return None
    return name


@cache
def _sign_off() -> re.Pattern[str]:
    """A sign-off word of any lexicon at the start of a line ("For", "i.A.", "Pour"), dots and spaces optional."""
    words = sorted(set(lexicon_words("sign_off")), key=len, reverse=True)
    alternation = "|".join(re.escape(word).replace(r"\.", r"\.?").replace(r"\ ", r"\s*") for word in words)
    return re.compile(rf"^(?:{alternation})\s+", re.IGNORECASE)


@cache
def _role_words() -> frozenset[str]:
    return frozenset(word.casefold() for word in lexicon_words("roles"))


def _loose_contacts(ctx: FieldContext, skip: set[int]) -> None:
    """Contact details labelled outside the seller and ship-to blocks belong to the buyer (the issuer)."""
    for sub, valid in LOOSE_FIELDS.items():
        hits = ctx.labels.hits(sub)
        if sub == "vat_id":  # "VAT: GB 284 5519 07" in a footer is an ID, not the tax amount
            hits = hits + [h for h in ctx.labels.hits("tax_amount") if VAT_ID.match(h.inline_value)]
        for hit in sorted(hits, key=hit_rank):
            if hit.line.index in ctx.table_lines or id(hit.segment) in skip or _inside_other(ctx, hit):
                continue
            texts = [text for text, _, _ in candidates(hit, ctx, LOOSE_SPEC)]
            value = next((v for text in texts if (v := valid(text))), None)
            if value:
                ctx.put(f"buyer.{sub}", value, hit.segment, 0.75)
                if sub == "contact":  # "Contact: Daniel Whitfield <d.w@example.com>", or the address under it
                    ctx.put("buyer.email", next((e for t in texts if (e := _email(t))), None), hit.segment, 0.75)
                    # "Referente: Sig.ra Elena Rossi - tel. +39 0362 851 447 - acquisti@…": the facts after her
                    facts = [_sub_value(part) for t in texts[:1] for part in re.split(r"\s[-–—|·]\s", t)[1:]]
                    phone = next((_phone(value) for fact, value in facts if fact == "phone" and _phone(value)), None)
                    ctx.put("buyer.phone", phone, hit.segment, 0.7)
                    if (under := _email_under(ctx, hit.segment) or _email_beside(ctx, hit)) is not None:
                        ctx.put("buyer.email", under.text.strip(), under, 0.7)
                break


_BUYER_SIDE = frozenset({"buyer", "contact", "email", "phone", "fax", "vat_id"})


def _inside_other(ctx: FieldContext, hit: LabelHit) -> bool:
    """A contact inside another field's value or a bracket: the forwarder's ("Agente de carga: X (contato: …)")."""
    if hit.segment.text[: hit.start].rstrip().endswith(("(", "（")):
        return True  # "… notre transitaire Azur Freight (contact : M. Lin Wei, …)": a note on what precedes
    colon = re.search(r"[:：]", hit.segment.text)
    if hit.at_start or colon is None or colon.start() >= hit.start:
        return False  # "Riferimento ufficio acquisti: Marco Bellini": the contact label ends the other words
    fields = ctx.labels.starts.get((hit.line.index, hit.seg_index))
    return bool(fields) and not fields <= _BUYER_SIDE  # type: ignore[operator]


def _email_under(ctx: FieldContext, seg: Segment) -> Segment | None:
    """An e-mail address alone in the cell under a segment ("Suivi par : Claire Vidal" / "c.vidal@…").

    Aligned left or right with it (a block set flush right), on the next line that has anything in its column:
    lines of a neighbouring column in between ("France" in the address block to the left) do not count.
    """
    line = ctx.layout.lines[seg.line]
    for below in ctx.layout.lines[line.index + 1 : line.index + 3]:
        if below.page != line.page or below.top - line.bottom > 2.5 * max(line.height, 1.0):
            return None
        column = [s for s in below.segments if s.x1 > seg.x0 - 4 and s.x0 < seg.x1 + 4]
        if not column:
            continue
        aligned = [s for s in column if abs(s.x0 - seg.x0) < 4 or abs(s.x1 - seg.x1) < 4]
        return next((s for s in aligned if EMAIL.fullmatch(s.text.strip())), None)
    return None


def _email_beside(ctx: FieldContext, hit: LabelHit) -> Segment | None:
    """An e-mail address alone further along the contact's row ("Contacto: Tiago Almeida | Tel. … | t.a@…")."""
    line = hit.line
    for j in range(hit.seg_index + 1, len(line.segments)):
        seg = line.segments[j]
        if EMAIL.fullmatch(seg.text.strip()):
            return seg
        if ctx.labels.is_label_start(line.index, j, ignore=PARTY_SUBFIELDS) or not _sub_value(seg.text)[0]:
            return None  # another field's label, or text that is no contact fact
    return None


def _email(text: str) -> str | None:
    match = EMAIL.search(text)
    return match.group(0) if match else None


def _phone(text: str) -> str | None:
    text = text.strip()
    return text if PHONE.match(text) and sum(ch.isdigit() for ch in text) >= 6 else None


_ROLE_TAIL = re.compile(r",|\s[–—-]\s|\s?[·|]\s?")
"""Where a person's name ends before a role or further details ("Thomas Brunner, Leiter Beschaffung")."""
SALUTATION = re.compile(
    r"^(?:mr|mrs|ms|miss|herrn?|frau|m|mme|mlle|monsieur|madame|sr|sra|srta|señor|señora|sig|sig\.ra|sigg|"
    r"signor|signora|dhr|mevr|mw|de heer|mevrouw|exmo|exma|lic|licda|lcda|eng\.?ª|eng|arq)\.?\s+(?=\S)",
    re.IGNORECASE,
)
"""A form of address before a name ("Herrn Kevin Wu", "Ms. Lily Chen", "Mme Dubois"), also the Spanish and
Portuguese ones that name a degree ("Lic. Alejandra Garza", "Eng.ª Sofia Gonçalves"); titles (Dr., Ing.) stay."""


def _contact(text: str) -> str | None:
    text = re.sub(r"[<(\[]\s*[)>\]]", "", EMAIL.sub("", text)).strip(" ,;-–—")  # "Daniel Whitfield <d.w@x.com>"
    role = re.compile(r"\s*[(（][^()（）]*[)）]$")  # "Ms. Lily Chen (Sales Manager)": the role
    text = role.sub("", text)
    first = role.sub("", _ROLE_TAIL.split(text, maxsplit=1)[0].strip())
    if LEGAL_FORM_ONLY.match(text[len(first) :].strip(" ,")):
        return None  # "Distribuciones Ferreteras del Sur, S.L.": a company, its legal form after the comma
    text = first if first != text and PERSON.match(first) else text  # "Claire Morel – service Achats"
    text = _HAN_HONORIFIC.sub("", text)  # "陈志明先生", "王丽女士"
    if not (PERSON.match(text) and not COMPANY.search(text)):
        return None
    return SALUTATION.sub("", text, count=1) or None


_HAN_HONORIFIC = re.compile(r"(?<=^[\u4e00-\u9fff]{2})(?:先生|女士|小姐)$|(?<=^[\u4e00-\u9fff]{3})(?:先生|女士|小姐)$")
"""A form of address after a Chinese name (Mr, Ms); the name keeps its two or three characters."""


def _vat(text: str) -> str | None:
    text = re.split(r"\s[–—|·-]\s", text, maxsplit=1)[0]  # "FR47512884306 – RCS Lyon 512 884 306": the next fact
    words = text.strip(" ,;").split()
    # "NL852369147B01 KvK 17098765": the ID ends before the next label (a word with small letters)
    cut = next((i for i, w in enumerate(words) if i and any(ch.islower() for ch in w)), len(words))
    text = " ".join(words[:cut])
    return text if any(ch.isdigit() for ch in text) and len(text) <= 30 else None


def _loose_phone(text: str) -> str | None:
    """A phone number, also before the next fact of a run ("+39 0362 851 447 - acquisti@…")."""
    return _phone(text) or _phone(re.split(r"\s[-–—|·]\s", text, maxsplit=1)[0])


LOOSE_FIELDS = {"contact": _contact, "email": _email, "phone": _loose_phone, "vat_id": _vat}
LOOSE_SPEC = FieldSpec(lambda text, ctx, path: text)
