"""Running the `orderintake` command as a user does: its own process, under a 4 GB address-space limit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ADDRESS_SPACE = 4 * 1024**3


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_cli(args: list[str], cwd: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    """`orderintake ARGS` with ORDERINTAKE_<KEY> settings from kwargs (and none from the environment)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ORDERINTAKE_")}
    env.update({f"ORDERINTAKE_{key.upper()}": value for key, value in settings.items()})
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_address_space,
        check=False,
    )
