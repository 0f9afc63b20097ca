import pytest

from extractors.lexicons import all_lexicons
from extractors.normalize.flags import parse_allowed
from extractors.normalize.transport import parse_transport


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("By sea", "sea"),
        ("Sea freight, FCL 1x40'HQ", "sea"),
        ("Ocean", "sea"),
        ("Seefracht", "sea"),
        ("fret maritime", "sea"),
        ("via marítima", "sea"),
        ("海运", "sea"),
        ("Air freight", "air"),
        ("Luftfracht", "air"),
        ("par avion", "air"),
        ("空运", "air"),
        ("Air freight, express", "air"),
        ("By rail", "rail"),
        ("Bahn", "rail"),
        ("by truck", "road"),
        ("per LKW", "road"),
        ("DHL Express", "courier"),
        ("express", "courier"),
        ("Kurier", "courier"),
        ("快递", "courier"),
        ("sea-air", "multimodal"),
        ("combined transport", "multimodal"),
    ],
)
def test_parse_transport(text: str, mode: str) -> None:
    assert parse_transport(text) == mode


@pytest.mark.parametrize(
    "text",
    ["", "repair kit", "fair", "Airbus part", "TBA", "as agreed", "to DHL Global Forwarding (China) Co., Ltd."],
)
def test_parse_transport_none(text: str) -> None:
    assert parse_transport(text) is None


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("Partial shipment: not allowed", False),
        ("Partial shipments: allowed", True),
        ("Transshipment: prohibited", False),
        ("permitted", True),
        ("No partial shipments allowed", False),
        ("Teillieferungen zulässig", True),
        ("Teillieferungen nicht zulässig", False),
        ("Teillieferungen: keine", False),
        ("Expéditions partielles : non autorisées", False),
        ("Expéditions partielles : autorisées", True),
        ("Envíos parciales: permitidos", True),
        ("Trasbordo: non consentito", False),
        ("不允许", False),
        ("允许分批装运", True),
        ("☒ allowed ☐ not allowed", True),
        ("[ ] Yes [x] No", False),
    ],
)
@pytest.mark.xfail(
    not any(lexicon.yes and lexicon.no for lexicon in all_lexicons()),
    reason="the lexicon loader reads the YAML keys `yes:`/`no:` as booleans, so no lexicon has yes/no words",
    strict=True,
)
def test_parse_allowed(text: str, allowed: bool) -> None:
    assert parse_allowed(text) is allowed


@pytest.mark.parametrize("text", ["Allowed / Not allowed", "Yes / No", "N/A", "", "see L/C"])
def test_parse_allowed_none_for_unfilled_forms_and_other_text(text: str) -> None:
    assert parse_allowed(text) is None


def test_a_negated_acceptance_forbids() -> None:
    assert parse_allowed("les expéditions partielles ne sont pas acceptées") is False
