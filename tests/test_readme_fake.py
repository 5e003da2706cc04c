"""The README's "Fake tenants and test data" example runs, and its commented verdict is true."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from faker import Faker

from lsq_mock.factories import fake_tenant, invalid_payload, valid_batch

README = Path(__file__).resolve().parent.parent / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Fake tenants and test data") : text.index("## Emulated vs.")]


def test_readme_factory_example_passes_with_the_faker_fixture(faker: Faker) -> None:
    match = re.search(r"```python\n(.*?)```", _section(), re.DOTALL)
    assert match is not None
    namespace: dict[str, Any] = {}
    exec(compile(match.group(1), str(README), "exec"), namespace)
    namespace["test_one_bad_row_does_not_fail_the_batch"](faker)


def test_readme_states_the_verdict_the_example_gets(faker: Faker) -> None:
    tenant = fake_tenant(7, activities=50)
    valid_batch(faker, tenant, size=25)
    expected = invalid_payload(faker, tenant, "bad-dropdown-option").expected
    section = _section()
    assert f"path='{expected.path}'" in section
    assert f"rule='{expected.rule}', row={expected.row})" in section
