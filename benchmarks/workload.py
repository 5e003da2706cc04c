"""The benchmark workload: a tenant of 25 activities, valid 25-row bodies, and the bare-Flask floor.

Shared by bench_server.py and soak.py so both send the same traffic the README's numbers describe.
"""

from __future__ import annotations

import copy
import json
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, request

from lsq_mock import Emulator, RateLimit, Settings
from lsq_mock.api.context import EXTENSION_KEY
from lsq_mock.resources import default_seed_path, load_json
from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY

BULK_UPDATE = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Update"
KEYS = urlencode({"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY})
"""The default keys as a query string (the `$` sent as %24)."""
ROWS = 25
PROSPECT = "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d"
OWNER = "9f3c2a1e-7b6d-4c5e-8a9f-0e1d2c3b4a59"


def extra_activity_id(number: int) -> str:
    """A GUID for the benchmark's own activities (beside the five of the shipped seed)."""
    return f"00000000-0000-4000-8000-{number:012d}"


def bench_seed(extra: int = ROWS - 5) -> dict[str, Any]:
    """The shipped seed plus `extra` activities of its types: a batch names 25 distinct ones."""
    seed = copy.deepcopy(load_json(default_seed_path()))
    codes = [t["ActivityEvent"] for t in seed["ActivityTypes"]]
    seed["Activities"] += [
        {
            "ProspectActivityId": extra_activity_id(number),
            "ActivityEvent": codes[number % len(codes)],
            "RelatedProspectId": PROSPECT,
        }
        for number in range(extra)
    ]
    return seed


def _fields(event: int, variant: int) -> list[dict[str, str]]:
    """Five valid values for an activity of type `event`; `variant` changes them between calls."""
    by_type = {
        201: {
            "mx_Custom_1": f"Visit {variant}",
            "mx_Custom_2": str(variant),
            "mx_Custom_3": f"2026-12-{variant + 1:02d}",
            "mx_Custom_4": f"2026-11-20 10:{variant:02d}:00",
            "mx_Custom_5": "true" if variant % 2 else "false",
        },
        202: {
            "mx_Custom_1": str(100_000 + variant),
            "mx_Custom_2": ("Home", "Car")[variant % 2],
            "mx_Custom_3": f"2026-11-22 14:{variant:02d}:00",
            "mx_Custom_4": f"Branch {variant}",
            "Status": "Active",
        },
        203: {
            "mx_Custom_1": f"Demo {variant}",
            "mx_Custom_2": str(2020 + variant),
            "mx_Custom_3": "CRM",
            "mx_Custom_4": f"2016-09-01 10:{variant:02d}:00",
            "mx_Custom_5": f"ref-{variant}",
        },
    }
    return [{"SchemaName": name, "Value": value} for name, value in by_type[event].items()]


def bench_rows(variant: int = 0, seed: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """A valid 25-row batch: every activity of the benchmark tenant once, 5 fields a row."""
    activities = (seed or bench_seed())["Activities"][:ROWS]
    return [
        {
            "ProspectActivityId": activity["ProspectActivityId"],
            "ActivityNote": f"Benchmark note {variant}",
            "Fields": _fields(activity["ActivityEvent"], variant),
        }
        for activity in activities
    ]


def bench_bodies(count: int = 2) -> list[bytes]:
    """`count` encoded batches whose values differ, so each call really changes the store."""
    seed = bench_seed()
    return [json.dumps(bench_rows(variant, seed)).encode() for variant in range(count)]


def bench_settings() -> Settings:
    """The emulator's settings for benchmarks: the benchmark tenant, neither rate limit."""
    return Settings(seed=bench_seed(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))


def floor_app() -> Flask:
    """The framework floor: bare Flask reading the JSON batch and answering the same 200 body.

    It carries an emulator it never uses: lsq-mock's servers read their settings (TLS, body
    limit) from it, and the floor must be served by the same server code."""
    app = Flask("floor")
    app.extensions[EXTENSION_KEY] = Emulator(Settings())

    @app.post(BULK_UPDATE)
    def bulk_update() -> Response:
        rows = request.get_json()
        answer = {
            "Response": [{"RowNumber": n, "ActivityUpdated": True} for n in range(1, len(rows) + 1)]
        }
        return app.response_class(
            json.dumps(answer, separators=(",", ":")), mimetype="application/json"
        )

    return app
