"""Lead writes from many threads at once: a unique value is given to one lead only, and every
lead created gets its own ProspectAutoId."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lsq_mock.errors import DuplicateLead
from lsq_mock.tenant import TenantStore
from support.leads import ARJUN, PRIYA, pairs

THREADS = 8


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call at once (a barrier lines them up); each result, or the error it raised."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        start.wait()
        try:
            return call()
        except DuplicateLead as error:
            return error

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_of_many_creates_with_one_email_exactly_one_wins(store: TenantStore) -> None:
    before = store.counts()["Leads"]
    results = _race(
        [
            lambda n=n: store.create_lead(
                pairs(EmailAddress="race@example.com", Phone=f"90000100{n:02}")
            )
            for n in range(THREADS)
        ]
    )

    created = [r for r in results if not isinstance(r, DuplicateLead)]
    assert len(created) == 1
    assert all(
        r.message == "A Lead with same Email already exists." for r in results if r not in created
    )
    assert store.counts()["Leads"] == before + 1
    assert len(store.leads_by_email("race@example.com")) == 1


def test_of_many_updates_to_one_phone_exactly_one_wins(store: TenantStore) -> None:
    targets = [PRIYA, ARJUN] * (THREADS // 2)
    results = _race(
        [lambda lead=lead: store.update_lead(lead, pairs(Phone="9000020000")) for lead in targets]
    )

    winners = {r.lead_id for r in results if not isinstance(r, DuplicateLead)}
    assert len(winners) == 1
    [holder] = store.leads_by_phone("9000020000")
    assert {holder["ProspectID"]} == winners


def test_leads_created_at_once_each_get_their_own_number(store: TenantStore) -> None:
    results = _race(
        [
            lambda n=n: store.create_lead(
                pairs(EmailAddress=f"n{n}@example.com", Phone=f"90000300{n:02}")
            )
            for n in range(THREADS)
        ]
    )

    numbers = sorted(int(store.lead(r.lead_id)["ProspectAutoId"]) for r in results)
    assert numbers == list(range(1005, 1005 + THREADS))


def test_captures_racing_on_one_new_email_create_one_lead(store: TenantStore) -> None:
    results = _race(
        [lambda: store.capture_lead(pairs(EmailAddress="form@example.com", FirstName="F"))]
        * THREADS
    )

    assert len({r.lead_id for r in results}) == 1
    assert sum(r.created for r in results) == 1
