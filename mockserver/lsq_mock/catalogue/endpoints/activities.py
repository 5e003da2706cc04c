"""The activity endpoints (ProspectActivity.svc): the bulk ones, the single-activity writes, the
reads of one lead's activities and of one activity, the activity types, then the reads across
leads (by activity event, by date range) and of one type's fields."""

from __future__ import annotations

from lsq_mock.catalogue import rules
from lsq_mock.catalogue.endpoints.model import BODY_RULES, V2, Endpoint, schema_rules

PREFIX = f"{V2}/ProspectActivity.svc"

_WRITE_ROW = (rules.UNKNOWN_FIELD, rules.INVALID_VALUE, rules.MANDATORY_FIELD)
_UPDATE_ROW = (rules.UNKNOWN_ACTIVITY, rules.WRONG_ACTIVITY_TYPE, *_WRITE_ROW)
_POST_ROW = (rules.UNKNOWN_ACTIVITY_TYPE, rules.UNKNOWN_LEAD, *_WRITE_ROW)

ACTIVITY_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "bulk-update",
        "Bulk update",
        "POST",
        f"{PREFIX}/Bulk/CustomActivity/Update",
        rows="updated",
        logical=_UPDATE_ROW,
        refused=(
            *BODY_RULES,
            *schema_rules(
                "type", "required", "minItems", "maxItems", "minLength", "pattern", "minimum"
            ),
        ),
    ),
    Endpoint(
        "bulk-add",
        "Bulk add",
        "POST",
        f"{PREFIX}/Bulk/CustomActivity/Add/ByLeadId",
        rows="created",
        logical=_POST_ROW,
        refused=(
            *BODY_RULES,
            *schema_rules(
                "type", "required", "minItems", "maxItems", "minLength", "pattern", "minimum"
            ),
        ),
    ),
    Endpoint(
        "create",
        "Create",
        "POST",
        f"{PREFIX}/Create",
        logical=(rules.MANDATORY_MISSING, *_POST_ROW, rules.DUPLICATE_LEAD),
        refused=(*BODY_RULES, *schema_rules("type", "required", "minLength", "pattern", "minimum")),
    ),
    Endpoint(
        "update",
        "CustomActivity/Update",
        "POST",
        f"{PREFIX}/CustomActivity/Update",
        logical=(rules.MANDATORY_MISSING, *_UPDATE_ROW),
        refused=(*BODY_RULES, *schema_rules("type", "required", "minLength", "pattern", "minimum")),
    ),
    Endpoint(
        "retrieve",
        "Retrieve",
        "POST",
        f"{PREFIX}/Retrieve",
        logical=(
            rules.MANDATORY_MISSING,
            rules.PAGE_SIZE,
            rules.UNKNOWN_LEAD,
            rules.UNKNOWN_ACTIVITY_TYPE,
        ),
        refused=(*BODY_RULES, *schema_rules("type", "maxItems", "pattern", "minimum")),
        reads=True,
    ),
    Endpoint(
        "details",
        "GetActivityDetails",
        "GET",
        f"{PREFIX}/GetActivityDetails",
        logical=(rules.MANDATORY_MISSING, rules.UNKNOWN_ACTIVITY),
    ),
    Endpoint("activity-types", "ActivityTypes.Get", "GET", f"{PREFIX}/ActivityTypes.Get"),
    Endpoint(
        "create-type",
        "CreateType",
        "POST",
        f"{PREFIX}/CreateType",
        logical=(rules.MANDATORY_MISSING, rules.DUPLICATE_ENTRY, rules.INVALID_TYPE),
        refused=(
            *BODY_RULES,
            *schema_rules(
                "type",
                "required",
                "maxItems",
                "minLength",
                "maxLength",
                "pattern",
                "minimum",
                "maximum",
                "enum",
            ),
        ),
    ),
    Endpoint(
        "retrieve-by-event",
        "CustomActivity/RetrieveByActivityEvent",
        "POST",
        f"{PREFIX}/CustomActivity/RetrieveByActivityEvent",
        logical=(rules.MANDATORY_MISSING, rules.UNKNOWN_ACTIVITY_TYPE, rules.PAGE_SIZE),
        refused=(*BODY_RULES, *schema_rules("type", "pattern", "minimum", "enum")),
        reads=True,
    ),
    Endpoint(
        "retrieve-recently-modified",
        "RetrieveRecentlyModified",
        "POST",
        f"{PREFIX}/RetrieveRecentlyModified",
        logical=(rules.MANDATORY_MISSING, rules.UNKNOWN_ACTIVITY_TYPE, rules.PAGE_SIZE),
        refused=(*BODY_RULES, *schema_rules("type", "pattern", "minimum", "enum")),
        reads=True,
    ),
    Endpoint(
        "activity-setting",
        "CustomActivity/GetActivitySetting",
        "GET",
        f"{PREFIX}/CustomActivity/GetActivitySetting",
        logical=(rules.MANDATORY_MISSING, rules.UNKNOWN_ACTIVITY_TYPE),
    ),
)
