"""Reader processes: run one function call in a child process under a wall-clock and an address-space limit.

What a call gives back (see `extractors.isolation` for its use on documents):

- the function's (picklable) result, or the `IntakeError` it raised;
- past the time limit the child and the processes it started (one process group, e.g. Tesseract) are killed:
  `InputTimeoutError`; a child that outlives its parent anyway stops itself by `SIGALRM` shortly after;
- a `MemoryError` (also one a reader wrapped into another error), or a child that dies (an allocation failing
  in C code aborts or crashes it): `InputTooLargeError`;
- any other exception is a bug: `IntakeError` with code `internal.error`; its traceback is logged at debug
  level only, as it may quote the document.

Processes are kept in a small pool and reused: a call costs a pickle of its arguments and of its result
(about a millisecond per 100 kB), and imports are paid once per process. A process that was killed, ran out of
memory or served `MAX_TASKS_PER_WORKER` calls is replaced on demand. A new process is forked when the calling
process has a single OS thread (a copy of it, ready in about 10 ms, with everything already imported); in a
multi-threaded caller (a Prefect worker, the inbox with several jobs) another thread could hold a lock that the
copy would inherit locked, so there a fresh interpreter is started instead (about 0.6 s, once per process).
That interpreter runs only this module's loop: unlike multiprocessing's `spawn` and `forkserver` start
methods, it never re-imports the caller's main module.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from models.errors import InputTimeoutError, InputTooLargeError, IntakeError

log = logging.getLogger(__name__)

Task = tuple[Callable[..., Any], tuple[Any, ...], float, int]
"""(function, arguments, time limit in seconds, address-space limit in bytes)"""
Reply = tuple[Any, ...]
"""("ok", result) | ("error", class name, code, message, retryable) | ("memory",) | ("bug", exception type)"""

MAX_TASKS_PER_WORKER = 100
"""A process is retired after this many calls, so leaks and heap fragmentation stay bounded."""
IDLE_WORKERS = max(2, os.cpu_count() or 2)
"""At most this many processes wait for work; more are started while more calls run at once."""
START_TIMEOUT_S = 60.0
WATCHDOG_GRACE_S = 10
"""A process whose parent did not kill it this long after the deadline stops itself."""
_BOOTSTRAP = (
    "import sys\n"
    "from multiprocessing.connection import Connection\n"
    "conn = Connection(int(sys.argv[1]))\n"
    "sys.path[:] = conn.recv()\n"
    "from extractors.reader_processes import serve\n"
    "serve(conn)\n"
)


def run_limited(function: Callable[..., Any], args: tuple[Any, ...], *, timeout_s: float, memory_bytes: int) -> Any:
    """Call `function(*args)` in a reader process.

    Args:
        function: A module-level function (sent to the process by reference).
        args: Its picklable arguments.
        timeout_s: Wall-clock limit for the call; 0 or less means none.
        memory_bytes: Address-space limit (RLIMIT_AS) of the process during the call; 0 or less means none.

    Returns:
        The function's result.

    Raises:
        InputTimeoutError: the call took longer than `timeout_s`.
        InputTooLargeError: the call ran out of memory, or the process died.
        IntakeError: the IntakeError the function raised, or `internal.error` for any other exception or a
            process that cannot start.

    """
    return _POOL.run((function, args, timeout_s, memory_bytes))


def shutdown() -> None:
    """Stop every reader process of this process (done at exit as well)."""
    _POOL.close()


def caused_by_memory(exc: BaseException) -> bool:
    """Whether a MemoryError is among the causes of an exception (chained, or wrapped as an argument).

    Args:
        exc: The exception a reader raised.

    Returns:
        True when the call failed for want of memory.

    """
    pending, seen = [exc], 0
    while pending and seen < 20:
        current = pending.pop()
        seen += 1
        if isinstance(current, MemoryError):
            return True
        causes = (current.__cause__, current.__context__, *current.args)
        pending.extend(cause for cause in causes if isinstance(cause, BaseException))
    return False


def serve(conn: Connection) -> None:
    """Reader process main loop: one task at a time until the parent closes the pipe or sends None.

    Args:
        conn: This process's end of the pipe to the parent.

    """
    with contextlib.suppress(OSError):
        os.setpgrp()  # one group with the Tesseract processes it starts, killed together on a timeout
        os.dup2(2, 1)  # nothing a library prints may reach the parent's stdout (the CLI's JSON)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; an interrupt there kills this process
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the watchdog ends the process, whatever a forked copy inherited
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        reply = _run_task(*task)
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory",))
        if reply[0] == "memory":
            return  # the heap may be in a poor state after a failed allocation: start afresh


def _run_task(function: Callable[..., Any], args: tuple[Any, ...], timeout_s: float, memory_bytes: int) -> Reply:
    _limit_address_space(memory_bytes)
    if timeout_s > 0:
        signal.alarm(int(timeout_s) + WATCHDOG_GRACE_S)
    try:
        return ("ok", function(*args))
    except IntakeError as exc:
        if caused_by_memory(exc):  # a reader that wrapped a MemoryError as "damaged"
            return ("memory",)
        return ("error", type(exc).__name__, exc.code, exc.message, exc.retryable)
    except MemoryError:
        return ("memory",)
    except Exception as exc:  # a reader bug; the traceback may quote the document, so it stays at debug level
        log.debug("reader bug: %s", "".join(traceback.format_exception(exc)))
        return ("bug", type(exc).__name__)
    finally:
        signal.alarm(0)
        _limit_address_space(None)


def _limit_address_space(limit: int | None) -> None:
    """Set the soft RLIMIT_AS of this process (None: back to the hard limit); Tesseract inherits it."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = hard if limit is None or limit <= 0 else limit
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _error_from_reply(reply: Reply, limit: int) -> IntakeError:
    """The exception a reader process reported."""
    if reply[0] == "error":
        _, class_name, code, message, retryable = reply
        error_class = _ERROR_CLASSES.get(class_name, IntakeError)
        return error_class(message, code=code, retryable=retryable)
    if reply[0] == "memory":
        return _too_large(limit)
    return IntakeError(f"Unexpected error while reading the file ({reply[1]}).", code="internal.error")


