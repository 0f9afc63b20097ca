"""The watched inbox: files dropped into ROOT/inbox become outputs in ROOT/outbox, nothing is ever lost.

Layout under ROOT: `inbox/` (drop files here), `processing/` (claimed, being processed), `outbox/<stem>/`
(results), and exactly one final place for every input: `archive/` (processed, including `needs_review`),
`ignored/` (`not_an_order`) or `failed/` (with `<name>.error.json`).

A file is taken once it is completely written (size and mtime unchanged over a settle interval) and claimed by
an atomic rename into `processing/`. A crash leaves the file in `processing/`, where the next start finds it
again. Files are never deleted (except by the opt-in retention sweep) and never overwritten: a name clash gets
a `-2`, `-3` suffix. The same bytes twice are processed once (the order registry knows every sha256).

This module knows nothing about Prefect: the work on one file is a `Processor` passed in, so the same
mechanics run in-process (`orderintake watch`) or hand each file to a Prefect deployment.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from models.findings import ErrorInfo
from models.result import ExtractionResult

if TYPE_CHECKING:
    import threading

    from pipeline.settings import Settings
    from pipeline.store import OrderStore

log = logging.getLogger(__name__)

FOLDERS = ("inbox", "processing", "outbox", "archive", "ignored", "failed")
IGNORED_NAMES = (".*", "~$*", "*.tmp", "*.part", "*.crdownload", "*.swp", "*~")
DESTINATION_BY_STATUS = {"complete": "archive", "needs_review": "archive", "not_an_order": "ignored"}
Processor = Callable[[Path, Path], ExtractionResult]
"""Processes one claimed file into an output folder: `(path, outbox) -> result`."""


class InboxBusyError(RuntimeError):
    """Another watcher (or a scheduled inbox run) is already working on this ROOT."""


@dataclass(frozen=True)
class InboxLayout:
    """The folders of one service root."""

    root: Path

    def folder(self, name: str) -> Path:
        """The path of one of the `FOLDERS`."""
        return self.root / name

    @property
    def inbox(self) -> Path:
        """Where files are dropped."""
        return self.folder("inbox")

    @property
    def processing(self) -> Path:
        """Where claimed files wait while they are processed."""
        return self.folder("processing")

    @property
    def outbox(self) -> Path:
        """Where `<stem>/result.json` and the confirmation files go."""
        return self.folder("outbox")

    def create(self) -> InboxLayout:
        """Create the folders that do not exist yet."""
        for name in FOLDERS:
            self.folder(name).mkdir(parents=True, exist_ok=True)
        return self


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    name: str
    destination: Path
    status: str
    sha256: str | None
    duplicate: bool = False
    error_code: str | None = None


def is_candidate(path: Path) -> bool:
    """Whether a path is a finished input file: a regular file whose name is not hidden or temporary."""
    if any(fnmatch.fnmatch(path.name, pattern) for pattern in IGNORED_NAMES):
        return False
    try:
        return path.is_file() and not path.is_symlink()
    except OSError:
        return False


def candidates(folder: Path) -> list[Path]:
    """The input files directly in `folder`, oldest first."""
    try:
        found = [p for p in folder.iterdir() if is_candidate(p)]
    except FileNotFoundError:
        return []
    return sorted(found, key=lambda p: (_mtime(p), p.name))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class StabilityTracker:
    """Decides when a file is completely written: size and mtime unchanged for `settle_s` seconds."""

    def __init__(self, settle_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        """Track files with a settle interval (seconds) and a monotonic clock."""
        self.settle_s = settle_s
        self._clock = clock
        self._seen: dict[Path, tuple[tuple[int, int], float]] = {}

    def observe(self, path: Path) -> bool:
        """Look at a file now; True when it has not changed for the settle interval."""
        try:
            stat = path.stat()
        except OSError:
            self.forget(path)
            return False
        signature = (stat.st_size, stat.st_mtime_ns)
        now = self._clock()
        previous = self._seen.get(path)
        if previous is None or previous[0] != signature:
            self._seen[path] = (signature, now)
            return self.settle_s <= 0
        return now - previous[1] >= self.settle_s

    def forget(self, path: Path) -> None:
        """Stop tracking a file (it was taken, deleted or renamed)."""
        self._seen.pop(path, None)

    @property
    def pending(self) -> list[Path]:
        """The files being watched until they are stable."""
        return list(self._seen)


def unique_path(folder: Path, name: str, taken: Callable[[Path], bool] | None = None) -> Path:
    """A path in `folder` for `name` that is not taken: `name`, then `stem-2.ext`, `stem-3.ext`, ..."""
    is_taken = taken or (lambda candidate: candidate.exists())
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    counter = 2
    while is_taken(candidate):
        candidate = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_json(path: Path, payload: Mapping[str, object]) -> None:
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@contextmanager
def exclusive_root(layout: InboxLayout) -> Iterator[None]:
    """Hold the ROOT's lock: one consumer of an inbox at a time; a crash releases it.

    Raises:
        InboxBusyError: Another process holds the lock.

    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no cross-process lock
        yield
        return
    with (layout.root / ".orderintake.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise InboxBusyError(f"Another orderintake watcher is already processing {layout.root}.") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Inbox:
    """Claims, processes and files away the inputs of one service root."""

    def __init__(
        self,
        root: Path,
        processor: Processor,
        *,
        store: OrderStore | None = None,
        jobs: int = 1,
    ) -> None:
        """Bind the inbox mechanics of ROOT to a processor.

        Args:
            root: The service root; its folders are created when missing.
            processor: The work on one claimed file: `(path, outbox) -> ExtractionResult`.
            store: The order registry, for deduplication by sha256 and history; None skips both.
            jobs: How many files are processed at the same time.

        """
        self.layout = InboxLayout(root).create()
        self.processor = processor
        self.store = store
        self.jobs = max(1, jobs)

    def claim(self, path: Path) -> Path | None:
        """Move a file from the inbox into processing/ atomically; None when someone else took it.

        The claimed name is unique in processing/ and as an outbox folder, so the outputs of a claimed
        `name.ext` go to `outbox/<safe name>/`, never next to an earlier input's.
        """
        from pipeline.process import safe_folder_name

        layout = self.layout

        def taken(candidate: Path) -> bool:
            return candidate.exists() or (layout.outbox / safe_folder_name(candidate.stem)).exists()

        target = unique_path(layout.processing, path.name, taken)
        try:
            os.rename(path, target)
        except FileNotFoundError:
            return None
        return target

    def process_batch(
        self, paths: Iterable[Path], on_outcome: Callable[[Outcome], None] | None = None
    ) -> list[Outcome]:
        """Claim and process files (inbox files, or files already in processing/).

        The same bytes twice in one batch are processed once; the repeats are filed as duplicates after.
        """
        claimed = [p if p.parent == self.layout.processing else self.claim(p) for p in paths]
        by_sha: dict[str, list[Path]] = {}
        for path in claimed:
            if path is not None:
                by_sha.setdefault(file_sha256(path), []).append(path)
        firsts = [(sha, group[0]) for sha, group in by_sha.items()]
        repeats = [(sha, path) for sha, group in by_sha.items() for path in group[1:]]
        outcomes: list[Outcome] = []

        def run(item: tuple[str, Path]) -> Outcome:
            outcome = self.process_claimed(item[1], item[0])
            if on_outcome:
                on_outcome(outcome)
            return outcome

        if self.jobs == 1 or len(firsts) < 2:
            outcomes.extend(run(item) for item in firsts)
        else:
            with ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="inbox") as pool:
                outcomes.extend(pool.map(run, firsts))
        outcomes.extend(run(item) for item in repeats)
        return outcomes

    def process_claimed(self, path: Path, sha256: str | None = None) -> Outcome:
        """Process one file in processing/ and move it to its final folder.

        Exceptions that are not `Exception`s (a kill, an interrupt) propagate and leave the file in
        processing/ for the next start.
        """
        sha256 = sha256 or file_sha256(path)
        previous = self.store.seen(sha256) if self.store else None
        if previous is not None and previous.status != "failed":
            return self._file_duplicate(path, sha256, previous)
        received_at = datetime.now(UTC)
        try:
            result = self.processor(path, self.layout.outbox)
        except Exception as exc:
            log.error("document %s: processing raised %s", sha256[:12], type(exc).__name__)
            log.debug("traceback of document %s", sha256[:12], exc_info=True)  # may quote content
            result = _failed_result(exc)
        result.document.sha256 = result.document.sha256 or sha256
        output_dir = self._output_dir(path)
        outcome = self._file_result(path, sha256, result)
        if self.store is not None:  # the registry points at where the input now lies
            filed = result.model_copy(update={"document": result.document.model_copy()})
            filed.document.source = str(outcome.destination)
            self.store.record(filed, received_at=received_at, output_dir=output_dir)
        return outcome

    def _output_dir(self, claimed: Path) -> Path | None:
        """The outbox folder of a claimed file (free when it was claimed, so the processor used it)."""
        from pipeline.process import safe_folder_name

        folder = self.layout.outbox / safe_folder_name(claimed.stem)
        return folder if folder.is_dir() else None

    def _file_result(self, path: Path, sha256: str, result: ExtractionResult) -> Outcome:
        folder = DESTINATION_BY_STATUS.get(result.status, "failed")
        destination = self._move(path, folder)
        error_code = result.error.code if result.error else None
        if folder == "failed":
            error = result.error or ErrorInfo(code="internal.error", message="No result was produced.")
            payload = error.model_dump() | {"sha256": sha256, "file": destination.name, "at": _now_iso()}
            _write_json(destination.with_name(destination.name + ".error.json"), payload)
            error_code = error.code
        log.info("document %s: %s -> %s/", sha256[:12], result.status, folder)
        return Outcome(destination.name, destination, result.status, sha256, error_code=error_code)

    def _file_duplicate(self, path: Path, sha256: str, previous: ExtractionResult) -> Outcome:
        folder = DESTINATION_BY_STATUS.get(previous.status, "archive")
        destination = self._move(path, folder)
        note = {
            "note": "The same bytes were processed before; this copy was not processed again.",
            "sha256": sha256,
            "status": previous.status,
            "first_source": previous.document.source,
            "at": _now_iso(),
        }
        _write_json(destination.with_name(destination.name + ".duplicate.json"), note)
        log.info("document %s: duplicate of an earlier file -> %s/", sha256[:12], folder)
        return Outcome(destination.name, destination, previous.status, sha256, duplicate=True)

    def _move(self, path: Path, folder: str) -> Path:
        target = unique_path(self.layout.folder(folder), path.name)
        os.rename(path, target)
        return target

    def recovered(self) -> list[Path]:
        """Files left in processing/ by an earlier run that stopped mid-file."""
        return candidates(self.layout.processing)

    def sweep_retention(self, days: int, now: float | None = None) -> int:
        """Delete files in archive/, ignored/ and failed/ filed more than `days` days ago.

        Returns:
            How many files were deleted.

        """
        cutoff = (now or time.time()) - days * 86_400
        deleted = 0
        for folder in ("archive", "ignored", "failed"):
            for path in self.layout.folder(folder).iterdir():
                stat = path.stat()
                # rename updates ctime, so ctime is when the file was filed here
                if path.is_file() and max(stat.st_ctime, stat.st_mtime) < cutoff:
                    path.unlink()
                    deleted += 1
        return deleted


