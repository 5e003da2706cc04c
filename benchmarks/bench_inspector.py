"""Time what the inspector asks of a full journal: `python -m benchmarks.bench_inspector`.

Fills a journal with 10,000 bulk calls of 25 rows (one failing) and prints, over loopback HTTP,
the old full read, the page's first read (summaries), its steady poll (nothing new) and one entry
in full; then, when the system's Chromium is installed, how long the page takes to show them all
and to turn a page.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import requests

from benchmarks.journal_entry import bulk_call_entry
from lsq_mock import MockServer, Settings
from lsq_mock.api.inspector import UI_PATH
from lsq_mock.contract.violations import Violation
from lsq_mock.resources import default_seed_path

ENTRIES = 10_000
ROWS = 25
RUNS = 5


def fill(server: MockServer) -> None:
    """ENTRIES journal entries shaped like a busy client's bulk calls."""
    rows = [
        {
            "ProspectActivityId": f"id-{n}",
            "Fields": [{"SchemaName": "mx_Custom_2", "Value": str(n)}],
        }
        for n in range(ROWS)
    ]
    answer = {"Response": [{"RowNumber": n + 1, "ActivityUpdated": n != 3} for n in range(ROWS)]}
    entry = bulk_call_entry(
        server.emulator.clock.utcnow(),
        rows,
        answer,
        (Violation("$[3].Fields[0].Value", "invalid-value:Number", "not a number", "x", 4),),
    )
    server.emulator.journal.extend([entry] * ENTRIES)


def best_of(action: Callable[[], object]) -> float:
    """The best wall time of RUNS calls of `action`, in milliseconds."""
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def http_reads(server: MockServer) -> None:
    """Print the time and size of each read the page makes."""
    journal = server.url + "/_mock/requests"
    with requests.Session() as http:
        for label, params in (
            ("whole journal, in full (before)", {}),
            (
                "first read: every entry as a row",
                {"after": "0", "limit": str(ENTRIES), "summary": "true"},
            ),
            (
                "steady poll: nothing new",
                {"after": str(ENTRIES), "limit": "2000", "summary": "true"},
            ),
            ("one entry in full", {"after": str(ENTRIES // 2), "limit": "1"}),
        ):
            size = len(http.get(journal, params=params).content)
            millis = best_of(lambda p=params: http.get(journal, params=p).content)
            print(f"  {label:38} {millis:8.1f} ms  {size / 1024:9.1f} KiB")


def browser_timings(server: MockServer) -> None:
    """Print how long the page takes to show ENTRIES rows and turn a page (with Chromium only)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from support.browser import missing_browser, start_chromium

    reason = missing_browser()
    if reason is not None:
        print(f"  (browser timings skipped: {reason})")
        return
    from selenium.webdriver.support.wait import WebDriverWait

    with tempfile.TemporaryDirectory() as profile:
        driver = start_chromium(Path(profile))
        try:
            wait = WebDriverWait(driver, 60, poll_frequency=0.01)
            started = time.perf_counter()
            driver.get(server.url_for(UI_PATH))
            wait.until(
                lambda d: d.find_element("id", "journal-count").text == f"{ENTRIES} in the journal"
            )
            loaded = time.perf_counter() - started
            started = time.perf_counter()
            driver.find_element("id", "page-older").click()
            wait.until(lambda d: d.find_element("id", "page-info").text.startswith("101"))
            turned = time.perf_counter() - started
            rows = len(driver.find_elements("css selector", "#requests-body tr"))
        finally:
            driver.quit()
    print(f"  {'page load to all rows counted':38} {loaded * 1000:8.1f} ms")
    print(f"  {'turn a page':38} {turned * 1000:8.1f} ms  ({rows} rows in the document)")


def main() -> None:
    """Print the timings of a journal of ENTRIES entries."""
    # Budget enough for every entry: the default 32 MiB would drop the oldest of these.
    with MockServer(Settings(seed=default_seed_path(), journal_bytes=256 * 2**20)) as server:
        fill(server)
        print(f"journal of {ENTRIES:,} bulk calls of {ROWS} rows (best of {RUNS}):")
        http_reads(server)
        browser_timings(server)


if __name__ == "__main__":
    main()
