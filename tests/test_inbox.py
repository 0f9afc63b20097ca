"""The watched inbox on real files, real extraction and a real SQLite registry (no Prefect)."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models.errors import OcrError
from models.result import ExtractionResult
from pipeline.inbox import (
    Inbox,
    InboxBusyError,
    InboxLayout,
    StabilityTracker,
    exclusive_root,
    is_candidate,
    local_processor,
    run_once,
    unique_path,
    watch,
)
from pipeline.settings import Settings
from pipeline.store import OrderStore

ORDER_TEXT = """PURCHASE ORDER

Hansen Maschinenbau GmbH
Industriestrasse 12, 70565 Stuttgart, Germany

To: Ningbo Sunrise Industrial Co., Ltd.

PO Number: {number}
Order Date: 2026-03-14
Currency: EUR
Incoterms: FOB Ningbo
Payment terms: 30% T/T deposit, balance before shipment
Delivery date: 2026-05-15

Item  SKU          Description                  Qty   Unit  Unit Price  Amount
1     LED-PNL-6060 LED panel light 600x600 40W  500   PCS   12.50       6250.00

Total: 6250.00
"""
INVOICE_TEXT = """INVOICE

Invoice number: INV-2026-0042
Invoice date: 2026-03-20
Bill to: Hansen Maschinenbau GmbH

Description  Qty  Price  Amount
LED panel    10   12.50  125.00

