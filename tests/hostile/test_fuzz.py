"""Fuzzing the readers: random bytes and mutated real files may only ever raise an IntakeError.

Runs the readers in this process (no reader process), so that any other exception shows up as the bug it is.
Derandomized, so every run tries the same inputs; raise `max_examples` locally for a longer hunt.
"""

from __future__ import annotations

import io

import pytest
from hostile_corpus import ORDER_DOCX, ORDER_PDF, ORDER_TEXT, ORDER_XLSX, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.readers import read_input
from models.errors import IntakeError
from models.options import ExtractOptions, OcrOptions


def _tiny_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (120, 40), 255)
    ImageDraw.Draw(image).text((4, 12), "PO 4711", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


SEEDS: list[tuple[str, bytes]] = [
    ("order.pdf", ORDER_PDF.read_bytes()),
    ("order.docx", ORDER_DOCX.read_bytes()),
    ("order.xlsx", ORDER_XLSX.read_bytes()),
    ("order.txt", ORDER_TEXT.read_bytes()),
    ("order.eml", (SAMPLES / "email_en_01_body_list" / "input.eml").read_bytes()),
    ("order.eml", (SAMPLES / "email_en_03_pdf_attachment" / "input.eml").read_bytes()),
    ("order.msg", (SAMPLES / "email_en_05_outlook_msg" / "input.msg").read_bytes()),
    ("scan.png", _tiny_png()),
]
OPTIONS = ExtractOptions(isolate=False, ocr=OcrOptions(languages=["eng"], workers=1))
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed file with a few byte-level mutations, biased towards its head and tail (headers, xref, central
    directory)."""
    name, seed = draw(st.sampled_from(SEEDS))
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        if size == 0:
            break
        position = draw(
            st.one_of(
                st.integers(0, min(size - 1, 1024)),
                st.integers(max(0, size - 1024), size - 1),
                st.integers(0, size - 1),
            )
        )
        operation = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if operation == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif operation == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        elif operation == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        elif operation == "truncate":
            del data[position:]
        else:
            data[position:position] = bytes(data[position : position + 32]) * draw(st.integers(2, 200))
    return name, bytes(data)


def _read_or_refuse(name: str, data: bytes) -> None:
    try:
        read_input(data, name, OPTIONS)
    except IntakeError as exc:
        assert exc.code.startswith(("input.", "ocr.")), exc.code
        assert exc.message


@pytest.mark.timeout(240)
@settings(FUZZ, max_examples=150)
@given(mutated_files())
def test_mutated_files_never_crash_a_reader(case: tuple[str, bytes]) -> None:
    _read_or_refuse(*case)


@pytest.mark.timeout(120)
@settings(FUZZ, max_examples=60)
@given(
    st.sampled_from(["x.pdf", "x.docx", "x.xlsx", "x.eml", "x.msg", "x.txt", "x.png", "x"]),
    st.one_of(
        st.binary(max_size=4096),
        st.sampled_from(
            [b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x89PNG\r\n\x1a\n"]
        ).flatmap(lambda magic: st.binary(max_size=4096).map(lambda rest: magic + rest)),
    ),
)
def test_random_bytes_never_crash_a_reader(name: str, data: bytes) -> None:
    _read_or_refuse(name, data)
