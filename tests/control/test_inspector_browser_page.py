"""The inspector page in a real browser (headless Chromium from the system packages, via
selenium): it loads with every view, its Requests view shows the journal live, filtered, paged
and opened by keyboard, journaled markup stays text, the token is asked once, a narrow window
scrolls only inside the tables, and the docs' screenshot script draws it.

Skipped with the reason when the browser is not installed, except under CI=1 (.ci/run installs
it), where a missing browser fails instead.
"""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lsq_mock import Settings
from lsq_mock.api.inspector import UI_PATH
from lsq_mock.journal.exchange import Exchange
from lsq_mock.resources import default_seed_path
from support.browser import console_errors
from support.inspector_page import (
    LIVE_SECONDS,
    bad_row_update,
    css,
    open_page,
    opener_of,
    show_tab,
    text_of,
    wait_for,
    wait_ready,
)
from support.paths import BULK_UPDATE
from support.running import Running, serving
from support.seeded import DEMO

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

PAYLOAD = "<img src=x onerror=window.__pwned=1></script><script>window.__pwned=2</script>"
"""Markup that runs if any of it is ever parsed as HTML (no quotes: JSON shows it unescaped)."""
TOKEN = "s3cret-token"
SCREENSHOT_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshot_inspector.py"

pytestmark = pytest.mark.slow


def test_the_page_loads_and_every_view_shows_without_console_errors(
    browser: WebDriver, running: Running
) -> None:
    bad_row_update(running)
    open_page(browser, running)
    show_tab(browser, "activities")
    wait_for(browser, lambda d: css(d, "section.activity-type"))
    show_tab(browser, "controls")
    wait_for(browser, lambda d: css(d, "form[data-limit]"))
    show_tab(browser, "requests")
    table_overflow = browser.execute_script(
        "const wrap = document.querySelector('#view-requests .table-wrap');"
        "return wrap.scrollWidth - wrap.clientWidth"
    )

    assert console_errors(browser) == []
    assert browser.title == "lsq-mock inspector"
    assert table_overflow == 0, "at 1280 px every column of the table is in view"


def test_a_failed_row_shows_up_live_with_its_path_marked(
    browser: WebDriver, running: Running
) -> None:
    open_page(browser, running)

    bad_row_update(running)
    opener = wait_for(browser, lambda d: css(d, opener_of(1)), LIVE_SECONDS)
    cells = [cell.text for cell in css(browser, "#requests-body tr:first-child td")]
    opener[0].click()
    marked = wait_for(browser, lambda d: css(d, "#detail .line.violating"))

    assert cells[2:] == ["POST", BULK_UPDATE, "200", "1 / 1", "1", ""]
    assert [line.get_attribute("data-path") for line in marked] == ["$[1].Fields[0].Value"]
    assert '"Value": "x"' in marked[0].text
    assert "invalid-value:Number" in marked[0].find_element("css selector", ".note").text
    assert "secretKey\n***" in text_of(browser, "detail").replace(" ", "\n")
    assert console_errors(browser) == []


def test_filters_keep_only_matching_requests(browser: WebDriver, running: Running) -> None:
    running.bulk_update([{"ProspectActivityId": DEMO, "Fields": []}])
    bad_row_update(running)
    running.http.post(running.url + "/v2/Nowhere", params=running.keys)
    open_page(browser, running)
    wait_for(browser, lambda d: len(css(d, "#requests-body button")) == 3)

    browser.find_element("id", "filter-violations").click()
    only_bad = [b.text for b in css(browser, "#requests-body button")]
    browser.find_element("id", "filter-violations").click()
    browser.find_element("id", "filter-status").send_keys("4xx")
    only_4xx = [b.text for b in css(browser, "#requests-body button")]
    browser.find_element("id", "filter-status").clear()
    browser.find_element("id", "filter-path").send_keys("bulk")
    only_bulk = [b.text for b in css(browser, "#requests-body button")]

    assert only_bad == ["#3", "#2"]
    assert only_4xx == ["#3"]
    assert only_bulk == ["#2", "#1"]


def test_keyboard_alone_reaches_the_views_and_opens_a_request(
    browser: WebDriver, running: Running
) -> None:
    from selenium.webdriver.common.keys import Keys

    bad_row_update(running)
    open_page(browser, running)
    requests_tab = browser.find_element("id", "tab-requests")
    requests_tab.send_keys(Keys.ARROW_RIGHT)
    on_activities = browser.switch_to.active_element.get_attribute("id")
    browser.switch_to.active_element.send_keys(Keys.ARROW_LEFT)
    opener = wait_for(browser, lambda d: css(d, opener_of(1)))[0]
    opener.send_keys(Keys.ENTER)
    wait_for(browser, lambda d: css(d, "#detail .line.violating"))

    assert on_activities == "tab-activities"
    assert browser.switch_to.active_element.get_attribute("id") == "detail"


