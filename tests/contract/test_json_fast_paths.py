"""orjson reads bodies (and writes answers) only where it agrees with `json` exactly: the value
read, what is refused, and every byte written."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsq_mock.contract.jsonread import _read_slowly, read_json
from lsq_mock.contract.jsonwrite import compact_json
from lsq_mock.errors import InvalidInput

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**62, max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
JSONISH = b' \t\n"\\:,[]{}-+.0123456789eEtrunlfasEINaNfinity\xc3\xa9\xed\xa0\x80ux'


def same(left: Any, right: Any) -> bool:
    """Equal, and of the same types all the way down (1, 1.0 and True differ)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    if isinstance(left, float):
        return repr(left) == repr(right)
    return bool(left == right)


def outcome(read: Any, raw: bytes) -> tuple[str, Any]:
    try:
        return "value", read(raw)
    except InvalidInput as error:
        return "refused", error.message


@given(values, st.booleans(), st.sampled_from([None, 1]))
def test_a_body_is_read_as_json_reads_it(value: Any, ascii_only: bool, indent: int | None) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only, indent=indent).encode("utf-8", "surrogatepass")
    fast, slow = outcome(read_json, raw), outcome(_read_slowly, raw)
    assert fast[0] == slow[0] or slow[0] == "value"  # read_json refuses more (surrogates, depth)
    if fast[0] == "value":
        assert same(fast[1], slow[1])


@given(st.binary(max_size=40) | st.lists(st.sampled_from(list(JSONISH)), max_size=30).map(bytes))
def test_what_json_refuses_is_refused(raw: bytes) -> None:
    fast, slow = outcome(read_json, raw), outcome(_read_slowly, raw)
    if slow[0] == "refused":
        assert fast == slow
    elif fast[0] == "value":
        assert same(fast[1], slow[1])


@pytest.mark.parametrize("text", ["18446744073709551616", "-9223372036854775809", "[1e400]"])
def test_numbers_orjson_cannot_keep_are_read_by_json(text: str) -> None:
    fast, slow = outcome(read_json, text.encode()), outcome(_read_slowly, text.encode())
    assert fast[0] == slow[0]
    if fast[0] == "value":
        assert same(fast[1], slow[1])


answers = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**62, max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.text(alphabet='\x00\x1f\x7f\x80é"\\/ab1.e'),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.dictionaries(st.integers(), inner, max_size=2)
    ),
    max_leaves=12,
)


@given(answers)
def test_an_answer_is_written_byte_for_byte_as_json_writes_it(value: Any) -> None:
    assert compact_json(value, str) == json.dumps(value, default=str, separators=(",", ":"))


def test_what_only_the_caller_knows_is_written_by_json() -> None:
    when = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert compact_json({"at": when}, str) == '{"at":"2026-11-30 12:00:00+00:00"}'
