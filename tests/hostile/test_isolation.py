"""The reader processes: hangs, memory blow-ups, crashes and bugs cost one document, never the caller.

Faults are injected with the test-only reading functions of `hostile_faults` (a parser that hangs, allocates,
crashes); the glyph-flood PDF makes the real pdfminer blow up.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import hostile_faults as faults
import pytest
from hostile_corpus import glyph_flood_pdf

from extractors.api import extract_order
from extractors.isolation import ReadFunction, read_isolated
from models.errors import EncryptedInputError, InputTimeoutError, InputTooLargeError, IntakeError
from models.options import ExtractOptions, Limits


def _options(**limits: float) -> ExtractOptions:
    return ExtractOptions(limits=Limits(**limits))  # type: ignore[arg-type]


def _reader_pid(options: ExtractOptions | None = None) -> int:
    document = read_isolated(b"PO 4711", "po.txt", options or ExtractOptions(), read=faults.read_fine)
    assert document.pages[0].words[0].text == "PO 4711"
    return int(document.metadata["pid"])


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


def test_reading_runs_in_a_reused_reader_process() -> None:
    first = _reader_pid()
    assert first != os.getpid()
    assert _reader_pid() == first


def test_isolation_off_reads_in_the_calling_process() -> None:
    assert _reader_pid(ExtractOptions(isolate=False)) == os.getpid()


def test_a_hang_is_a_timeout_and_the_next_document_is_read() -> None:
    started = time.monotonic()
    with pytest.raises(InputTimeoutError) as caught:
        read_isolated(b"x", "x.pdf", _options(parse_timeout_s=1), read=faults.hang)
    assert caught.value.code == "input.timeout"
    assert time.monotonic() - started < 10
    assert _reader_pid() != os.getpid()


def test_a_timeout_also_kills_the_helper_processes(tmp_path: Path) -> None:
    pid_file = tmp_path / "helper.pid"
    with pytest.raises(InputTimeoutError):
        read_isolated(str(pid_file).encode(), "x.png", _options(parse_timeout_s=1), read=faults.hang_with_helper)
    helper = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not _gone(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(helper)


def test_a_memory_blowup_is_too_large() -> None:
    with pytest.raises(InputTooLargeError) as caught:
        read_isolated(b"x", "x.pdf", _options(parse_memory_bytes=1024**3), read=faults.allocate)
    assert caught.value.code == "input.too_large"
    assert "1,073,741,824" in caught.value.message
    _reader_pid()


def test_a_crashing_reader_is_too_large_and_replaced() -> None:
    with pytest.raises(InputTooLargeError, match="SIGSEGV"):
        read_isolated(b"x", "x.pdf", ExtractOptions(), read=faults.crash)
    _reader_pid()


def test_a_reader_bug_is_an_internal_error_without_document_text() -> None:
    with pytest.raises(IntakeError) as caught:
        read_isolated(b"secret customer line", "x.pdf", ExtractOptions(), read=faults.bug)
    assert caught.value.code == "internal.error"
    assert "KeyError" in caught.value.message
    assert "secret" not in caught.value.message


def test_a_readers_refusal_comes_back_unchanged() -> None:
    with pytest.raises(EncryptedInputError) as caught:
        read_isolated(b"x", "x.docx", ExtractOptions(), read=faults.refuse_encrypted)
    assert (caught.value.code, caught.value.message, caught.value.retryable) == ("input.encrypted", "locked", True)


def test_the_text_cap_applies_to_every_read_document() -> None:
    with pytest.raises(InputTooLargeError, match="characters of text"):
        read_isolated(b"x" * 101, "x.txt", _options(max_text_chars=100), read=faults.read_fine)


def test_threads_share_the_pool_and_a_hang_does_not_block_the_others() -> None:
    """With other threads running, reader processes are fresh interpreters; one hangs, one reads."""
    outcomes: dict[str, object] = {}

    def run(key: str, read: ReadFunction, options: ExtractOptions) -> None:
        try:
            outcomes[key] = read_isolated(b"PO 4711", "po.txt", options, read=read)
        except IntakeError as exc:
            outcomes[key] = exc

    threads = [
        threading.Thread(target=run, args=("hang", faults.hang, _options(parse_timeout_s=12))),
        threading.Thread(target=run, args=("fine", faults.read_fine, ExtractOptions())),
    ]
    for thread in threads:
        thread.start()
    threads[1].join(timeout=11)
    assert not isinstance(outcomes.get("fine"), Exception)
    assert "hang" not in outcomes  # still running: the fine one did not wait for it
    threads[0].join(timeout=30)
    assert isinstance(outcomes["hang"], InputTimeoutError)


def test_pdfminer_blowing_up_is_stopped_by_the_time_limit() -> None:
    """A 20 kB PDF showing 20 million glyphs: pdfminer makes an object per glyph (the memory limit stopping
    the same file is tested through the CLI)."""
    started = time.monotonic()
    result = extract_order(glyph_flood_pdf(), filename="flood.pdf", options=_options(parse_timeout_s=2))
    assert result.status == "failed" and result.error is not None
    # whichever limit the blow-up reaches first stops it: the time limit, or on a fast core the memory limit
    assert result.error.code in ("input.timeout", "input.too_large")
    assert time.monotonic() - started < 10
