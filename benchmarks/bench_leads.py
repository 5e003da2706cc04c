"""Time a lead lookup by email and by phone on a tenant of 100,000 leads and on one of 10:
`python -m benchmarks.bench_leads`. The lookups go through indexes, so both sizes read alike: in
the store (microseconds; what 100,000 leads add is the CPU cache missing each lead and Python's
garbage collector walking the bigger heap, not a scan: the quick search, which scans, is printed
beside them for scale), and over HTTP (Leads.GetByEmailaddress and RetrieveLeadByPhoneNumber on
a served emulator, one keep-alive connection, where the request path's own cost dominates)."""

from __future__ import annotations

import time
from statistics import median
from typing import Any

import requests

from lsq_mock import Clock, Emulator, MockServer, RateLimit, Settings, create_app
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.tenant import TenantStore

SIZES = (10, 100_000)
LOOKUPS = 2_000
HTTP_LOOKUPS = 400
RUNS = 5
LEADS = "/v2/LeadManagement.svc"


def seed(size: int) -> dict[str, Any]:
    """`size` leads, each with its own email and phone."""
    return {
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


def tenant(size: int) -> TenantStore:
    """A store of `size` leads, seeded in one load."""
    store = TenantStore(shipped_schemas(), Clock())
    store.load(seed(size))
    return store


def _keys(size: int, by: str, count: int) -> list[str]:
    """`count` emails or phone numbers of leads spread across a tenant of `size`."""
    step = max(1, size // count)
    return [f"lead{n}@example.com" if by == "email" else f"9{n:09d}" for n in range(0, size, step)][
        :count
    ]


def lookup_us(size: int, store: TenantStore, by: str) -> float:
    """Median microseconds of one lookup `by` email or phone, over leads spread across `store`."""
    keys = _keys(size, by, LOOKUPS)
    find = store.leads_by_email if by == "email" else store.leads_by_phone
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for key in keys:
            assert find(key)
        times.append((time.perf_counter() - started) / len(keys) * 1e6)
    return median(times)


def http_batch_us(size: int, server: MockServer, by: str, http: requests.Session) -> float:
    """Mean microseconds of one lookup over HTTP in a batch of HTTP_LOOKUPS (each a 200 with one
    lead), on one keep-alive connection."""
    keys = _keys(size, by, HTTP_LOOKUPS)
    credential = server.emulator.settings.primary
    path, name = (
        (f"{LEADS}/Leads.GetByEmailaddress", "emailaddress")
        if by == "email"
        else (f"{LEADS}/RetrieveLeadByPhoneNumber", "phone")
    )
    url = server.url_for(path)
    keyed = {"accessKey": credential.access_key, "secretKey": credential.secret_key}
    started = time.perf_counter()
    for key in keys:
        answer = http.get(url, params={**keyed, name: key}, timeout=10)
        assert answer.status_code == 200 and len(answer.json()) == 1, answer.text
    return (time.perf_counter() - started) / len(keys) * 1e6


def http_lookups_us(servers: dict[int, MockServer]) -> dict[tuple[int, str], float]:
    """Microseconds of a lookup by email and by phone on each server: the best of RUNS batches
    (the least disturbed, as timeit reports), measured in alternating rounds after a warm-up
    batch, so that a slow spell of a shared machine falls on every size alike."""
    times: dict[tuple[int, str], list[float]] = {}
    with requests.Session() as http:
        for round_number in range(RUNS + 1):
            for size, server in servers.items():
                for by in ("email", "phone"):
                    batch = http_batch_us(size, server, by, http)
                    if round_number:
                        times.setdefault((size, by), []).append(batch)
    return {measured: min(batches) for measured, batches in times.items()}


def served(size: int) -> MockServer:
    """An emulator of `size` leads on a loopback port, with no rate limit."""
    settings = Settings(seed=seed(size), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))
    return MockServer(app=create_app(emulator=Emulator(settings))).start()


def scan_us(store: TenantStore) -> float:
    """Median microseconds of a quick search, which reads every lead, for scale."""
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        store.quick_search_leads("no lead holds this")
        times.append((time.perf_counter() - started) * 1e6)
    return median(times)


def main() -> None:
    """Print each lookup's median time on each tenant size, in the store and over HTTP."""
    for size in SIZES:
        started = time.perf_counter()
        store = tenant(size)
        loaded = time.perf_counter() - started
        email, phone = lookup_us(size, store, "email"), lookup_us(size, store, "phone")
        print(
            f"{size:>7} leads (seeded in {loaded:.1f} s), in the store: by email {email:.1f} us, "
            f"by phone {phone:.1f} us (a quick search, which scans: {scan_us(store):,.0f} us)"
        )
    servers = {size: served(size) for size in SIZES}
    try:
        http = http_lookups_us(servers)
    finally:
        for server in servers.values():
            server.stop()
    for size in SIZES:
        print(
            f"{size:>7} leads, over HTTP: Leads.GetByEmailaddress {http[size, 'email']:.0f} us, "
            f"RetrieveLeadByPhoneNumber {http[size, 'phone']:.0f} us"
        )


if __name__ == "__main__":
    main()
