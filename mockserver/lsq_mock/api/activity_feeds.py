"""Reading activities across leads, a page at a time: by activity event
(CustomActivity/RetrieveByActivityEvent: flat rows under `List`) and by date range
(RetrieveRecentlyModified: Retrieve's rows under `ProspectActivities`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lsq_mock.api.body import checked_body
from lsq_mock.api.call import Call
from lsq_mock.api.shapes import feed_row, retrieve_row
from lsq_mock.catalogue import rules
from lsq_mock.emulator import Emulator
from lsq_mock.errors import InvalidData
from lsq_mock.tenant import ActivityPage
from lsq_mock.tenant.activities import PageOrder
from lsq_mock.tenant.paging import DEFAULT_ROW_COUNT, checked_page_size

CREATED_ON = "CreatedOn"
MODIFIED_ON = "ModifiedOn"


def retrieve_by_activity_event(state: Emulator, call: Call) -> dict[str, Any]:
    """One page of the activities of one type modified between FromDate and ToDate (sorted by
    ModifiedOn, or CreatedOn if Sorting says so), as flat rows."""
    body = checked_body(call, state.schemas, "activity-feed-request")
    parameter = body.get("Parameter") or {}
    event = parameter.get("ActivityEvent")
    if event is None:
        raise InvalidData(
            "Invalid Input! Parameter Name: ActivityEvent",
            path="$.Parameter.ActivityEvent",
            rule=rules.MANDATORY_MISSING,
        )
    page = _page(state, body, int(event))
    remove_empty = parameter.get("RemoveEmptyValue") is True
    user = state.store.user_id()
    rows = [
        feed_row(a, page.types[a["ActivityEvent"]], user, remove_empty=remove_empty)
        for a in page.activities
    ]
    return {"RecordCount": page.total, "List": rows}


def retrieve_recently_modified(state: Emulator, call: Call) -> dict[str, Any]:
    """One page of the activities modified between FromDate and ToDate (both needed), of every
    type or of `Parameter.ActivityEvent`'s, as Retrieve's rows."""
    body = checked_body(call, state.schemas, "activity-feed-request")
    parameter = body.get("Parameter") or {}
    for needed in ("FromDate", "ToDate"):
        if not parameter.get(needed):
            raise InvalidData(
                f"Invalid Input! Parameter Name: {needed}",
                path=f"$.Parameter.{needed}",
                rule=rules.MANDATORY_MISSING,
            )
    event = parameter.get("ActivityEvent")
    page = _page(state, body, None if event is None else int(event))
    user = state.store.user_id()
    rows = [retrieve_row(a, page.types[a["ActivityEvent"]], user) for a in page.activities]
    return {"RecordCount": page.total, "ProspectActivities": rows}


def _page(state: Emulator, body: Mapping[str, Any], event: int | None) -> ActivityPage:
    """The page asked for of the activities of `event` (or all) whose ModifiedOn falls between
    FromDate and ToDate, sorted by Sorting, paged by Paging; an `event` of no type of the
    tenant is Create's answer."""
    parameter = body.get("Parameter") or {}
    paging = body.get("Paging") or {}
    sorting = body.get("Sorting") or {}
    size = checked_page_size(int(paging.get("PageSize", DEFAULT_ROW_COUNT)), "$.Paging.PageSize")
    order = PageOrder(
        column=CREATED_ON if _is_created_on(sorting.get("ColumnName")) else MODIFIED_ON,
        newest_first=str(sorting.get("Direction", "1")) != "0",
        start=(int(paging.get("PageIndex", 1)) - 1) * size,
        size=size,
    )
    low, high = parameter.get("FromDate") or "", parameter.get("ToDate") or "9999"
    return state.store.activities_modified(event, low, high, order)


def _is_created_on(column: Any) -> bool:
    """Whether Sorting.ColumnName asks for creation order: `CreatedOn`, or the page's own words
    for it, 'Created On', in any letter case."""
    return isinstance(column, str) and column.replace(" ", "").casefold() == CREATED_ON.casefold()
