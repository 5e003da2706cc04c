"""The provider suite's checks of Update Activities in Bulk: keys, each cause of a 400, 401,
404, row results, DateTimes, dropdown options and, only when asked, the limits."""

from __future__ import annotations

import re
from typing import Any

import pytest

from lsq_mock_contract.provider_http import (
    RATE_LIMIT_MESSAGE,
    Api,
    Expected,
    expect,
    window_of,
)
from lsq_mock_contract.target import Target
from lsq_mock_contract.wire import BULK_PATH

UNKNOWN_ACTIVITY = "00000000-0000-0000-0000-000000000000"
IMPOSSIBLE_DATETIME = "2026-02-30 10:00:00"
MAX_ROWS = 25
MAX_CALLS_FOR_429 = 200
BULK_LIMIT_MESSAGE = re.compile(r"limit of 1 in 5 second")
"""The rate-limits page: 'the rate limit for all Bulk APIs is 1 call in 5 seconds'."""

BAD_REQUESTS: dict[str, tuple[str, str]] = {
    "wrong-content-type": ("text/plain", '[{"ProspectActivityId": "{id}", "Fields": []}]'),
    "not-json": ("application/json", '[{"ProspectActivityId": "{id}", '),
    "empty-array": ("application/json", "[]"),
    "object-not-array": ("application/json", '{"ProspectActivityId": "{id}", "Fields": []}'),
    "row-without-id": ("application/json", '[{"Fields": []}]'),
    "id-not-a-string": ("application/json", '[{"ProspectActivityId": 12345, "Fields": []}]'),
    "fields-not-an-array": (
        "application/json",
        '[{"ProspectActivityId": "{id}", "Fields": {"SchemaName": "x", "Value": "y"}}]',
    ),
    "field-without-schema-name": (
        "application/json",
        '[{"ProspectActivityId": "{id}", "Fields": [{"Value": "y"}]}]',
    ),
}
"""Each documented cause of a 400, as (Content-Type, body with `{id}` for the activity id)."""

INVALID_INPUT = "MXInvalidInputException"
UNAUTHORIZED = "MXUnAuthorizedAccessException"
RATE_LIMIT_EXCEEDED = "MXAPIRateLimitExceededException"


