"""The `lsq-mock` command line run as a user runs it: `python -m lsq_mock ARGS`, a subprocess of
this checkout's interpreter, with no LSQ_MOCK_* variable of the test run leaking into it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, timeout: float = 30, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """`python -m lsq_mock ARGS` from the checkout's root; its output as text."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    env.update(kwargs.pop("env", {}))
    return subprocess.run(
        [sys.executable, "-m", "lsq_mock", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )
