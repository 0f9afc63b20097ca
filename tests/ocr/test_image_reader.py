"""ImageReader with the real Tesseract on small rendered pages."""

from __future__ import annotations

import io
import json
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from extractors.readers.image import ImageReader
from models.errors import CorruptInputError, InputTooLargeError, OcrError
from models.options import ExtractOptions, Limits, OcrOptions
from models.pages import Page, ReadDocument
from tests.ocr.conftest import Rendered, render_lines


def read(data: bytes, **options: object) -> ReadDocument:
    return ImageReader().read(data, "scan", ExtractOptions(**options))  # type: ignore[arg-type]


def texts(page: Page) -> list[str]:
    return [w.text for w in page.words]


def facts(doc: ReadDocument) -> list[dict[str, object]]:
    return json.loads(doc.metadata["ocr"])


def assert_boxes_match(page: Page, rendered: Rendered, words: list[str], tolerance: float) -> None:
    found = {w.text: w for w in page.words}
    for text in words:
        word = found[text]
        x0, top, x1, bottom = rendered.boxes[text]
        assert abs(word.x0 - x0) <= tolerance and abs(word.x1 - x1) <= tolerance, (text, word, rendered.boxes[text])
        assert word.top - tolerance <= top and bottom <= word.bottom + tolerance, (text, word, rendered.boxes[text])


def test_words_come_back_with_their_boxes_language_and_confidence(german_page: Rendered) -> None:
    doc = read(german_page.encoded("PNG"))

    assert doc.kind == "image" and doc.media_type == "image/png"
    [page] = doc.pages
    assert page.ocr and (page.width, page.height) == german_page.image.size
    words = texts(page)
    for expected in ("4500012345", "14.03.2026", "gemäß", "Überweisung", "spätestens", "bestätigen"):
        assert expected in words
    assert_boxes_match(page, german_page, ["4500012345", "Lieferant:", "Incoterms", "15.05.2026"], tolerance=4)
    assert all(0.0 <= w.conf <= 1.0 for w in page.words)
    assert min(w.conf for w in page.words if w.text == "4500012345") > 0.8
    [fact] = facts(doc)
    assert fact["languages"] == ["deu"] and fact["rotation"] == 0 and fact["dpi"] == 200
    assert not doc.warnings


@pytest.mark.slow
@pytest.mark.parametrize("turned", [90, 180])
def test_turned_pages_are_read_upright(german_page: Rendered, turned: int) -> None:
    image = german_page.image.rotate(turned, expand=True)  # counter-clockwise, as a page put in sideways
    data = Rendered(image, {}, german_page.dpi).encoded("PNG")

    [page] = read(data).pages

    assert {"4500012345", "Überweisung", "Incoterms"} <= set(texts(page))
    assert (page.width, page.height) == german_page.image.size
    assert_boxes_match(page, german_page, ["4500012345", "Incoterms"], tolerance=6)


def test_skewed_jpeg_is_straightened_so_lines_stay_lines(german_page: Rendered) -> None:
    skewed = german_page.image.rotate(2.5, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    data = Rendered(skewed, {}, german_page.dpi).encoded("JPEG", quality=60)

    doc = read(data)

    [page] = doc.pages
    [fact] = facts(doc)
    assert fact["skew"] == pytest.approx(-2.5, abs=0.3)
    first = [w for w in page.words if w.text in ("Bestellung", "4500012345", "14.03.2026")]
    assert len(first) == 3
    assert max(w.top for w in first) - min(w.top for w in first) < 6


def test_fax_tiff_with_half_vertical_resolution_is_read(german_page: Rendered) -> None:
    page_204 = render_lines(["Fax order 4711 from Hansen GmbH", "Quantity 500 pcs, price 12.50 EUR"], dpi=204)
    fax = page_204.image.resize((page_204.image.width, round(page_204.image.height * 98 / 204)))
    bilevel = fax.point(lambda v: 255 if v > 150 else 0).convert("1")
    buffer = io.BytesIO()
    bilevel.save(buffer, format="TIFF", compression="group4", dpi=(204, 98))

    doc = read(buffer.getvalue())

    [page] = doc.pages
    assert {"4711", "Hansen", "500", "12.50"} <= set(texts(page))
    assert page.height == pytest.approx(fax.height * 204 / 98, abs=2)
    assert_boxes_match(page, page_204, ["4711", "12.50"], tolerance=6)


def test_every_frame_of_a_multipage_tiff_is_a_page() -> None:
    frames = [render_lines([f"Page {n} of the order 4500012345"], dpi=150).image for n in ("one", "two")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], dpi=(150, 150))

    doc = read(buffer.getvalue())

    assert [p.number for p in doc.pages] == [1, 2]
    assert "one" in texts(doc.pages[0]) and "two" in texts(doc.pages[1])


