"""Content sniffing: which format a file really is, by its bytes; the file name is only a hint."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from charset_normalizer import from_bytes

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODF_TEXT = "application/vnd.oasis.opendocument.text"
ODF_SHEET = "application/vnd.oasis.opendocument.spreadsheet"
ZIP = "application/zip"
OUTLOOK_MSG = "application/vnd.ms-outlook"
ENCRYPTED_OOXML = "application/x-ooxml-encrypted"
LEGACY_DOC = "application/msword"
LEGACY_XLS = "application/vnd.ms-excel"
LEGACY_PPT = "application/vnd.ms-powerpoint"
OLE_STORAGE = "application/x-ole-storage"
EMAIL = "message/rfc822"
HTML = "text/html"
TEXT = "text/plain"
XML = "application/xml"
RTF = "application/rtf"
BINARY = "application/octet-stream"

TYPE_NAMES: dict[str, str] = {
    PDF: "a PDF document",
    DOCX: "a Word document (DOCX)",
    XLSX: "an Excel workbook (XLSX)",
    PPTX: "a PowerPoint presentation (PPTX)",
    ODF_TEXT: "an OpenDocument text (ODT)",
    ODF_SHEET: "an OpenDocument spreadsheet (ODS)",
    ZIP: "a ZIP archive",
    OUTLOOK_MSG: "an Outlook message (MSG)",
    ENCRYPTED_OOXML: "a password-protected Office document",
    LEGACY_DOC: "a legacy Word document (DOC)",
    LEGACY_XLS: "a legacy Excel workbook (XLS)",
    LEGACY_PPT: "a legacy PowerPoint presentation (PPT)",
    OLE_STORAGE: "an OLE compound file",
    EMAIL: "an e-mail message (EML)",
    HTML: "an HTML page",
    TEXT: "plain text",
    XML: "an XML file",
    RTF: "a rich-text document (RTF)",
    BINARY: "binary data of unknown type",
    "image/png": "a PNG image",
    "image/jpeg": "a JPEG image",
    "image/tiff": "a TIFF image",
    "image/webp": "a WebP image",
    "image/gif": "a GIF image",
    "image/bmp": "a BMP image",
    "image/heic": "a HEIC image",
}

EXTENSION_TYPES: dict[str, frozenset[str]] = {
    ".pdf": frozenset({PDF}),
    ".docx": frozenset({DOCX}),
    ".docm": frozenset({DOCX}),
    ".dotx": frozenset({DOCX}),
    ".xlsx": frozenset({XLSX}),
    ".xlsm": frozenset({XLSX}),
    ".xltx": frozenset({XLSX}),
    ".pptx": frozenset({PPTX}),
    ".odt": frozenset({ODF_TEXT}),
    ".ods": frozenset({ODF_SHEET}),
    ".zip": frozenset({ZIP, DOCX, XLSX}),
    ".doc": frozenset({LEGACY_DOC, ENCRYPTED_OOXML, RTF, HTML}),
    ".xls": frozenset({LEGACY_XLS, ENCRYPTED_OOXML, HTML}),
    ".ppt": frozenset({LEGACY_PPT}),
    ".msg": frozenset({OUTLOOK_MSG}),
    ".eml": frozenset({EMAIL}),
    ".mbox": frozenset({EMAIL}),
    ".txt": frozenset({TEXT}),
    ".csv": frozenset({TEXT}),
    ".tsv": frozenset({TEXT}),
    ".htm": frozenset({HTML}),
    ".html": frozenset({HTML}),
    ".xml": frozenset({XML}),
    ".rtf": frozenset({RTF}),
    ".png": frozenset({"image/png"}),
    ".jpg": frozenset({"image/jpeg"}),
    ".jpeg": frozenset({"image/jpeg"}),
    ".tif": frozenset({"image/tiff"}),
    ".tiff": frozenset({"image/tiff"}),
    ".webp": frozenset({"image/webp"}),
    ".gif": frozenset({"image/gif"}),
    ".bmp": frozenset({"image/bmp"}),
    ".heic": frozenset({"image/heic"}),
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_HEAD_BYTES = 64 * 1024
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]?\S?")
_MAIL_HEADERS = frozenset(
    {
        "from", "to", "cc", "subject", "date", "received", "mime-version", "message-id", "return-path",
        "delivered-to", "reply-to", "sender", "content-type", "x-mailer", "dkim-signature",
        "authentication-results", "thread-topic", "in-reply-to", "references",
    }
)  # fmt: skip
_STRONG_MAIL_HEADERS = frozenset(
    {"received", "mime-version", "message-id", "return-path", "delivered-to", "content-type", "dkim-signature"}
)
_LOCAL_HEADER = re.compile(rb"PK\x03\x04")
_HTML_MARKERS = ("<html", "<!doctype html", "<body", "<table", "<head", "<div", "<p>", "<br")


def sniff_media_type(data: bytes, name: str | None = None) -> str:
    """Tell a file's media type from its content.

    Magic bytes and the content decide; the name is only a hint, used to accept a message with few headers as
    e-mail when it is named `.eml`.

    Args:
        data: The file's bytes.
        name: The file name, if known (a hint only).

    Returns:
        A media type such as `application/pdf`, `text/plain` or `application/octet-stream`.

    """
    if b"%PDF" in data[:1024]:
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    if data.startswith(_OLE_MAGIC):
        return _sniff_ole(data)
    image = _sniff_image(data)
    if image:
        return image
    text = decode_head(data)
    if text is None:
        return BINARY
    named_email = bool(name) and PurePath(name or "").suffix.lower() in (".eml", ".mbox")
    return _sniff_text(text, named_email=named_email)


def extension_mismatch(media_type: str, name: str | None) -> str | None:
    """Say when the file name's extension promises another type than the content has.

    Args:
        media_type: The sniffed media type.
        name: The file name (may be None or have no extension).

    Returns:
        A message for a person, or None when the extension fits or tells nothing.

    """
    if not name:
        return None
    suffix = PurePath(name).suffix.lower()
    expected = EXTENSION_TYPES.get(suffix)
    if expected is None or media_type in expected:
        return None
    actual = TYPE_NAMES.get(media_type, media_type)
    return f"The file is named '{PurePath(name).name}' but its content is {actual}; it was read as such."


def decode_head(data: bytes) -> str | None:
    """Decode the start of a file as text, or None when it does not look like text."""
    head = data[:_HEAD_BYTES]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    try:
        return _decode_utf8_prefix(head, truncated=len(data) > len(head))
    except UnicodeDecodeError:
        pass
    if b"\x00" in head and not _looks_like_utf16(head):
        return None
    match = from_bytes(head).best()
    if match is None or match.chaos > 0.3:
        return None
    return str(match)


def _decode_utf8_prefix(head: bytes, *, truncated: bool) -> str:
    text = head.decode("utf-8", errors="strict") if not truncated else _decode_cut_utf8(head)
    if "\x00" in text or _control_ratio(text) > 0.05:
        raise UnicodeDecodeError("utf-8", head, 0, 1, "control characters")
    return text


def _decode_cut_utf8(head: bytes) -> str:
    for cut in range(4):
        try:
            return head[: len(head) - cut].decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("utf-8", head, 0, 1, "not utf-8")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f")
    return controls / len(text)


def _looks_like_utf16(head: bytes) -> bool:
    sample = head[:4096]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    return max(even_zeros, odd_zeros) > 0.3 * half and min(even_zeros, odd_zeros) < 0.05 * half


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100].decode("ascii", "ignore") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError):
        return _sniff_broken_zip(data)
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    if mimetype in (ODF_TEXT, ODF_SHEET):
        return mimetype
    return ZIP


def _sniff_broken_zip(data: bytes, limit: int = 200) -> str:
    """A zip without a readable central directory (truncated, damaged), told by its local headers' names.

    A cut DOCX or XLSX so reaches its reader and is reported as damaged, not as an unsupported archive.
    """
    for count, match in enumerate(_LOCAL_HEADER.finditer(data)):
        if count >= limit:
            break
        start = match.start() + 30
        length = int.from_bytes(data[match.start() + 26 : match.start() + 28], "little")
        name = data[start : start + length]
        for prefix, media_type in ((b"word/", DOCX), (b"xl/", XLSX), (b"ppt/", PPTX)):
            if name.startswith(prefix):
                return media_type
    return ZIP


def _sniff_ole(data: bytes) -> str:
    # Directory entries hold stream names in UTF-16LE; these names do not occur by chance.
    def has_stream(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has_stream("__substg1.0_"):
        return OUTLOOK_MSG
    if has_stream("EncryptionInfo") and has_stream("EncryptedPackage"):
        return ENCRYPTED_OOXML
    if has_stream("WordDocument"):
        return LEGACY_DOC
    if has_stream("Workbook") or has_stream("Book"):
        return LEGACY_XLS
    if has_stream("PowerPoint Document"):
        return LEGACY_PPT
    return OLE_STORAGE


def _sniff_image(data: bytes) -> str | None:
    for magic, media_type in _IMAGE_MAGIC:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"):
        return "image/heic"
    if data.startswith(b"BM") and len(data) > 18:
        declared_size = int.from_bytes(data[2:6], "little")
        dib_header_size = int.from_bytes(data[14:18], "little")
        if declared_size == len(data) or dib_header_size in (12, 40, 52, 56, 64, 108, 124):
            return "image/bmp"
    return None


def _sniff_text(text: str, *, named_email: bool) -> str:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{\\rtf"):
        return RTF
    if _looks_like_email(stripped, named_email=named_email):
        return EMAIL
    lowered = stripped[:1024].lower()
    if lowered.startswith("<") and any(marker in lowered for marker in _HTML_MARKERS):
        return HTML
    if lowered.startswith("<?xml"):
        return XML
    return TEXT


def _looks_like_email(text: str, *, named_email: bool) -> bool:
    """Header lines at the start, with a header only a mail system writes (or two when named .eml).

    A memo that starts with "To:", "From:" and "Subject:" lines stays text unless its name says e-mail.
    """
    lines = text[:8192].splitlines()
    if lines and lines[0].startswith("From ") and len(lines) > 1:
        lines = lines[1:]  # mbox separator line
    known: set[str] = set()
    for index, line in enumerate(lines[:60]):
        if not line.strip():
            break
        if line[:1] in (" ", "\t"):
            continue  # folded header continuation
        match = _HEADER_LINE.match(line)
        if match is None:
            if index == 0:
                return False
            break
        if match.group(1).lower() in _MAIL_HEADERS:
            known.add(match.group(1).lower())
    return bool(known & _STRONG_MAIL_HEADERS) or (named_email and len(known) >= 2)
