"""Low-level WordprocessingML and zip helpers that python-docx does not offer, plus reproducible output."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

FIXED_TIME = (2026, 1, 2, 9, 0, 0)
_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def set_borders(table: Table, mode: str) -> None:
    """Give a table "all" borders, "horizontal" rules only, or "none"."""
    tbl_pr = table._tbl.tblPr
    for existing in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(existing)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        on = mode == "all" or (mode == "horizontal" and edge in ("top", "bottom", "insideH"))
        element.set(qn("w:val"), "single" if on else "nil")
        if on:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "808080")
        borders.append(element)
    successor = next((tbl_pr.find(qn(tag)) for tag in _AFTER_BORDERS if tbl_pr.find(qn(tag)) is not None), None)
    if successor is not None:
        successor.addprevious(borders)
    else:
        tbl_pr.append(borders)


def shade(cell: Any, fill: str) -> None:
    """Fill a table cell with a background colour (hex RGB)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def repeat_as_header(row: _Row) -> None:
    """Mark a table row as the header repeated on every page."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def add_page_field(paragraph: Paragraph, template: str) -> None:
    """Write "Page {n} of {m}" with live PAGE and NUMPAGES fields (cached result "1")."""
    for part in re.split(r"(\{n\}|\{m\})", template):
        if part in ("{n}", "{m}"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), " PAGE " if part == "{n}" else " NUMPAGES ")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            paragraph._p.append(field)
        elif part:
            paragraph.add_run(part)


def set_east_asian_font(style: Any, name: str) -> None:
    """Set the font Word uses for Chinese characters of a style."""
    r_pr = style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def fix_core_properties(word: DocxDocument, title: str, author: str) -> None:
    """Fixed metadata so that regenerating gives the same bytes."""
    props = word.core_properties
    moment = datetime(*FIXED_TIME)
    props.author = props.last_modified_by = author
    props.title = title
    props.created = props.modified = moment
    props.revision = 1


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def normalize_zip(path: Path) -> None:
    """Rewrite an Office zip with fixed member timestamps and document dates.

    python-docx and openpyxl stamp the current time into the zip entries and openpyxl into
    docProps/core.xml; fixed values make regenerated files byte-identical.
    """
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    members = [
        (name, _CORE_DATES.sub(rb"\g<1>2026-01-02T09:00:00Z\g<2>", data) if name == "docProps/core.xml" else data)
        for name, data in members
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
