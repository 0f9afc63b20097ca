"""The amounts due: payment terms turned into money (`Deposit (30 %)  1.875,00 €  by bank transfer`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from models.order import PaymentTerms
from pipeline.confirmations.formatting import LocaleFormatter
from pipeline.confirmations.messages import PaymentTexts, fill

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PaymentPart:
    """One payment in the schedule, before wording: its kind, share and condition."""

    kind: str
    """`deposit`, `balance`, `full` or `instalment`."""
    percent: Decimal
    method: str | None = None
    trigger: str | None = None
    days: Decimal | None = None


@dataclass(frozen=True)
class DueRow:
    """One worded line of the amounts due."""

    label: str
    amount: str
    condition: str
    value: Decimal | None
    kind: str


def payment_parts(terms: PaymentTerms) -> list[PaymentPart]:
    """List the payments the terms describe, in order, each with its share in percent of the total.

    Instalments win over `deposit_percent`; a method alone means one payment of 100 %. Terms that name no
    method and no percentages give no parts (the payment terms then still have to be agreed).
    """
    if terms.instalments:
        percents = _instalment_percents(terms)
        kinds = _instalment_kinds(len(terms.instalments))
        return [
            PaymentPart(kind, percent, part.method or terms.method, part.trigger, part.days)
            for kind, percent, part in zip(kinds, percents, terms.instalments, strict=True)
            if percent is not None
        ]
    if terms.deposit_percent is not None and Decimal(0) < terms.deposit_percent < HUNDRED:
        return [
            PaymentPart("deposit", terms.deposit_percent, terms.method),
            PaymentPart("balance", HUNDRED - terms.deposit_percent, terms.method, terms.trigger, terms.days),
        ]
    if terms.method or terms.deposit_percent == HUNDRED:
        return [PaymentPart("full", HUNDRED, terms.method, terms.trigger, terms.days)]
    return []


def _instalment_percents(terms: PaymentTerms) -> list[Decimal | None]:
    """Each instalment's percent; one instalment without a percent ("balance") takes the rest of 100 %."""
    percents = [part.percent for part in terms.instalments]
    unknown = [index for index, percent in enumerate(percents) if percent is None]
    rest = HUNDRED - sum((percent for percent in percents if percent is not None), Decimal(0))
    if len(unknown) == 1 and rest > 0:
        percents[unknown[0]] = rest
    return percents


def _instalment_kinds(count: int) -> list[str]:
    if count == 1:
        return ["full"]
    if count == 2:
        return ["deposit", "balance"]
    return ["instalment"] * count


def split_amounts(total: Decimal, parts: list[PaymentPart], fmt: LocaleFormatter) -> list[Decimal]:
    """Return each part's amount, rounded to the currency; the last takes the rounding rest."""
    amounts = [fmt.round_money(total * part.percent / HUNDRED) for part in parts]
    if amounts and sum(part.percent for part in parts) == HUNDRED:
        amounts[-1] = fmt.round_money(total) - sum(amounts[:-1], Decimal(0))
    return amounts


def due_rows(
    terms: PaymentTerms, total: Decimal | None, fmt: LocaleFormatter, texts: PaymentTexts, pending: str
) -> list[DueRow]:
    """Word the amounts due for the confirmation.

    Args:
        terms: The order's payment terms.
        total: The order total the shares apply to; None shows the amounts as `pending`.
        fmt: Formatter of the confirmation's locale and the order currency.
        texts: The payment wording of the confirmation's language.
        pending: The word for a value still to be confirmed.

    """
    parts = payment_parts(terms)
    amounts: list[Decimal | None] = list(split_amounts(total, parts, fmt)) if total is not None else []
    amounts += [None] * (len(parts) - len(amounts))
    rows = []
    for number, (part, amount) in enumerate(zip(parts, amounts, strict=True), start=1):
        label_template = getattr(texts, part.kind)
        label = fill(label_template, percent=fmt.percent(part.percent), number=str(number))
        rows.append(
            DueRow(
                label=label,
                amount=fmt.money(amount) if amount is not None else pending,
                condition=_condition(part, fmt, texts),
                value=amount,
                kind=part.kind,
            )
        )
    return rows


def _condition(part: PaymentPart, fmt: LocaleFormatter, texts: PaymentTexts) -> str:
    words = []
    if part.method and part.method in texts.methods:
        words.append(texts.methods[part.method])
    if part.days is not None:
        days = fmt.quantity(part.days)
        template = texts.days_after.get(part.trigger or "", texts.days_generic)
        words.append(fill(template, days=days))
    elif part.trigger and part.trigger in texts.triggers:
        words.append(texts.triggers[part.trigger])
    return texts.separator.join(words)
