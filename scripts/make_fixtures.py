"""Regenerate fixtures/seed-large.json and fixtures/golden/*.json, byte for byte.

    python -m scripts.make_fixtures           # rewrite the files (run from the repository root)
    python -m scripts.make_fixtures --check   # exit 1 if any file differs from what it would write

The golden examples are the documented cases of the bulk endpoint, each replayed against a fresh
emulator loaded with fixtures/seed-default.json; the recorded answer is what the file holds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import faker
import requests

from lsq_mock import Clock, Emulator, MockServer, RateLimit, Settings, create_app
from lsq_mock.factories import fake_tenant, seed_json
from lsq_mock.faults import Fault
from lsq_mock.resources import default_seed_path
from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "fixtures" / "golden"
LARGE_SEED_FILE = ROOT / "fixtures" / "seed-large.json"
LARGE_SEED = {"seed": 20240601, "activity_types": 12, "leads": 300, "activities": 1200}
FAKER_VERSION = "40.63.0"
"""The Faker release seed-large.json was generated with; another release may draw differently."""

BULK = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Update"
KEYS = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY}
JSON = {"Content-Type": "application/json"}
FIXED_NOW = 1_800_000_000.0

DEMO = "bb9205fd-81b8-4d44-bf74-26f90e11790b"
VISIT = "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6"
VISIT_2 = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
LOAN = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
UNKNOWN = "d4c3b2a1-0000-4000-8000-000000000000"


def _row(activity_id: str, *fields: tuple[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "ProspectActivityId": activity_id,
        **extra,
        "Fields": [{"SchemaName": name, "Value": value} for name, value in fields],
    }


VENDOR_ROW = _row(
    DEMO,
    ("mx_Custom_1", "First"),
    ("mx_Custom_2", "2016"),
    ("mx_Custom_3", "Activity Test"),
    ("mx_Custom_4", "2016-09-18 12:12:12"),
    ("mx_Custom_5", "qwerty"),
    ActivityNote="Activity note update",
)
LOAN_ROW = _row(LOAN, ("mx_Custom_1", "2750000"), ("mx_Custom_2", "Home"))


def _case(
    name: str,
    description: str,
    body: Any = None,
    *,
    text: str | None = None,
    method: str = "POST",
    path: str = BULK,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    setup: dict[str, Any] | None = None,
) -> dict[str, Any]:
    request: dict[str, Any] = {
        "method": method,
        "path": path,
        "query": KEYS if query is None else query,
        "headers": JSON if headers is None else headers,
    }
    if text is not None:
        request["body_text"] = text
    elif body is not None:
        request["body"] = body
    case: dict[str, Any] = {"name": name, "description": description}
    if setup:
        case["setup"] = setup
    case["request"] = request
    return case


def _failed(name: str, description: str, *row: dict[str, Any]) -> dict[str, Any]:
    return _case(f"200-row-{name}", description, [VENDOR_ROW, *row])


def cases() -> list[dict[str, Any]]:
    """Every documented case: requests and setup, without the recorded answers."""
    return [
        _case("200-success", "Two rows on two activities, both updated.", [VENDOR_ROW, LOAN_ROW]),
        _case(
            "200-keys-in-headers",
            "Keys in the x-LSQ-AccessKey / x-LSQ-SecretKey headers (the vendor's advice).",
            [LOAN_ROW],
            query={},
            headers={
                **JSON,
                "x-LSQ-AccessKey": DEFAULT_ACCESS_KEY,
                "x-LSQ-SecretKey": DEFAULT_SECRET_KEY,
            },
        ),
        _case(
            "200-validate-dropdown-options",
            "ValidateDropDownOptions: true on the row skips the option check.",
            [_row(VISIT, ("mx_Custom_6", "Rescheduled"), ValidateDropDownOptions=True)],
        ),
        _case(
            "200-mixed-rows",
            "One row fails (unknown activity); the rows around it are still updated.",
            [VENDOR_ROW, _row(UNKNOWN, ("mx_Custom_1", "x")), LOAN_ROW],
        ),
        _failed(
            "unknown-activity",
            "A ProspectActivityId the tenant does not hold.",
            _row(UNKNOWN, ("mx_Custom_1", "Anything")),
        ),
        _failed(
            "unknown-field",
            "A SchemaName that is not a field of the activity's type.",
            _row(LOAN, ("mx_Custom_2", "Car"), ("mx_Custom_9", "Pune")),
        ),
        _failed(
            "string-too-long",
            "A String value over the field's MaxLength (50).",
            _row(VISIT, ("mx_Custom_1", "Walked through the show flat and the clubhouse, twice")),
        ),
        _failed(
            "text-too-long",
            "A Text value over the field's MaxLength (2000).",
            _row(VISIT, ("mx_Custom_8", "Customer is price sensitive. " * 70)),
        ),
        _failed(
            "status-too-long",
            "The system field Status allows at most 200 characters.",
            _row(VISIT, ("Status", "Completed " * 21)),
        ),
        _failed(
            "not-a-number",
            "A Number written with Indian digit grouping.",
            _row(LOAN, ("mx_Custom_1", "12,50,000")),
        ),
        _failed("not-a-date", "A Date as DD/MM/YYYY.", _row(VISIT, ("mx_Custom_3", "31/12/2026"))),
        _failed(
            "not-a-datetime",
            "A DateTime that is not a real calendar date.",
            _row(VISIT, ("mx_Custom_4", "2026-02-30 10:00:00")),
        ),
        _failed("not-a-boolean", "A Boolean as 'yes'.", _row(VISIT, ("mx_Custom_5", "yes"))),
        _failed(
            "bad-dropdown-option",
            "A Dropdown option in the wrong case (matching is exact).",
            _row(VISIT, ("mx_Custom_6", "completed")),
        ),
        _failed(
            "bad-multi-select-option",
            "A multi-select Dropdown with one value that is not an option.",
            _row(VISIT, ("mx_Custom_7", "Parking;Sauna")),
        ),
        _failed(
            "bad-searchable-dropdown-option",
            "A SearchableDropdown value that is not an option.",
            _row(VISIT, ("mx_Custom_9", "Hill Top")),
        ),
        _failed(
            "owner-not-a-guid",
            "The system field Owner given as an email instead of a user id.",
            _row(VISIT, ("Owner", "priya.sharma@example.com")),
        ),
        _failed(
            "mandatory-emptied",
            "Clearing a mandatory field (Loan Amount).",
            _row(LOAN, ("mx_Custom_2", "Car"), ("mx_Custom_1", "")),
        ),
        _case(
            "200-contract-datetime-iso-8601",
            "A DateTime with 'T' and 'Z': accepted and stored as UTC, journaled as a violation.",
            [_row(DEMO, ("mx_Custom_4", "2016-09-18T12:12:12Z"))],
        ),
        _case(
            "200-contract-duplicate-activity",
            "The same activity in two rows: both applied, the second journaled.",
            [VENDOR_ROW, VENDOR_ROW],
        ),
        _case(
            "200-contract-unknown-key",
            "A misspelt key (ActivityNotes) is ignored by the API and journaled.",
            [_row(LOAN, ("mx_Custom_2", "Car"), ActivityNotes="Customer wants a car loan")],
        ),
        _case(
            "200-contract-number-value",
            "A Value sent as a JSON number: accepted, but the vendor's format is a string.",
            [_row(LOAN, ("mx_Custom_1", 2750000))],
        ),
        _case(
            "400-content-type",
            "A JSON body sent as text/plain.",
            text=json.dumps([LOAN_ROW]),
            headers={"Content-Type": "text/plain"},
        ),
        _case("400-invalid-json", "A body that is not JSON.", text=json.dumps([LOAN_ROW])[:-1]),
        _case("400-not-an-array", "One row object instead of an array of rows.", LOAN_ROW),
        _case("400-empty-array", "An empty batch.", []),
        _case("400-too-many-rows", "26 rows: the maximum limit is 25.", [LOAN_ROW] * 26),
        _case(
            "400-missing-prospect-activity-id",
            "A row without ProspectActivityId.",
            [VENDOR_ROW, {"Fields": [{"SchemaName": "mx_Custom_1", "Value": "First"}]}],
        ),
        _case(
            "400-fields-not-an-array",
            "Fields as an object of SchemaName to Value.",
            [{"ProspectActivityId": LOAN, "Fields": {"mx_Custom_2": "Car"}}],
        ),
        _case(
            "400-field-missing-schema-name",
            "A field item without SchemaName.",
            [{"ProspectActivityId": LOAN, "Fields": [{"Value": "Car"}]}],
        ),
        _case(
            "401-wrong-keys",
            "A secret key that does not belong to the access key.",
            [LOAN_ROW],
            query={**KEYS, "secretKey": "not-the-secret"},
        ),
        _case("401-missing-keys", "No keys at all.", [LOAN_ROW], query={}),
        _case(
            "404-unknown-path",
            "A path the API does not serve (note the trailing 's').",
            [LOAN_ROW],
            path=BULK + "s",
        ),
        _case(
            "413-body-too-large",
            "A body over the emulator's limit (lowered to 256 bytes here; 2 MiB by default).",
            [VENDOR_ROW, LOAN_ROW],
            setup={"max_body_bytes": 256},
        ),
        _case(
            "429-rate-limited",
            "The second call within 5 seconds on a tenant limited to 1 call in 5 s.",
            [LOAN_ROW],
            setup={"rate_limit": "1/5", "calls_before": 1},
        ),
        _case(
            "500-injected-fault",
            "A 500 queued on purpose through the fault API.",
            [LOAN_ROW],
            setup={"fault": {"kind": "status", "status": 500, "message": "The API call failed."}},
        ),
    ]


def settings_for(setup: dict[str, Any]) -> Settings:
    """The emulator settings a golden case's `setup` asks for, on the default seed."""
    return Settings(
        seed=default_seed_path(),
        rate_limit=RateLimit.parse(setup.get("rate_limit", "25/5")),
        max_body_bytes=setup.get("max_body_bytes", Settings().max_body_bytes),
    )


