"""Take the inspector's screenshot for the docs: a seeded emulator, a few calls, one opened.

    python scripts/screenshot_inspector.py [OUT]    # default docs/images/inspector.png

Needs the system's Chromium and chromedriver (apt-get install chromium chromium-driver) and
selenium (the dev extra); the browser is never downloaded.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import requests

from lsq_mock import MockServer, RateLimit, Settings
from lsq_mock.api.inspector import UI_PATH
from lsq_mock.emulator.faults import Fault
from lsq_mock.resources import default_seed_path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
"""Where `support.browser` lives: the tests' browser launcher, so there is one set of flags."""
DEFAULT_OUT = ROOT / "docs" / "images" / "inspector.png"
PREFIX = "/v2/ProspectActivity.svc"
DEMO = "bb9205fd-81b8-4d44-bf74-26f90e11790b"
VISIT = "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6"
LOAN = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
WAIT_SECONDS = 10
VIEWPORT = (1280, 1000)


def make_traffic(server: MockServer) -> int:
    """A short session of a client with the usual mistakes; the number of the call to open."""
    credential = server.emulator.settings.primary
    keys = {"accessKey": credential.access_key, "secretKey": credential.secret_key}
    bulk = server.url + f"{PREFIX}/Bulk/CustomActivity/Update"
    with requests.Session() as http:
        http.get(server.url + f"{PREFIX}/ActivityTypes.Get", params=keys)
        http.post(bulk, params=keys, json=[_row(DEMO, ("mx_Custom_1", "Follow-up booked"))])
        http.post(
            bulk,
            params=keys,
            json=[
                _row(VISIT, ("mx_Custom_1", "Second visit"), ("mx_Custom_2", "three")),
                _row(LOAN, ("mx_Custom_1", "Approved")),
                _row(VISIT, ("mx_Custom_4", "2026-11-25T09:15:00+05:30")),
            ],
        )
        http.post(bulk, params={"accessKey": keys["accessKey"], "secretKey": "wrong"}, json=[])
        server.emulator.faults.add(Fault(status=429))
        http.post(bulk, params=keys, json=[_row(DEMO, ("mx_Custom_1", "Retry me"))])
        http.post(bulk, params=keys, json=[_row(DEMO, ("mx_Custom_1", "Retried"))])
    return 3


def _row(activity_id: str, *fields: tuple[str, str]) -> dict[str, object]:
    return {
        "ProspectActivityId": activity_id,
        "Fields": [{"SchemaName": name, "Value": value} for name, value in fields],
    }


def take_screenshot(out: Path) -> Path:
    """Serve a seeded emulator, make some calls, open the one with violations, save a PNG."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    from support.browser import console_errors, start_chromium

    # The session's calls come faster than the bulk APIs' 1 in 5 s: their own 429s would crowd it.
    settings = Settings(seed=default_seed_path(), bulk_rate_limit=RateLimit(0))
    with MockServer(settings) as server, tempfile.TemporaryDirectory() as profile:
        opened = make_traffic(server)
        driver = start_chromium(Path(profile), VIEWPORT)
        try:
            chrome = driver.execute_script("return window.outerHeight - window.innerHeight")
            driver.set_window_size(VIEWPORT[0], VIEWPORT[1] + chrome)
            driver.get(server.url_for(UI_PATH))
            wait = WebDriverWait(driver, WAIT_SECONDS)
            selector = f"button[aria-label='Open request {opened}']"
            wait.until(lambda d: d.find_element(By.CSS_SELECTOR, selector)).click()
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#detail .line.violating"))
            errors = console_errors(driver)
            if errors:
                raise RuntimeError(f"the page logged errors: {errors}")
            out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(out))
        finally:
            driver.quit()
    return out


if __name__ == "__main__":
    written = take_screenshot(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
    print(f"wrote {written}")
