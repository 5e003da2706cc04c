"""Golden examples: valid by the shipped schemas, and replayed exactly against a fresh emulator."""

from __future__ import annotations

import importlib.util
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import faker
import pytest

from lsq_mock.clock import Clock
from lsq_mock.factories import DATA_TYPES, fake_tenant, seed_json
from lsq_mock.resources import data_dir, load_json
from lsq_mock.schemaset import shipped_schemas
from lsq_mock.tenant import TenantStore

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_fixtures.py"
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
}


@cache
def _script() -> ModuleType:
    """scripts/make_fixtures.py, the generator of the golden files, loaded as a module."""
    spec = importlib.util.spec_from_file_location("make_fixtures", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_documented_case_has_a_golden_file() -> None:
    assert {path.stem for path in GOLDEN} >= DOCUMENTED


@pytest.mark.parametrize("path", GOLDEN, ids=lambda path: path.stem)
def test_golden_response_is_valid_by_the_shipped_schemas(path: Path) -> None:
    golden = load_json(path)
    response = golden["response"]
    assert path.stem.startswith(f"{response['status']}-")
    schema = "bulk-update-response" if response["status"] == 200 else "error"
    assert shipped_schemas().violations(schema, response["body"], "golden") == []
    if response["status"] == 200:
        failed = [row for row in response["body"]["Response"] if not row["ActivityUpdated"]]
        assert len(failed) == (1 if "-row-" in path.stem or "mixed" in path.stem else 0)


@pytest.fixture(scope="module")
def replays() -> dict[Path, dict[str, Any]]:
    """Every golden request replayed, each against its own fresh server, several at a time."""
    record = _script().record
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = pool.map(lambda path: record(load_json(path)), GOLDEN)
        return dict(zip(GOLDEN, answers, strict=True))


@pytest.mark.parametrize("path", GOLDEN, ids=lambda path: path.stem)
def test_replaying_the_golden_request_gives_exactly_its_response(
    path: Path, replays: dict[Path, dict[str, Any]]
) -> None:
    golden = load_json(path)
    replayed = replays[path]
    assert replayed["response"] == golden["response"]
    assert replayed["contract"] == golden["contract"]
    case = {key: golden[key] for key in golden if key not in replayed}
    assert _script().render(case, replayed) == path.read_text(encoding="utf-8")


def test_the_script_defines_exactly_the_shipped_golden_files() -> None:
    shipped = {path.stem: load_json(path) for path in GOLDEN}
    for case in _script().cases():
        golden = shipped.pop(case["name"])
        assert {key: golden[key] for key in case} == case
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
