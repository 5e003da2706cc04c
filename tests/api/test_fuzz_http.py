"""Property-based fuzzing of the emulated API over real HTTP: arbitrary bodies, headers, queries.

Whatever arrives, the answer is a 200 that fits the response schema or the LeadSquared envelope
(application/json), never an uninjected 5xx, and a refused call leaves the store as it was.
"""

from __future__ import annotations

import json
import string
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lsq_mock import RateLimit, Settings
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.resources import default_seed_path
from support.paths import BULK_UPDATE
from support.running import Running

SEEDED_IDS = [
    "bb9205fd-81b8-4d44-bf74-26f90e11790b",
    "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6",
    "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
]
FIELD_NAMES = [f"mx_Custom_{n}" for n in range(1, 10)] + ["Status", "Owner"]
HEADER_TEXT = string.ascii_letters + string.digits + string.punctuation

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
fields = st.fixed_dictionaries(
    {
        "SchemaName": st.sampled_from(FIELD_NAMES) | st.text(max_size=12),
        "Value": scalars | st.sampled_from(["2026-11-20 10:30:00", "2026-11-20T10:30:00Z", "Lift"]),
    }
)
rows = st.fixed_dictionaries(
    {"ProspectActivityId": st.sampled_from(SEEDED_IDS) | st.text(max_size=40) | json_values},
    optional={
        "ActivityNote": st.none() | st.text(max_size=30) | json_values,
        "Fields": st.lists(fields, max_size=6) | json_values,
        "ValidateDropDownOptions": st.booleans() | json_values,
        "Extra": json_values,
    },
)
bodies = st.one_of(
    st.lists(rows, max_size=30).map(lambda value: json.dumps(value).encode()),
    json_values.map(lambda value: json.dumps(value, ensure_ascii=False).encode()),
    st.binary(max_size=120),
)
content_types = st.sampled_from(
    ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", ""]
) | st.text(HEADER_TEXT, max_size=20)
extra_headers = st.dictionaries(
    st.sampled_from(["x-LSQ-AccessKey", "x-LSQ-SecretKey", "Accept", "User-Agent", "X-Fuzz"]),
    st.text(HEADER_TEXT, max_size=30),
    max_size=3,
)
query_pairs = st.lists(
    st.tuples(
        st.sampled_from(["accessKey", "secretKey", "ValidateDropDownOptions"])
        | st.text(max_size=8),
        st.sampled_from(["true", "false", ""]) | st.text(max_size=20),
    ),
    max_size=3,
)
paths = st.sampled_from([BULK_UPDATE] * 6 + ["/v2/", "/v2/ProspectActivity.svc/Bulk"]) | st.text(
    max_size=20
).map(lambda tail: "/v2/" + quote(tail, safe=""))


@pytest.fixture(name="settings")
def unlimited_settings() -> Settings:
    """No rate limit: every example should reach the body checks."""
    return Settings(seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))


def _check_answer(answer: Any, sent_rows: int | None) -> None:
    assert answer.status_code < 500, answer.text
    assert answer.headers["Content-Type"] == "application/json"
    body = answer.json()
    if answer.status_code == 200:
        assert shipped_schemas().is_valid("bulk-update-response", body), body
        if sent_rows is not None:
            assert len(body["Response"]) == sent_rows
    else:
        assert shipped_schemas().is_valid("error", body), body


def _row_count(body: bytes) -> int | None:
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    return len(parsed) if isinstance(parsed, list) else None


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    method=st.sampled_from(["POST"] * 8 + ["GET", "PUT", "DELETE", "PATCH"]),
    path=paths,
    body=bodies,
    content_type=content_types,
    headers=extra_headers,
    query=query_pairs,
    with_keys=st.booleans() | st.just(True),
)
def test_any_request_gets_a_well_formed_answer_and_a_refusal_changes_nothing(
    running: Running,
    method: str,
    path: str,
    body: bytes,
    content_type: str,
    headers: dict[str, str],
    query: list[tuple[str, str]],
    with_keys: bool,
) -> None:
    pairs = [*(running.keys.items() if with_keys else ()), *query]
    before = running.emulator.store.activities()
    answer = running.http.request(
        method,
        f"{running.url}{path}?{urlencode(pairs)}",
        data=body,
        headers={**headers, "Content-Type": content_type},
        timeout=10,
    )
    _check_answer(answer, _row_count(body) if path == BULK_UPDATE else None)
    if answer.status_code != 200:
        assert running.emulator.store.activities() == before