def _too_large(limit: int, how: str = "needed more memory than") -> InputTooLargeError:
    return InputTooLargeError(
        f"Reading the file {how} the limit of {limit:,} bytes; it is too large or too complex to read. "
        "Split it or send it as a simpler PDF."
    )


def _intake_error_classes() -> dict[str, type[IntakeError]]:
    classes: dict[str, type[IntakeError]] = {"IntakeError": IntakeError}
    pending = list(IntakeError.__subclasses__())
    while pending:
        error_class = pending.pop()
        classes[error_class.__name__] = error_class
        pending.extend(error_class.__subclasses__())
    return classes


_ERROR_CLASSES = _intake_error_classes()


def _single_threaded() -> bool:
    """Whether this process has one OS thread (native library threads count too); False when unknown."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class _Child:
    """A reader process: its pid, and how it is reaped (waitpid for a fork, its Popen for an interpreter)."""

    def __init__(self, pid: int, popen: subprocess.Popen[bytes] | None = None) -> None:
        self.pid, self.popen = pid, popen
        self.status: int | None = None

    @classmethod
    def fork(cls, child_end: Connection, parent_end: Connection) -> _Child:
        """A copy of this (single-threaded) process that runs `serve`."""
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which leaves through os._exit
            code = 0
            try:
                parent_end.close()  # a copy of the parent's end would hide the parent's exit (no EOF)
                serve(child_end)
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        return cls(pid)

    @classmethod
    def spawn(cls, child_end: Connection) -> _Child:
        """A fresh interpreter that runs `serve`."""
        fd = child_end.fileno()
        popen = subprocess.Popen(
            [sys.executable, "-c", _BOOTSTRAP, str(fd)], pass_fds=(fd,), stdin=subprocess.DEVNULL, close_fds=True
        )
        return cls(popen.pid, popen)

    def exitcode(self) -> int | None:
        """The exit code (negative: killed by that signal), or None while it runs."""
        if self.status is None:
            if self.popen is not None:
                self.status = self.popen.poll()
            else:
                with contextlib.suppress(ChildProcessError):
                    pid, status = os.waitpid(self.pid, os.WNOHANG)
                    if pid:
                        self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait(self, timeout: float) -> int | None:
        """Wait up to timeout seconds for the process to end."""
        deadline = time.monotonic() + timeout
        while self.exitcode() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        return self.status

    def kill(self) -> None:
        """Kill the process group (the process and its Tesseract processes)."""
        if self.exitcode() is None:
            with contextlib.suppress(OSError):
                os.killpg(self.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            self.wait(5.0)


class _Worker:
    """One reader process and the parent's end of its pipe."""

    def __init__(self) -> None:
        left, right = socket.socketpair()
        self.conn, child_end = Connection(left.detach()), Connection(right.detach())
        try:
            if _single_threaded():
                self.child = _Child.fork(child_end, self.conn)
            else:
                self.child = _Child.spawn(child_end)
                self.conn.send(list(sys.path))
        finally:
            child_end.close()
        self.tasks = 0
        if not self.conn.poll(START_TIMEOUT_S) or self._recv_ready() != "ready":
            self.kill()
            raise IntakeError("The reader process could not start; check the installation.", code="internal.error")

    def _recv_ready(self) -> object:
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def call(self, task: Task) -> Any:
        """Run one task; on anything but the function's own IntakeError the process is killed."""
        _, _, timeout_s, memory_bytes = task
        self.tasks += 1
        self.conn.send(task)
        if not self.conn.poll(timeout_s if timeout_s > 0 else None):
            self.kill()
            raise InputTimeoutError(
                f"Reading the file took longer than the limit of {timeout_s:g} s; it may be damaged "
                "or far too complex. Send a simpler copy (for example printed to a new PDF)."
            )
        try:
            reply = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise _too_large(memory_bytes, how=self._death()) from None
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "memory":
            self.kill()
        raise _error_from_reply(reply, memory_bytes)

    def _death(self) -> str:
        code = self.child.wait(1.0)
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                return f"stopped the reader ({signal.Signals(-code).name}); it most likely needed more memory than"
        return "stopped the reader; it most likely needed more memory than"

    @property
    def usable(self) -> bool:
        """Alive and not yet due for retirement."""
        return self.child.exitcode() is None and self.tasks < MAX_TASKS_PER_WORKER

    def kill(self) -> None:
        """Kill the process and the Tesseract processes it started."""
        self.child.kill()
        self.conn.close()

    def retire(self) -> None:
        """Ask an idle process to exit, then make sure it did."""
        if self.child.exitcode() is None:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.child.wait(1.0)
        self.kill()


