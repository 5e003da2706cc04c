"""Regenerate fixtures/seed-large.json and fixtures/golden/*.json, byte for byte.

    python -m scripts.make_fixtures           # rewrite the files (run from the repository root)
    python -m scripts.make_fixtures --check   # exit 1 if any file differs from what it would write

The golden examples are the documented cases of the bulk update (here) and of the other
endpoints (scripts/golden_endpoints.py) against a fresh emulator loaded with
fixtures/seed-default.json (the user lookup and the lead writes: scripts/golden_lead_writes.py;
the lead and activity reads: scripts/golden_lead_reads.py); scripts/golden_format.py defines the
file format. Each answer is written by hand, from the vendor's pages and the rules the emulator
documents, never recorded from the emulator: the tests replay every golden request and compare
the emulator's answer.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import Any

import faker

from lsq_mock.factories import fake_tenant, seed_json
from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
from scripts.golden_endpoints import endpoint_cases
from scripts.golden_format import (
    DEMO,
    JSON,
    KEYS,
    LOAN,
    UNKNOWN,
    VISIT,
    Violation,
    case,
    error,
    render,
)
from scripts.golden_lead_reads import lead_read_cases
from scripts.golden_lead_writes import lead_write_cases

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "fixtures" / "golden"
LARGE_SEED_FILE = ROOT / "fixtures" / "seed-large.json"
LARGE_SEED = {"seed": 20240601, "activity_types": 12, "leads": 300, "activities": 1200}
FAKER_VERSION = "40.63.0"
"""The Faker release seed-large.json was generated with; another release may draw differently."""

BULK = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Update"


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


INVALID = "MXInvalidInputException"
ENTITY = "MXInvalidEntityException"
UNAUTHORIZED = "MXUnAuthorizedAccessException"
UPDATED = True
"""A row the bulk update applied."""


_case = functools.partial(case, path=BULK)
"""A golden case of the bulk update (another path only for the 404)."""


def _rows(*results: bool | tuple[str, str]) -> dict[str, Any]:
    """A bulk update's answer: UPDATED, or (ExceptionType, ExceptionMessage), for each row."""
    answers = []
    for number, result in enumerate(results, 1):
        row: dict[str, Any] = {"RowNumber": number, "ActivityUpdated": result is UPDATED}
        if isinstance(result, tuple):
            row["ExceptionType"], row["ExceptionMessage"] = result
        answers.append(row)
    return {"Response": answers}


NO_ACTIVITY = f"Activity '{UNKNOWN}' does not exist in the system"
VISIT_OPTIONS = "(options: Scheduled; Completed; Cancelled)"
DATETIME = "mx_Custom_4 (DateTime) needs a UTC date and time as YYYY-MM-DD HH:MM:SS; got"

# fmt: off
FAILED_ROWS: list[tuple[str, str, dict[str, Any], tuple[str, str], tuple[str, str]]] = [
    # (name, description, the row after the vendor's, its (ExceptionType, message), its
    # journaled (path in the row, rule))
    ("unknown-activity", "A ProspectActivityId the tenant does not hold.",
     _row(UNKNOWN, ("mx_Custom_1", "Anything")),
     (ENTITY, NO_ACTIVITY), ("ProspectActivityId", "unknown-activity")),
    ("unknown-field", "A SchemaName that is not a field of the activity's type.",
     _row(LOAN, ("mx_Custom_2", "Car"), ("mx_Custom_9", "Pune")),
     (INVALID, "'mx_Custom_9' is not a field of activity type 'Loan Application' "
               "(ActivityEvent 202)"),
     ("Fields[1].SchemaName", "unknown-field")),
    ("string-too-long", "A String value over the field's MaxLength (50).",
     _row(VISIT, ("mx_Custom_1", "Walked through the show flat and the clubhouse, twice")),
     (INVALID, "mx_Custom_1 (String) allows at most 50 characters; got 53"),
     ("Fields[0].Value", "invalid-value:String")),
    ("text-too-long", "A Text value over the field's MaxLength (2000).",
     _row(VISIT, ("mx_Custom_8", "Customer is price sensitive. " * 70)),
     (INVALID, "mx_Custom_8 (Text) allows at most 2000 characters; got 2030"),
     ("Fields[0].Value", "invalid-value:Text")),
    ("status-too-long", "The system field Status allows at most 200 characters.",
     _row(VISIT, ("Status", "Completed " * 21)),
     (INVALID, "Status allows at most 200 characters; got 210"),
     ("Fields[0].Value", "invalid-value:Status")),
    ("not-a-number", "A Number written with Indian digit grouping.",
     _row(LOAN, ("mx_Custom_1", "12,50,000")),
     (INVALID, "mx_Custom_1 (Number) needs a number; got '12,50,000'"),
     ("Fields[0].Value", "invalid-value:Number")),
    ("not-a-date", "A Date as DD/MM/YYYY.",
     _row(VISIT, ("mx_Custom_3", "31/12/2026")),
     (INVALID, "mx_Custom_3 (Date) needs a date as YYYY-MM-DD; got '31/12/2026'"),
     ("Fields[0].Value", "invalid-value:Date")),
    ("not-a-datetime", "A DateTime that is not a real calendar date.",
     _row(VISIT, ("mx_Custom_4", "2026-02-30 10:00:00")),
     (INVALID, f"{DATETIME} '2026-02-30 10:00:00'"),
     ("Fields[0].Value", "invalid-value:DateTime")),
    ("not-a-boolean", "A Boolean as 'yes'.",
     _row(VISIT, ("mx_Custom_5", "yes")),
     (INVALID, "mx_Custom_5 (Boolean) needs true, false, 1 or 0; got 'yes'"),
     ("Fields[0].Value", "invalid-value:Boolean")),
    ("bad-dropdown-option", "A Dropdown option in the wrong case (matching is exact).",
     _row(VISIT, ("mx_Custom_6", "completed")),
     (INVALID, f"'completed' is not an option of mx_Custom_6 {VISIT_OPTIONS}"),
     ("Fields[0].Value", "invalid-value:Dropdown")),
    ("bad-multi-select-option", "A multi-select Dropdown with one value that is not an option.",
     _row(VISIT, ("mx_Custom_7", "Parking;Sauna")),
     (INVALID, "'Sauna' is not an option of mx_Custom_7 (options: Parking; Lift; Gym; Pool)"),
     ("Fields[0].Value", "invalid-value:Dropdown")),
    ("bad-searchable-dropdown-option", "A SearchableDropdown value that is not an option.",
     _row(VISIT, ("mx_Custom_9", "Hill Top")),
     (INVALID, "'Hill Top' is not an option of mx_Custom_9 "
               "(options: Green Meadows; Lake View; Palm Grove)"),
     ("Fields[0].Value", "invalid-value:SearchableDropdown")),
    ("owner-not-a-guid", "The system field Owner given as an email instead of a user id.",
     _row(VISIT, ("Owner", "priya.sharma@example.com")),
     (INVALID, "Owner needs a user id (a GUID); got 'priya.sharma@example.com'"),
     ("Fields[0].Value", "invalid-value:Owner")),
    ("mandatory-emptied", "Clearing a mandatory field (Loan Amount).",
     _row(LOAN, ("mx_Custom_2", "Car"), ("mx_Custom_1", "")),
     (INVALID, "mx_Custom_1 is mandatory and cannot be empty"),
     ("Fields[1].Value", "mandatory-field:Number")),
]

