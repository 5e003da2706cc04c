"""The inspector's deep links, in a real browser: `/_mock/ui/#/requests/N` (what `lsq-mock check`
and the plugin print) opens request N; a request a reset emptied from the journal shows its
verdict; opening a request puts its link in the address bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lsq_mock.api.inspector import UI_PATH
from support.browser import console_errors
from support.inspector_page import css, opener_of, wait_for, wait_ready
from support.running import Running
from support.seeded import DEMO, VISIT

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

pytestmark = pytest.mark.slow


def two_updates(running: Running) -> None:
    """Request 1 is fine; request 2 has a failed row (a Number field sent 'x')."""
    running.bulk_update([{"ProspectActivityId": DEMO, "Fields": []}])
    running.bulk_update(
        [{"ProspectActivityId": VISIT, "Fields": [{"SchemaName": "mx_Custom_2", "Value": "x"}]}]
    )


def open_link(browser: WebDriver, running: Running, seq: int) -> None:
    console_errors(browser)
    browser.get(f"{running.url}{UI_PATH}#/requests/{seq}")
    wait_ready(browser)


def test_a_deep_link_opens_its_request(browser: WebDriver, running: Running) -> None:
    two_updates(running)
    open_link(browser, running, 2)

    title = wait_for(browser, lambda d: css(d, "#detail-title"))[0]
    wait_for(browser, lambda d: css(d, "#detail ul.violations li"))
    assert title.text.startswith("#2 POST")
    assert "invalid-value:Number" in browser.find_element("id", "detail").text
    selected = css(browser, opener_of(2))[0].get_attribute("aria-current")
    assert selected == "true"
    assert console_errors(browser) == []


def test_a_request_a_reset_emptied_shows_its_verdict(browser: WebDriver, running: Running) -> None:
    two_updates(running)
    running.emulator.reset()
    open_link(browser, running, 2)

    detail = wait_for(browser, lambda d: css(d, "#detail ul.violations li"))[0]
    text = browser.find_element("id", "detail").text
    assert "only its verdict is kept" in text
    assert "invalid-value:Number" in detail.text and "contract" in detail.text


def test_opening_a_request_puts_its_link_in_the_address(
    browser: WebDriver, running: Running
) -> None:
    two_updates(running)
    open_link(browser, running, 1)
    wait_for(browser, lambda d: css(d, opener_of(2)))[0].click()

    wait_for(browser, lambda d: d.current_url.endswith("#/requests/2"))
    assert browser.find_element("id", "detail-title").text.startswith("#2 POST")
