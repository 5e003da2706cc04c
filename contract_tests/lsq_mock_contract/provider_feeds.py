"""The provider suite's checks of the activity reads beside the leads, all read-only:
activities by activity event (CustomActivity/RetrieveByActivityEvent), by date range
(RetrieveRecentlyModified) and an activity type's fields (CustomActivity/GetActivitySetting), on
the type of the target's first activity."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from lsq_mock_contract.provider_activities import PREFIX
from lsq_mock_contract.provider_http import Api, Expected, content_differs, expect
from lsq_mock_contract.provider_posting import event_code
from lsq_mock_contract.target import Target

BY_EVENT = f"{PREFIX}/CustomActivity/RetrieveByActivityEvent"
RECENTLY_MODIFIED = f"{PREFIX}/RetrieveRecentlyModified"
ACTIVITY_SETTING = f"{PREFIX}/CustomActivity/GetActivitySetting"
WINDOW_DAYS = 7
"""The window read: a week, which live clients show RetrieveByActivityEvent serves."""
NO_SUCH_CODE = "987654"
INVALID_ACTIVITY = Expected(
    500, "MXInvalidActivityException", message=re.compile(r"^Event Code is invalid or empty$")
)


def _window() -> dict[str, str]:
    """The last WINDOW_DAYS days to a day from now, in the pages' UTC 'YYYY-MM-DD HH:MM:SS'."""
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    stamp = "%Y-%m-%d %H:%M:%S"
    start, end = now - timedelta(days=WINDOW_DAYS), now + timedelta(days=1)
    return {"FromDate": start.strftime(stamp), "ToDate": end.strftime(stamp)}


def _paged(parameter: dict[str, Any]) -> dict[str, Any]:
    return {"Parameter": parameter, "Paging": {"PageIndex": 1, "PageSize": 10}}


class ActivityFeedChecks:
    """The activity reads across leads, as their pages show them (mixed into ProviderContract)."""

    def test_activities_by_event_have_the_documented_shape(self, target: Target, api: Api) -> None:
        code = event_code(api, target)
        sent, answer = api.post(_paged({**_window(), "ActivityEvent": code}), path=BY_EVENT)
        expect(target, sent, answer, Expected(200, schema="activity-feed-response"))
        events = {row.get("ActivityEvent") for row in answer.json["List"]}
        if not events <= {str(code)}:
            content_differs(target, sent, answer, f"rows of events {events}, not only {code}")

    def test_activities_by_event_without_the_event_are_a_logical_500(
        self, target: Target, api: Api
    ) -> None:
        sent, answer = api.post(_paged(_window()), path=BY_EVENT)
        expect(target, sent, answer, Expected(500, "MXInvalidInputException"))

    def test_activities_of_an_event_of_no_type_are_the_invalid_activity(
        self, target: Target, api: Api
    ) -> None:
        body = _paged({**_window(), "ActivityEvent": int(NO_SUCH_CODE)})
        sent, answer = api.post(body, path=BY_EVENT)
        expect(target, sent, answer, INVALID_ACTIVITY)

    def test_activities_by_date_range_are_retrieve_s_rows(self, target: Target, api: Api) -> None:
        sent, answer = api.post(_paged(_window()), path=RECENTLY_MODIFIED)
        expect(target, sent, answer, Expected(200, schema="retrieve-activities-response"))

    def test_an_activity_type_s_fields_have_the_documented_shape(
        self, target: Target, api: Api
    ) -> None:
        code = event_code(api, target)
        sent, answer = api.get(ACTIVITY_SETTING, code=str(code))
        expect(target, sent, answer, Expected(200, schema="activity-details-response"))

    def test_the_fields_of_an_activity_type_of_no_code_are_the_invalid_activity(
        self, target: Target, api: Api
    ) -> None:
        sent, answer = api.get(ACTIVITY_SETTING, code=NO_SUCH_CODE)
        expect(target, sent, answer, INVALID_ACTIVITY)
