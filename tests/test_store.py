"""The order registry on a real SQLite file: record, dedupe, history, duplicates, concurrency."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from models.document import DocumentInfo
from models.findings import ErrorInfo
from models.order import Order, Party
from models.result import ExtractionResult
from pipeline.store import OrderStore, buyer_key, open_store, resolve_database_url


def make_result(sha: str, number: str | None = "4711", buyer: str | None = "Hansen GmbH", status: str = "complete"):
    return ExtractionResult(
        status=status,  # type: ignore[arg-type]
        document=DocumentInfo(source=f"inbox/{sha}.pdf", sha256=sha),
        order=Order(order_number=number, buyer=Party(name=buyer)),
    )


@pytest.fixture
def store(tmp_path: Path) -> OrderStore:
    return OrderStore(f"sqlite:///{tmp_path / 'orders.db'}")


def test_record_and_seen_round_trip(store: OrderStore) -> None:
    assert store.seen("a" * 64) is None
    store.record(make_result("a" * 64), output_dir=Path("/out/po"))
    seen = store.seen("a" * 64)
    assert seen is not None
    assert seen.order.order_number == "4711"
    assert store.output_dir("a" * 64) == Path("/out/po")


def test_record_again_updates_and_keeps_arrival_time(store: OrderStore) -> None:
    first = datetime(2026, 1, 2, tzinfo=UTC)
    store.record(make_result("b" * 64, status="needs_review"), received_at=first)
    store.record(make_result("b" * 64, status="complete"), received_at=first + timedelta(days=3))
    [row] = store.recent(10)
    assert row.status == "complete"
    assert row.received_at == first


def test_result_without_sha256_is_not_recorded(store: OrderStore) -> None:
    store.record(ExtractionResult(status="failed", error=ErrorInfo(code="input.corrupt", message="x")))
    assert store.recent(10) == []


def test_find_previous_matches_folded_buyer_and_excludes_itself(store: OrderStore) -> None:
    store.record(make_result("c" * 64, buyer="Hansen Maschinenbau GmbH"), received_at=datetime(2026, 1, 1, tzinfo=UTC))
    store.record(make_result("d" * 64, buyer="Other Buyer Ltd"), received_at=datetime(2026, 1, 2, tzinfo=UTC))
    previous = store.find_previous("HANSEN  Maschinenbau GmbH.", "4711", exclude_sha256="e" * 64)
    assert previous is not None
    assert previous.sha256 == "c" * 64
    assert previous.order.buyer.name == "Hansen Maschinenbau GmbH"
    assert previous.received_at.tzinfo is not None
    assert store.find_previous("Hansen Maschinenbau GmbH", "4711", exclude_sha256="c" * 64) is None
    assert store.find_previous("Hansen Maschinenbau GmbH", "9999") is None


def test_find_previous_without_buyer_takes_the_latest_with_that_number(store: OrderStore) -> None:
    store.record(make_result("f" * 64, buyer="A"), received_at=datetime(2026, 1, 1, tzinfo=UTC))
    store.record(make_result("0" * 64, buyer="B"), received_at=datetime(2026, 2, 1, tzinfo=UTC))
    previous = store.find_previous(None, "4711")
    assert previous is not None and previous.sha256 == "0" * 64


def test_not_an_order_and_failed_documents_have_no_order_row(store: OrderStore) -> None:
    store.record(make_result("1" * 64, status="not_an_order"))
    failed = make_result("2" * 64, status="failed")
    failed.error = ErrorInfo(code="input.corrupt", message="broken")
    store.record(failed)
    assert store.find_previous(None, "4711") is None
    rows = {row.sha256: row for row in store.recent(10)}
    assert rows["2" * 64].error_code == "input.corrupt"
    assert rows["1" * 64].order_number is None


def test_recent_is_newest_first_and_limited(store: OrderStore) -> None:
    for day in range(1, 6):
        store.record(make_result(f"{day}" * 64, number=f"PO-{day}"), received_at=datetime(2026, 1, day, tzinfo=UTC))
    assert [row.order_number for row in store.recent(3)] == ["PO-5", "PO-4", "PO-3"]


def test_sqlite_runs_in_wal_mode(store: OrderStore, tmp_path: Path) -> None:
    store.record(make_result("3" * 64))
    with sqlite3.connect(tmp_path / "orders.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_resolve_database_url() -> None:
    base = Path("/srv/orders")
    assert (
        resolve_database_url("sqlite:///.orderintake/orders.db", base) == "sqlite:////srv/orders/.orderintake/orders.db"
    )
    assert resolve_database_url("sqlite:////abs/o.db", base) == "sqlite:////abs/o.db"
    assert resolve_database_url("sqlite://", base) == "sqlite://"
    pg = "postgresql+psycopg://u:secret@db/orders"
    assert resolve_database_url(pg, base) == pg


def test_buyer_key_folds_case_space_and_punctuation() -> None:
    assert buyer_key(" Müller & Söhne GmbH. ") == buyer_key("MÜLLER  SÖHNE GMBH")
    assert buyer_key("") is None
    assert buyer_key("---") is None


def test_open_store_shares_one_store_per_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    assert open_store(url) is open_store(url)


WRITER = """
import sys
from models.document import DocumentInfo
from models.order import Order, Party
from models.result import ExtractionResult
from pipeline.store import OrderStore

url, worker, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
store = OrderStore(url)
for index in range(count):
    sha = f"{worker:04d}{index:060d}"
    store.record(ExtractionResult(status="complete", document=DocumentInfo(source=f"inbox/{sha}.pdf", sha256=sha),
                                  order=Order(order_number=f"PO-{worker}-{index}", buyer=Party(name="Hansen GmbH"))))
    store.find_previous("Hansen GmbH", f"PO-{worker}-{index}", exclude_sha256=sha)
"""


def test_many_processes_write_at_once_without_lock_errors(tmp_path: Path) -> None:
    # Separate interpreters (not fork): a forked test worker would share its threads' and engines' state.
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    workers = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, str(worker), "25"], stderr=subprocess.PIPE)
        for worker in range(6)
    ]
    errors = [process.communicate(timeout=180)[1].decode(errors="replace") for process in workers]
    assert [process.returncode for process in workers] == [0] * len(workers), errors
    assert len(OrderStore(url).recent(1000)) == 150
