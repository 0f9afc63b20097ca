"""One real Prefect test server for the whole session (it takes tens of seconds to start)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.inbox import InboxLayout

# Prefect's default profile may start a throw-away server whenever a client has no API URL, and that
# server can outlive the test run. Every test here talks to the harness server; anything else must fail.
os.environ.setdefault("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "false")


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[str]:
    """The API URL of a temporary Prefect server with its own SQLite database."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=240):
        yield str(PREFECT_API_URL.value())


@pytest.fixture
def service_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefect_server: str) -> Path:
    """A fresh service root with its own order registry, seen by flows through the settings."""
    monkeypatch.setenv("ORDERINTAKE_DATABASE_URL", f"sqlite:///{tmp_path / 'orders.db'}")
    monkeypatch.setenv("ORDERINTAKE_REVIEW_ENABLED", "false")
    monkeypatch.setenv("ORDERINTAKE_REVIEW_TIMEOUT_S", "120")
    return InboxLayout(tmp_path / "root").create().root
