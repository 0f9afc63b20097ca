"""Word documents (DOCX): headers, body and footers laid out on a virtual page.

The zip container is checked against the limits before python-docx opens it. Body paragraphs and tables
keep their document order; header content comes first and footer content last. DOCX has no reliable page
geometry, so the whole document is one page unless it contains explicit page breaks.
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError

from extractors.readers.docxflow import DocxFlow, W, style_tab_stops
from extractors.readers.layout import PAGE_BREAK, FlowItem, flow_text, render_pages
from extractors.readers.sniff import DOCX
from extractors.readers.ziplimits import check_zip
from models.errors import CorruptInputError, InputTooLargeError, IntakeError, UnsupportedTypeError
from models.options import ExtractOptions
from models.pages import ReadDocument

_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REFERENCE_ORDER = {"first": 0, "default": 1, "even": 2}


class DocxReader:
    """DOCX files: paragraphs, tables (also as `Table`s), headers, footers and simple text boxes."""

    kind = "docx"

    def read(self, data: bytes, name: str, options: ExtractOptions) -> ReadDocument:
        """Read a DOCX file.

        Args:
            data: The file's bytes.
            name: Display name for messages.
            options: Zip limits and `max_pages` are enforced.

        Returns:
            A `docx` document on the virtual grid (see `extractors.readers.layout`).

        Raises:
            InputTooLargeError: the container inflates past the limits, or too many pages.
            CorruptInputError: the file is not a valid DOCX.
            EncryptedInputError: the container is encrypted.

        """
        check_zip(data, options.limits, required=("word/document.xml",))
        document = _open(data)
        try:
            items = _document_flow(document)
        except IntakeError:
            raise
        except Exception as exc:
            raise CorruptInputError(f"The Word document is damaged ({type(exc).__name__}).") from exc
        pages = render_pages(items)
        if len(pages) > options.limits.max_pages:
            raise InputTooLargeError(
                f"The document has {len(pages)} pages, more than the limit of {options.limits.max_pages}."
            )
        result = ReadDocument(kind="docx", media_type=DOCX, pages=pages)
        title = document.core_properties.title
        if title:
            result.metadata["title"] = title
        return result


def _open(data: bytes) -> Any:
    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if "macroEnabled" in str(exc) or "content type" in str(exc):
            raise UnsupportedTypeError(
                "This Word file is not a plain document (macro-enabled or template); please save it as "
                ".docx or PDF and send it again."
            ) from exc
        raise CorruptInputError(f"The Word document is damaged ({exc}).") from exc
    except (PackageNotFoundError, KeyError, OSError) as exc:
        raise CorruptInputError(f"The Word document is damaged ({type(exc).__name__}).") from exc
    except Exception as exc:  # lxml syntax errors and similar from a broken part
        raise CorruptInputError(f"The Word document is damaged ({type(exc).__name__}).") from exc


def _document_flow(document: Any) -> list[FlowItem]:
    flow = DocxFlow(style_tab_stops(_styles_element(document)))
    body = document.element.body
    headers = _header_footer_flows(flow, document, body, "headerReference")
    footers = _header_footer_flows(flow, document, body, "footerReference")
    return [*headers, *flow.block_items(body), *footers]


def _styles_element(document: Any) -> Any:
    try:
        return document.styles.element
    except (KeyError, ValueError, AttributeError):  # a document without a styles part
        return None


def _header_footer_flows(flow: DocxFlow, document: Any, body: Any, reference_tag: str) -> list[FlowItem]:
    """Content of every distinct header (or footer) definition, in section order."""
    related = document.part.related_parts
    seen_parts: set[str] = set()
    seen_texts: set[str] = set()
    items: list[FlowItem] = []
    for section in body.iter(f"{W}sectPr"):
        references = sorted(
            section.iterfind(f"{W}{reference_tag}"),
            key=lambda ref: _REFERENCE_ORDER.get(ref.get(f"{W}type", "default"), 3),
        )
        for reference in references:
            part = related.get(reference.get(_RELATIONSHIP_ID))
            if part is None or str(part.partname) in seen_parts:
                continue
            seen_parts.add(str(part.partname))
            part_items = flow.block_items(part.element)
            text = flow_text(part_items).strip()
            if text and text not in seen_texts:
                seen_texts.add(text)
                items.extend(item for item in part_items if item is not PAGE_BREAK)
    return items