def test_the_page_asks_for_the_token_once(chromium: WebDriver) -> None:
    browser = chromium
    with serving(Settings(seed=default_seed_path(), admin_token=TOKEN)) as locked:
        console_errors(browser)
        browser.get(locked.url + UI_PATH)
        wait_for(browser, lambda d: d.find_element("id", "token-dialog").get_attribute("open"))
        browser.find_element("id", "token-input").send_keys("wrong")
        browser.find_element("id", "token-submit").click()
        wait_for(browser, lambda d: "refused" in text_of(d, "token-error"))
        token_input = browser.find_element("id", "token-input")
        token_input.clear()
        token_input.send_keys(TOKEN)
        browser.find_element("id", "token-submit").click()
        wait_ready(browser)
        kept = browser.execute_script("return sessionStorage.getItem('lsq-mock-admin-token')")
        browser.refresh()
        wait_ready(browser)
        asked_again = browser.find_element("id", "token-dialog").get_attribute("open")
        browser.get("about:blank")

    assert kept == TOKEN
    assert asked_again is None
    refused = [e for e in console_errors(browser) if "status of 401" not in e["message"]]
    assert refused == [], "only the calls refused before the token was given are logged"


def test_journaled_markup_is_shown_as_text_and_never_runs(
    browser: WebDriver, running: Running
) -> None:
    running.bulk_update(
        [{"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1", "Value": PAYLOAD}]}]
    )
    running.bulk_update([{"ProspectActivityId": PAYLOAD, PAYLOAD: PAYLOAD}])
    running.http.post(
        f"{running.url}/v2/{PAYLOAD}",
        params=running.keys,
        data=PAYLOAD,
        headers={"User-Agent": PAYLOAD},
    )
    open_page(browser, running)
    shown = []
    for seq in (1, 2, 3):
        wait_for(browser, lambda d, n=seq: css(d, opener_of(n)))[0].click()
        wait_for(browser, lambda d, n=seq: text_of(d, "detail").startswith(f"#{n} "))
        shown.append(text_of(browser, "detail"))
    table = text_of(browser, "requests-body")
    show_tab(browser, "activities")
    wait_for(browser, lambda d: PAYLOAD in text_of(d, "activities"))

    assert browser.execute_script("return window.__pwned") is None
    assert css(browser, "img") == [] and len(css(browser, "script")) == 1
    assert all(PAYLOAD in text for text in shown), "each body shows the markup as text"
    assert f"/v2/{PAYLOAD}" in table.replace("\n", "")
    assert [e for e in console_errors(browser) if "404" not in e["message"]] == []


def test_ten_thousand_entries_are_paged(browser: WebDriver, running: Running) -> None:
    template = Exchange(
        timestamp=running.emulator.clock.utcnow(),
        method="POST",
        host="127.0.0.1",
        path=BULK_UPDATE,
        query=(),
        headers=(),
        json_body=b"[]",
        text_body=None,
        status=200,
        response=b'{"Response":[]}',
        body_cut=None,
        response_cut=None,
        contract=(),
        contract_omitted=0,
        fault=None,
    )
    running.emulator.journal.extend([template] * 10_000)
    open_page(browser, running)
    wait_for(browser, lambda d: text_of(d, "journal-count") == "10000 in the journal")
    first_page = len(css(browser, "#requests-body tr"))
    browser.find_element("id", "page-older").click()
    second = css(browser, "#requests-body button")[0].text

    assert first_page == 100, "only one page of rows is in the document"
    assert text_of(browser, "page-info").startswith("101\N{EN DASH}200 of 10000")
    assert second == "#9900"


def test_a_narrow_window_scrolls_only_inside_the_tables(
    browser: WebDriver, running: Running
) -> None:
    bad_row_update(running)
    browser.set_window_size(420, 900)
    try:
        open_page(browser, running)
        overflow = {}
        for name in ("requests", "activities", "controls"):
            show_tab(browser, name)
            overflow[name] = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
    finally:
        browser.set_window_size(1280, 800)

    assert overflow == {"requests": 0, "activities": 0, "controls": 0}


def test_a_violations_near_miss_is_shown_in_the_request(
    browser: WebDriver, running: Running
) -> None:
    running.bulk_update(
        [{"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "Demo Title", "Value": "x"}]}]
    )
    open_page(browser, running)
    wait_for(browser, lambda d: css(d, opener_of(1)))[0].click()
    hint = wait_for(browser, lambda d: css(d, "#detail ul.violations .hint"))[0]

    assert hint.text == "Hint: did you mean 'mx_Custom_1' (Demo Title)?"


def test_the_docs_screenshot_script_writes_the_picture(chromium: WebDriver, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("screenshot_inspector", SCREENSHOT_SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    written = script.take_screenshot(tmp_path / "inspector.png")

    header = written.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == script.VIEWPORT
