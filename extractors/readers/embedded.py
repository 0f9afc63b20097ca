"""Files embedded in a PDF (ZUGFeRD / Factur-X / Order-X XML, UBL), read from the opened pdfminer document.

Attachments are found in the catalog's `/Names /EmbeddedFiles` name tree, its `/AF` array (PDF/A-3) and
page `/FileAttachment` annotations. Each stream is inflated with a size cap (an embedded file cannot be a
decompression bomb) and parsed by `einvoice.parse_structured_xml` when it looks like XML.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from typing import Any

from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from extractors.readers.einvoice import parse_structured_xml
from models.options import ExtractOptions
from models.pages import EmbeddedData

logger = logging.getLogger(__name__)

MAX_EMBEDDED_FILES = 20
MAX_EMBEDDED_BYTES = 20 * 1024 * 1024
_MAX_TREE_NODES = 1000


def read_embedded_data(
    document: Any, page_objects: list[Any], options: ExtractOptions, warnings: list[str]
) -> list[EmbeddedData]:
    """Parse every structured XML file embedded in a PDF.

    Never fails the reading of the PDF: a broken attachment only adds a warning.

    Args:
        document: The pdfminer `PDFDocument` (pdfplumber's `pdf.doc`).
        page_objects: The pdfminer `PDFPage`s (for `/FileAttachment` annotations).
        options: Limits (each attachment is capped at the smaller of `max_file_bytes` and 20 MiB).
        warnings: Receives a message per attachment that could not be read.

    Returns:
        The parsed CII / UBL data, in the order the files were found.

    """
    cap = min(options.limits.max_file_bytes, MAX_EMBEDDED_BYTES)
    found: list[EmbeddedData] = []
    try:
        specs = list(_file_specs(document, page_objects))
    except Exception as exc:  # a damaged catalog must not fail the whole PDF
        logger.debug("embedded file lookup failed", exc_info=True)
        warnings.append(f"The PDF's attachments could not be listed ({type(exc).__name__}).")
        return found
    for name, stream in specs[:MAX_EMBEDDED_FILES]:
        try:
            data = inflate_stream(stream, cap)
        except (ValueError, zlib.error) as exc:
            warnings.append(f"The embedded file '{name}' could not be read: {exc}")
            continue
        if _looks_like_xml(data):
            parsed = parse_structured_xml(data)
            if parsed is not None:
                parsed.fields.setdefault("file_name", name)
                found.append(parsed)
    return found


def _file_specs(document: Any, page_objects: list[Any]) -> Iterator[tuple[str, PDFStream]]:
    """Yield (file name, embedded file stream) for each distinct attachment."""
    seen: set[int] = set()
    catalog = document.catalog
    names = resolve1(resolve1(catalog.get("Names")) or {})
    sources: list[Any] = []
    if isinstance(names, dict) and names.get("EmbeddedFiles") is not None:
        sources.extend(_name_tree_values(names["EmbeddedFiles"]))
    associated = resolve1(catalog.get("AF"))
    if isinstance(associated, list):
        sources.extend(associated)
    sources.extend(_annotation_file_specs(page_objects))
    for spec_ref in sources:
        spec = resolve1(spec_ref)
        if not isinstance(spec, dict):
            continue
        embedded = resolve1(spec.get("EF"))
        if not isinstance(embedded, dict):
            continue
        stream = resolve1(embedded.get("UF") or embedded.get("F"))
        if isinstance(stream, PDFStream) and id(stream) not in seen:
            seen.add(id(stream))
            yield _spec_name(spec), stream


def _name_tree_values(root: Any) -> Iterator[Any]:
    """Values of a PDF name tree (`/Names` pairs, `/Kids` recursion), bounded against cycles."""
    pending = [root]
    visited = 0
    while pending and visited < _MAX_TREE_NODES:
        node = resolve1(pending.pop(0))
        visited += 1
        if not isinstance(node, dict):
            continue
        pairs = resolve1(node.get("Names"))
        if isinstance(pairs, list):
            yield from pairs[1::2]
        kids = resolve1(node.get("Kids"))
        if isinstance(kids, list):
            pending.extend(kids)


def _annotation_file_specs(page_objects: list[Any]) -> Iterator[Any]:
    for page in page_objects:
        annotations = resolve1(page.annots)
        if not isinstance(annotations, list):
            continue
        for annotation_ref in annotations:
            annotation = resolve1(annotation_ref)
            if isinstance(annotation, dict) and _literal_name(annotation.get("Subtype")) == "FileAttachment":
                yield annotation.get("FS")


def _literal_name(value: Any) -> str | None:
    value = resolve1(value)
    if not isinstance(value, PSLiteral):
        return None
    name = value.name
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def _spec_name(spec: dict[str, Any]) -> str:
    for key in ("UF", "F"):
        value = resolve1(spec.get(key))
        if isinstance(value, bytes):
            if value.startswith(b"\xfe\xff"):
                return value[2:].decode("utf-16-be", errors="replace")
            return value.decode("latin-1")
    return "attachment"


def inflate_stream(stream: PDFStream, cap: int) -> bytes:
    """Decrypt and decode a PDF stream, refusing output larger than `cap` bytes.

    Args:
        stream: The stream object.
        cap: Maximum decoded size in bytes.

    Returns:
        The decoded bytes.

    Raises:
        ValueError: the stream is larger than the cap or uses an unsupported filter.
        zlib.error: the compressed data is broken.

    """
    data = stream.rawdata if stream.rawdata is not None else stream.data
    if data is None:
        return b""
    if stream.rawdata is not None and stream.decipher and stream.objid is not None and stream.genno is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = stream.get_filters() if stream.rawdata is not None else []
    for filter_name, params in filters:
        has_predictor = isinstance(params, dict) and resolve1(params.get("Predictor", 1)) not in (1, None)
        if filter_name not in LITERALS_FLATE_DECODE or has_predictor:
            raise ValueError(f"unsupported stream filter {filter_name!r}")
        inflater = zlib.decompressobj()
        data = inflater.decompress(data, cap + 1)
        if len(data) > cap:
            raise ValueError(f"larger than {cap:,} bytes when unpacked")
    if len(data) > cap:
        raise ValueError(f"larger than {cap:,} bytes")
    return data


def _looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")