def request_content(request: dict[str, Any]) -> bytes | None:
    """The bytes a golden request sends: `body_text` verbatim, else `body` as JSON."""
    if "body_text" in request:
        return request["body_text"].encode()
    return json.dumps(request["body"]).encode() if "body" in request else None


def record(case: dict[str, Any]) -> dict[str, Any]:
    """Replay `case` against a fresh emulator; return its answer and the journaled violations."""
    setup = case.get("setup", {})
    emulator = Emulator(settings_for(setup), clock=Clock(lambda: FIXED_NOW))
    if "fault" in setup:
        emulator.faults.add(Fault(**setup["fault"]))
    request = case["request"]
    with MockServer(app=create_app(emulator=emulator)) as server, requests.Session() as http:
        for _ in range(setup.get("calls_before", 0) + 1):
            answer = http.request(
                request["method"],
                server.url + request["path"],
                params=request["query"],
                headers=request["headers"],
                data=request_content(request),
            )
    contract = [
        {"path": v["path"], "rule": v["rule"], "row": v["row"]}
        for v in emulator.journal.entries()[-1]["contract"]
    ]
    return {
        "response": {
            "status": answer.status_code,
            "headers": {"Content-Type": answer.headers["Content-Type"]},
            "body": answer.json(),
        },
        "contract": contract,
    }


