"""Reading activities back: the activities of a lead (`Retrieve`) and one activity by id."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from lsq_mock.api.context import checked_body, emulator, required_arg
from lsq_mock.api.shapes import details, retrieve_row
from lsq_mock.catalogue import rules
from lsq_mock.errors import EntityNotFound, InvalidData, UnknownActivity
from lsq_mock.tenant import DEFAULT_ROW_COUNT

RETRIEVE_PATH = "/ProspectActivity.svc/Retrieve"
DETAILS_PATH = "/ProspectActivity.svc/GetActivityDetails"
MAX_ROW_COUNT = 1000
"""The largest page the live API serves ("PageSize can not be more than 1000.", observed)."""

bp = Blueprint("retrieve", __name__)


@bp.post(RETRIEVE_PATH)
def retrieve_activities() -> dict[str, Any]:
    """One page of the lead's activities, newest first, optionally of one activity type only."""
    lead_id = required_arg("leadId", "retrieving activities")
    body = _filter_and_paging()
    event = body.get("Parameter", {}).get("ActivityEvent")
    paging = body.get("Paging", {})
    row_count = int(paging.get("RowCount", DEFAULT_ROW_COUNT))
    if row_count > MAX_ROW_COUNT:
        raise InvalidData(
            f"PageSize can not be more than {MAX_ROW_COUNT}.",
            path="$.Paging.RowCount",
            rule=rules.PAGE_SIZE,
        )
    store = emulator().store
    page = store.lead_activities(
        lead_id,
        activity_event=None if event is None else int(event),
        offset=_rows_skipped(int(paging.get("Offset", 0)), row_count),
        row_count=row_count,
    )
    types = {t["ActivityEvent"]: t for t in store.activity_types()}
    return {
        "RecordCount": page.total,
        "ProspectActivities": [
            retrieve_row(activity, types[activity["ActivityEvent"]]) for activity in page.activities
        ],
    }


def _filter_and_paging() -> dict[str, Any]:
    """The body, where no body at all and `[]` mean `{}` (clients send all three, and it works)."""
    if not request.get_data(cache=True).strip():
        return {}
    body = checked_body("retrieve-activities-request")
    return body if isinstance(body, dict) else {}


def _rows_skipped(offset: int, row_count: int) -> int:
    """How many rows `Offset` skips: the vendor documents it as the page number, and its own
    examples send 0 and 1 for the first page; the `retrieve_offset` setting may count pages
    from 0 instead, or read rows."""
    reading = emulator().runtime.retrieve_offset
    if reading == "rows":
        return offset
    if reading == "page-from-0":
        return offset * row_count
    return max(offset - 1, 0) * row_count


@bp.get(DETAILS_PATH)
def activity_details() -> dict[str, Any]:
    """The activity's id, its type's names, and every field of its type with its value."""
    activity_id = required_arg("activityId", "getting activity details")
    store = emulator().store
    try:
        activity = store.activity(activity_id)
    except EntityNotFound:
        raise UnknownActivity(path="?activityId", hint=store.near_activity(activity_id)) from None
    return details(activity, store.activity_type(activity["ActivityEvent"]))
