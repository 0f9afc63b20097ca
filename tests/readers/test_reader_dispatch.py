from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from extractors.readers import extension_mismatch, read_input, sniff_media_type
from extractors.readers.sniff import DOCX, XLSX
from models.errors import CorruptInputError, EncryptedInputError, InputTooLargeError, UnsupportedTypeError
from models.options import ExtractOptions, Limits


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format=kind)
    return buffer.getvalue()


def _ole(*streams: str) -> bytes:
    """A compound-file header followed by directory-like UTF-16 stream names (what the sniffer looks at)."""
    names = b"".join(name.encode("utf-16-le") + b"\0\0" for name in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + names


def _zip(*members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in members:
            archive.writestr(member, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (b"\n%PDF-1.7\n", "application/pdf"),
        (_image("PNG"), "image/png"),
        (_image("JPEG"), "image/jpeg"),
        (_image("TIFF"), "image/tiff"),
        (_image("WEBP"), "image/webp"),
        (_image("GIF"), "image/gif"),
        (_image("BMP"), "image/bmp"),
        (_ole("__substg1.0_0037001F", "__properties_version1.0"), "application/vnd.ms-outlook"),
        (_ole("EncryptionInfo", "EncryptedPackage"), "application/x-ooxml-encrypted"),
        (_ole("WordDocument", "1Table"), "application/msword"),
        (_ole("Workbook"), "application/vnd.ms-excel"),
        (_zip("[Content_Types].xml", "word/document.xml"), DOCX),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), XLSX),
        (_zip("notes.txt"), "application/zip"),
        (b"Received: from mx.example\r\nFrom: a@example.com\r\nSubject: PO\r\n\r\nHello", "message/rfc822"),
        (b"MIME-Version: 1.0\nContent-Type: text/plain\n\nbody", "message/rfc822"),
        (b"  <!DOCTYPE html><html><body>x</body></html>", "text/html"),
        (b"<table><tr><td>1</td></tr></table>", "text/html"),
        (b"{\\rtf1\\ansi hello}", "application/rtf"),
        ("Bestellung 4711: 5 Stück".encode("cp1252"), "text/plain"),
        ("订单号 4711".encode("utf-16"), "text/plain"),
        (b"BMW order 4711 for 5 parts\n", "text/plain"),
        (b"\x00\x01\x02\x03\xff\xfe\x00\x10" * 64, "application/octet-stream"),
    ],
)
def test_sniffing_by_content(data: bytes, media_type: str) -> None:
    assert sniff_media_type(data, "upload.bin") == media_type


def test_memo_headers_are_text_unless_named_eml() -> None:
    memo = b"To: Purchasing\nFrom: Sales\nSubject: Order 4711\n\nPlease ship 5 pumps."
    assert sniff_media_type(memo, "memo.txt") == "text/plain"
    assert sniff_media_type(memo, "memo.eml") == "message/rfc822"


def test_extension_mismatch_message() -> None:
    assert extension_mismatch("application/pdf", "order.pdf") is None
    assert extension_mismatch("application/pdf", "order") is None
    assert extension_mismatch("application/pdf", None) is None
    message = extension_mismatch(DOCX, "order.pdf")
    assert message is not None and "order.pdf" in message and "Word document" in message


def test_read_input_reads_by_content_and_notes_the_mismatch(order_docx: bytes, options: ExtractOptions) -> None:
    doc = read_input(order_docx, "order.pdf", options)
    assert doc.kind == "docx"
    assert "Word document" in doc.metadata["type_mismatch"]
    assert "type_mismatch" not in read_input(order_docx, "order.docx", options).metadata


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"order 4711", "po.txt"),
        (b"<html><body><p>order 4711</p></body></html>", "po.html"),
    ],
)
def test_read_input_text_kinds(data: bytes, name: str, options: ExtractOptions) -> None:
    doc = read_input(data, name, options)
    assert doc.kind == "text" and [w.text for w in doc.pages[0].words] == ["order", "4711"]


def test_read_input_errors(order_pdf: bytes, options: ExtractOptions) -> None:
    with pytest.raises(CorruptInputError, match="empty"):
        read_input(b"", "empty.pdf", options)
    with pytest.raises(CorruptInputError, match="empty"):
        read_input(b"  \n", "blank.txt", options)
    with pytest.raises(InputTooLargeError):
        read_input(order_pdf, "po.pdf", ExtractOptions(limits=Limits(max_file_bytes=100)))
    with pytest.raises(EncryptedInputError, match="password"):
        read_input(_ole("EncryptionInfo", "EncryptedPackage"), "po.docx", options)
    with pytest.raises(UnsupportedTypeError, match=r"\.docx or PDF"):
        read_input(_ole("WordDocument"), "po.doc", options)
    with pytest.raises(UnsupportedTypeError, match=r"\.xlsx or PDF"):
        read_input(_ole("Workbook"), "po.xls", options)
    with pytest.raises(UnsupportedTypeError):
        read_input(b"\x00\x01\x02\x03\xff\xfe\x00\x10" * 64, "po.bin", options)
    with pytest.raises(CorruptInputError):
        read_input(order_pdf[:300], "cut.pdf", options)


def test_zip_that_claims_to_be_docx_but_is_a_bomb(options: ExtractOptions) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>" + b"\0" * 30_000_000)
    with pytest.raises(InputTooLargeError):
        read_input(buffer.getvalue(), "order.docx", options)
