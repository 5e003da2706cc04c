"""The provider suite's checks of the user lookup and the lead endpoints. Read-only by default:
the user lookup, the lookups of the lead `--lsq-lead-id` names (by its id, its email and its
phone, read from the lead itself), quick search, Leads.Get and the lead fields. The writes
(Lead.Create, Lead.Update, Lead.CreateOrUpdate, Lead.Capture) leave a lead on the tenant, and
run only with `allow_writes`."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from lsq_mock_contract.provider_bulk import needs
from lsq_mock_contract.provider_http import Api, Expected, content_differs, expect
from lsq_mock_contract.target import Target
from lsq_mock_contract.wire import Answer

LEADS = "/v2/LeadManagement.svc"
USER_PATH = "/v2/Authentication.svc/UserByAccessKey.Get"
BY_ID, BY_EMAIL = f"{LEADS}/Leads.GetById", f"{LEADS}/Leads.GetByEmailaddress"
BY_PHONE, QUICK_SEARCH = f"{LEADS}/RetrieveLeadByPhoneNumber", f"{LEADS}/Leads.GetByQuickSearch"
SEARCH, METADATA = f"{LEADS}/Leads.Get", f"{LEADS}/LeadsMetaData.Get"
CREATE, UPDATE = f"{LEADS}/Lead.Create", f"{LEADS}/Lead.Update"
UPSERT, CAPTURE = f"{LEADS}/Lead.CreateOrUpdate", f"{LEADS}/Lead.Capture"
UNKNOWN_LEAD = "00000000-0000-0000-0000-000000000000"
NOBODY_EMAIL = "lsq-mock-provider-suite-nobody@example.invalid"
NOBODY_PHONE = "1000000001"
UNKNOWN_FIELD = "mx_lsq_mock_no_such_field"
UNAUTHORIZED = "MXUnAuthorizedAccessException"
DUPLICATE = "MXDuplicateEntryException"
HOST_NAME = re.compile(r"^[^/:]+(:[0-9]+)?$")
"""A host name, with a port or not, without a scheme: what clients build https://{api}/v2/ from."""


def _pairs(**values: Any) -> list[dict[str, Any]]:
    return [{"Attribute": name, "Value": value} for name, value in values.items()]


def _ids(answer: Answer) -> list[Any]:
    rows = answer.json if isinstance(answer.json, list) else []
    return [row.get("ProspectID") if isinstance(row, dict) else row for row in rows]


