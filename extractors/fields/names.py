"""Patterns of company names shared by the party and value readers."""

from __future__ import annotations

import re

COMPANY = re.compile(
    r"\b(gmbh|ag|kg|ltd|limited|inc|llc|corp|co\.?|company|s\.?a\.?s?|s\.?r\.?l|s\.?p\.?a|b\.?v|n\.?v|lda|ltda|"
    r"s\.?l|oy|ab|plc|pty|sarl|bvba|kft|sp\. z o\.o\.|a/s|as|e\.?k|ohg|gbr|c\.?v|s\. ?de r\.l\.|pte|"
    r"a\.ş|şti|pvt|k\.k|s\.r\.o|d\.o\.o|zrt|sdn|bhd|jsc|llp|eirl|sas|sprl|srl|tic|factory)\b"
    r"|有限公司|公司|集团|厂|会社",
    re.IGNORECASE,
)
"""A legal form or a word that makes a name a company's ("GmbH", "Co., Ltd.", "S.A. de C.V.", "有限公司")."""
LEGAL_FORM_ONLY = re.compile(rf"^(?:{COMPANY.pattern})[\s.,&]*$", re.IGNORECASE)
"""A line that is only a legal form ("Co., Ltd.", "S.L."): the wrapped end of a name."""
