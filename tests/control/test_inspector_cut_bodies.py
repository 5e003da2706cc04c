"""The inspector shows a body the journal kept only in part as what it is: cut, with the whole's
length and SHA-256, never as if it were the whole body (or an empty one)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import pytest

from lsq_mock.journal.exchange import BODY_KEPT_BYTES
from support.calls import JSON, post_raw
from support.inspector_page import css, open_page, opener_of, text_of, wait_for
from support.running import Running
from support.seeded import VISIT

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

pytestmark = pytest.mark.slow


def cut_note(body: bytes) -> str:
    """What the page says above a body the journal cut."""
    return (
        f"Cut short in the journal: {BODY_KEPT_BYTES:,} of {len(body):,} bytes kept; "
        f"SHA-256 of the whole: {hashlib.sha256(body).hexdigest()}"
    )


def test_a_body_over_the_journals_budget_is_shown_cut_with_its_length_and_hash(
    browser: WebDriver, running: Running
) -> None:
    body = json.dumps([{"ProspectActivityId": VISIT, "ActivityNote": "n" * 100_000}]).encode()
    assert post_raw(running, body, JSON).status_code == 200

    open_page(browser, running)
    wait_for(browser, lambda d: css(d, opener_of(1)))[0].click()
    note = wait_for(browser, lambda d: css(d, "#detail p.cut"))[0]

    assert note.text == cut_note(body)
    assert text_of(browser, "detail").count("n" * 1000) > 0
