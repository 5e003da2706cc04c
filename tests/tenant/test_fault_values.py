"""A Fault built in Python (the plugin's `fail_next`, a test's own queue) refuses what the admin
API's schema refuses, with a message that says why; the queue hands out copies in order."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock.emulator.faults import Fault, FaultQueue


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": "explode"}, "unknown fault kind 'explode'"),
        ({"status": 418}, "status must be one of (400, 401, 404, 429, 500), not 418"),
        ({"status": 503, "times": 2}, "status must be one of (400, 401, 404, 429, 500), not 503"),
        ({"times": 0}, "times must be at least 1"),
        ({"kind": "drop", "times": -1}, "times must be at least 1"),
        ({"kind": "latency", "latency_seconds": -0.5}, "latency_seconds must not be negative"),
        ({"kind": "latency"}, "a latency fault needs latency_seconds above 0"),
        (
            {"latency_seconds": 2},
            "latency_seconds is for a latency fault, not a status fault",
        ),
        (
            {"kind": "drop", "message": "gone"},
            "status, message and exception_type are for a status fault, not a drop fault",
        ),
        (
            {"kind": "truncate", "exception_type": "MXException"},
            "status, message and exception_type are for a status fault, not a truncate fault",
        ),
        (
            {"kind": "drop", "status": 404},
            "status, message and exception_type are for a status fault, not a drop fault",
        ),
    ],
)
def test_a_fault_refuses_nonsense(values: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as refused:
        Fault(**values)

    assert str(refused.value) == message


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"status": 400, "times": 1},
        {"kind": "latency", "latency_seconds": 0.25},
        {"kind": "truncate", "path": "/Bulk/"},
    ],
)
def test_a_fault_takes_what_makes_sense(values: dict[str, Any]) -> None:
    fault = Fault(**values)

    assert fault.to_dict() == {
        "kind": "status",
        "status": 500,
        "message": None,
        "exception_type": None,
        "latency_seconds": 0.0,
        "times": 1,
        "path": None,
        **values,
    }


def test_the_queue_hands_out_the_first_matching_fault_as_it_was() -> None:
    queue = FaultQueue()
    queue.add(Fault(status=404, path="/Update", times=2))
    queue.add(Fault(status=429))

    taken = [queue.take(path) for path in ("/Create", "/Bulk/Update", "/Bulk/Update")]

    assert [(fault.status, fault.times) for fault in taken if fault] == [
        (429, 1),
        (404, 2),
        (404, 1),
    ]
    assert queue.pending() == []
    assert queue.take("/Bulk/Update") is None
