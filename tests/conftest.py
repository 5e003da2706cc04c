"""Fixtures only: a real emulator on a loopback port, with a clock tests can move.

What the tests share besides fixtures lives in the `support` package.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lsq_mock import Settings
from lsq_mock.resources import default_seed_path
from support.running import Running, serving


@pytest.fixture
def settings() -> Settings:
    """Override in a test module to start the server differently."""
    return Settings(seed=default_seed_path())


@pytest.fixture
def running(settings: Settings) -> Iterator[Running]:
    """A fresh emulator with the shipped seed, served over loopback HTTP, on a fake clock."""
    with serving(settings) as served:
        yield served
