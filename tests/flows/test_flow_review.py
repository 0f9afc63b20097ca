"""Review in the Prefect UI: the form, the pause, the resume with answers, and the timeout."""

from __future__ import annotations

import json
import threading
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from flowdocs import order_text

from flows.review import ReviewForm, apply_review, describe_open_questions, form_values
from models.findings import Finding, MissingItem
from models.order import Incoterms, Order, Party, PaymentTerms
from models.result import ExtractionResult

pytestmark = pytest.mark.xdist_group("prefect")


def extracted_order() -> Order:
    return Order(
        order_number="4711",
        order_date=date(2026, 3, 14),
        buyer=Party(name="Hansen GmbH"),
        incoterms=Incoterms(rule="FOB"),
        payment_terms=PaymentTerms(method="LC", deposit_percent=Decimal("30")),
    )


def test_form_is_prefilled_with_the_extracted_values() -> None:
    values = form_values(extracted_order())
    assert values["order_number"] == "4711"
    assert values["order_date"] == date(2026, 3, 14)
    assert values["incoterms_rule"] == "FOB"
    assert values["deposit_percent"] == "30"
    assert values["incoterms_place"] is None
    form = ReviewForm.with_initial_data(description="questions", **values)
    schema = form.model_json_schema()["properties"]
    assert schema["order_number"]["default"] == "4711"
    assert schema["incoterms_place"]["title"] == "Incoterms named place"
    assert "FOB" in json.dumps(schema["incoterms_rule"])


def test_legacy_or_unknown_codes_are_not_prefilled_into_choice_fields() -> None:
    order = extracted_order()
    order.incoterms.rule = "DDU"
    assert form_values(order)["incoterms_rule"] is None


def test_answers_change_only_what_the_reviewer_changed() -> None:
    order = extracted_order()
    answers = ReviewForm(**form_values(order) | {"incoterms_place": "Ningbo", "delivery_date": date(2026, 6, 30)})
    reviewed, changed = apply_review(order, answers)
    assert sorted(changed) == ["delivery_date", "incoterms.place"]
    assert reviewed.incoterms.place == "Ningbo"
    assert reviewed.incoterms.rule == "FOB"
    assert reviewed.delivery_date == date(2026, 6, 30)
    assert reviewed.payment_terms.deposit_percent == Decimal("30")


def test_invalid_answers_are_asked_again_keeping_the_valid_ones() -> None:
    import pydantic

    from flows.review import _ask_again

    order = extracted_order()
    answers = ReviewForm(**form_values(order) | {"deposit_percent": "thirty", "currency": "USD"})
    with pytest.raises(pydantic.ValidationError) as error:
        apply_review(order, answers)
    description, values = _ask_again(ExtractionResult(order=order), answers, error.value)
    assert description.startswith("**Please correct: deposit_percent**")
    assert values["deposit_percent"] == "30"
    assert values["currency"] == "USD"


def test_description_lists_open_questions_and_errors() -> None:
    result = ExtractionResult(
        status="needs_review",
        missing=[MissingItem(field="incoterms.place", question="Which port?", language="en")],
        findings=[Finding(code="amounts.total_mismatch", severity="error", field="total_amount", message="Off.")],
    )
    text = describe_open_questions(result)
    assert "Which port?" in text
    assert "`total_amount`: Off." in text


def newest_paused_run(pause_key: str, timeout_s: float = 90) -> tuple[Any, str]:
    """The newest flow run paused with this key, and the description of its form."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.exceptions import PrefectHTTPStatusError

    paused = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.PAUSED])))
    deadline = time.monotonic() + timeout_s
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(flow_run_filter=paused, limit=1, sort=FlowRunSort.START_TIME_DESC)
            details = runs[0].state.state_details if runs and runs[0].state else None
            if details is not None and details.pause_key == pause_key and details.run_input_keyset:
                # Prefect proposes the Paused state first and stores the form's inputs just after: until they
                # are there, reading the description answers 404.
                try:
                    return runs[0], client.read_flow_run_input(runs[0].id, details.run_input_keyset["description"])
                except PrefectHTTPStatusError as exc:
                    if exc.response.status_code != 404:
                        raise
            time.sleep(0.5)
    raise AssertionError(f"no flow run paused for review ({pause_key})")


def run_in_thread(target: Any) -> tuple[threading.Thread, dict[str, Any]]:
    box: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: box.setdefault("state", target()))
    thread.start()
    return thread, box


@pytest.mark.slow
def test_needs_review_pauses_and_resumes_with_the_reviewers_answers(
    service_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.flow_runs import resume_flow_run

    from flows.document import process_document

    monkeypatch.setenv("ORDERINTAKE_REVIEW_ENABLED", "true")
    source = service_root / "inbox" / "po.txt"
    source.write_text(order_text("4500030001", complete=False))
    outbox = service_root / "outbox"
    thread, box = run_in_thread(lambda: process_document(str(source), str(outbox), return_state=True))

    run, description = newest_paused_run("review-1")
    delivery = (date.today() + timedelta(days=120)).isoformat()
    before = json.loads((outbox / "po" / "result.json").read_text())
    assert before["status"] == "needs_review"  # outputs are written before the pause
    assert "Open questions" in description or "Errors found" in description
    resume_flow_run(run.id, run_input={"deposit_percent": "thirty"})  # not a number: asked again
    run, description = newest_paused_run("review-2")
    assert "Please correct: deposit_percent" in description
    resume_flow_run(
        run.id,
        run_input={"incoterms_rule": "FOB", "incoterms_place": "Ningbo", "delivery_date": delivery},
    )
    thread.join(120)

    state = box["state"]
    assert state.is_completed()
    after = json.loads((outbox / "po" / "result.json").read_text())
    assert after["order"]["incoterms"] == after["order"]["incoterms"] | {"rule": "FOB", "place": "Ningbo"}
    assert after["order"]["delivery_date"] == delivery
    assert after["order"]["order_number"] == "4500030001"
    assert {f["field"] for f in after["findings"] if f["code"] == "review.applied"} >= {"delivery_date"}
    assert "delivery_date" not in {item["field"] for item in after["missing"]}
    assert state.result().status == after["status"]


@pytest.mark.slow
def test_review_timeout_keeps_the_order_needs_review(service_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.document import process_document

    monkeypatch.setenv("ORDERINTAKE_REVIEW_TIMEOUT_S", "3")
    source = service_root / "inbox" / "po.txt"
    source.write_text(order_text("4500030002", complete=False))
    state = process_document(str(source), str(service_root / "outbox"), review=True, return_state=True)
    assert state.is_completed()
    assert state.result().status == "needs_review"
    assert json.loads(state.result().result_path.read_text())["status"] == "needs_review"
