"""A spaCy tokenizer for order text: numbers, codes, dates and money signs stay whole in every language.

spaCy's rule-based tokenizers differ per language in exactly the places orders care about ("LED-PNL-6060"
is one token in German and three in English; the Chinese character segmenter cuts "1,000" into five), so
every order pipeline uses this one. It is language-neutral: it knows shapes, not words. Each token gets a
`_.kind`:

- `num`: a number as printed ("2.000", "0,85", "1 150" where the language groups with spaces);
- `code`: letters and digits together ("LED-PNL-6060", "BB-6204-2RS", "AB123"), or upper-case parts
  joined by hyphens ("BW-ACC-SUS");
- `dim`: a dimension ("600x600", "40x30") or a range of sizes with a unit or decimals ("1.5-10mm");
- `date`, `email`, `url`: kept whole so that they never read as numbers or codes;
- `money`: a currency sign ("€", "US$", "¥");
- `word`, `cjk` (one Han/kana/hangul character, as spaCy's Chinese default does), `punct`.

A number glued to a known unit or currency ("500pcs", "12.50USD", "USD12.50", "12.50/pc") is split. The
token's `norm_` is its folded text (case and accents ignored), which the phrase patterns match on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from extractors.normalize.phrases import fold

if not Token.has_extension("kind"):
    Token.set_extension("kind", default="word")

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_SPACES = "\u00a0\u202f\u2009"
_TOKEN = r"""
    (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<url>(?:https?://|www\.)\S+)
  | (?P<date>\d{{4}}年\d{{1,2}}月\d{{1,2}}日|\d{{1,4}}(?P<sep>[./-])\d{{1,2}}(?P=sep)\d{{2,4}}(?![\d]))
  | (?P<range>\d+(?:[.,]\d+)?-\d+(?:[.,]\d+)?[^\W\d_{cjk}]*(?![\w./-]))
  | (?P<money>(?:US|HK|SG|S|AU|A|CA|C|NZ|NT|MX|R|CN|JP|RMB)?[$€£¥₹₩₽₺])
  | (?P<num>(?:{spaced}\d+(?:[.,'’]\d+)*)(?![-_./]?[^\W_{cjk}]))
  | (?P<code>(?=[\w./-]*\d)[^\W_{cjk}]+(?:[-_./][^\W_{cjk}]+)+
      |[^\W\d_{cjk}]+\d[^\W_{cjk}]*|\d+[^\W\d_{cjk}][^\W_{cjk}]*
      |(?-i:[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+))
  | (?P<word>[^\W\d_{cjk}]+(?:['’][^\W\d_{cjk}]+)?)
  | (?P<cjk>[{cjk}])
  | (?P<punct>\S)
"""
_NUMBER = re.compile(rf"^\d+(?:[.,'’{_SPACES}]\d+)*$")
_NUMBER_PER = re.compile(r"^(\d+(?:[.,]\d+)*)(/)([^\W\d_]+)$")
_NUMBER_SUFFIX = re.compile(r"^(\d+(?:[.,]\d+)*)([^\W\d_]+)$")
_PREFIX_NUMBER = re.compile(r"^([A-Z]{3})(\d+(?:[.,]\d+)*)$")
_DIMENSION = re.compile(r"^\d+(?:[.,]\d+)?(?:[x×*]\d+(?:[.,]\d+)?)+(?:[a-z]{1,2})?$", re.IGNORECASE)
_RANGE = re.compile(r"^\d+(?P<decimal>[.,]\d+)?[-–]\d+(?P<decimal2>[.,]\d+)?(?P<unit>[^\W\d_]*)$")


class OrderTokenizer:
    """Tokenizes order text into spaCy `Doc`s with shape kinds (see the module docstring).

    Args:
        vocab: The pipeline's vocabulary.
        glued_words: Folded units and currency codes that may be glued to a number ("pcs", "usd").
        space_groups: The language groups thousands with plain spaces ("1 150" is one number).

    """

    def __init__(self, vocab: Vocab, glued_words: Iterable[str], *, space_groups: bool = False) -> None:
        """Compile the token pattern."""
        self.vocab = vocab
        self.glued = frozenset(glued_words)
        group_spaces = f" {_SPACES}" if space_groups else _SPACES
        spaced = rf"\d{{1,3}}(?:[{group_spaces}]\d{{3}})+(?![\d])(?:[.,]\d+)?|"
        self.pattern = re.compile(
            _TOKEN.format(cjk=_CJK, spaces=_SPACES, spaced=spaced), re.VERBOSE | re.IGNORECASE | re.UNICODE
        )

    def __call__(self, text: str) -> Doc:
        """Tokenize one text."""
        words: list[str] = []
        spaces: list[bool] = []
        kinds: list[str] = []
        for match in self.pattern.finditer(text):
            kind = match.lastgroup or "punct"
            pieces = self._pieces(match.group(), kind)
            for index, (piece, piece_kind) in enumerate(pieces):
                words.append(piece)
                kinds.append(piece_kind)
                last = index == len(pieces) - 1
                spaces.append(last and match.end() < len(text) and text[match.end()].isspace())
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token, kind in zip(doc, kinds, strict=True):
            token._.kind = kind
            token.norm_ = fold(token.text)
        return doc

    def _pieces(self, text: str, kind: str) -> list[tuple[str, str]]:
        if kind == "num":
            return [(text, "num")]
        if kind == "range":
            kind = "dim" if self._measured_range(text) else "code"
        if kind != "code":
            return [(text, kind)]
        if _NUMBER.match(text):
            return [(text, "num")]
        if _DIMENSION.match(text) or self._measured_range(text):
            return [(text, "dim")]
        per = _NUMBER_PER.match(text)
        if per:
            return [(per.group(1), "num"), ("/", "punct"), (per.group(3), "word")]
        suffix = _NUMBER_SUFFIX.match(text)
        if suffix and fold(suffix.group(2)) in self.glued:
            return [(suffix.group(1), "num"), (suffix.group(2), "word")]
        prefix = _PREFIX_NUMBER.match(text)
        if prefix and fold(prefix.group(1)) in self.glued:
            return [(prefix.group(1), "word"), (prefix.group(2), "num")]
        return [(text, "code")]

    def _measured_range(self, text: str) -> bool:
        """A range of sizes ("1.5-10mm", "1,5-10"), not a code: a unit glued on, or a decimal without one."""
        match = _RANGE.match(text)
        if match is None:
            return False
        if match.group("unit"):
            return fold(match.group("unit")) in self.glued
        return bool(match.group("decimal") or match.group("decimal2"))

    def to_bytes(self, **kwargs: object) -> bytes:
        """Not serialized: the tokenizer is rebuilt from the lexicons."""
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> OrderTokenizer:
        """Not serialized: the tokenizer is rebuilt from the lexicons."""
        return self
