"""Contract coverage of a served emulator: GET /_mock/coverage over real HTTP, computed from the
journal and the trigger events, kept across resets, and the journal facts it reads."""

from __future__ import annotations

import pytest

from lsq_mock import RateLimit, Settings
from lsq_mock.resources import default_seed_path
from support.calls import ADMIN_CLIENT, post, row
from support.paths import BULK_UPDATE, CREATE
from support.running import Running
from support.seeded import DEMO, LEAD

BULK_ROWS = [row(DEMO, ("mx_Custom_2", "2024"))]
ONE = {"RelatedProspectId": LEAD, "ActivityEvent": 203}


@pytest.mark.parametrize(
    ("account", "bulk", "window"),
    [(RateLimit(1), RateLimit(0), "account"), (RateLimit(0), RateLimit(1), "bulk")],
    ids=["account", "bulk"],
)
def test_the_journal_says_which_limit_refused_a_call(
    account: RateLimit, bulk: RateLimit, window: str
) -> None:
    from support.running import serving

    settings = Settings(seed=default_seed_path(), rate_limit=account, bulk_rate_limit=bulk)
    with serving(settings) as running:
        post(running, BULK_UPDATE, BULK_ROWS)
        refused = post(running, BULK_UPDATE, BULK_ROWS)
        assert refused.status_code == 429
        # Both limits are "1 in 5 second(s)": only the journal tells them apart.
        assert refused.json()["ExceptionMessage"].endswith("limit of 1 in 5 second(s)")
        entries = running.http.get(running.url + "/_mock/requests").json()["requests"]
        assert [entry["rate_limit"] for entry in entries] == [None, window]


def test_a_call_no_limit_refused_journals_none(running: Running) -> None:
    post(running, CREATE, ONE)
    forgot = running.http.delete(running.url + "/_mock/requests", headers=ADMIN_CLIENT)
    assert forgot.ok
    post(running, CREATE, ONE)

    [entry] = running.http.get(running.url + "/_mock/requests").json()["requests"]
    assert entry["rate_limit"] is None
