"""Terms written as sentences ("Delivery: FOB Ningbo (Incoterms 2020), shipment by sea not later than ...")."""

from __future__ import annotations

import random
from typing import Protocol

from generator.formats import format_date
from generator.model import OrderSpec
from generator.phrasing import Phrasebook


class LabelChooser(Protocol):
    """Chooses one wording per label for a document (see `content.Labels`)."""

    def __call__(self, key: str) -> str:
        """The document's wording of a label."""
        ...


_BARE_YES_NO = {"yes", "no", "ja", "nein", "oui", "non", "sí", "sim", "não", "nee"}


def _yes_no(flag: bool, book: Phrasebook, rng: random.Random) -> str:
    """An "allowed" / "not allowed" word that reads well inside a sentence (not a bare yes or no)."""
    words = [w.lower() for w in (book.allowed if flag else book.not_allowed) if w.lower() not in _BARE_YES_NO]
    return rng.choice(words)


def _delivery_sentence(spec: OrderSpec, book: Phrasebook, rng: random.Random) -> tuple[str, set[str]] | None:
    if spec.incoterms is None or spec.delivery_date is None:
        return None
    when = format_date(spec.delivery_date, spec.locale.date_style, book)
    if spec.transport_prose:
        template = rng.choice(book.prose["delivery"])
        text = template.format(incoterms=spec.incoterms.text, transport=spec.transport_prose, date=when)
        return text, {"incoterms", "delivery_date", "shipping_method"}
    template = rng.choice(book.prose["delivery_no_transport"])
    return template.format(incoterms=spec.incoterms.text, date=when), {"incoterms", "delivery_date"}


def prose_paragraphs(
    spec: OrderSpec, labels: LabelChooser, book: Phrasebook, rng: random.Random
) -> tuple[list[str], set[str]]:
    """Write delivery, route, shipment and payment terms as sentences.

    Args:
        spec: The order spec.
        labels: The document's label chooser.
        book: Phrasebook of the document language.
        rng: The document's random source.

    Returns:
        The paragraphs, and the terms fields they already state (not to be listed again).
    """
    colon = "：" if book.language == "zh" else ":"
    stop = "。" if book.language == "zh" else "."
    paragraphs: list[str] = []
    consumed: set[str] = set()
    delivery = _delivery_sentence(spec, book, rng)
    if delivery:
        paragraphs.append(f"{labels('delivery')}{colon} {delivery[0]}{stop}")
        consumed |= delivery[1]
    if spec.port_of_loading and spec.port_of_discharge:
        route = rng.choice(book.prose["route"])
        paragraphs.append(route.format(pol=spec.port_of_loading, pod=spec.port_of_discharge))
        consumed |= {"port_of_loading", "port_of_discharge"}
    if spec.partial_shipment is not None and spec.transshipment is not None:
        partial = rng.choice(book.prose["partial"])
        words = {"partial": _yes_no(spec.partial_shipment, book, rng), "trans": _yes_no(spec.transshipment, book, rng)}
        paragraphs.append(partial.format(**words))
        consumed |= {"partial_shipment", "transshipment"}
    if spec.payment:
        paragraphs.append(f"{labels('payment_terms')}{colon} {spec.payment.text}{stop}")
        consumed.add("payment_terms")
    paragraphs.append(rng.choice(book.prose["confirm"]))
    if rng.random() < 0.5:
        paragraphs = [f"{number}. {text}" for number, text in enumerate(paragraphs, start=1)]
    return paragraphs, consumed
