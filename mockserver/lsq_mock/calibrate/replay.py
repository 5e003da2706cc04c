"""Replay a cassette against a fresh emulator served on a loopback port, one call at a time in the
recorded order, with the emulator's clock at each call's recorded instant (so rate limits and
timestamps see the recorded pacing), and compare each answer with the tenant's.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import urllib3

from lsq_mock.api.app import create_app
from lsq_mock.calibrate.calls import IdMap, accepted_pairs, replay_call
from lsq_mock.calibrate.cassette import Cassette, Entry
from lsq_mock.calibrate.compare import Difference, Replayed, compare, parsed
from lsq_mock.catalogue.endpoints import endpoint_at
from lsq_mock.catalogue.traffic import Call
from lsq_mock.clock import Clock
from lsq_mock.emulator import Emulator
from lsq_mock.serving.server import MockServer
from lsq_mock.settings import Settings

TIMEOUT_SECONDS = 30.0
NO_ANSWER = 0
"""The status of a call the emulator answered nothing to."""


class _RecordedTime:
    """The emulator's time source during a replay: the recorded instant of the call in hand."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@dataclass(frozen=True)
class ReplayRun:
    """What one replay found: each call with the emulator's answer, and each difference."""

    answers: tuple[tuple[Entry, Replayed], ...]
    differences: tuple[Difference, ...]


def replay(
    cassette: Cassette, settings: Settings, asked: frozenset[str] = frozenset()
) -> ReplayRun:
    """Replay every answered call of `cassette` on a fresh emulator of `settings`."""
    found: list[Difference] = []
    answers = []
    for entry, replayed, ids in _answers(cassette, settings):
        _learn_ids(ids, entry, replayed)
        found.extend(compare(entry, replayed, ids.value, asked))
        answers.append((entry, replayed))
    return ReplayRun(tuple(answers), tuple(found))


def _answers(cassette: Cassette, settings: Settings) -> Iterator[tuple[Entry, Replayed, IdMap]]:
    recorded_time = _RecordedTime()
    emulator = Emulator(settings, clock=Clock(source=recorded_time))
    exchanges = cassette.exchanges
    accepted = accepted_pairs(exchanges)
    ids = IdMap()
    with (
        MockServer(app=create_app(emulator=emulator)) as server,
        urllib3.PoolManager(maxsize=1) as pool,
    ):
        for entry in exchanges:
            assert entry.response is not None
            recorded_time.now = entry.at.timestamp()
            call = replay_call(entry.request, settings.primary, accepted, ids)
            last = emulator.verdicts.last_number
            try:
                answer = pool.request(
                    call.method,
                    server.url + call.path + (f"?{call.query}" if call.query else ""),
                    body=call.body or None,
                    headers=dict(call.headers),
                    retries=False,
                    redirect=False,
                    timeout=TIMEOUT_SECONDS,
                )
            except urllib3.exceptions.HTTPError:  # the emulator hung up: a difference too
                yield entry, Replayed(NO_ANSWER, (), b"", None), ids
                continue
            judged = emulator.verdicts.numbered_after(last)
            verdict = Call.from_verdict(judged[-1][1].to_dict()) if judged else None
            replayed = Replayed(answer.status, tuple(answer.headers.items()), answer.data, verdict)
            yield entry, replayed, ids


def _learn_ids(ids: IdMap, entry: Entry, replayed: Replayed) -> None:
    """Pair the ids a write generated live with those it generated here (reads generate none)."""
    assert entry.response is not None
    endpoint = endpoint_at(entry.request.path)
    if endpoint is not None and endpoint.read_only:
        return
    if entry.response.status != 200 or replayed.status != 200:
        return
    tenant_json, tenant = parsed(entry.response.body)
    emulator_json, emulator = parsed(replayed.body)
    if tenant_json and emulator_json:
        ids.learn(tenant, emulator)
