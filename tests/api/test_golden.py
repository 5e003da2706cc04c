"""Golden examples: valid by the shipped schemas, and answered exactly as their hand-written
expectations say when each request is replayed against a fresh emulator.

The expected answers are written by hand in scripts/make_fixtures.py, never recorded from the
emulator; the replay here is this module's own, so no code path both writes and checks them.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import uuid
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import faker
import pytest

from lsq_mock import RateLimit, Settings
from lsq_mock.clock import Clock
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.emulator.faults import Fault
from lsq_mock.factories import DATA_TYPES, fake_tenant, seed_json
from lsq_mock.resources import data_dir, default_seed_path, load_json
from lsq_mock.tenant import TenantStore
from support.running import serving

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = sorted((data_dir("fixtures") / "golden").glob("*.json"))
DOCUMENTED = {
    "200-success",
    "400-content-type",
    "400-invalid-json",
    "400-not-an-array",
    "400-empty-array",
    "400-too-many-rows",
    "400-missing-prospect-activity-id",
    "400-fields-not-an-array",
    "400-field-missing-schema-name",
    "401-wrong-keys",
    "404-unknown-path",
    "413-body-too-large",
    "429-rate-limited",
    "500-injected-fault",
    "200-row-unknown-activity",
    "200-row-unknown-field",
    "200-row-string-too-long",
    "200-row-text-too-long",
    "200-row-not-a-number",
    "200-row-not-a-date",
    "200-row-not-a-datetime",
    "200-row-not-a-boolean",
    "200-row-bad-dropdown-option",
    "200-row-bad-multi-select-option",
    "200-row-bad-searchable-dropdown-option",
    "200-row-mandatory-emptied",
    "200-create",
    "200-create-by-email",
    "200-update",
    "200-retrieve-empty-body",
    "200-retrieve-no-body",
    "200-retrieve-one-type",
    "200-retrieve-second-page",
    "500-retrieve-page-too-large",
    "200-activity-details",
    "500-activity-details-unknown",
    "200-activity-types",
    "200-create-type",
    "500-create-type-duplicate",
    "200-bulk-add",
    "200-bulk-add-row-not-a-number",
    "200-activity-setting",
    "200-lead-by-email",
    "200-lead-by-email-unknown",
    "200-lead-by-id",
    "200-lead-by-id-unknown",
    "200-lead-by-phone",
    "200-lead-by-phone-unknown",
    "200-lead-capture-create",
    "200-lead-capture-update",
    "200-lead-create",
    "200-lead-create-or-update",
    "200-lead-metadata-one-field",
    "200-lead-metadata-unknown-field",
    "200-lead-quick-search",
    "200-lead-quick-search-none",
    "200-lead-update",
    "200-leads-get",
    "200-leads-get-lookup-name-case",
    "200-retrieve-by-event",
    "200-retrieve-recently-modified",
    "200-user-by-access-key",
    "400-lead-create-not-an-array",
    "401-user-by-access-key-wrong-keys",
    "500-activity-setting-unknown-code",
    "500-lead-by-id-missing-id",
    "500-lead-capture-duplicate",
    "500-lead-create-duplicate-email",
    "500-lead-create-or-update-duplicate-phone",
    "500-lead-create-unknown-attribute",
    "500-lead-update-missing-lead-id",
    "500-lead-update-unknown-lead",
    "500-leads-get-operator",
    "500-leads-get-page-too-large",
    "500-retrieve-by-event-missing-event",
    "500-retrieve-by-event-unknown-event",
    "500-retrieve-recently-modified-missing-date",
    "500-retrieve-unknown-lead",
}
_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


@cache
def _script(name: str = "make_fixtures") -> ModuleType:
    """A module of scripts/: make_fixtures writes the golden files, golden_format defines them."""
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    return importlib.import_module(f"scripts.{name}")


def _response_schema(method: str, path: str, status: int) -> str:
    """The shipped schema of the answer, as the OpenAPI document names it for the endpoint."""
    if status != 200:
        return "error"
    operation = load_json(data_dir("schemas") / "openapi.json")["paths"][path][method.lower()]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    return ref.removesuffix(".schema.json")


def test_every_documented_case_has_a_golden_file() -> None:
    assert {path.stem for path in GOLDEN} >= DOCUMENTED


@pytest.mark.parametrize("path", GOLDEN, ids=lambda path: path.stem)
def test_golden_response_is_valid_by_the_shipped_schemas(path: Path) -> None:
    golden = load_json(path)
    response = golden["response"]
    assert path.stem.startswith(f"{response['status']}-")
    request = golden["request"]
    schema = _response_schema(request["method"], request["path"], response["status"])
    assert shipped_schemas().violations(schema, response["body"], "golden") == []
    if schema.startswith("bulk-"):
        failed = [row for row in response["body"]["Response"] if "ExceptionType" in row]
        assert len(failed) == (1 if "-row-" in path.stem or "mixed" in path.stem else 0)


def _settle_generated(body: Any, paths: list[str], placeholder: str) -> Any:
    """`body` with each generated value (a UUID, else the test fails) replaced by `placeholder`."""
    for path in paths:
        steps = _STEP.findall(path.removeprefix("$"))
        container = body
        for key, index in steps[:-1]:
            container = container[key] if key else container[int(index)]
        key, index = steps[-1]
        last: str | int = key if key else int(index)
        uuid.UUID(container[last])  # the answer holds a UUID there
        container[last] = placeholder
    return body


def replay(golden: dict[str, Any]) -> dict[str, Any]:
    """Send the golden request to a fresh emulator set up as it says; what came back."""
    setup, request = golden.get("setup", {}), golden["request"]
    settings = Settings(
        seed=default_seed_path(),
        rate_limit=RateLimit.parse(setup.get("rate_limit", "25/5")),
        max_body_bytes=setup.get("max_body_bytes", Settings().max_body_bytes),
    )
    if "body_text" in request:
        data: bytes | None = request["body_text"].encode()
    elif "body" in request:
        data = json.dumps(request["body"]).encode()
    else:
        data = None
    with serving(settings) as running:
        if "fault" in setup:
            running.emulator.faults.add(Fault(**setup["fault"]))
        for _ in range(setup.get("calls_before", 0) + 1):
            answer = running.http.request(
                request["method"],
                running.url + request["path"],
                params=request["query"],
                headers=request["headers"],
                data=data,
            )
        journaled = running.emulator.journal.entries()[-1]["contract"]
    body = _settle_generated(
        answer.json(), golden.get("generated", []), _script("golden_format").GENERATED
    )
    return {
        "response": {
            "status": answer.status_code,
            "headers": {"Content-Type": answer.headers["Content-Type"]},
            "body": body,
        },
        "contract": [{key: v[key] for key in ("path", "rule", "row")} for v in journaled],
    }


@pytest.mark.parametrize("path", GOLDEN, ids=lambda path: path.stem)
def test_the_emulator_answers_each_golden_request_as_expected(path: Path) -> None:
    golden = load_json(path)

    replayed = replay(golden)

    assert replayed["response"] == golden["response"]
    assert replayed["contract"] == golden["contract"]


def test_the_script_writes_exactly_the_shipped_golden_files() -> None:
    shipped = {path.stem: path for path in GOLDEN}
    for case in _script().cases():
        path = shipped.pop(case["name"])
        assert _script().render(case) == path.read_text(encoding="utf-8")
    assert shipped == {}


def test_large_seed_loads_and_covers_every_data_type() -> None:
    seed = load_json(data_dir("fixtures") / "seed-large.json")
    counts = TenantStore(shipped_schemas(), Clock()).load(seed)
    assert counts["Activities"] >= 1000
    assert {f["DataType"] for t in seed["ActivityTypes"] for f in t["Fields"]} == set(DATA_TYPES)


def test_large_seed_is_what_the_script_generates() -> None:
    script = _script()
    if faker.VERSION != script.FAKER_VERSION:
        pytest.skip(f"seed-large.json was made with Faker {script.FAKER_VERSION}")
    params = dict(script.LARGE_SEED)
    text = (data_dir("fixtures") / "seed-large.json").read_text(encoding="utf-8")
    assert seed_json(fake_tenant(params.pop("seed"), **params)) == text
