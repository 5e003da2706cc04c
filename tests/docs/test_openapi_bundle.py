"""schemas/openapi.bundled.json: generated from the modular contract, a valid OpenAPI document
with every schema inlined, and loaded by Prism, which validates requests against it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from openapi_spec_validator import validate

from support.paths import BULK_UPDATE
from support.prism import NPM_MISSING, port_of, prism_executable, start_prism
from support.served import KEYS

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "schemas" / "openapi.bundled.json"


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def resolved(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_the_bundle_is_generated_from_the_modular_contract() -> None:
    check = subprocess.run(
        [sys.executable, "-m", "scripts.bundle_openapi", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_bundle_is_valid_openapi_and_refers_only_to_itself() -> None:
    document = json.loads(BUNDLED.read_text(encoding="utf-8"))
    validate(document)
    found = set(refs(document))
    assert found
    for ref in found:
        assert ref.startswith("#/components/"), ref
        assert "$defs" not in ref, ref
        assert resolved(document, ref) is not None


@pytest.mark.slow
def test_prism_loads_the_bundle_and_validates_requests_by_it() -> None:
    executable = prism_executable()
    if executable is None:
        pytest.skip(NPM_MISSING)
    prism = start_prism(executable, BUNDLED, subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port_of(prism)}{BULK_UPDATE}"
        row = {"ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b", "Fields": []}
        valid = requests.post(url, params=KEYS, json=[row], timeout=10)
        assert valid.status_code == 200, valid.text
        invalid = requests.post(url, params=KEYS, json=[{"Fields": 5}], timeout=10)
        assert invalid.status_code >= 400
    finally:
        prism.terminate()
        output, _ = prism.communicate(timeout=10)
    assert "fatal" not in output, output
