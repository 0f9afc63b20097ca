"""Layouts: where and how a document prints its parts (the spec says what it prints)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_COLUMNS = ("line_no", "sku", "description", "quantity", "unit", "unit_price", "amount")
TERMS_ORDER = (
    "incoterms",
    "payment_terms",
    "delivery_date",
    "shipping_method",
    "port_of_loading",
    "port_of_discharge",
    "partial_shipment",
    "transshipment",
    "forwarder",
    "packaging",
    "shipping_marks",
    "documents_required",
    "notes",
)
"""Order of the order-level terms when they are printed as a labelled list."""


@dataclass(frozen=True)
class Layout:
    """How one document is laid out.

    Attributes:
        letterhead: Buyer letterhead position: "left", "right" or "center".
        parties: Supplier and ship-to blocks "side_by_side" or "stacked".
        header: Header fields as "label_colon" (Label: value), "label_above" (small label over the value)
            or "grid" (bordered cells).
        table: Line table "ruled" (cell borders), "unruled" (whitespace only) or "lines" (horizontal rules).
        columns: Line-table column roles in printed order.
        terms: Terms as a labelled "list", as "prose" paragraphs, or as a bordered "grid".
        header_fields: Order-level fields printed in the header block (the rest go to the terms).
        repeat_header: Repeat the table header on a continuation page.
        carried_forward: Print carried-forward / brought-forward lines at a page break.
        contact_in: Buyer phone, fax and e-mail in the "letterhead" or in the "header" fields.
        page: "A4" or "Letter".
        font_size: Body font size in points.
        accent: RGB colour of titles and rules.
        variant: Format-specific variant (xlsx "form"/"export_list"/"two_sheets", text "fixed_width"/"letter"/
            "tabbed", docx "header_part"/"body").
        letter: Greeting and introduction before the table, closing after it.
        max_rows_first_page: Force the table to break after this many rows (multi-page tables in formats
            that paginate by themselves, such as fixed-width text).
        encoding: Character encoding of a text file ("utf-8", "utf-8-sig", "cp1252", "gb18030").
        line_ending: Line ending of a text file.
    """

    letterhead: str = "left"
    parties: str = "side_by_side"
    header: str = "label_colon"
    table: str = "ruled"
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    terms: str = "list"
    header_fields: tuple[str, ...] = ("order_number", "order_date", "contact", "currency", "delivery_date")
    repeat_header: bool = True
    carried_forward: bool = False
    contact_in: str = "header"
    page: str = "A4"
    font_size: float = 8.5
    accent: tuple[int, int, int] = (0, 0, 0)
    variant: str = ""
    letter: bool = False
    max_rows_first_page: int | None = None
    encoding: str = "utf-8"
    line_ending: str = "\n"

    def features(self, fmt: str = "pdf") -> list[str]:
        """Layout features for the manifest ("letterhead-right", "table-unruled", ...), as far as the format has them.

        Args:
            fmt: The file format; plain text and workbooks have no letterhead position or typeset parties.
        """
        features = []
        if fmt in ("pdf", "docx"):
            features += [f"letterhead-{self.letterhead}", f"parties-{self.parties.replace('_', '-')}"]
        if fmt != "txt":
            features += [f"header-{self.header.replace('_', '-')}", f"table-{self.table}"]
        features += [f"terms-{self.terms}", "columns:" + ",".join(self.columns)]
        flags = {
            f"variant-{self.variant.replace('_', '-')}": bool(self.variant),
            "letter-style": self.letter,
            "carried-forward": self.carried_forward,
            "no-repeated-header": not self.repeat_header and (fmt == "pdf" or self.max_rows_first_page is not None),
            f"encoding-{self.encoding}": self.encoding != "utf-8",
            "crlf": self.line_ending == "\r\n",
            f"page-{self.page.lower()}": self.page != "A4",
        }
        return features + [name for name, on in flags.items() if on]
