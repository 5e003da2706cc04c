"""The provider suite's checks of posting: Create on a lead that does not exist (a write that
stores nothing, so always run), and, only with `allow_writes`, Create by email and CreateType,
which leave an activity (and perhaps a lead) and an activity type on the tenant."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from lsq_mock.digits import ascii_int
from lsq_mock.errors import UNKNOWN_LEAD_ANSWERS
from lsq_mock_contract.provider_activities import DETAILS_PATH, PREFIX, TYPES_PATH
from lsq_mock_contract.provider_bulk import needs
from lsq_mock_contract.provider_http import Api, Expected, expect
from lsq_mock_contract.target import Target

CREATE_PATH = f"{PREFIX}/Create"
CREATE_TYPE_PATH = f"{PREFIX}/CreateType"
UNKNOWN_LEAD = "00000000-0000-0000-0000-000000000000"
SEEN_PROPERTY = "lsq_unknown_lead_answer"
"""The test's user property naming the unknown-lead answer the target gave (also printed:
`-rP` shows it)."""


class PostingChecks:
    """Create and CreateType, as the vendor's pages and live clients show them (mixed into
    ProviderContract)."""

    def test_a_post_on_an_unknown_lead_is_a_logical_500(
        self, target: Target, api: Api, request: pytest.FixtureRequest
    ) -> None:
        body = _post(api, target, RelatedProspectId=UNKNOWN_LEAD)
        sent, answer = api.post(body, path=CREATE_PATH)
        # Both answers were seen live (observed-live.md): which one a tenant gives is reported,
        # not judged.
        expect(target, sent, answer, Expected(500, tuple(UNKNOWN_LEAD_ANSWERS)))
        seen = f"{answer.json['ExceptionType']}: {answer.json['ExceptionMessage']}"
        request.node.user_properties.append((SEEN_PROPERTY, seen))
        print(f"{target.name} answers a post on an unknown lead with 500 {seen}")

    def test_a_post_by_email_address_answers_the_new_activity_id(
        self, target: Target, api: Api
    ) -> None:
        _writes(target)
        email = needs(target.lead_email, "--lsq-lead-email")
        sent, answer = api.post(_post(api, target, EmailAddress=email), path=CREATE_PATH)
        expect(target, sent, answer, Expected(200, schema="activity-saved-response"))

    def test_create_type_answers_the_new_event_code(self, target: Target, api: Api) -> None:
        _writes(target)
        name = f"lsq-mock provider suite {uuid.uuid4().hex[:8]}"
        sent, answer = api.post({"ActivityEventName": name}, path=CREATE_TYPE_PATH)
        expect(target, sent, answer, Expected(200, schema="create-type-response"))


def _writes(target: Target) -> None:
    if not target.allow_writes:
        pytest.skip("leaves records on the tenant: opt in with --lsq-allow-writes")


def _post(api: Api, target: Target, **lead: str) -> dict[str, Any]:
    """A Create body naming the lead by `lead`, on the type of the target's first activity,
    with the values the target allows (so that only the lead can be wrong)."""
    return {
        **lead,
        "ActivityEvent": event_code(api, target),
        "ActivityNote": "lsq-mock provider suite",
        "Fields": api.row(target.activity_ids[0])["Fields"],
    }


def event_code(api: Api, target: Target) -> int:
    """The event code of the target's first activity: its type's name from GetActivityDetails,
    looked up in ActivityTypes.Get (both read-only); skip if either does not tell."""
    _, details = api.get(DETAILS_PATH, activityId=target.activity_ids[0])
    _, types = api.get(TYPES_PATH)
    name = details.json.get("Name") if isinstance(details.json, dict) else None
    rows = types.json if isinstance(types.json, list) else []
    for row in rows:
        if isinstance(row, dict) and name is not None and row.get("ActivityEventName") == name:
            code = event_code_of(row.get("ActivityEvent"))
            if code is not None:
                return code
    pytest.skip(f"no event code for the type of {target.activity_ids[0]} in ActivityTypes.Get")


def event_code_of(value: Any) -> int | None:
    """An activity type's event code as an answer gives it: a JSON integer or its ASCII digits
    (`'٢٠١'` is not 201, `'abc'` is none, neither is a crash)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return ascii_int(value) if isinstance(value, str) else None
