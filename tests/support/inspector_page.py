"""The inspector page as a test sees it in the browser: open it, wait for it, find its parts; and
the journal entry most of its tests show on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from lsq_mock.api.inspector import UI_PATH
from support.browser import console_errors
from support.running import Running
from support.seeded import DEMO, VISIT

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

T = TypeVar("T")
WAIT_SECONDS = 10
LIVE_SECONDS = 2
"""The issue's promise: a new request is in the table within 2 s (the page polls every 0.5 s)."""


def wait_for(
    driver: WebDriver, condition: Callable[[WebDriver], T], seconds: float = WAIT_SECONDS
) -> T:
    """What `condition` gives once it is truthy, polled every 50 ms for up to `seconds`."""
    from selenium.webdriver.support.wait import WebDriverWait

    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(condition)


def css(driver: WebDriver, selector: str) -> list[WebElement]:
    """The page's elements that match a CSS selector."""
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def open_page(driver: WebDriver, running: Running) -> None:
    """Load the page on `running` and wait until it has read the journal once."""
    console_errors(driver)  # drop what an earlier test left in the log
    driver.get(running.url + UI_PATH)
    wait_ready(driver)


def wait_ready(driver: WebDriver) -> None:
    """Wait until the page has the token it needs and has read the journal and clock once."""
    wait_for(driver, lambda d: d.find_element("tag name", "body").get_attribute("data-ready"))


def opener_of(seq: int) -> str:
    """The selector of the table's button that opens request `seq`."""
    return f"button[aria-label='Open request {seq}']"


def text_of(driver: WebDriver, element_id: str) -> str:
    """The visible text of the element with this id."""
    return driver.find_element("id", element_id).text


def show_tab(driver: WebDriver, name: str) -> None:
    """Click the tab `name` and wait until its view shows."""
    driver.find_element("id", f"tab-{name}").click()
    wait_for(driver, lambda d: d.find_element("id", f"view-{name}").is_displayed())


def bad_row_update(running: Running) -> None:
    """A bulk update whose second row fails: a journal entry with one violation to show."""
    running.bulk_update(
        [
            {"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1", "Value": "ok"}]},
            {"ProspectActivityId": VISIT, "Fields": [{"SchemaName": "mx_Custom_2", "Value": "x"}]},
        ]
    )
