"""Time generating a fake tenant of 10,000 activities: `python -m benchmarks.bench_fake`."""

from __future__ import annotations

import time

from lsq_mock.factories import fake_tenant

ACTIVITIES = 10_000
RUNS = 3


def main() -> None:
    """Print the best wall time of RUNS generations, and the rate per activity."""
    best = float("inf")
    for run in range(RUNS):
        started = time.perf_counter()
        tenant = fake_tenant(run, activities=ACTIVITIES)
        best = min(best, time.perf_counter() - started)
    assert len(tenant["Activities"]) == ACTIVITIES
    print(
        f"fake_tenant(activities={ACTIVITIES:,}): best of {RUNS} {best:.2f} s "
        f"({best / ACTIVITIES * 1e6:.0f} µs per activity)"
    )


if __name__ == "__main__":
    main()
