"""The confirmation as an editable Word document (python-docx).

Customer text goes into runs as plain text (python-docx escapes it); the only fields in the document are the
page number and page count in the footer, which we write ourselves.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from pipeline.confirmations.content import ConfirmationContent, ItemRow
from pipeline.confirmations.messages import split_placeholders

ACCENT = RGBColor(0x1F, 0x38, 0x64)
MUTED = RGBColor(0x5F, 0x63, 0x68)
ATTENTION = RGBColor(0xA6, 0x57, 0x00)
HEADING_FILL = "DEE5EF"
RULE_COLOR = "BEC6D2"
LATIN_FONT = "Arial"
EAST_ASIAN_FONT = "Microsoft YaHei"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(18)
ITEM_WIDTHS_MM = (12, 27, 55, 22, 28, 30)
NUMERIC = WD_ALIGN_PARAGRAPH.RIGHT
PAGE_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}
# Children of w:tblPr that the schema puts after w:tblBorders (Word rejects elements out of order).
_AFTER_TABLE_BORDERS = {qn(f"w:{name}") for name in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption")}


def render_docx(content: ConfirmationContent) -> bytes:
    """Render the confirmation as DOCX bytes: letterhead header, numbered footer, styled tables."""
    document = Document()
    _setup(document, content)
    _header_and_footer(document, content)
    _title_block(document, content)
    _items(document, content)
    _terms(document, content)
    _questions_and_steps(document, content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _setup(document: DocxDocument, content: ConfirmationContent) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin, section.bottom_margin = Mm(16), Mm(16)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    r_pr = normal.element.get_or_add_rPr()
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), _language_tag(content.locale))
    language.set(qn("w:eastAsia"), "zh-CN")
    r_pr.append(language)
    properties = document.core_properties
    properties.title = f"{content.title} {content.confirmation_number}"
    properties.author = content.company_name
    properties.language = content.language


def _language_tag(locale: str) -> str:
    """Turn a babel locale (`zh_Hans_CN`, `de_DE`) into Word's language tag (`zh-CN`, `de-DE`)."""
    parts = locale.split("_")
    return f"{parts[0]}-{parts[-1]}" if len(parts) > 1 else parts[0]


def _header_and_footer(document: DocxDocument, content: ConfirmationContent) -> None:
    section = document.sections[0]
    name = section.header.paragraphs[0]
    _add_text(name, content.company_name, size=15, bold=True, color=ACCENT)
    details = section.header.add_paragraph()
    _add_text(details, "  ·  ".join(content.letterhead), size=7.5, color=MUTED)
    _border(details, "bottom", color="1F3864", size=8)
    footer = section.footer.paragraphs[0]
    _border(footer, "top", color=RULE_COLOR, size=4)
    footer.paragraph_format.tab_stops.add_tab_stop(PAGE_WIDTH - 2 * MARGIN, WD_TAB_ALIGNMENT.RIGHT)
    _add_text(footer, content.footer + "\t", size=7.5, color=MUTED)
    for text, is_placeholder in split_placeholders(content.page_label):
        if is_placeholder:
            _add_field(footer, PAGE_FIELDS[text], size=7.5)
        else:
            _add_text(footer, text, size=7.5, color=MUTED)


def _title_block(document: DocxDocument, content: ConfirmationContent) -> None:
    _add_text(document.add_paragraph(), content.title, size=18, bold=True, color=ACCENT)
    meta = _table(document, len(content.meta), [174 / len(content.meta)] * len(content.meta))
    _fill_row(meta, [m.label for m in content.meta], heading=True)
    _fill_row(meta, [m.value for m in content.meta])
    document.add_paragraph()
    parties = _table(document, 3, [58, 58, 58])
    _fill_row(parties, [party.title for party in content.parties], heading=True)
    _fill_row(parties, ["\n".join(party.lines) for party in content.parties])
    document.add_paragraph()
    document.add_paragraph(content.greeting)
    document.add_paragraph(content.intro)


