"""Review in the Prefect UI: an order that needs review pauses its flow run with a pre-filled form.

The form (`ReviewForm`) carries the extracted header values; its description lists the open questions and the
errors found. The reviewer corrects or completes fields and resumes the run; the order is validated again and
its outputs are written anew. When nobody answers within `review_timeout_s`, the order stays `needs_review`
with the outputs it already has.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pydantic
from prefect import get_run_logger, pause_flow_run
from prefect.client.orchestration import get_client
from prefect.context import FlowRunContext
from prefect.exceptions import FlowPauseTimeout
from prefect.input import RunInput
from prefect.states import Running
from pydantic import Field
from pydantic.fields import FieldInfo

from flows.tasks import DocumentSummary, record_reviewed_task, service_store
from models.findings import Finding
from models.order import Order
from models.result import Evidence, ExtractionResult
from pipeline.settings import Settings

if TYPE_CHECKING:
    from validators.context import OrderRegistry

REVIEW_POLL_S = 2
REVIEW_ATTEMPTS = 3
IncotermsRule = Literal["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]
PaymentMethod = Literal["TT", "LC", "DP", "DA", "CAD", "OA", "CIA"]
ShippingMethod = Literal["sea", "air", "rail", "road", "courier", "multimodal"]

# form field -> path in the Order
FORM_TO_ORDER: dict[str, tuple[str, ...]] = {
    "order_number": ("order_number",),
    "order_date": ("order_date",),
    "buyer_name": ("buyer", "name"),
    "buyer_contact": ("buyer", "contact"),
    "buyer_email": ("buyer", "email"),
    "buyer_address": ("buyer", "address"),
    "buyer_country": ("buyer", "country"),
    "ship_to_name": ("ship_to", "name"),
    "ship_to_address": ("ship_to", "address"),
    "ship_to_country": ("ship_to", "country"),
    "currency": ("currency",),
    "incoterms_rule": ("incoterms", "rule"),
    "incoterms_place": ("incoterms", "place"),
    "payment_method": ("payment_terms", "method"),
    "payment_terms_text": ("payment_terms", "text"),
    "deposit_percent": ("payment_terms", "deposit_percent"),
    "payment_days": ("payment_terms", "days"),
    "delivery_date": ("delivery_date",),
    "shipping_method": ("shipping_method",),
    "port_of_loading": ("port_of_loading",),
    "port_of_discharge": ("port_of_discharge",),
    "forwarder": ("forwarder",),
    "packaging": ("packaging",),
    "shipping_marks": ("shipping_marks",),
}
KEPT_EXTRACTION_CODES = ("input.", "dates.ambiguous")


class ReviewForm(RunInput):
    """The order header as the reviewer sees it in the Prefect UI; empty fields stay unknown."""

    order_number: str | None = Field(None, title="Order (PO) number")
    order_date: date | None = Field(None, title="Order date")
    buyer_name: str | None = Field(None, title="Buyer")
    buyer_contact: str | None = Field(None, title="Buyer contact person")
    buyer_email: str | None = Field(None, title="Buyer e-mail")
    buyer_address: str | None = Field(None, title="Buyer address")
    buyer_country: str | None = Field(None, title="Buyer country (ISO 3166 alpha-2, e.g. DE)")
    ship_to_name: str | None = Field(None, title="Ship-to name")
    ship_to_address: str | None = Field(None, title="Ship-to address")
    ship_to_country: str | None = Field(None, title="Ship-to country (ISO alpha-2)")
    currency: str | None = Field(None, title="Currency (ISO 4217, e.g. EUR)")
    incoterms_rule: IncotermsRule | None = Field(None, title="Incoterms 2020 rule")
    incoterms_place: str | None = Field(None, title="Incoterms named place")
    payment_method: PaymentMethod | None = Field(None, title="Payment method")
    payment_terms_text: str | None = Field(None, title="Payment terms as agreed")
    deposit_percent: str | None = Field(None, title="Deposit percent (e.g. 30)")
    payment_days: str | None = Field(None, title="Credit days (e.g. 60)")
    delivery_date: date | None = Field(None, title="Delivery date")
    shipping_method: ShippingMethod | None = Field(None, title="Shipping method")
    port_of_loading: str | None = Field(None, title="Port of loading")
    port_of_discharge: str | None = Field(None, title="Port of discharge")
    forwarder: str | None = Field(None, title="Forwarder")
    packaging: str | None = Field(None, title="Packaging")
    shipping_marks: str | None = Field(None, title="Shipping marks")

    @classmethod
    def with_initial_data(cls, description: str | None = None, **kwargs: Any) -> type[ReviewForm]:
        """A form class pre-filled with `kwargs`, keeping each field's title and type for the UI form."""
        fields: dict[str, Any] = {}
        for name, value in kwargs.items():
            original = cls.model_fields[name]
            fields[name] = (original.annotation, FieldInfo.merge_field_infos(original, default=value))
        model = pydantic.create_model(cls.__name__, __base__=cls, **fields)
        if description is not None:
            model._description = description
        return model


def _get_path(order: Order, path: tuple[str, ...]) -> Any:
    value: Any = order
    for part in path:
        value = getattr(value, part)
    return value


def form_values(order: Order) -> dict[str, Any]:
    """The form's initial values, read from the extracted order (decimals as plain strings)."""
    values: dict[str, Any] = {}
    for name, path in FORM_TO_ORDER.items():
        value = _get_path(order, path)
        if value is not None and name in ("deposit_percent", "payment_days"):
            value = format(value, "f")
        if name in ("incoterms_rule", "payment_method", "shipping_method"):
            allowed = ReviewForm.model_fields[name].annotation
            value = value if value in _literal_values(allowed) else None
        values[name] = value
    return values