@pytest.mark.slow
def test_chinese_page_is_read_with_the_chinese_model(chinese_page: Rendered) -> None:
    doc = read(chinese_page.encoded("PNG"))

    text = "".join(texts(doc.pages[0]))
    assert facts(doc)[0]["languages"] == ["chi_sim"]
    for expected in ("采购订单", "宁波日升实业有限公司", "PO-2026-0142", "2026年5月15日"):
        assert expected in text
    # Han pages are read enlarged to 400 dpi: the boxes are in the enlarged page's pixels.
    assert facts(doc)[0]["dpi"] == 400
    assert (doc.pages[0].width, doc.pages[0].height) == (chinese_page.image.width * 2, chinese_page.image.height * 2)
    number = next(w for w in doc.pages[0].words if "PO-2026-0142" in w.text)
    _, top, _, bottom = chinese_page.boxes["采购订单"]  # the same line, drawn at 200 dpi
    assert abs(number.top - 2 * top) < bottom - top


def test_noise_page_reads_with_low_confidence_and_a_warning() -> None:
    rng = np.random.default_rng(7)
    noise = Image.fromarray((rng.random((600, 900)) * 255).astype(np.uint8))
    data = Rendered(noise, {}, 150).encoded("PNG")

    doc = read(data)

    [page] = doc.pages
    assert page.ocr
    if page.words:
        assert sum(w.conf for w in page.words) / len(page.words) < 0.6
        assert any("low confidence" in warning for warning in doc.warnings)


def test_blank_page_has_no_words() -> None:
    data = Rendered(Image.new("L", (800, 1100), 255), {}, 100).encoded("PNG")

    [page] = read(data).pages

    assert page.words == [] and page.ocr


def test_a_language_without_traineddata_fails_with_the_package_to_install(german_page: Rendered) -> None:
    with pytest.raises(OcrError) as failure:
        read(german_page.encoded("PNG"), ocr=OcrOptions(languages=["eng", "xyz_abc"]))

    assert failure.value.code == "ocr.failed"
    assert "tesseract-ocr-xyz-abc" in failure.value.message


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def test_a_pixel_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(InputTooLargeError):
        read(_png_header_only(60_000, 60_000))
    with pytest.raises(InputTooLargeError):
        read(_png_header_only(5_000, 5_000), limits=Limits(max_image_pixels=10_000_000))


def test_too_many_tiff_frames_are_refused() -> None:
    frames = [Image.new("1", (50, 50), 1) for _ in range(4)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])

    with pytest.raises(InputTooLargeError):
        read(buffer.getvalue(), limits=Limits(max_tiff_frames=3))


def test_truncated_and_garbage_images_are_corrupt(german_page: Rendered) -> None:
    data = german_page.encoded("PNG")

    with pytest.raises(CorruptInputError):
        read(data[: len(data) // 2])
    with pytest.raises(CorruptInputError):
        read(b"\x89PNG\r\n\x1a\n" + b"not really" * 10)