REFUSED_BODIES: list[tuple[str, str, Any, str, Violation]] = [
    # (name, description, body, the whole message, the journaled (path, rule, row))
    ("not-an-array", "One row object instead of an array of rows.", LOAN_ROW,
     "Invalid Input! $ must be array, not object", ("$", "invalid-input:type", None)),
    ("empty-array", "An empty batch.", [],
     "Invalid Input! $ must be a non-empty array of activities",
     ("$", "invalid-input:minItems", None)),
    ("too-many-rows", "26 rows: the maximum limit is 25.", [LOAN_ROW] * 26,
     "Invalid Input! $ has 26 activities; the maximum limit is 25 activities",
     ("$", "invalid-input:maxItems", None)),
    ("missing-prospect-activity-id", "A row without ProspectActivityId.",
     [VENDOR_ROW, {"Fields": [{"SchemaName": "mx_Custom_1", "Value": "First"}]}],
     "Invalid Input! $[1].ProspectActivityId is required",
     ("$[1].ProspectActivityId", "invalid-input:required", 2)),
    ("fields-not-an-array", "Fields as an object of SchemaName to Value.",
     [{"ProspectActivityId": LOAN, "Fields": {"mx_Custom_2": "Car"}}],
     "Invalid Input! $[0].Fields must be array, not object",
     ("$[0].Fields", "invalid-input:type", 1)),
    ("field-missing-schema-name", "A field item without SchemaName.",
     [{"ProspectActivityId": LOAN, "Fields": [{"Value": "Car"}]}],
     "Invalid Input! $[0].Fields[0].SchemaName is required",
     ("$[0].Fields[0].SchemaName", "invalid-input:required", 1)),
]

CONTRACT_ONLY: list[tuple[str, str, Any, dict[str, Any], Violation]] = [
    # (name, description, body, the answer, the one violation journaled)
    ("datetime-iso-8601",
     "A DateTime with 'T' and 'Z': accepted and stored as UTC, journaled as a violation.",
     [_row(DEMO, ("mx_Custom_4", "2016-09-18T12:12:12Z"))],
     _rows(UPDATED), ("$[0].Fields[0].Value", "datetime-format", 1)),
    ("duplicate-activity", "The same activity in two rows: both applied, the second journaled.",
     [VENDOR_ROW, VENDOR_ROW],
     _rows(UPDATED, UPDATED), ("$[1].ProspectActivityId", "duplicate-activity", 2)),
    ("unknown-key", "A misspelt key (ActivityNotes) is ignored by the API and journaled.",
     [_row(LOAN, ("mx_Custom_2", "Car"), ActivityNotes="Customer wants a car loan")],
     _rows(UPDATED), ("$[0].ActivityNotes", "contract:unknown-key", 1)),
    ("number-value",
     "A Value sent as a JSON number: accepted, but the vendor's format is a string.",
     [_row(LOAN, ("mx_Custom_1", 2750000))],
     _rows(UPDATED), ("$[0].Fields[0].Value", "contract:type", 1)),
]
# fmt: on


