"""Time what contract coverage and near misses cost: `python -m benchmarks.bench_coverage`.

Coverage is measured off the request path (on a read of GET /_mock/coverage, a reset, a
forgotten journal), so its cost is per journal entry read; a near miss is looked for only on a
violation, so its cost is per failed row, in a tenant of 10,000 activities.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from statistics import median

from benchmarks.journal_entry import bulk_call_verdict
from lsq_mock import Emulator, RateLimit, Settings
from lsq_mock.contract.nearmiss import field_hint, option_hint
from lsq_mock.factories import fake_tenant

ENTRIES = 10_000
ROWS = 25
RUNS = 5


def coverage_ms(emulator: Emulator) -> float:
    """Median ms to measure the verdicts of ENTRIES bulk calls of ROWS rows each (what coverage
    reads since the run's verdicts: the journal is the inspector's)."""
    verdict = bulk_call_verdict(emulator.clock.utcnow(), ROWS)
    times = []
    for _ in range(RUNS):
        emulator.verdicts.extend([verdict] * ENTRIES)
        started = time.perf_counter()
        emulator.coverage.catch_up()
        times.append((time.perf_counter() - started) * 1000)
    assert emulator.coverage.report().counts["bulk-update/batch-25"] == RUNS * ENTRIES
    return median(times)


def batch_ms(emulator: Emulator, rows: list[dict]) -> float:
    """Median ms of one bulk update of `rows` (the first call also builds the id index)."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        emulator.store.bulk_update(rows)
        times.append((time.perf_counter() - started) * 1000)
    return median(times)


def hint_ms(make: Callable[[], object], repeats: int = 200) -> float:
    """Mean ms of one call of `make` (a hint for one failed row)."""
    started = time.perf_counter()
    for _ in range(repeats):
        make()
    return (time.perf_counter() - started) * 1000 / repeats


def main() -> None:
    """Print coverage's cost per journal entry and a near miss's cost per failed row."""
    tenant = fake_tenant(7, activities=ENTRIES)
    emulator = Emulator(Settings(seed=tenant, rate_limit=RateLimit(0)))
    measured = coverage_ms(emulator)
    print(
        f"coverage of the verdicts of {ENTRIES:,} bulk calls of {ROWS} rows: {measured:.0f} ms "
        f"({measured / ENTRIES * 1000:.0f} µs per entry)"
    )
    known = [activity["ProspectActivityId"] for activity in tenant["Activities"][:ROWS]]
    typos = [{"ProspectActivityId": k[:-1] + "x", "Fields": []} for k in known]
    strangers = [{"ProspectActivityId": str(uuid.uuid4()), "Fields": []} for _ in known]
    first = time.perf_counter()
    emulator.store.bulk_update(typos[:1])
    index_ms = (time.perf_counter() - first) * 1000
    print(f"first unknown id in a tenant of {ENTRIES:,} (builds the id index): {index_ms:.1f} ms")
    for label, rows in (("a near miss", typos), ("no near miss", strangers)):
        taken = batch_ms(emulator, rows)
        print(
            f"{ROWS} unknown ids, each with {label}: {taken:.2f} ms ({taken / ROWS:.3f} ms a row)"
        )
    fields = {f"mx_Custom_{n}": {"DisplayName": f"Field {n}"} for n in range(1, 51)}
    options = [f"Option {n}" for n in range(2000)]
    field_ms = hint_ms(lambda: field_hint("mx_Custom_77", fields))
    option_ms = hint_ms(lambda: option_hint("Optoin 17", options))
    print(f"hint for an unknown field, type of 50 fields: {field_ms:.3f} ms")
    print(f"hint for a bad option, dropdown of 2000 options: {option_ms:.3f} ms")


if __name__ == "__main__":
    main()
