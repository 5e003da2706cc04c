"""Reading activities back: the activities of a lead (`Retrieve`) and one activity by id."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from lsq_mock.api.context import checked_body, emulator, required_arg
from lsq_mock.errors import EntityNotFound, UnknownActivity
from lsq_mock.fields import SYSTEM_FIELDS, system_field
from lsq_mock.tenant import DEFAULT_ROW_COUNT

RETRIEVE_PATH = "/ProspectActivity.svc/Retrieve"
DETAILS_PATH = "/ProspectActivity.svc/GetActivityDetails"

bp = Blueprint("retrieve", __name__)


@bp.post(RETRIEVE_PATH)
def retrieve_activities() -> dict[str, Any]:
    """One page of the lead's activities, newest first, optionally of one activity type only."""
    lead_id = required_arg("leadId", "retrieving activities")
    body = checked_body("retrieve-activities-request")
    event = body.get("Parameter", {}).get("ActivityEvent")
    paging = body.get("Paging", {})
    store = emulator().store
    page = store.lead_activities(
        lead_id,
        activity_event=None if event is None else int(event),
        offset=int(paging.get("Offset", 0)),
        row_count=int(paging.get("RowCount", DEFAULT_ROW_COUNT)),
    )
    names = {t["ActivityEvent"]: t["ActivityEventName"] for t in store.activity_types()}
    return {
        "RecordCount": page.total,
        "ProspectActivities": [
            {
                "Id": activity["ProspectActivityId"],
                "EventCode": activity["ActivityEvent"],
                "EventName": names[activity["ActivityEvent"]],
                "RelatedProspectId": activity["RelatedProspectId"],
                "CreatedOn": activity["CreatedOn"],
                "ModifiedOn": activity["ModifiedOn"],
                "ActivityNote": activity["ActivityNote"],
                "Status": activity["Status"],
                "Owner": activity["Owner"],
                "Data": activity["Fields"],
            }
            for activity in page.activities
        ],
    }


@bp.get(DETAILS_PATH)
def activity_details() -> dict[str, Any]:
    """The activity, its type's name, and every field of its type with the value it holds."""
    activity_id = required_arg("activityId", "getting activity details")
    store = emulator().store
    try:
        activity = store.activity(activity_id)
    except EntityNotFound:
        raise UnknownActivity(path="?activityId") from None
    activity_type = store.activity_type(activity["ActivityEvent"])
    definitions = [*activity_type["Fields"], *(system_field(name) for name in SYSTEM_FIELDS)]
    return {
        "ID": activity["ProspectActivityId"],
        "Name": activity_type["ActivityEventName"],
        "DisplayName": activity_type["ActivityEventName"],
        "ActivityEvent": activity["ActivityEvent"],
        "RelatedProspectId": activity["RelatedProspectId"],
        "ActivityNote": activity["ActivityNote"],
        "CreatedOn": activity["CreatedOn"],
        "ModifiedOn": activity["ModifiedOn"],
        "Fields": [
            {
                "SchemaName": name,
                "DisplayName": definition.get("DisplayName", name),
                "Value": (activity if name in SYSTEM_FIELDS else activity["Fields"]).get(name),
                "DataType": definition["DataType"],
                "IsMandatory": bool(definition.get("IsMandatory")),
            }
            for definition in definitions
            for name in (definition["SchemaName"],)
        ],
    }
