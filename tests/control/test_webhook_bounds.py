"""The webhook is bounded whatever its receiver does: a full queue drops (and counts) events, a
delivery is cut after its timeout however slowly the receiver drips, and changing or clearing
the URL takes effect at once without blocking the admin call, stopping the old sender."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from lsq_mock.emulator.webhook import QUEUE_EVENTS, WebhookSender
from support.running import Running
from support.seeded import DEMO
from support.stalling import Stalling

HANG_GUARD_SECONDS = 3.0
"""Well under the default 5 s delivery timeout: an admin call waiting for a delivery fails."""


@pytest.fixture
def stalling() -> Iterator[Stalling]:
    receiver = Stalling()
    try:
        yield receiver
    finally:
        receiver.close()


def event(n: int) -> dict[str, Any]:
    return {"EventType": "Activity Update", "n": n}


def test_a_delivery_is_cut_after_its_timeout(stalling: Stalling) -> None:
    sender = WebhookSender(stalling.url, timeout=0.3)
    try:
        sender.send(event(1))
        sender.flush(timeout=HANG_GUARD_SECONDS)

        status = sender.status()
        assert status["failed"] == 1 and status["delivered"] == 0
        assert "took more than 0.3 s" in status["last_error"]
    finally:
        sender.close()


def test_a_receiver_dripping_its_answer_is_cut_too() -> None:
    """A timeout per socket read would never fire: each byte comes well within it."""
    dripping = Stalling(drip=0.05)
    sender = WebhookSender(dripping.url, timeout=0.5)
    try:
        sender.send(event(1))
        sender.flush(timeout=HANG_GUARD_SECONDS)

        assert sender.status()["failed"] == 1
        assert "took more than 0.5 s" in sender.status()["last_error"]
    finally:
        sender.close()
        dripping.close()


def test_a_full_queue_drops_and_counts(stalling: Stalling) -> None:
    sender = WebhookSender(stalling.url, max_events=3)
    try:
        for n in range(10):
            sender.send(event(n))
        status = sender.status()
    finally:
        sender.close()

    # One event may already be on its way to the receiver; three wait; the rest are dropped.
    assert status["pending"] == 3
    assert status["dropped"] in (6, 7)


def test_a_queue_of_large_events_is_bounded_by_bytes(stalling: Stalling) -> None:
    sender = WebhookSender(stalling.url, max_bytes=100_000)
    try:
        for n in range(10):
            sender.send({"n": n, "value": "v" * 30_000})
        status = sender.status()
    finally:
        sender.close()

    assert status["pending"] <= 3
    assert status["dropped"] >= 6


def test_closing_a_stuck_sender_returns_at_once_and_hangs_up(stalling: Stalling) -> None:
    sender = WebhookSender(stalling.url)
    sender.send(event(1))
    sender.send(event(2))
    assert stalling.connected.wait(HANG_GUARD_SECONDS)

    sender.close()

    assert stalling.hung_up.wait(HANG_GUARD_SECONDS)
    assert sender.status()["dropped"] == 1  # the second, never sent
    sender.send(event(3))
    assert sender.status()["dropped"] == 2


def bulk(running: Running, value: str) -> None:
    rows = [{"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1", "Value": value}]}]
    assert running.bulk_update(rows).status_code == 200


def patch_webhook(running: Running, url: str | None) -> dict[str, Any]:
    answer = running.http.patch(
        running.url + "/_mock/config", json={"webhook_url": url}, timeout=HANG_GUARD_SECONDS
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.mark.parametrize("new_url", [None, "http://127.0.0.1:9/other"], ids=["clear", "change"])
def test_changing_the_url_never_waits_for_a_stuck_delivery(
    running: Running, stalling: Stalling, new_url: str | None
) -> None:
    patch_webhook(running, stalling.url)
    for value in ("a", "b", "c"):
        bulk(running, value)
    assert stalling.connected.wait(HANG_GUARD_SECONDS)

    assert patch_webhook(running, new_url)["webhook_url"] == new_url

    assert stalling.hung_up.wait(HANG_GUARD_SECONDS), "the old sender stops at once"
    webhook = running.http.get(running.url + "/_mock/events", timeout=5).json()["webhook"]
    if new_url is None:
        assert webhook is None
    else:
        assert webhook["url"] == new_url and webhook["pending"] == 0


def test_events_beyond_the_queue_are_dropped_and_shown(
    running: Running, stalling: Stalling
) -> None:
    patch_webhook(running, stalling.url)
    running.emulator.configure({"rate_limit": {"calls": 0, "seconds": 5}})
    rows = [
        {"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1", "Value": str(n)}]}
        for n in range(25)
    ]
    calls = QUEUE_EVENTS // 25 + 2
    for _ in range(calls):
        assert running.bulk_update(rows).status_code == 200

    webhook = running.http.get(running.url + "/_mock/events", timeout=5).json()["webhook"]

    # One event at most is on its way; each other one waits, was dropped, or failed (timed out,
    # on a machine slow enough to take 5 s over these calls).
    sent = 25 * calls
    assert webhook["pending"] <= QUEUE_EVENTS
    assert webhook["pending"] + webhook["dropped"] + webhook["failed"] >= sent - 1
    assert webhook["dropped"] >= sent - QUEUE_EVENTS - 1 - webhook["failed"] > 0
    patch_webhook(running, None)  # within the hang guard, a full queue notwithstanding