def _items(document: DocxDocument, content: ConfirmationContent) -> None:
    _heading(document, content.items_title)
    table = _table(document, 6, ITEM_WIDTHS_MM)
    aligns = (WD_ALIGN_PARAGRAPH.CENTER, None, None, NUMERIC, NUMERIC, NUMERIC)
    _fill_row(table, _item_cells(content.item_headers), heading=True, aligns=aligns)
    _repeat_as_header(table)
    for item in content.items:
        _fill_row(table, _item_cells(item), aligns=aligns)
    for index, total in enumerate(content.totals):
        last = index == len(content.totals) - 1
        row = table.add_row()
        label_cell = row.cells[0].merge(row.cells[4])
        _set_cell(label_cell, total.label, bold=last, align=NUMERIC)
        _set_cell(row.cells[5], total.value, bold=last, align=NUMERIC)


def _item_cells(item: ItemRow) -> list[str]:
    return [item.pos, item.sku, item.description, item.quantity, item.unit_price, item.amount]


def _terms(document: DocxDocument, content: ConfirmationContent) -> None:
    _heading(document, content.terms_title)
    terms = _table(document, 2, [55, 119])
    for term in content.terms:
        _fill_row(terms, [term.label, term.value], label_first=True)
    if content.dues:
        _heading(document, content.dues_title)
        dues = _table(document, 3, [55, 35, 84])
        for due in content.dues:
            _fill_row(dues, [due.label, due.amount, due.condition], label_first=True, aligns=(None, NUMERIC, None))


def _questions_and_steps(document: DocxDocument, content: ConfirmationContent) -> None:
    if content.questions:
        _heading(document, content.questions_title, color=ATTENTION)
        document.add_paragraph(content.questions_intro)
        for question in content.questions:
            _add_text(document.add_paragraph(style="List Number"), question)
    _heading(document, content.next_steps_title)
    for step in content.next_steps:
        _add_text(document.add_paragraph(style="List Bullet"), step)
    regards, company, team = content.closing
    document.add_paragraph()
    document.add_paragraph(regards)
    closing = document.add_paragraph()
    closing.paragraph_format.space_before = Pt(14)
    _add_text(closing, company, bold=True)
    document.add_paragraph(team)


def _heading(document: DocxDocument, text: str, color: RGBColor = ACCENT) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.keep_with_next = True
    _add_text(paragraph, text, size=11.5, bold=True, color=color)


def _table(document: DocxDocument, columns: int, widths_mm: Sequence[float]) -> Table:
    table = document.add_table(rows=0, cols=columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    _table_borders(table)
    return table


def _fill_row(
    table: Table,
    texts: Sequence[str],
    *,
    heading: bool = False,
    label_first: bool = False,
    aligns: Sequence[WD_ALIGN_PARAGRAPH | None] | None = None,
) -> None:
    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
    for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
        cell.width = table.columns[index].width
        label = label_first and index == 0
        color = ACCENT if heading else MUTED if label else None
        _set_cell(cell, text, bold=heading or label, color=color, align=aligns[index] if aligns else None)
        if heading:
            _shade(cell, HEADING_FILL)


def _set_cell(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    color: RGBColor | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = Pt(1.5)
    paragraph.paragraph_format.space_after = Pt(1.5)
    if align is not None:
        paragraph.alignment = align
    _add_text(paragraph, text, size=9, bold=bold, color=color)


def _add_text(
    paragraph: Paragraph, text: str, *, size: float | None = None, bold: bool = False, color: RGBColor | None = None
) -> None:
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size is not None:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color


def _add_field(paragraph: Paragraph, instruction: str, *, size: float) -> None:
    """Append a simple field (PAGE, NUMPAGES) that Word fills in; its text is only a placeholder."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = paragraph.add_run("1")
    run.font.size = Pt(size)
    run.font.color.rgb = MUTED
    run._r.getparent().remove(run._r)
    field.append(run._r)
    paragraph._p.append(field)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(table: Table) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)


def _table_borders(table: Table) -> None:
    """Only horizontal rules: the look of a printed business document, not a spreadsheet grid."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        visible = edge in ("top", "bottom", "insideH")
        element.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), RULE_COLOR)
        borders.append(element)
    properties = table._tbl.tblPr
    successor = next((child for child in properties if child.tag in _AFTER_TABLE_BORDERS), None)
    if successor is None:
        properties.append(borders)
    else:
        successor.addprevious(borders)


def _border(paragraph: Paragraph, edge: str, *, color: str, size: int) -> None:
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "4"), ("color", color)):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)