def _literal_values(annotation: Any) -> set[str]:
    literals: set[str] = set()
    for arg in getattr(annotation, "__args__", ()):
        literals.update(getattr(arg, "__args__", ()) or ([arg] if isinstance(arg, str) else []))
    return literals


def describe_open_questions(result: ExtractionResult) -> str:
    """The form's description (Markdown): what the reviewer should answer or check."""
    lines = [f"**Order needs review** (document `{(result.document.sha256 or '')[:12]}`)", ""]
    if result.missing:
        lines += ["Open questions:", ""] + [f"- `{item.field}`: {item.question}" for item in result.missing]
    errors = [f for f in result.findings if f.severity == "error"]
    if errors:
        lines += ["", "Errors found:", ""] + [f"- `{f.field or f.code}`: {f.message}" for f in errors]
    lines += ["", "Correct or complete the fields below, then resume. Empty fields stay unknown."]
    return "\n".join(lines)


def apply_review(order: Order, answers: ReviewForm) -> tuple[Order, list[str]]:
    """The order with the reviewer's answers applied, and the order paths that changed.

    Raises:
        pydantic.ValidationError: An answer does not fit its field (a percent that is not a number).

    """
    data = order.model_dump(mode="json")
    before = form_values(order)
    changed: list[str] = []
    for name, path in FORM_TO_ORDER.items():
        value = getattr(answers, name)
        if value == before[name]:
            continue
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value.isoformat() if isinstance(value, date) else value
        changed.append(".".join(path))
    return Order.model_validate(data), changed


def revalidate(
    result: ExtractionResult, order: Order, changed: list[str], settings: Settings, registry: OrderRegistry | None
) -> ExtractionResult:
    """A new result for the reviewed order: the checks run again; reviewed values carry full confidence."""
    from extractors.checks import run_checks

    reviewed = result.model_copy(deep=True)
    reviewed.order = order
    reviewed.findings = [
        f for f in result.findings if f.code.startswith(KEPT_EXTRACTION_CODES) and f.field not in changed
    ]
    for field in changed:
        reviewed.evidence[field] = Evidence(confidence=1.0, text="set in review")
    run_checks(reviewed, settings.extract, None, registry)
    reviewed.findings += [
        Finding(code="review.applied", severity="info", field=field, message="Set by a reviewer.") for field in changed
    ]
    return reviewed


def _continue_after_timeout() -> None:
    """Put the expired paused run back to Running, so it completes (with the order still needs_review).

    Prefect refuses to resume a pause that has expired, and the run would end Failed; the order's outcome is
    not a failure, so the state is set with `force`.
    """
    context = FlowRunContext.get()
    if context is None or context.flow_run is None:
        return
    with get_client(sync_client=True) as client:
        client.set_flow_run_state(context.flow_run.id, Running(message="Review timed out"), force=True)


def review_order(summary: DocumentSummary, settings: Settings) -> DocumentSummary:
    """Pause the flow run for the reviewer; apply the answers, validate again and write the outputs.

    Answers that do not fit the order (a deposit that is not a number) are asked again, at most
    `REVIEW_ATTEMPTS` times.

    Returns:
        The summary after review, or the unchanged summary when the review timed out.

    """
    logger = get_run_logger()
    result = summary.load_result()
    logger.info("document %s needs review: %d open question(s)", summary.sha256[:12], len(result.missing))
    description, values = describe_open_questions(result), form_values(result.order)
    for attempt in range(1, REVIEW_ATTEMPTS + 1):
        answers = _ask(ReviewForm.with_initial_data(description=description, **values), settings, attempt)
        if answers is None:
            logger.warning("review of document %s timed out; it stays needs_review", summary.sha256[:12])
            return summary
        try:
            order, changed = apply_review(result.order, answers)
        except pydantic.ValidationError as exc:
            description, values = _ask_again(result, answers, exc)
            continue
        registry = service_store(settings, Path(summary.output_dir).parent)
        reviewed = revalidate(result, order, changed, settings, registry)
        logger.info(
            "document %s reviewed: %d field(s) changed, now %s", summary.sha256[:12], len(changed), reviewed.status
        )
        return record_reviewed_task(reviewed, summary.output_dir, settings)
    logger.warning(
        "document %s: no valid answers after %d attempts; it stays needs_review", summary.sha256[:12], attempt
    )
    return summary


def _ask_again(
    result: ExtractionResult, answers: ReviewForm, error: pydantic.ValidationError
) -> tuple[str, dict[str, Any]]:
    """The description and values for asking again: the valid answers kept, the invalid ones as extracted."""
    order_paths = {".".join(path): name for name, path in FORM_TO_ORDER.items()}
    invalid = {order_paths.get(".".join(str(part) for part in e["loc"]), str(e["loc"][-1])) for e in error.errors()}
    values = answers.model_dump(include=set(FORM_TO_ORDER)) | {
        name: value for name, value in form_values(result.order).items() if name in invalid
    }
    notice = f"**Please correct: {', '.join(sorted(invalid))}** (not a valid value)\n\n"
    return notice + describe_open_questions(result), values


def _ask(form: type[ReviewForm], settings: Settings, attempt: int) -> ReviewForm | None:
    """Pause until the reviewer submits the form; None when the review timed out."""
    try:
        return pause_flow_run(
            wait_for_input=form, timeout=settings.review_timeout_s, poll_interval=REVIEW_POLL_S, key=f"review-{attempt}"
        )
    except FlowPauseTimeout:
        _continue_after_timeout()
        return None