def local_processor(settings: Settings, store: OrderStore | None = None) -> Processor:
    """The in-process processor: `pipeline.process.process_file` with the settings and the registry."""
    from pipeline.process import process_file

    def process(path: Path, outbox: Path) -> ExtractionResult:
        return process_file(path, outbox, settings, registry=store, lang=settings.language)

    return process


def _failed_result(exc: Exception) -> ExtractionResult:
    """A failed result for an exception that escaped the processor (message without document content)."""
    code = getattr(exc, "code", None) or "internal.error"
    retryable = bool(getattr(exc, "retryable", False))
    message = f"Processing stopped with {type(exc).__name__}; see the log for details."
    return ExtractionResult(status="failed", error=ErrorInfo(code=code, message=message, retryable=retryable))


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_once(
    inbox: Inbox,
    *,
    settle_s: float = 2.0,
    max_wait_s: float = 60.0,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Process what is in the inbox now (and what a crash left in processing/), then return.

    Files still being written are awaited up to `max_wait_s`; files that arrive meanwhile wait for the
    next run.
    """
    outcomes = inbox.process_batch(inbox.recovered(), on_outcome)
    tracker = StabilityTracker(settle_s)
    waiting = candidates(inbox.layout.inbox)
    if on_total:
        on_total(len(outcomes) + len(waiting))
    deadline = time.monotonic() + max_wait_s
    while waiting:
        ready = [p for p in waiting if tracker.observe(p)]
        outcomes.extend(inbox.process_batch(ready, on_outcome))
        waiting = [p for p in waiting if p not in ready and p.exists()]
        if waiting and time.monotonic() > deadline:
            log.warning("%d file(s) still being written; left in the inbox for the next run", len(waiting))
            break
        if waiting:
            time.sleep(min(0.2, max(settle_s / 4, 0.01)))
    return outcomes


def watch(
    inbox: Inbox,
    *,
    settle_s: float = 2.0,
    force_polling: bool = False,
    rescan_s: float = 30.0,
    stop_event: threading.Event | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> None:
    """Process files as they arrive until `stop_event` is set (or Ctrl-C).

    Starts with what a crash left in processing/ and a scan of the inbox; then follows file-system events
    (`force_polling` for network shares, where events do not arrive) and rescans every `rescan_s` seconds.
    """
    import watchfiles

    inbox.process_batch(inbox.recovered(), on_outcome)
    tracker = StabilityTracker(settle_s)
    for path in candidates(inbox.layout.inbox):
        tracker.observe(path)
    last_scan = time.monotonic()
    tick_ms = max(50, int(min(settle_s, 1.0) * 500))
    for changes in watchfiles.watch(
        inbox.layout.inbox,
        watch_filter=None,
        debounce=tick_ms,
        rust_timeout=tick_ms,
        yield_on_timeout=True,
        stop_event=stop_event,
        force_polling=force_polling,
        poll_delay_ms=tick_ms,
        recursive=False,
    ):
        for change, raw_path in changes:
            path = Path(raw_path)
            if change != watchfiles.Change.deleted and is_candidate(path):
                tracker.observe(path)
            else:
                tracker.forget(path)
        if time.monotonic() - last_scan >= rescan_s:
            for path in candidates(inbox.layout.inbox):
                tracker.observe(path)
            last_scan = time.monotonic()
        ready = [path for path in tracker.pending if tracker.observe(path)]
        for path in ready:
            tracker.forget(path)
        if ready:
            inbox.process_batch(ready, on_outcome)
