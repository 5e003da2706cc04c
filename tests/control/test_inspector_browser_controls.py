"""The inspector's Controls view in a real browser (headless Chromium from the system packages,
via selenium): reset and forget, queued faults, the clock and the rate limits, each changing the
emulator as well as the page.

Skipped with the reason when the browser is not installed, except under CI=1 (.ci/run installs
it), where a missing browser fails instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from support.browser import console_errors
from support.inspector_page import (
    bad_row_update,
    css,
    open_page,
    show_tab,
    text_of,
    wait_for,
)
from support.running import Running
from support.seeded import DEMO, FAKE_START_UTC

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

pytestmark = pytest.mark.slow


def test_reset_and_forget_controls_change_the_emulator_and_the_page(
    browser: WebDriver, running: Running
) -> None:
    bad_row_update(running)
    open_page(browser, running)
    wait_for(browser, lambda d: css(d, "#requests-body button"))
    show_tab(browser, "controls")

    browser.find_element("id", "reset-start").click()
    wait_for(browser, lambda d: text_of(d, "control-result").startswith("Reset"))
    reset_journal = running.emulator.journal.entries()
    restored = running.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"]
    bad_row_update(running)
    browser.find_element("id", "forget-journal").click()
    wait_for(browser, lambda d: "forgotten" in text_of(d, "control-result"))
    forgotten = running.emulator.journal.entries()
    browser.find_element("id", "reset-empty").click()
    wait_for(browser, lambda d: "empty store" in text_of(d, "control-result"))
    show_tab(browser, "requests")

    assert reset_journal == [] and restored == "Intro"
    assert forgotten == []
    assert running.emulator.store.counts() == {"ActivityTypes": 0, "Leads": 0, "Activities": 0}
    assert text_of(browser, "requests-body") == "No requests yet."
    assert console_errors(browser) == []


def test_a_queued_fault_is_listed_and_applied(browser: WebDriver, running: Running) -> None:
    from selenium.webdriver.support.select import Select

    open_page(browser, running)
    show_tab(browser, "controls")
    Select(browser.find_element("id", "fault-status")).select_by_visible_text("429")
    times = browser.find_element("id", "fault-times")
    times.clear()
    times.send_keys("2")
    browser.find_element("id", "queue-fault").click()
    wait_for(browser, lambda d: "429" in text_of(d, "fault-list"))
    queued = [fault.to_dict() for fault in running.emulator.faults.pending()]

    answer = running.bulk_update([{"ProspectActivityId": DEMO, "Fields": []}])
    wait_for(browser, lambda d: "1 more call" in text_of(d, "fault-list"))
    browser.find_element("id", "clear-faults").click()
    wait_for(browser, lambda d: text_of(d, "fault-list") == "No fault queued.")

    fields = ("kind", "status", "times", "latency_seconds")
    assert [tuple(f[name] for name in fields) for f in queued] == [("status", 429, 2, 0.0)]
    assert answer.status_code == 429
    assert running.emulator.faults.pending() == []


def test_the_clock_controls_move_the_emulators_clock(browser: WebDriver, running: Running) -> None:
    open_page(browser, running)
    wait_for(browser, lambda d: FAKE_START_UTC in text_of(d, "clock"))
    show_tab(browser, "controls")

    css(browser, "#clock-advance-form button[data-seconds='3600']")[0].click()
    wait_for(browser, lambda d: "2027-01-15 09:00:00" in text_of(d, "clock"))
    advanced = running.emulator.clock.now() - running.fake_time.now
    browser.find_element("id", "clock-set").send_keys("2030-01-01 00:00:00")
    browser.find_element("id", "clock-set-button").click()
    wait_for(browser, lambda d: "2030-01-01 00:00:00" in text_of(d, "clock"))
    browser.find_element("id", "clock-real").click()
    wait_for(browser, lambda d: FAKE_START_UTC in text_of(d, "clock"))

    assert advanced == 3600
    assert running.emulator.clock.now() == running.fake_time.now


def test_every_rate_limit_of_the_config_can_be_changed(
    browser: WebDriver, running: Running
) -> None:
    open_page(browser, running)
    show_tab(browser, "controls")
    forms = wait_for(browser, lambda d: css(d, "form[data-limit]"))
    keys = [form.get_attribute("data-limit") for form in forms]
    calls = forms[0].find_element("css selector", "input")
    calls.clear()
    calls.send_keys("3")
    forms[0].find_element("css selector", "button").click()
    wait_for(browser, lambda d: "3 calls per 5 s" in text_of(d, "control-result"))

    config = running.emulator.config()
    assert keys == [
        key for key, value in config.items() if isinstance(value, dict) and "calls" in value
    ]
    assert config["rate_limit"] == {"calls": 3, "seconds": 5.0}
