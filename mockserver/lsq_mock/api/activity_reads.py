"""Reading activities back: the activities of a lead (`Retrieve`), one activity by id, and the
tenant's activity types."""

from __future__ import annotations

from typing import Any

from lsq_mock.api.body import checked_body, required_arg
from lsq_mock.api.call import Call
from lsq_mock.api.shapes import details, retrieve_row, setting, type_row
from lsq_mock.digits import ascii_int
from lsq_mock.emulator import Emulator
from lsq_mock.errors import EntityNotFound, InvalidActivity, UnknownActivity
from lsq_mock.tenant.paging import DEFAULT_ROW_COUNT, checked_page_size


def retrieve_activities(state: Emulator, call: Call) -> dict[str, Any]:
    """One page of the lead's activities, newest first, optionally of one activity type only."""
    lead_id = required_arg(call, "leadId", "retrieving activities")
    body = _filter_and_paging(state, call)
    event = body.get("Parameter", {}).get("ActivityEvent")
    paging = body.get("Paging", {})
    row_count = checked_page_size(
        int(paging.get("RowCount", DEFAULT_ROW_COUNT)), "$.Paging.RowCount"
    )
    store = state.store
    page = store.lead_activities(
        lead_id,
        activity_event=None if event is None else int(event),
        offset=_rows_skipped(state, int(paging.get("Offset", 0)), row_count),
        row_count=row_count,
    )
    user = store.user_id()
    return {
        "RecordCount": page.total,
        "ProspectActivities": [
            retrieve_row(activity, page.types[activity["ActivityEvent"]], user)
            for activity in page.activities
        ],
    }


def _filter_and_paging(state: Emulator, call: Call) -> dict[str, Any]:
    """The body, where no body at all and `[]` mean `{}` (clients send all three, and it works)."""
    if not call.request.get_data(cache=True).strip():
        return {}
    body = checked_body(call, state.schemas, "retrieve-activities-request")
    return body if isinstance(body, dict) else {}


def _rows_skipped(state: Emulator, offset: int, row_count: int) -> int:
    """How many rows `Offset` skips: the vendor documents it as the page number, and its own
    examples send 0 and 1 for the first page; the `retrieve_offset` setting may count pages
    from 0 instead, or read rows."""
    reading = state.runtime.retrieve_offset
    if reading == "rows":
        return offset
    if reading == "page-from-0":
        return offset * row_count
    return max(offset - 1, 0) * row_count


def activity_details(state: Emulator, call: Call) -> dict[str, Any]:
    """The activity's id, its type's names, and every field of its type with its value."""
    activity_id = required_arg(call, "activityId", "getting activity details")
    store = state.store
    try:
        activity, activity_type = store.activity_with_type(activity_id)
    except EntityNotFound:
        raise UnknownActivity(path="?activityId", hint=store.near_activity(activity_id)) from None
    return details(activity, activity_type)


def activity_types(state: Emulator, call: Call) -> list[dict[str, Any]]:
    """Every activity type by event code, so a client can find the code of the type it posts."""
    return [type_row(activity_type) for activity_type in state.store.activity_types()]


def create_type(state: Emulator, call: Call) -> dict[str, Any]:
    """Define a custom activity type; its fields are usable at once by every endpoint."""
    body = checked_body(call, state.schemas, "create-type-request", "creating an activity type")
    return {"Status": "Success", "Message": {"Id": state.store.create_type(body)}}


def activity_setting(state: Emulator, call: Call) -> dict[str, Any]:
    """CustomActivity/GetActivitySetting?code=: the activity type's fields and their properties;
    a code of no type is Create's answer."""
    code = required_arg(call, "code", "getting an activity type's details")
    number = ascii_int(code)
    types = state.store.activity_types()
    found = next((t for t in types if t["ActivityEvent"] == number), None)
    if found is None:
        codes = ", ".join(str(t["ActivityEvent"]) for t in types)
        hint = f"the tenant's activity types are {codes}"
        raise InvalidActivity(InvalidActivity.MESSAGE, path="?code", hint=hint)
    return setting(found)
