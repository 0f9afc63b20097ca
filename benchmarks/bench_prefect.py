"""The cost of Prefect, and the watched inbox under load. Prints tables; not a test.

1. Time per document on the same digital samples: in-process `process_file`, the `process-document` flow run
   in this process against a Prefect server, and a run of the served deployment (`orderintake serve`, one
   subprocess per flow run, which is how runs started from the UI execute).
2. `orderintake watch --once` over a mixed folder: one order per format, non-orders and broken files; every
   input must end in exactly one of archive/, ignored/, failed/.
3. 100 digital orders dropped at once (copies of the samples under new names, bytes varied so that each is
   new), processed by `orderintake watch --once --jobs J`: wall time and "database is locked" errors.

Uses the server at PREFECT_API_URL when set, a temporary one (Prefect's test harness) otherwise.

    .venv/bin/python benchmarks/bench_prefect.py [--samples sample_docs] [--docs 6] [--drop 100] [--jobs 2]
        [--phases 123]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table

console = Console(width=120)
DOCUMENT = "process-document/process-document"
BROKEN = {"truncated.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog", "empty.docx": b"", "noise.xlsx": b"PK\x03\x04junk"}


def digital_samples(samples: Path) -> list[Path]:
    """Inputs of the digital order cases (PDF with a text layer, DOCX, XLSX, text, e-mail), formats interleaved."""
    by_format: dict[str, list[Path]] = {}
    for case in sorted(samples.iterdir()):
        kind = case.name.split("_")[0]
        if case.is_dir() and kind in ("pdf", "docx", "xlsx", "txt", "email") and not _non_order(case.name):
            by_format.setdefault(kind, []).extend(case.glob("input.*"))
    rounds = zip(*by_format.values(), strict=False)
    return [path for group in rounds for path in group]


def _non_order(case: str) -> bool:
    return any(word in case for word in ("quotation", "delivery_note", "proforma", "confirmation"))


def one_per_format(samples: Path) -> list[Path]:
    """The first case of each format prefix (pdf, docx, xlsx, txt, email, scan), plus the non-order cases."""
    chosen: dict[str, Path] = {}
    extras = []
    for case in sorted(samples.iterdir()):
        inputs = list(case.glob("input.*")) if case.is_dir() else []
        if not inputs:
            continue
        if _non_order(case.name):
            extras.append(inputs[0])
        else:
            chosen.setdefault(case.name.split("_")[0], inputs[0])
    return list(chosen.values()) + extras


@contextlib.contextmanager
def prefect_api() -> Iterator[str]:
    """The API URL of the configured Prefect server, or of a temporary one for this run."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=300):
        yield str(PREFECT_API_URL.value())


