"""Incoterms 2020 knowledge (from `data/incoterms_2020.yaml`) and reading a printed rule into a known one."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

DATA_FILE = Path(__file__).parent / "data" / "incoterms_2020.yaml"
PlaceMeaning = Literal["seller_premises", "handover", "port_of_shipment", "port_of_destination", "place_of_destination"]


class Insurance(BaseModel):
    """Who insures the main carriage and the minimum cover."""

    by: str
    cover: str


class RuleInfo(BaseModel):
    """One Incoterms 2020 rule."""

    name: str
    transport: Literal["any", "sea"]
    side: Literal["origin", "destination"]
    place: PlaceMeaning
    insurance: Insurance | None = None
    non_sea_alternative: str | None = None


class LegacyRule(BaseModel):
    """A rule of an earlier edition that Incoterms 2020 no longer has."""

    replaced_by: list[str]
    withdrawn: str


class Versions(BaseModel):
    """The editions of the Incoterms rules."""

    current: str
    known: list[str]


class IncotermsData(BaseModel):
    """The whole data file."""

    rules: dict[str, RuleInfo]
    legacy: dict[str, LegacyRule]
    full_names: dict[str, str] = Field(default_factory=dict)
    aliases: dict[str, str | None] = Field(default_factory=dict)
    versions: Versions


@cache
def incoterms_data() -> IncotermsData:
    """The Incoterms data file, validated."""
    return IncotermsData.model_validate(
        yaml.load(DATA_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    )


@dataclass(frozen=True, slots=True)
class RuleReading:
    """What a printed rule is.

    Attributes:
        printed: The rule as the order states it.
        kind: `rule` (an Incoterms 2020 rule), `legacy` (withdrawn rule) or `unknown`.
        code: The rule's code (2020 or legacy) when known.
        suggestion: The 2020 rule to propose instead (legacy and unknown rules), if there is one.

    """

    printed: str
    kind: Literal["rule", "legacy", "unknown"]
    code: str | None = None
    suggestion: str | None = None

    @property
    def effective(self) -> str | None:
        """The 2020 rule the further checks assume: the rule itself, else the suggested one."""
        return self.code if self.kind == "rule" else self.suggestion

    @property
    def info(self) -> RuleInfo | None:
        """The data of the effective rule."""
        effective = self.effective
        return incoterms_data().rules.get(effective) if effective else None


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "＆": "&", "＋": "+"})
_SEPARATORS = re.compile(r"[\s,;:/\-–_]+")
_POSSESSIVE = re.compile(r"^([A-Z]{3})\s*'?\s*S$")


def fold_rule(text: str) -> str:
    """Upper case, dots removed, separators as single spaces: ` f.o.b. ` -> `FOB`, `Ex-Works` -> `EX WORKS`."""
    folded = text.translate(_QUOTES).upper().replace(".", "")
    return _SEPARATORS.sub(" ", folded).strip()


def read_rule(printed: str) -> RuleReading:
    """Classify a printed rule: an Incoterms 2020 rule, a withdrawn rule, or not a rule (with a suggestion)."""
    data = incoterms_data()
    folded = fold_rule(printed)
    code = data.full_names.get(folded, folded)
    if code in data.rules:
        return RuleReading(printed, "rule", code)
    if code in data.legacy:
        return RuleReading(printed, "legacy", code, data.legacy[code].replaced_by[0])
    if folded in data.aliases:
        return RuleReading(printed, "unknown", suggestion=data.aliases[folded])
    possessive = _POSSESSIVE.match(folded)
    if possessive and possessive.group(1) in data.rules:
        return RuleReading(printed, "unknown", suggestion=possessive.group(1))
    close = difflib.get_close_matches(folded.replace(" ", ""), list(data.rules), n=1, cutoff=0.6)
    return RuleReading(printed, "unknown", suggestion=close[0] if close else None)


def rule_info(code: str | None) -> RuleInfo | None:
    """The data of an Incoterms 2020 rule code, or None."""
    return incoterms_data().rules.get(code) if code else None


def place_meaning(printed_rule: str | None) -> PlaceMeaning | None:
    """What the named place means for a printed rule (using the suggested rule for legacy and unknown ones)."""
    if not printed_rule:
        return None
    info = read_rule(printed_rule).info
    return info.place if info else None


def effective_rule(printed_rule: str | None) -> str | None:
    """The 2020 rule code that a printed rule stands for (itself, or the suggestion), or None."""
    return read_rule(printed_rule).effective if printed_rule else None
