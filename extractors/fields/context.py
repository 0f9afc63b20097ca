"""What every field extractor shares: the layout, the labels, locale hints, and where results go."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractors.fields.labels import LabelIndex
from extractors.layout import Layout, Line, Segment
from extractors.lexicons import Lexicon
from models.findings import Finding
from models.result import Evidence

HEAD_LINES = 40
"""How far down the first page a letterhead, an addressee block or a letter's date is looked for."""


@dataclass(slots=True)
class FieldContext:
    """Input and output of field extraction for one document."""

    layout: Layout
    labels: LabelIndex
    lexicon: Lexicon
    """The document language's lexicon (number format and date order only; labels come from all lexicons)."""
    decimal: str | None = None
    """The document's decimal separator, voted over its numbers."""
    country: str | None = None
    han: bool = False
    """The document is written in Han script (decides "¥": yuan rather than yen)."""
    part: str | None = None
    signed: bool = False
    """An e-mail body whose signature names the sender's company: that is the buyer, not the top block."""
    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    table_lines: set[int] = field(default_factory=set)
    table_span: tuple[int, int] = (-1, -2)
    """First and last line of the line-item table (a "carried forward" total inside it is no order total)."""
    column_values: dict[str, tuple[str, Line]] = field(default_factory=dict)
    """Header text -> the one value an unknown table column holds on every row, with its first line."""
    amount_column: tuple[float, float] | None = None
    """x range of the line-item table's amount column (a totals row's figure stands under it)."""
    header_unit: str | None = None
    """The unit the quantity column's header names for every row ("Qtd. (pç)", "数量（个）")."""

    def upper_lines(self) -> list[Line]:
        """The lines above the line-item table on the first page, at most HEAD_LINES.

        That is where a letterhead, an addressee block and a letter's date stand.
        """
        lines = self.layout.lines
        if not lines:
            return []
        limit = min(min(self.table_lines, default=len(lines)), HEAD_LINES)
        return [line for line in lines[:limit] if line.page == lines[0].page]

    @property
    def date_order(self) -> str:
        """Day/month order for ambiguous numeric dates."""
        return self.lexicon.date_order

    def put(
        self, path: str, value: Any, source: Segment | Line | None, confidence: float, text: str | None = None
    ) -> None:
        """Record a value and its evidence (first writer wins; None is ignored)."""
        if value is None or value == "" or path in self.values:
            return
        self.values[path] = value
        self.evidence[path] = self.evidence_for(source, confidence, text)

    def evidence_for(self, source: Segment | Line | None, confidence: float, text: str | None = None) -> Evidence:
        """Evidence from a segment or line: page, box, source text, and OCR confidence folded in."""
        if source is None:
            return Evidence(confidence=round(confidence, 3), text=text, part=self.part)
        words = source.words
        ocr_conf = min((w.conf for w in words), default=1.0)
        page = self.layout.lines[source.line].page if isinstance(source, Segment) else source.page
        return Evidence(
            confidence=round(max(0.0, min(1.0, confidence * (0.4 + 0.6 * ocr_conf))), 3),
            page=page,
            bbox=(round(source.x0, 1), round(source.top, 1), round(source.x1, 1), round(source.bottom, 1)),
            text=(text if text is not None else source.text)[:500],
            part=self.part,
        )