def cases() -> list[dict[str, Any]]:
    """Every documented case: request, setup, and the answer expected, written by hand."""
    return [*bulk_update_cases(), *endpoint_cases(), *lead_write_cases(), *lead_read_cases()]


def bulk_update_cases() -> list[dict[str, Any]]:
    """The documented cases of the bulk update."""
    return [
        _case(
            "200-success",
            "Two rows on two activities, both updated.",
            [VENDOR_ROW, LOAN_ROW],
            answer=_rows(UPDATED, UPDATED),
            contract=[],
        ),
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
            answer=_rows(UPDATED),
            contract=[],
        ),
        _case(
            "200-validate-dropdown-options",
            "ValidateDropDownOptions: true on the row skips the option check.",
            [_row(VISIT, ("mx_Custom_6", "Rescheduled"), ValidateDropDownOptions=True)],
            answer=_rows(UPDATED),
            contract=[],
        ),
        _case(
            "200-mixed-rows",
            "One row fails (unknown activity); the rows around it are still updated.",
            [VENDOR_ROW, _row(UNKNOWN, ("mx_Custom_1", "x")), LOAN_ROW],
            answer=_rows(UPDATED, (ENTITY, NO_ACTIVITY), UPDATED),
            contract=[("$[1].ProspectActivityId", "unknown-activity", 2)],
        ),
        *(
            _case(
                f"200-row-{name}",
                description,
                [VENDOR_ROW, row],
                answer=_rows(UPDATED, why),
                contract=[(f"$[1].{path}", rule, 2)],
            )
            for name, description, row, why, (path, rule) in FAILED_ROWS
        ),
        *(
            _case(f"200-contract-{name}", description, body, answer=answer, contract=[at])
            for name, description, body, answer, at in CONTRACT_ONLY
        ),
        _case(
            "400-content-type",
            "A JSON body sent as text/plain.",
            text=json.dumps([LOAN_ROW]),
            headers={"Content-Type": "text/plain"},
            answer=error(
                INVALID, "Invalid Input! Content-Type must be application/json; got 'text/plain'"
            ),
            contract=[("$", "invalid-input:content-type", None)],
        ),
        _case(
            "400-invalid-json",
            "A body that is not JSON.",
            text=json.dumps([LOAN_ROW])[:-1],
            answer=error(
                INVALID,
                "Invalid Input! The body is not valid JSON: "
                "Expecting ',' delimiter: line 1 column 175 (char 174)",
            ),
            contract=[("$", "invalid-input:json", None)],
        ),
        *(
            _case(f"400-{name}", description, body, answer=error(INVALID, message), contract=[at])
            for name, description, body, message, at in REFUSED_BODIES
        ),
        _case(
            "401-wrong-keys",
            "A secret key that does not belong to the access key.",
            [LOAN_ROW],
            query={**KEYS, "secretKey": "not-the-secret"},
            answer=error(
                UNAUTHORIZED, "Invalid accessKey or secretKey: check your AccessKey and SecretKey"
            ),
            contract=[("$", "auth", None)],
        ),
        _case(
            "401-missing-keys",
            "No keys at all.",
            [LOAN_ROW],
            query={},
            answer=error(UNAUTHORIZED, "Missing accessKey and secretKey"),
            contract=[("$", "auth", None)],
        ),
        _case(
            "404-unknown-path",
            "A path the API does not serve (note the trailing 's').",
            [LOAN_ROW],
            path=BULK + "s",
            answer=error(
                "MXAPINotFoundException",
                f"The API could not be found. Please check the API signature: POST {BULK}s",
            ),
            contract=[("$", "unknown-api", None)],
        ),
        _case(
            "413-body-too-large",
            "A body over the emulator's limit (lowered to 256 bytes here; 2 MiB by default).",
            [VENDOR_ROW, LOAN_ROW],
            setup={"max_body_bytes": 256},
            answer=error(INVALID, "Invalid Input! The request body exceeds 256 bytes."),
            contract=[("$", "payload-too-large", None)],
        ),
        _case(
            "429-rate-limited",
            "The second call within 5 seconds on a tenant limited to 1 call in 5 s.",
            [LOAN_ROW],
            setup={"rate_limit": "1/5", "calls_before": 1},
            answer=error(
                "MXAPIRateLimitExceededException",
                "API calls exceeded the limit of 1 in 5 second(s)",
            ),
            contract=[],
        ),
        _case(
            "500-injected-fault",
            "A 500 queued on purpose through the fault API.",
            [LOAN_ROW],
            setup={"fault": {"kind": "status", "status": 500, "message": "The API call failed."}},
            answer=error("MXUnexpectedException", "The API call failed."),
            contract=[],
        ),
    ]


def expected_files() -> dict[Path, str]:
    """Every fixture file this script owns, with the text it should hold."""
    files = {GOLDEN_DIR / f"{golden['name']}.json": render(golden) for golden in cases()}
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