Total due: 125.00 EUR
Please pay within 30 days.
"""
BROKEN_PDF = b"%PDF-1.4\n1 0 obj garbage\n"


class SimulatedCrash(BaseException):
    """Stands for the process being killed mid-file."""


def order_text(number: str) -> str:
    return ORDER_TEXT.format(number=number)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'orders.db'}")


@pytest.fixture
def store(settings: Settings) -> OrderStore:
    return OrderStore(settings.database_url)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return InboxLayout(tmp_path / "root").create().root


class Spy:
    """Wraps the real processor; remembers each call and the file size it saw."""

    def __init__(self, settings: Settings, store: OrderStore) -> None:
        self.inner = local_processor(settings, store)
        self.calls: list[tuple[str, int]] = []

    def __call__(self, path: Path, outbox: Path) -> ExtractionResult:
        self.calls.append((path.name, path.stat().st_size))
        return self.inner(path, outbox)


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- mechanics -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("po.pdf", True),
        (".po.pdf", False),
        ("~$order.docx", False),
        ("po.pdf.tmp", False),
        ("po.pdf.part", False),
        ("po.pdf.crdownload", False),
        (".po.txt.swp", False),
        ("po.txt~", False),
    ],
)
def test_hidden_and_temporary_names_are_not_candidates(tmp_path: Path, name: str, expected: bool) -> None:
    path = tmp_path / name
    path.write_text("x")
    assert is_candidate(path) is expected


def test_unique_path_never_reuses_a_name(tmp_path: Path) -> None:
    (tmp_path / "po.pdf").write_text("1")
    (tmp_path / "po-2.pdf").write_text("2")
    assert unique_path(tmp_path, "po.pdf") == tmp_path / "po-3.pdf"
    assert unique_path(tmp_path, "new.pdf") == tmp_path / "new.pdf"


def test_stability_needs_unchanged_size_and_mtime_for_the_settle_interval(tmp_path: Path) -> None:
    now = [0.0]
    tracker = StabilityTracker(settle_s=2.0, clock=lambda: now[0])
    path = tmp_path / "po.txt"
    path.write_text("part")
    assert not tracker.observe(path)
    now[0] = 1.0
    assert not tracker.observe(path)
    with path.open("a") as handle:
        handle.write(" more")
    now[0] = 2.5
    assert not tracker.observe(path)  # changed: the interval starts again
    now[0] = 4.6
    assert tracker.observe(path)
    path.unlink()
    assert not tracker.observe(path)
    assert tracker.pending == []


def test_claim_moves_atomically_and_avoids_outbox_names(root: Path) -> None:
    inbox = Inbox(root, processor=lambda p, o: ExtractionResult())
    (root / "outbox" / "po").mkdir()
    dropped = root / "inbox" / "po.txt"
    dropped.write_text("x")
    claimed = inbox.claim(dropped)
    assert claimed == root / "processing" / "po-2.txt"
    assert not dropped.exists()
    assert inbox.claim(dropped) is None  # gone: someone else took it


def test_only_one_consumer_per_root(root: Path) -> None:
    layout = InboxLayout(root)
    with exclusive_root(layout), pytest.raises(InboxBusyError), exclusive_root(layout):
        pass
    with exclusive_root(layout):  # released again
        pass


def test_processor_exception_goes_to_failed_with_error_json_and_no_content(root: Path, store: OrderStore) -> None:
    def broken(path: Path, outbox: Path) -> ExtractionResult:
        raise OcrError("Tesseract is busy: SECRET CUSTOMER TEXT", retryable=True)

    (root / "inbox" / "scan.png").write_bytes(b"not really an image")
    [outcome] = run_once(Inbox(root, broken, store=store), settle_s=0)
    assert outcome.status == "failed"
    assert names(root / "failed") == {"scan.png", "scan.png.error.json"}
    error = json.loads((root / "failed" / "scan.png.error.json").read_text())
    assert error["code"] == "ocr.failed"
    assert error["retryable"] is True
    assert "SECRET" not in json.dumps(error)
    assert store.seen(outcome.sha256 or "") is not None


def test_retention_deletes_only_old_filed_inputs(root: Path) -> None:
    inbox = Inbox(root, processor=lambda p, o: ExtractionResult())
    (root / "archive" / "old.pdf").write_text("x")
    (root / "inbox" / "new.pdf").write_text("y")
    assert inbox.sweep_retention(30) == 0
    assert inbox.sweep_retention(30, now=time.time() + 31 * 86_400) == 1
    assert names(root / "archive") == set()
    assert names(root / "inbox") == {"new.pdf"}


# --- real processing -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_once_files_each_input_in_exactly_one_place(root: Path, settings: Settings, monkeypatch) -> None:
    from pipeline.cli import app

    inbox_dir = root / "inbox"
    (inbox_dir / "po.txt").write_text(order_text("4500012345"))
    (inbox_dir / "po-copy.txt").write_text(order_text("4500012345"))  # same bytes, other name
    (inbox_dir / "invoice.txt").write_text(INVOICE_TEXT)
    (inbox_dir / "broken.pdf").write_bytes(BROKEN_PDF)
    for ignored in (".hidden.pdf", "download.pdf.part", "~$lock.docx"):
        (inbox_dir / ignored).write_text("x")
    monkeypatch.setenv("ORDERINTAKE_DATABASE_URL", settings.database_url)

    run = CliRunner().invoke(app, ["watch", "--root", str(root), "--once", "--no-prefect", "-q", "--settle", "0.2"])
    assert run.exit_code == 0, run.output
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 4

    assert names(root / "archive") == {"po.txt", "po-copy.txt", "po-copy.txt.duplicate.json"}
    assert names(root / "ignored") == {"invoice.txt"}
    assert names(root / "failed") == {"broken.pdf", "broken.pdf.error.json"}
    assert json.loads((root / "failed" / "broken.pdf.error.json").read_text())["code"] == "input.corrupt"
    assert names(inbox_dir) == {".hidden.pdf", "download.pdf.part", "~$lock.docx"}
    assert names(root / "processing") == set()
    assert {"po", "invoice", "broken"} <= names(root / "outbox")
    result = json.loads((root / "outbox" / "po" / "result.json").read_text())
    assert result["order"]["order_number"] == "4500012345"
    assert result["status"] in ("complete", "needs_review")


@pytest.mark.slow
def test_same_bytes_dropped_again_later_are_not_processed_again(
    root: Path, settings: Settings, store: OrderStore
) -> None:
    spy = Spy(settings, store)
    inbox = Inbox(root, spy, store=store)
    (root / "inbox" / "po.txt").write_text(order_text("4500010005"))
    run_once(inbox, settle_s=0)
    (root / "inbox" / "po.txt").write_text(order_text("4500010005"))
    [outcome] = run_once(inbox, settle_s=0)
    assert outcome.duplicate
    assert len(spy.calls) == 1
    assert names(root / "archive") == {"po.txt", "po-2.txt", "po-2.txt.duplicate.json"}
    assert names(root / "outbox") == {"po"}


@pytest.mark.slow
def test_crash_mid_file_leaves_it_to_be_processed_after_restart(
    root: Path, settings: Settings, store: OrderStore
) -> None:
    def crashing(path: Path, outbox: Path) -> ExtractionResult:
        raise SimulatedCrash

    (root / "inbox" / "po.txt").write_text(order_text("4500010004"))
    with pytest.raises(SimulatedCrash):
        run_once(Inbox(root, crashing, store=store), settle_s=0)
    assert names(root / "processing") == {"po.txt"}
    assert store.recent(10) == []

    outcomes = run_once(Inbox(root, local_processor(settings, store), store=store), settle_s=0)
    assert [o.status for o in outcomes] in (["complete"], ["needs_review"])
    assert names(root / "archive") == {"po.txt"}
    assert names(root / "processing") == set()
    assert (root / "outbox" / "po" / "result.json").exists()


@pytest.mark.slow
def test_watch_waits_for_slow_writers_and_renamed_temp_files(root: Path, settings: Settings, store: OrderStore) -> None:
    spy = Spy(settings, store)
    inbox = Inbox(root, spy, store=store)
    (root / "inbox" / "early.txt").write_text(order_text("4500010001"))  # there before the watcher starts
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(inbox,), kwargs={"settle_s": 0.8, "stop_event": stop})
    watcher.start()
    try:
        slow_text = order_text("4500010002").encode()
        with (root / "inbox" / "slow.txt").open("wb") as handle:
            for start in range(0, len(slow_text), 100):
                handle.write(slow_text[start : start + 100])
                handle.flush()
                time.sleep(0.15)
        partial = root / "inbox" / "renamed.txt.part"
        partial.write_text(order_text("4500010003"))
        time.sleep(1.2)  # a temp name is never taken, however long it stays
        os.rename(partial, root / "inbox" / "renamed.txt")
        deadline = time.monotonic() + 90
        while len(names(root / "archive")) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop.set()
        watcher.join(30)
    assert names(root / "archive") == {"early.txt", "slow.txt", "renamed.txt"}
    assert sorted(spy.calls) == sorted(
        [
            ("early.txt", len(order_text("4500010001").encode())),
            ("slow.txt", len(slow_text)),
            ("renamed.txt", len(order_text("4500010003").encode())),
        ]
    )
    slow_result = json.loads((root / "outbox" / "slow" / "result.json").read_text())
    assert slow_result["order"]["order_number"] == "4500010002"
