"""Fixtures only: a real emulator on a loopback port, with a clock tests can move.

What the tests share besides fixtures lives in the `support` package.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lsq_mock import RateLimit, Settings
from lsq_mock.resources import default_seed_path
from lsq_mock.tls.trust import CA_DIR_ENV
from support.browser import fresh_profile, missing_browser, start_chromium
from support.running import Running, serving
from support.system import required_in_ci

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver


@pytest.fixture(scope="session", autouse=True)
def ca_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The local CA of every server the tests start, in-process or not: never the real home's."""
    directory = tmp_path_factory.mktemp("lsq-mock-ca") / "ca"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CA_DIR_ENV, str(directory))
        yield directory


@pytest.fixture
def settings() -> Settings:
    """Override in a test module to start the server differently.

    The bulk APIs' own limit (1 call in 5 s, as live) is off here: most tests make several bulk
    calls at one moment of the fake clock. tests/test_rate_limit.py checks it.
    """
    return Settings(seed=default_seed_path(), bulk_rate_limit=RateLimit(0))


@pytest.fixture
def running(settings: Settings) -> Iterator[Running]:
    """A fresh emulator with the shipped seed, served over loopback HTTP, on a fake clock."""
    with serving(settings) as served:
        yield served


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    """One headless Chromium for the module, on a fresh profile."""
    reason = missing_browser()
    if reason is not None:
        if required_in_ci():
            pytest.fail(f"CI=1 needs the browser tests to run: {reason}")
        pytest.skip(reason)
    driver = start_chromium(fresh_profile(tmp_path_factory.mktemp("chromium")))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(chromium: WebDriver, running: Running) -> Iterator[WebDriver]:
    """The browser for a test of `running`, left on a blank page before that server stops (a
    page still polling a stopped server would log errors into the next test)."""
    yield chromium
    chromium.get("about:blank")
