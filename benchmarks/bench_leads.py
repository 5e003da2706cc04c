"""Time a lead lookup by email and by phone on a tenant of 100,000 leads and on one of 10:
`python -m benchmarks.bench_leads`. The lookups go through indexes, so both should read alike
(tenant level; the HTTP level is timed with the routes)."""

from __future__ import annotations

import time
from statistics import median

from lsq_mock import Clock
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.tenant import TenantStore

SIZES = (10, 100_000)
LOOKUPS = 2_000
RUNS = 5


def tenant(size: int) -> TenantStore:
    """A store of `size` leads, each with its own email and phone, seeded in one load."""
    store = TenantStore(shipped_schemas(), Clock())
    store.load(
        {
            "Leads": [
                {
                    "ProspectID": f"lead-{n}",
                    "FirstName": f"Lead {n}",
                    "EmailAddress": f"lead{n}@example.com",
                    "Phone": f"+91-9{n:09d}",
                }
                for n in range(size)
            ]
        }
    )
    return store


def lookup_us(size: int, store: TenantStore, by: str) -> float:
    """Median microseconds of one lookup `by` email or phone, over leads spread across `store`."""
    step = max(1, size // LOOKUPS)
    keys = [f"lead{n}@example.com" if by == "email" else f"9{n:09d}" for n in range(0, size, step)][
        :LOOKUPS
    ]
    find = store.leads_by_email if by == "email" else store.leads_by_phone
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for key in keys:
            assert find(key)
        times.append((time.perf_counter() - started) / len(keys) * 1e6)
    return median(times)


def main() -> None:
    """Print each lookup's median time on each tenant size."""
    for size in SIZES:
        started = time.perf_counter()
        store = tenant(size)
        loaded = time.perf_counter() - started
        email, phone = lookup_us(size, store, "email"), lookup_us(size, store, "phone")
        print(
            f"{size:>7} leads (seeded in {loaded:.1f} s): by email {email:.1f} us, "
            f"by phone {phone:.1f} us"
        )


if __name__ == "__main__":
    main()
