"""Sanity check of generated cases: the texts expected.json names can be read back from the input file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pdfplumber
from docx import Document
from openpyxl import load_workbook

TEXT_ENCODINGS = ("utf-8-sig", "gb18030", "cp1252")


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def _xlsx_text(path: Path) -> str:
    workbook = load_workbook(path, read_only=True)
    values = [str(v) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
    workbook.close()
    return "\n".join(values)


def _txt_text(path: Path) -> str:
    data = path.read_bytes()
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{path}: not decodable as {TEXT_ENCODINGS}")


def document_text(path: Path) -> str:
    """All text of an input file, in reading order as the library that reads the format returns it."""
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if path.suffix == ".docx":
        return _docx_text(path)
    if path.suffix == ".xlsx":
        return _xlsx_text(path)
    return _txt_text(path)


def _needles(order: dict[str, Any]) -> list[str]:
    needles = [order["order_number"]]
    for party in ("buyer", "seller", "ship_to"):
        needles += [order[party][key] for key in ("name", "contact", "email", "phone", "vat_id")]
    needles += [order["incoterms"]["text"], order["payment_terms"]["text"], order["packaging"], order["forwarder"]]
    needles += (order["shipping_marks"] or "").split(" / ")
    for line in order["line_items"]:
        needles += [line["sku"], line["customer_sku"], line["description"], line["unit_text"], line["hs_code"]]
    return [needle for needle in needles if needle]


def _readable(needle: str, flat: str, tokens: set[str]) -> bool:
    if re.sub(r"\s+", "", needle) in flat:
        return True
    pieces = [piece for piece in re.split(r"\s+|(?<=-)", needle) if piece]
    return all(piece in tokens or piece in flat for piece in pieces)


def verify_case_texts(root: Path, case_ids: list[str]) -> list[str]:
    """Check every named case: the strings its expected order holds occur in its input's text.

    Args:
        root: The sample_docs directory.
        case_ids: Cases to check (cases without an order are skipped).

    Returns:
        One message per string that could not be found.
    """
    problems = []
    for case_id in case_ids:
        folder = root / case_id
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        if "order" not in expected:
            continue
        inputs = sorted(folder.glob("input.*"))
        text = document_text(inputs[0])
        flat = re.sub(r"\s+", "", text)
        tokens = set(text.split())
        problems += [
            f"{case_id}: {needle!r} not found in {inputs[0].name}"
            for needle in _needles(expected["order"])
            if not _readable(needle, flat, tokens)
        ]
    return problems