@contextlib.contextmanager
def served(root: Path, api_url: str) -> Iterator[None]:
    """`orderintake serve --root ROOT` in a subprocess until the block ends."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    env = os.environ | {"PREFECT_API_URL": api_url}
    command = [sys.executable, "-m", "pipeline.cli", "serve", "--root", str(root), "--interval", "0"]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        with get_client(sync_client=True) as client:
            for _ in range(300):
                with contextlib.suppress(ObjectNotFound):
                    client.read_deployment_by_name("process-document/process-document")
                    break
                time.sleep(1)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(60)


def time_per_document(files: list[Path], work: Path, api_url: str) -> None:
    """Phase 1: the same files in-process, as flow runs here, as one inbox run, and via the served deployment."""
    from flows.document import process_document
    from flows.inbox import process_inbox
    from pipeline.process import process_file
    from pipeline.settings import load_settings

    settings = load_settings()
    process_file(files[0], work / "warmup", settings)  # imports and caches out of the measurement
    process_document(str(files[0]), str(work / "warmup"), refresh=True)
    rows: dict[str, list[float]] = {"in-process": [], "process-document run here": []}
    for path in files:
        rows["in-process"].append(_timed(lambda p=path: process_file(p, work / "local", settings)))
        run = lambda p=path: process_document(str(p), str(work / "flow"), refresh=True)  # noqa: E731
        rows["process-document run here"].append(_timed(run))
    inbox_root = work / "inbox-run"
    (inbox_root / "inbox").mkdir(parents=True)
    for path in files:
        shutil.copy(path, inbox_root / "inbox" / f"{path.parent.name}{path.suffix}")
    os.environ["ORDERINTAKE_DATABASE_URL"] = f"sqlite:///{work / 'inbox-run.db'}"
    seconds = _timed(lambda: process_inbox(str(inbox_root), settle_s=0.0))
    rows["process-inbox run (per file)"] = [seconds / len(files)]
    rows["served deployment"] = _served_runs(files, work / "served", api_url)
    _print_times(rows, len(files))


def _served_runs(files: list[Path], root: Path, api_url: str) -> list[float]:
    from prefect.deployments import run_deployment

    times = []
    with served(root, api_url):
        for path in files:
            parameters = {"path": str(path), "refresh": True}
            times.append(
                _timed(lambda p=parameters: run_deployment(DOCUMENT, parameters=p, timeout=600, poll_interval=0.5))
            )
    return times


def _print_times(rows: dict[str, list[float]], count: int) -> None:
    base = statistics.mean(rows["in-process"])
    table = Table(title=f"Time per document ({count} digital samples)")
    for column in ("how", "mean s", "median s", "max s", "overhead s/doc"):
        table.add_column(column, justify="left" if column == "how" else "right")
    for how, samples in rows.items():
        mean = statistics.mean(samples)
        overhead = f"{mean - base:+.2f}" if how != "in-process" else ""
        table.add_row(how, f"{mean:.2f}", f"{statistics.median(samples):.2f}", f"{max(samples):.2f}", overhead)
    console.print(table)


def _timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def watch_once(root: Path, jobs: int) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run `orderintake watch --once` on ROOT in a subprocess (in-process mode); wall time and the outputs."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    command = [sys.executable, "-m", "pipeline.cli", "watch", "--root", str(root), "--once", "--no-prefect"]
    command += ["--jobs", str(jobs), "--settle", "1", "-q"]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def folder_table(title: str, root: Path, dropped: int, seconds: float, run: subprocess.CompletedProcess[str]) -> None:
    """Where the inputs ended up, and the errors that matter."""
    table = Table(title=title)
    for column in (
        "inputs",
        "archive",
        "ignored",
        "failed",
        "left in inbox",
        "outputs",
        "wall s",
        "s/doc",
        "db locked",
    ):
        table.add_column(column, justify="right")
    counts = {name: _inputs_in(root / name) for name in ("archive", "ignored", "failed", "inbox", "processing")}
    outputs = sum(1 for d in (root / "outbox").iterdir() if (d / "result.json").exists())
    locked = run.stderr.count("database is locked")
    table.add_row(
        str(dropped),
        str(counts["archive"]),
        str(counts["ignored"]),
        str(counts["failed"]),
        str(counts["inbox"] + counts["processing"]),
        str(outputs),
        f"{seconds:.1f}",
        f"{seconds / max(dropped, 1):.2f}",
        str(locked),
    )
    console.print(table)
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    statuses = Counter("duplicate" if line["duplicate"] else line["status"] for line in lines)
    errors = Counter(line["error_code"] for line in lines if line["error_code"])
    console.print(f"  exit code {run.returncode}; statuses {dict(statuses)}; error codes {dict(errors)}")


def _inputs_in(folder: Path) -> int:
    if not folder.exists():
        return 0
    return sum(1 for p in folder.iterdir() if p.is_file() and not p.name.endswith((".error.json", ".duplicate.json")))


def mixed_folder(samples: Path, work: Path) -> None:
    """Phase 2: one order per format, non-orders, broken files."""
    root = work / "mixed"
    (root / "inbox").mkdir(parents=True)
    inputs = one_per_format(samples)
    for path in inputs:
        shutil.copy(path, root / "inbox" / f"{path.parent.name}{path.suffix}")
    for name, data in BROKEN.items():
        (root / "inbox" / name).write_bytes(data)
    seconds, run = watch_once(root, jobs=1)
    folder_table("watch --once over a mixed folder", root, len(inputs) + len(BROKEN), seconds, run)


def hundred_at_once(samples: Path, work: Path, count: int, jobs: int) -> None:
    """Phase 3: `count` digital orders dropped at once."""
    root = work / "drop"
    (root / "inbox").mkdir(parents=True)
    sources = [p for p in digital_samples(samples) if p.suffix in (".pdf", ".txt")]
    for index in range(count):
        source = sources[index % len(sources)]
        data = source.read_bytes() + (f"\n%copy {index}\n" if source.suffix == ".pdf" else f"\n\n{index}\n").encode()
        (root / "inbox" / f"order-{index:03d}{source.suffix}").write_bytes(data)
    seconds, run = watch_once(root, jobs=jobs)
    folder_table(f"{count} digital orders dropped at once (watch --once --jobs {jobs})", root, count, seconds, run)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=Path("sample_docs"))
    parser.add_argument("--docs", type=int, default=6, help="documents timed per mode in phase 1")
    parser.add_argument("--drop", type=int, default=100, help="orders dropped at once in phase 3")
    parser.add_argument("--jobs", type=int, default=2, help="watcher jobs in phase 3")
    parser.add_argument("--phases", default="123", help="which phases to run, e.g. 13")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-prefect-") as tmp:
        work = Path(tmp)
        os.environ["ORDERINTAKE_DATABASE_URL"] = f"sqlite:///{work / 'orders.db'}"
        if "1" in args.phases:
            with prefect_api() as api_url:
                time_per_document(digital_samples(args.samples)[: args.docs], work, api_url)
        if "2" in args.phases:
            os.environ["ORDERINTAKE_DATABASE_URL"] = f"sqlite:///{work / 'mixed.db'}"
            mixed_folder(args.samples, work)
        if "3" in args.phases:
            os.environ["ORDERINTAKE_DATABASE_URL"] = f"sqlite:///{work / 'drop.db'}"
            hundred_at_once(args.samples, work, args.drop, args.jobs)


if __name__ == "__main__":
    main()
