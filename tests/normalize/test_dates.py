import re
from datetime import date

import pytest
from babel import Locale
from babel.dates import format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.lexicons import available_languages
from extractors.normalize.dates import find_dates, parse_date

MARCH_14 = date(2026, 3, 14)


@pytest.mark.parametrize(
    "text",
    [
        "14.03.2026",
        "14/03/2026",
        "14-03-2026",
        "14.03.26",
        "14. 03. 2026",
        "2026-03-14",
        "2026/03/14",
        "2026.3.14",
        "03/14/2026",
        "14 March 2026",
        "March 14, 2026",
        "Mar. 14 2026",
        "Saturday, March 14, 2026",
        "14th of March, 2026",
        "14-Mar-2026",
        "14-Mar-26",
        "14 Mar '26",
        "14. März 2026",
        "14. MÄRZ 2026",
        "14. Maerz 2026",
        "14 mars 2026",
        "samedi 14 mars 2026",
        "14 de marzo de 2026",
        "14 de março de 2026",
        "14 de mar. de 2026",
        "14 maart 2026",
        "14 mrt 2026",
        "14 marzo 2026",
        "2026年3月14日",
        "2026年03月14日",
        "2026 年 3 月 14 日",
        "２０２６年３月１４日",
        "Order date: 14.03.2026 (revised)",
    ],
)
def test_parse_date_reads_numeric_named_and_chinese_forms(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.value == MARCH_14
    assert not parsed.ambiguous
    assert not parsed.approximate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1er avril 2026", date(2026, 4, 1)),
        ("1º de abril de 2026", date(2026, 4, 1)),
        ("1 août 2026", date(2026, 8, 1)),
        ("3 févr. 2026", date(2026, 2, 3)),
        ("5 dicembre 2026", date(2026, 12, 5)),
        ("31 dic 2026", date(2026, 12, 31)),
        ("2 Jänner 2026", date(2026, 1, 2)),
        ("1st May 2026", date(2026, 5, 1)),
    ],
)
def test_parse_date_reads_month_names_of_every_language(text: str, expected: date) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.value == expected


@pytest.mark.parametrize(
    ("text", "order", "country", "expected", "ambiguous"),
    [
        ("03/04/2026", "DMY", None, date(2026, 4, 3), True),
        ("03/04/2026", "MDY", None, date(2026, 3, 4), True),
        ("03/04/2026", "DMY", "US", date(2026, 3, 4), True),
        ("03/04/2026", "DMY", "PH", date(2026, 3, 4), True),
        ("03/04/2026", "DMY", "DE", date(2026, 4, 3), True),
        ("03/04/2026", "YMD", None, date(2026, 3, 4), True),
        ("03/14/2026", "DMY", None, date(2026, 3, 14), False),
        ("14/03/2026", "MDY", "US", date(2026, 3, 14), False),
        ("04/04/2026", "DMY", None, date(2026, 4, 4), False),
        ("2026-03-04", "MDY", "US", date(2026, 3, 4), False),
        ("4 March 2026", "MDY", "US", date(2026, 3, 4), False),
    ],
)
def test_ambiguous_numeric_dates_follow_country_then_language(
    text: str, order: str, country: str | None, expected: date, ambiguous: bool
) -> None:
    parsed = parse_date(text, date_order=order, country=country)
    assert parsed is not None
    assert (parsed.value, parsed.ambiguous) == (expected, ambiguous)


@pytest.mark.parametrize("text", ["KW 20/2026", "KW20/26", "CW 20 2026", "week 20, 2026", "Wk. 20-2026", "2026-W20"])
def test_calendar_weeks_read_as_their_monday_and_approximate(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.value == date(2026, 5, 11)
    assert parsed.approximate


@pytest.mark.parametrize(
    "text",
    ["", "14 March", "KW 20", "week 54, 2026", "32.01.2026", "13/13/2026", "Tel 14.03.20261", "1.5.2", "v2.10.3",
     "5 pcs May 2026", "14 March 25 pcs", "PO 20260314"],
)  # fmt: skip
def test_parse_date_returns_none_without_a_full_date(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_lists_every_date_with_its_span() -> None:
    text = "Ordered 14.03.2026, deliver by 15 May 2026 or KW 22/2026 latest"
    found = find_dates(text)
    assert [d.value for d in found] == [MARCH_14, date(2026, 5, 15), date(2026, 5, 25)]
    assert [text[d.span[0] : d.span[1]] for d in found] == ["14.03.2026", "15 May 2026", "KW 22/2026"]


def _order_of(language: str) -> str:
    """DMY / MDY / YMD from the locale's short date pattern."""
    pattern = Locale.parse(language).date_formats["short"].pattern
    firsts = {letter: pattern.find(letter) for letter in "dMy"}
    return "".join(sorted("DMY", key=lambda key: firsts["dMy"["DMY".index(key)]]))


@settings(max_examples=200, deadline=None)
@given(
    value=st.dates(min_value=date(2000, 1, 1), max_value=date(2069, 12, 31)),
    language=st.sampled_from(available_languages()),
    form=st.sampled_from(["short", "medium", "long", "full"]),
)
def test_babel_formatted_dates_round_trip(value: date, language: str, form: str) -> None:
    printed = format_date(value, form, locale=language)
    parsed = parse_date(printed, date_order=_order_of(language))
    assert parsed is not None, printed
    assert parsed.value == value, printed
    assert re.search(r"\d", printed[parsed.span[0] : parsed.span[1]])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/04/2026 (MM/DD/YYYY)", date(2026, 3, 4)),
        ("03/04/2026 (dd/mm/yyyy)", date(2026, 4, 3)),
        ("Datum (TT.MM.JJJJ): 03.04.2026", date(2026, 4, 3)),
        ("jj/mm/aaaa 03/04/2026", date(2026, 4, 3)),
    ],
)
def test_a_printed_date_format_settles_the_order(text: str, expected: date) -> None:
    parsed = parse_date(text, date_order="MDY" if expected.day == 3 else "DMY")
    assert parsed is not None
    assert (parsed.value, parsed.ambiguous) == (expected, False)
