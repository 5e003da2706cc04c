"""Reading activities back: the activities of a lead (`Retrieve`), one activity by id, and the
tenant's activity types."""

from __future__ import annotations

from typing import Any

from lsq_mock.api.body import checked_body, required_arg
from lsq_mock.api.call import Call
from lsq_mock.api.shapes import details, retrieve_row, setting, type_row
from lsq_mock.catalogue import rules
from lsq_mock.emulator import Emulator
from lsq_mock.errors import EntityNotFound, InvalidActivity, InvalidData, UnknownActivity
from lsq_mock.tenant import DEFAULT_ROW_COUNT

MAX_ROW_COUNT = 1000
"""The largest page the live API serves ("PageSize can not be more than 1000.", observed)."""


def retrieve_activities(state: Emulator, call: Call) -> dict[str, Any]:
    """One page of the lead's activities, newest first, optionally of one activity type only."""
    lead_id = required_arg(call, "leadId", "retrieving activities")
    body = _filter_and_paging(state, call)
    event = body.get("Parameter", {}).get("ActivityEvent")
    paging = body.get("Paging", {})
    row_count = int(paging.get("RowCount", DEFAULT_ROW_COUNT))
    if row_count > MAX_ROW_COUNT:
        raise InvalidData(
            f"PageSize can not be more than {MAX_ROW_COUNT}.",
            path="$.Paging.RowCount",
            rule=rules.PAGE_SIZE,
        )
    store = state.store
    page = store.lead_activities(
        lead_id,
        activity_event=None if event is None else int(event),
        offset=_rows_skipped(state, int(paging.get("Offset", 0)), row_count),
        row_count=row_count,
    )
    types = {t["ActivityEvent"]: t for t in store.activity_types()}
    user = store.user_id()
    return {
        "RecordCount": page.total,
        "ProspectActivities": [
            retrieve_row(activity, types[activity["ActivityEvent"]], user)
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
        activity = store.activity(activity_id)
    except EntityNotFound:
        raise UnknownActivity(path="?activityId", hint=store.near_activity(activity_id)) from None
    return details(activity, store.activity_type(activity["ActivityEvent"]))


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
    types = {t["ActivityEvent"]: t for t in state.store.activity_types()}
    found = types.get(int(code)) if code.isascii() and code.isdigit() else None
    if found is None:
        raise InvalidActivity(InvalidActivity.MESSAGE, path="?code", hint=_codes_hint(types))
    return setting(found)


def _codes_hint(types: dict[int, Any]) -> str:
    return "the tenant's activity types are " + ", ".join(map(str, sorted(types)))
