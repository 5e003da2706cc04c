"""What the tests need from the system beyond Python and pip: a test that needs a missing tool
is skipped with how to install it, except under CI=1 (`.ci/run` installs them), where it fails."""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRED_IN_CI = "CI"
"""With CI=1 a missing system tool fails the tests that need it instead of skipping them."""


def required_in_ci() -> bool:
    """Whether a missing tool is a failure (in CI) rather than a reason to skip."""
    return os.environ.get(REQUIRED_IN_CI) == "1"


def require_command(name: str, package: str) -> None:
    """Skip the calling test when command `name` is not on PATH (fail under CI=1)."""
    require(shutil.which(name) is not None, name, package)


def require(present: bool, name: str, package: str) -> None:
    """Skip the calling test when `name` is not `present` on the system, saying which Debian
    package(s) bring it (fail under CI=1)."""
    if present:
        return
    reason = f"{name} is not installed (apt-get install {package})"
    if required_in_ci():
        pytest.fail(f"CI=1 needs {reason}")
    pytest.skip(reason)