class LeadEndpointChecks:
    """UserByAccessKey.Get and LeadManagement.svc, as the vendor's pages and live clients show
    them (mixed into ProviderContract)."""

    @pytest.fixture
    def lead(self, target: Target, api: Api) -> dict[str, Any]:
        """The lead `--lsq-lead-id` names, as Leads.GetById answers it (checked there)."""
        return _lead_by_id(target, api)

    def test_the_user_lookup_names_a_host_for_every_later_call(
        self, target: Target, api: Api
    ) -> None:
        sent, answer = api.get(USER_PATH)
        expect(target, sent, answer, Expected(200, schema="user"))
        hosts = answer.json["LSQCommonServiceURLs"]
        if not all(HOST_NAME.match(str(hosts.get(key, ""))) for key in ("api", "app")):
            content_differs(
                target, sent, answer, f"LSQCommonServiceURLs {hosts} are not bare host names"
            )

    def test_the_user_lookup_with_wrong_keys_is_401(self, target: Target, api: Api) -> None:
        sent, answer = api.get(USER_PATH, auth="wrong")
        expect(target, sent, answer, Expected(401, UNAUTHORIZED))

    def test_a_lead_by_id_is_an_array_of_that_lead(self, target: Target, api: Api) -> None:
        _lead_by_id(target, api)

    def test_an_unknown_lead_id_answers_an_empty_array(self, target: Target, api: Api) -> None:
        sent, answer = api.get(BY_ID, id=UNKNOWN_LEAD)
        expect(target, sent, answer, Expected(200, schema="leads-response"))
        if answer.json != []:
            content_differs(target, sent, answer, "not []")

    def test_a_lead_is_found_by_its_email_in_any_case(
        self, target: Target, api: Api, lead: dict[str, Any]
    ) -> None:
        email = lead.get("EmailAddress") or pytest.skip("the lead has no EmailAddress")
        sent, answer = api.get(BY_EMAIL, emailaddress=email.upper())
        expect(target, sent, answer, Expected(200, schema="leads-response"))
        if lead["ProspectID"] not in _ids(answer):
            content_differs(
                target, sent, answer, f"the lead {lead['ProspectID']} is not among them"
            )

    def test_an_email_no_lead_has_answers_an_empty_array(self, target: Target, api: Api) -> None:
        sent, answer = api.get(BY_EMAIL, emailaddress=NOBODY_EMAIL)
        expect(target, sent, answer, Expected(200, schema="leads-response"))
        if answer.json != []:
            content_differs(target, sent, answer, "not []")

    def test_a_lead_is_found_by_its_phone(
        self, target: Target, api: Api, lead: dict[str, Any]
    ) -> None:
        phone = lead.get("Phone") or lead.get("Mobile") or pytest.skip("the lead has no phone")
        digits = "".join(c for c in phone if c.isdigit())
        sent, answer = api.get(BY_PHONE, phone=digits)
        expect(target, sent, answer, Expected(200, schema="leads-response"))
        if len(_ids(answer)) != 1:
            content_differs(
                target, sent, answer, "not one lead (the page: the one most recently active)"
            )

    def test_a_phone_no_lead_has_answers_an_empty_array(self, target: Target, api: Api) -> None:
        sent, answer = api.get(BY_PHONE, phone=NOBODY_PHONE)
        expect(target, sent, answer, Expected(200, schema="leads-response"))
        if answer.json != []:
            content_differs(target, sent, answer, "not []")

    def test_quick_search_finds_a_lead_by_its_email(
        self, target: Target, api: Api, lead: dict[str, Any]
    ) -> None:
        email = lead.get("EmailAddress") or pytest.skip("the lead has no EmailAddress")
        sent, answer = api.get(QUICK_SEARCH, key=email)
        expect(target, sent, answer, Expected(200, schema="leads-response"))
        if lead["ProspectID"] not in _ids(answer):
            content_differs(
                target, sent, answer, f"the lead {lead['ProspectID']} is not among them"
            )

    def test_leads_get_finds_a_lead_by_id_with_the_columns_asked(
        self, target: Target, api: Api, lead: dict[str, Any]
    ) -> None:
        body = {
            "Parameter": {
                "LookupName": "ProspectID",
                "LookupValue": lead["ProspectID"],
                "SqlOperator": "=",
            },
            "Columns": {"Include_CSV": "ProspectID,EmailAddress"},
            "Paging": {"PageIndex": 1, "PageSize": 10},
        }
        sent, answer = api.post(body, path=SEARCH)
        expect(target, sent, answer, Expected(200, schema="leads-response"))
        if _ids(answer) != [lead["ProspectID"]]:
            content_differs(target, sent, answer, f"not [the lead {lead['ProspectID']}]")

    def test_leads_get_s_lookup_name_is_case_sensitive(
        self, target: Target, api: Api, lead: dict[str, Any]
    ) -> None:
        """Seen live: a LookupName in another case silently finds nothing."""
        body = {
            "Parameter": {
                "LookupName": "prospectid",
                "LookupValue": lead["ProspectID"],
                "SqlOperator": "=",
            },
            "Paging": {"PageIndex": 1, "PageSize": 10},
        }
        sent, answer = api.post(body, path=SEARCH)
        expect(target, sent, answer, Expected(200, schema="leads-response"))
        if answer.json != []:
            content_differs(target, sent, answer, "not []")

    def test_leads_get_with_another_operator_is_the_live_500(
        self, target: Target, api: Api
    ) -> None:
        body = {"Parameter": {"LookupName": "FirstName", "LookupValue": "x", "SqlOperator": "!="}}
        sent, answer = api.post(body, path=SEARCH)
        expect(target, sent, answer, Expected(500, "MXInvalidEntityException"))

    def test_the_lead_fields_have_the_documented_rows(self, target: Target, api: Api) -> None:
        sent, answer = api.get(METADATA)
        expect(target, sent, answer, Expected(200, schema="lead-metadata-response"))
        names = {row.get("SchemaName") for row in answer.json if isinstance(row, dict)}
        if not {"ProspectID", "EmailAddress", "Phone"} <= names:
            content_differs(
                target, sent, answer, "ProspectID, EmailAddress or Phone is not among them"
            )

    def test_one_lead_field_by_its_schema_name(self, target: Target, api: Api) -> None:
        sent, answer = api.get(METADATA, schemaName="EmailAddress")
        expect(target, sent, answer, Expected(200, schema="lead-metadata-response"))
        names = [row.get("SchemaName") for row in answer.json if isinstance(row, dict)]
        if names != ["EmailAddress"]:
            content_differs(target, sent, answer, "not EmailAddress's row alone")

    # -- writes: only with allow_writes --------------------------------------------------------

    def test_a_lead_written_four_ways_answers_each_documented_shape(
        self, target: Target, api: Api
    ) -> None:
        _writes(target)
        email = f"lsq-mock-provider-{uuid.uuid4().hex[:12]}@example.com"
        sent, answer = api.post(_pairs(EmailAddress=email, FirstName="lsq-mock"), path=CREATE)
        expect(target, sent, answer, Expected(200, schema="lead-created-response"))
        lead_id = answer.json["Message"]["Id"]
        steps: list[tuple[str, Any, dict[str, str], str]] = [
            (UPDATE, _pairs(LastName="provider suite"), {"leadId": lead_id}, "updated"),
            (UPSERT, _pairs(EmailAddress=email, SearchBy="EmailAddress"), {}, "upserted"),
            (CAPTURE, _pairs(EmailAddress=email, Source="lsq-mock"), {}, "captured"),
        ]
        for path, body, query, shape in steps:
            sent, answer = api.post(body, path=path, query=query)
            expect(target, sent, answer, Expected(200, schema=f"lead-{shape}-response"))
            found = answer.json["Message"].get("Id", lead_id)
            if found != lead_id:
                content_differs(
                    target, sent, answer, f"Message.Id is not the lead written, {lead_id}"
                )

    def test_another_lead_s_email_is_the_live_duplicate(
        self, target: Target, api: Api, lead: dict[str, Any]
    ) -> None:
        _writes(target)
        email = lead.get("EmailAddress") or pytest.skip("the lead has no EmailAddress")
        sent, answer = api.post(_pairs(EmailAddress=email, FirstName="duplicate"), path=CREATE)
        duplicate = Expected(500, DUPLICATE, message=re.compile(r"^A Lead with same Email"))
        expect(target, sent, answer, duplicate)

    def test_an_unknown_attribute_refuses_an_update_whole(
        self, target: Target, api: Api, lead: dict[str, Any]
    ) -> None:
        _writes(target)
        body = [*_pairs(FirstName=lead.get("FirstName")), *_pairs(**{UNKNOWN_FIELD: "x"})]
        sent, answer = api.post(body, path=UPDATE, query={"leadId": lead["ProspectID"]})
        expect(target, sent, answer, Expected(500, "MXUnknownAttributeException"))

    def test_an_update_of_an_unknown_lead_is_the_live_500(self, target: Target, api: Api) -> None:
        _writes(target)
        sent, answer = api.post(_pairs(FirstName="x"), path=UPDATE, query={"leadId": UNKNOWN_LEAD})
        unknown = Expected(500, "MXInvalidEntityException", message=re.compile("does not exist"))
        expect(target, sent, answer, unknown)

    def test_a_lead_write_that_is_an_object_is_a_400(self, target: Target, api: Api) -> None:
        _writes(target)
        sent, answer = api.post({"Attribute": "FirstName", "Value": "x"}, path=CREATE)
        expect(target, sent, answer, Expected(400, "MXInvalidInputException"))


def _lead_by_id(target: Target, api: Api) -> dict[str, Any]:
    """Leads.GetById of the lead `--lsq-lead-id` names: checked to be `[that lead]`."""
    lead_id = needs(target.lead_id, "--lsq-lead-id")
    sent, answer = api.get(BY_ID, id=lead_id)
    expect(target, sent, answer, Expected(200, schema="leads-response"))
    if _ids(answer) != [lead_id]:
        content_differs(target, sent, answer, f"not [the lead {lead_id}]")
    found: dict[str, Any] = answer.json[0]
    return found


def _writes(target: Target) -> None:
    if not target.allow_writes:
        pytest.skip("leaves records on the tenant: opt in with --lsq-allow-writes")
