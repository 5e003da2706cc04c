"""`LsqMock.fail_next` hands every argument to the fault it queues, so one its kind would ignore
is refused, not dropped on the way (a drop with a message, a 500 with latency)."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import LsqMock, MockServer, Settings
from lsq_mock.resources import DEFAULT_SEED


@pytest.mark.parametrize(
    ("fault", "options", "refusal"),
    [
        ("drop", {"message": "boom"}, "not a drop fault"),
        ("truncate", {"exception_type": "MXFooException"}, "not a truncate fault"),
        (500, {"latency_seconds": 3}, "not a status fault"),
        ("latency", {}, "latency_seconds above 0"),
    ],
)
def test_fail_next_refuses_what_its_kind_would_ignore(
    fault: int | str, options: dict[str, Any], refusal: str
) -> None:
    with MockServer(Settings(seed=DEFAULT_SEED)) as server:
        handle = LsqMock(server)
        with pytest.raises(ValueError, match=refusal):
            handle.fail_next(fault, **options)
        queued = handle.fail_next("latency", latency_seconds=0.01)

        assert server.emulator.faults.pending() == [queued]
