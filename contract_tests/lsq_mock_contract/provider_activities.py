"""The provider suite's checks of the activity endpoints beside the bulk update: the live 500s of
single-activity calls, and the documented shapes of reading. Read-only on a real tenant: the one
write names an activity that does not exist."""

from __future__ import annotations

import re

from lsq_mock.errors import UNKNOWN_LEAD_ANSWERS
from lsq_mock_contract.provider_bulk import UNKNOWN_ACTIVITY, needs
from lsq_mock_contract.provider_http import Api, Expected, expect
from lsq_mock_contract.target import Target

PREFIX = "/v2/ProspectActivity.svc"
DETAILS_PATH = f"{PREFIX}/GetActivityDetails"
UPDATE_PATH = f"{PREFIX}/CustomActivity/Update"
RETRIEVE_PATH = f"{PREFIX}/Retrieve"
TYPES_PATH = f"{PREFIX}/ActivityTypes.Get"
MAX_PAGE = 1000
UNKNOWN_LEAD = UNKNOWN_ACTIVITY
"""No lead has the all-zero id either."""


class ActivityEndpointChecks:
    """GetActivityDetails, CustomActivity/Update, Retrieve and ActivityTypes.Get, as the vendor's
    pages and live clients show them (mixed into ProviderContract)."""

    def test_details_of_an_unknown_activity_are_the_live_500(
        self, target: Target, api: Api
    ) -> None:
        sent, answer = api.get(DETAILS_PATH, activityId=UNKNOWN_ACTIVITY)
        unknown = Expected(
            500,
            "MXUnknownProspectActivityException",
            message=re.compile(r"^Activity does not exist\.$"),
        )
        expect(target, sent, answer, unknown)

    def test_details_without_an_activity_id_are_500_naming_it(
        self, target: Target, api: Api
    ) -> None:
        sent, answer = api.get(DETAILS_PATH)
        missing = Expected(
            500, "MXMandatoryAttributeMissingException", message=re.compile("activityId")
        )
        expect(target, sent, answer, missing)

    def test_details_of_an_activity_have_the_documented_shape(
        self, target: Target, api: Api
    ) -> None:
        sent, answer = api.get(DETAILS_PATH, activityId=target.activity_ids[0])
        expect(target, sent, answer, Expected(200, schema="activity-details-response"))

    def test_an_update_of_an_unknown_activity_is_a_logical_500(
        self, target: Target, api: Api
    ) -> None:
        body = {"ProspectActivityId": UNKNOWN_ACTIVITY, "Fields": []}
        sent, answer = api.post(body, path=UPDATE_PATH)
        expect(target, sent, answer, Expected(500))

    def test_an_update_without_its_activity_id_is_the_live_500_naming_it(
        self, target: Target, api: Api
    ) -> None:
        sent, answer = api.post({"Fields": []}, path=UPDATE_PATH)
        missing = Expected(
            500, "MXMandatoryAttributeMissingException", message=re.compile("ProspectActivityId")
        )
        expect(target, sent, answer, missing)

    def test_retrieve_of_an_unknown_lead_is_a_logical_500(self, target: Target, api: Api) -> None:
        # The emulator's choice (Create's observed answer, for a tenant that holds leads): run
        # against a real tenant, this says whether the live Retrieve agrees.
        sent, answer = api.post({}, path=RETRIEVE_PATH, query={"leadId": UNKNOWN_LEAD})
        unknown = Expected(500, tuple(UNKNOWN_LEAD_ANSWERS))
        expect(target, sent, answer, unknown)

    def test_retrieve_takes_an_empty_body_and_answers_the_documented_rows(
        self, target: Target, api: Api
    ) -> None:
        lead = needs(target.lead_id, "--lsq-lead-id")
        sent, answer = api.post({}, path=RETRIEVE_PATH, query={"leadId": lead})
        expect(target, sent, answer, Expected(200, schema="retrieve-activities-response"))

    def test_a_page_over_1000_rows_is_the_live_500(self, target: Target, api: Api) -> None:
        lead = needs(target.lead_id, "--lsq-lead-id")
        paging = {"Paging": {"Offset": "1", "RowCount": str(MAX_PAGE + 1)}}
        sent, answer = api.post(paging, path=RETRIEVE_PATH, query={"leadId": lead})
        too_big = Expected(
            500, "MXInvalidInputException", message=re.compile(f"more than {MAX_PAGE}")
        )
        expect(target, sent, answer, too_big)

    def test_activity_types_have_the_live_columns(self, target: Target, api: Api) -> None:
        sent, answer = api.get(TYPES_PATH)
        expect(target, sent, answer, Expected(200, schema="activity-types-response"))
