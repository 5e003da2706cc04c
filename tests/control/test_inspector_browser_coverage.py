"""The inspector's Coverage view in a real browser (headless Chromium from the system packages,
via selenium): what the journal exercised, how to reach the rest, and the whole API on demand.

Skipped with the reason when the browser is not installed, except under CI=1 (.ci/run installs
it), where a missing browser fails instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lsq_mock.catalogue.behaviours import GROUPS, group_name
from lsq_mock.catalogue.endpoints import ENDPOINTS
from support.browser import console_errors
from support.inspector_page import (
    LIVE_SECONDS,
    bad_row_update,
    css,
    open_page,
    show_tab,
    text_of,
    wait_for,
)
from support.running import Running
from support.seeded import DEMO

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

pytestmark = pytest.mark.slow


def test_the_coverage_tab_shows_what_was_exercised_and_how_to_do_the_rest(
    browser: WebDriver, running: Running
) -> None:
    bad_row_update(running)
    open_page(browser, running)
    show_tab(browser, "coverage")
    wait_for(browser, lambda d: css(d, "#coverage-headline"))

    def cells(behaviour: str) -> list[str]:
        # Read in one go: the view redraws while the journal grows.
        return browser.execute_script(
            "return [...document.querySelectorAll(`#coverage tr[data-behaviour='${arguments[0]}']"
            " td`)].map((cell) => cell.textContent)",
            behaviour,
        )

    failed_row = cells("bulk-update/failed-row/invalid-value")
    never = cells("bulk-update/429-bulk")
    headings = browser.execute_script(
        "return [...document.querySelectorAll('#coverage section.coverage-group h2')]"
        ".map((heading) => heading.textContent)"
    )
    running.bulk_update([{"ProspectActivityId": DEMO, "Fields": []}])
    wait_for(browser, lambda d: cells("bulk-update/batch-1")[2] == "1", LIVE_SECONDS)
    browser.set_window_size(420, 900)
    try:
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    finally:
        browser.set_window_size(1280, 800)

    assert failed_row[0] == "yes" and failed_row[2] == "1"
    assert never[0] == "never" and "set_bulk_rate_limit(1)" in never[3]
    assert "behaviours exercised" in text_of(browser, "coverage-headline")
    assert "over the endpoints called" in text_of(browser, "coverage-headline")
    assert [heading.split(" of ")[0].rsplit(" ", 1)[0] for heading in headings] == [
        group_name("bulk-update"),
        "API-wide",
    ]
    outside = f"Not called: {len(ENDPOINTS) - 1} endpoint(s), "
    assert text_of(browser, "coverage-outside").startswith(outside)
    assert overflow == 0, "a narrow window scrolls only inside the tables"
    assert console_errors(browser) == []


def test_the_coverage_tab_widens_to_the_whole_api(browser: WebDriver, running: Running) -> None:
    bad_row_update(running)
    open_page(browser, running)
    show_tab(browser, "coverage")
    wait_for(browser, lambda d: css(d, "#coverage-outside"))

    css(browser, "#coverage-whole-api")[0].click()
    headline = "return document.getElementById('coverage-headline')?.textContent ?? ''"
    wait_for(browser, lambda d: "whole API" in d.execute_script(headline))  # redrawn as it polls
    headings = browser.execute_script(  # in one go: the view redraws as it polls
        "return [...document.querySelectorAll('#coverage section.coverage-group h2')]"
        ".map((heading) => heading.textContent)"
    )

    assert len(headings) == len(GROUPS)
    assert all(h.startswith(f"{group_name(g)} ") for h, g in zip(headings, GROUPS, strict=True))
    assert not css(browser, "#coverage-outside")
    assert console_errors(browser) == []