class BulkUpdateChecks:
    """Every documented behaviour of Update Activities in Bulk (mixed into ProviderContract)."""

    @pytest.mark.parametrize("auth", ["query", "query-literal", "headers"])
    def test_keys_are_accepted_in_query_or_headers(
        self, target: Target, api: Api, auth: str
    ) -> None:
        sent, answer = api.post([api.row(target.activity_ids[0])], auth=auth)
        expect(target, sent, answer, Expected(200, rows=(True,)))

    @pytest.mark.parametrize("auth", ["wrong", "none"])
    def test_wrong_or_missing_keys_give_401(self, target: Target, api: Api, auth: str) -> None:
        sent, answer = api.post([api.row(target.activity_ids[0])], auth=auth)
        expect(target, sent, answer, Expected(401, UNAUTHORIZED))

    @pytest.mark.parametrize("cause", sorted(BAD_REQUESTS))
    def test_each_malformed_request_gives_400(self, target: Target, api: Api, cause: str) -> None:
        content_type, template = BAD_REQUESTS[cause]
        raw = template.replace("{id}", target.activity_ids[0]).encode()
        sent, answer = api.post(raw=raw, content_type=content_type)
        expect(target, sent, answer, Expected(400, INVALID_INPUT))

    def test_more_than_25_rows_give_400(self, target: Target, api: Api) -> None:
        rows = [api.row(target.activity_ids[0])] * (MAX_ROWS + 1)
        sent, answer = api.post(rows)
        expect(target, sent, answer, Expected(400, INVALID_INPUT))

    def test_an_unknown_path_gives_404(self, target: Target, api: Api) -> None:
        sent, answer = api.post([api.row(target.activity_ids[0])], path=BULK_PATH[:-1])
        expect(target, sent, answer, Expected(404))

    def test_good_rows_are_updated(self, target: Target, api: Api) -> None:
        rows = [api.row(activity_id) for activity_id in target.activity_ids]
        sent, answer = api.post(rows)
        expect(target, sent, answer, Expected(200, rows=(True,) * len(rows)))

    def test_an_unknown_activity_fails_only_its_row(self, target: Target, api: Api) -> None:
        rows = [api.row(target.activity_ids[0]), api.row(UNKNOWN_ACTIVITY)]
        sent, answer = api.post(rows)
        expect(target, sent, answer, Expected(200, rows=(True, False)))

    def test_a_utc_datetime_is_accepted(self, target: Target, api: Api) -> None:
        name = needs(target.datetime_field, "--lsq-datetime-field")
        row = _only(api.row(target.activity_ids[0]), name)
        sent, answer = api.post([row])
        expect(target, sent, answer, Expected(200, rows=(True,)))

    def test_an_impossible_datetime_fails_its_row(self, target: Target, api: Api) -> None:
        name = needs(target.datetime_field, "--lsq-datetime-field")
        activity_id = target.activity_ids[0]
        with api.restoring(activity_id):
            row = _only(api.row(activity_id, **{name: IMPOSSIBLE_DATETIME}), name)
            sent, answer = api.post([row])
        expect(target, sent, answer, Expected(200, rows=(False,)))

    def test_a_listed_dropdown_option_is_accepted(self, target: Target, api: Api) -> None:
        name = needs(target.dropdown_field, "--lsq-dropdown-field")
        sent, answer = api.post([_only(api.row(target.activity_ids[0]), name)])
        expect(target, sent, answer, Expected(200, rows=(True,)))

    @pytest.mark.parametrize("skip_validation", [False, True])
    def test_an_unlisted_option_fails_unless_validation_is_skipped(
        self, target: Target, api: Api, skip_validation: bool
    ) -> None:
        name = needs(target.dropdown_field, "--lsq-dropdown-field")
        unlisted = needs(target.unlisted_option, "--lsq-unlisted-option")
        activity_id = target.activity_ids[0]
        row = _only(api.row(activity_id, **{name: unlisted}), name)
        if skip_validation:
            row["ValidateDropDownOptions"] = True
        with api.restoring(activity_id):
            sent, answer = api.post([row])
        expect(target, sent, answer, Expected(200, rows=(skip_validation,)))

    def test_too_many_calls_give_429(self, target: Target, api: Api) -> None:
        if not target.spend_quota:
            pytest.skip("spends the tenant's API quota: opt in with --lsq-spend-quota")
        probe = [api.row(UNKNOWN_ACTIVITY)]
        for _ in range(MAX_CALLS_FOR_429):
            sent, answer = api.post(probe, pace=False)
            if answer.status == 429:
                break
            expect(target, sent, answer, Expected(200, rows=(False,)))
        expect(target, sent, answer, Expected(429, RATE_LIMIT_EXCEEDED, message=RATE_LIMIT_MESSAGE))
        target.wait(window_of(answer))

    def test_the_bulk_apis_take_one_call_in_5_seconds(self, target: Target, api: Api) -> None:
        if not target.spend_quota:
            pytest.skip("spends the tenant's API quota: opt in with --lsq-spend-quota")
        probe = [api.row(UNKNOWN_ACTIVITY)]
        api.post(probe)  # paced: waits out the window of an earlier bulk call, if any
        sent, answer = api.post(probe, pace=False)
        limited = Expected(429, RATE_LIMIT_EXCEEDED, message=BULK_LIMIT_MESSAGE)
        expect(target, sent, answer, limited)


def needs(value: str | None, option: str) -> str:
    """`value`, or skip the check: the target names no such field, value or lead."""
    if value is None:
        pytest.skip(f"the target names no such field or value (give {option})")
    return value


def _only(row: dict[str, Any], name: str) -> dict[str, Any]:
    return {**row, "Fields": [item for item in row["Fields"] if item["SchemaName"] == name]}
