"""The ledger's behaviours of the activity reads beyond one lead's: by activity event, by date
range, and an activity type's fields."""

from __future__ import annotations

from lsq_mock.catalogue.ledger.behaviour import Behaviour, behaviour
from lsq_mock.catalogue.sources import (
    ACTIVITY_SETTING_PAGE,
    BY_DATE_PAGE,
    BY_EVENT_PAGE,
    LIVE_EXTRACTION,
    Chosen,
    Documented,
    Observed,
)

FEEDS = "Activity reads across leads"

BEHAVIOURS: tuple[Behaviour, ...] = (
    behaviour(
        "retrieve-by-event",
        FEEDS,
        "POST CustomActivity/RetrieveByActivityEvent answers {RecordCount, List}: the "
        "activities of Parameter.ActivityEvent modified between FromDate and ToDate, newest "
        "first (Sorting.ColumnName CreatedOn, or the page's 'Created On', sorts by creation), "
        "paged by PageIndex from 1 and "
        "PageSize; each row flat, every value text, the type's custom fields at the top level "
        "(RemoveEmptyValue true leaves out those without a value)",
        Documented(BY_EVENT_PAGE),
        Observed(f"{LIVE_EXTRACTION}: a missing ActivityEvent answers 500 MXInvalidInputException"),
        Chosen(
            "PageSize defaults to 25 and stops at 1000, as Retrieve's; a missing ActivityEvent "
            "answers 'Invalid Input! Parameter Name: ActivityEvent'; rows beyond the page's "
            "visible keys carry Owner, ActivityEvent_Note, ModifiedOn and ModifiedBy"
        ),
    ),
    behaviour(
        "retrieve-recently-modified",
        FEEDS,
        "POST RetrieveRecentlyModified answers {RecordCount, ProspectActivities}: the "
        "activities (of every type, or of Parameter.ActivityEvent) modified between FromDate "
        "and ToDate (both mandatory), as Retrieve's rows, sorted and paged as the page shows",
        Documented(BY_DATE_PAGE),
        Chosen(
            "the range is read on ModifiedOn; a missing FromDate or ToDate answers 500 "
            "'Invalid Input! Parameter Name: FromDate'"
        ),
    ),
    behaviour(
        "activity-setting",
        FEEDS,
        "GET CustomActivity/GetActivitySetting?code= answers the type's ID, Name, DisplayName "
        "and Fields, each with its properties (as GetActivityDetails) and a null Value",
        Documented(ACTIVITY_SETTING_PAGE),
        Chosen(
            "a code of no type answers Create's MXInvalidActivityException; the field "
            "properties beyond the page's sample are GetActivityDetails'"
        ),
    ),
)