def render(case: dict[str, Any], recorded: dict[str, Any]) -> str:
    """The golden file's text for `case` and its recorded answer."""
    return json.dumps({**case, **recorded}, indent=2) + "\n"


def expected_files() -> dict[Path, str]:
    """Every fixture file this script owns, with the text it should hold."""
    files = {GOLDEN_DIR / f"{case['name']}.json": render(case, record(case)) for case in cases()}
    params = {key: value for key, value in LARGE_SEED.items() if key != "seed"}
    files[LARGE_SEED_FILE] = seed_json(fake_tenant(LARGE_SEED["seed"], **params))
    return files


def main() -> int:
    """Write (or with --check, compare) the fixture files; remove stale golden files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a change")
    args = parser.parse_args()
    if faker.VERSION != FAKER_VERSION:
        print(f"note: Faker {faker.VERSION}, fixtures made with {FAKER_VERSION}", file=sys.stderr)
    files = expected_files()
    stale = [p for p in GOLDEN_DIR.glob("*.json") if p not in files]
    changed = [p for p, text in files.items() if not p.is_file() or p.read_text() != text]
    if args.check:
        for path in [*changed, *stale]:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if changed or stale else 0
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for path in stale:
        path.unlink()
    for path in changed:
        path.write_text(files[path], encoding="utf-8")
    print(f"{len(changed)} written, {len(stale)} removed, {len(files) - len(changed)} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