class _ReaderPool:
    """Reader processes shared by the threads of this process; grown on demand, recycled after failures."""

    def __init__(self) -> None:
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._lock = threading.Lock()
        self._owner = os.getpid()

    def run(self, task: Task) -> Any:
        """Run one task on an idle (or new) reader process."""
        worker = self._acquire()
        try:
            try:
                result = worker.call(task)
            except (BrokenPipeError, ConnectionResetError):
                worker = self._replace(worker)  # it died while idle (killed from outside): one more try
                result = worker.call(task)
        except IntakeError:
            self._release(worker)  # a killed process is dropped there; a reader's own refusal keeps it
            raise
        except BaseException:
            self._discard(worker)  # interrupted mid-task: its state is unknown
            raise
        self._release(worker)
        return result

    def _acquire(self) -> _Worker:
        with self._lock:
            if self._owner != os.getpid():  # a forked copy of the owner: those processes are not ours
                self._idle, self._busy, self._owner = [], set(), os.getpid()
            while self._idle:
                worker = self._idle.pop()
                if worker.usable:
                    self._busy.add(worker)
                    return worker
                worker.kill()
        worker = _Worker()
        with self._lock:
            self._busy.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        self._discard(worker)
        fresh = _Worker()
        with self._lock:
            self._busy.add(fresh)
        return fresh

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
        worker.kill()

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            if worker.usable and len(self._idle) < IDLE_WORKERS:
                self._idle.append(worker)
                return
        worker.retire()

    def close(self) -> None:
        """Retire the idle processes and kill the busy ones (at exit, their callers are gone)."""
        with self._lock:
            if self._owner != os.getpid():
                return
            idle, busy = self._idle, list(self._busy)
            self._idle, self._busy = [], set()
        for worker in idle:
            worker.retire()
        for worker in busy:
            worker.kill()


_POOL = _ReaderPool()
atexit.register(_POOL.close)
