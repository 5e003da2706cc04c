"""The inventory of the vendor's real API: one row per endpoint, each sourced, every emulated
endpoint in it as served, and a typo in a real path never taken for a real API."""

from __future__ import annotations

import pytest

from lsq_mock.catalogue.endpoints import ENDPOINTS
from lsq_mock.catalogue.sources import PAGES
from lsq_mock.catalogue.vendor_apis import (
    CLIENT_SOURCES,
    VENDOR_APIS,
    is_vendor_api,
    nearest,
    vendor_api,
)


def test_each_endpoint_is_listed_once_with_one_method() -> None:
    paths = [api.path for api in VENDOR_APIS]
    assert len(paths) == len(set(paths))
    folded = [path.casefold() for path in paths]
    assert len(folded) == len(set(folded)), "two rows differ only in case"


def test_each_row_is_a_v2_path_a_documented_method_and_a_source() -> None:
    for api in VENDOR_APIS:
        # The vendor's overview page: "We support 2 standard HTTP methods - GET and POST."
        assert api.method in {"GET", "POST"}, api
        assert api.service.endswith(".svc") and "/" not in api.service, api
        assert api.operation and api.operation.strip("/") == api.operation, api
        assert not set("?&# ") & set(api.path), api
        assert api.path.startswith(f"/v2/{api.service}/"), api
        assert api.title.strip() == api.title and api.title, api
        assert api.source.startswith(f"{PAGES}/") or api.source in CLIENT_SOURCES, api


def test_most_rows_cite_the_vendors_own_page() -> None:
    pages = [api for api in VENDOR_APIS if api.source.startswith(f"{PAGES}/")]
    assert len(pages) > 2 * (len(VENDOR_APIS) - len(pages))


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.id)
def test_every_emulated_endpoint_is_a_vendor_api_with_the_same_method_and_path(endpoint) -> None:
    api = vendor_api(endpoint.method, endpoint.path)
    assert api is not None, f"{endpoint.method} {endpoint.path} is not in the inventory"
    assert (api.method, api.path) == (endpoint.method, endpoint.path)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v2/Authentication.svc/UserByAccessKey.Get"),
        ("GET", "/v2/LeadManagement.svc/Leads.GetById"),
        ("GET", "/v2/LeadManagement.svc/Leads.GetByEmailaddress"),
        ("POST", "/v2/LeadManagement.svc/Lead.Capture"),
        ("POST", "/v2/ProspectActivity.svc/CustomActivity/RetrieveByActivityEvent"),
        ("POST", "/v2/ProspectActivity.svc/RetrieveRecentlyModified"),
        ("POST", "/v2/ProspectActivity.svc/Attachment/Add"),
        ("POST", "/v2/OpportunityManagement.svc/Capture"),
        ("GET", "/v2/Task.svc/MarkComplete"),
    ],
)
def test_the_apis_public_clients_call_beside_the_activity_apis_are_vendor_apis(
    method: str, path: str
) -> None:
    assert is_vendor_api(method, path)
    assert nearest(path) == vendor_api(method, path)


@pytest.mark.parametrize(
    "path",
    [
        "/v2/LeadManagement.svc/Lead.Creat",
        "/v2/LeadManagement.svc/Leads.GetByEmailadress",
        "/v2/ProspectActivty.svc/Create",
        "/v2/ProspectActivity.svc/Bulk/CustomActivity/Updates",
        "/v2/ProspectActivity.svc/CustomActivity/RetrieveByActivityEvents",
        "/v2/ProspectActivity.svc/Create/",
        "/ProspectActivity.svc/Create",
        "/v2/v2/ProspectActivity.svc/Create",
    ],
)
def test_a_typo_in_a_real_path_is_no_vendor_api_but_names_the_real_one(path: str) -> None:
    assert not is_vendor_api("POST", path)
    assert not is_vendor_api("GET", path)
    suggested = nearest(path)
    assert suggested is not None and suggested.path != path


@pytest.mark.parametrize(
    "path",
    [
        # Names a client probed on a live tenant while looking for a bulk activity read.
        "/v2/ProspectActivity.svc/Activities/Get",
        "/v2/ProspectActivity.svc/Activity.Get",
        "/v2/ProspectActivity.svc/ActivityDetails.Get",
        "/v2/BulkExport.svc/Activity/Create",
        "/v2/WebhookManagement.svc/Webhooks.Get",
        "/v2/Nothing.svc/Here",
        "/",
        "",
    ],
)
def test_a_path_that_is_no_api_is_unknown_and_has_no_near_match(path: str) -> None:
    assert not is_vendor_api("POST", path)
    assert not is_vendor_api("GET", path)
    assert nearest(path) is None


def test_the_vendors_spelling_is_exact_and_another_case_only_a_suggestion() -> None:
    real = vendor_api("GET", "/v2/LeadManagement.svc/Leads.GetByEmailaddress")
    assert real is not None
    for other in (
        "/v2/LeadManagement.svc/Leads.GetByEmailAddress",
        "/v2/leadmanagement.svc/leads.getbyemailaddress",
        "/V2/LeadManagement.svc/Leads.GetByEmailaddress",
    ):
        assert vendor_api("GET", other) is None
        assert nearest(other) == real


def test_a_real_path_with_the_wrong_method_is_no_vendor_api() -> None:
    assert vendor_api("GET", "/v2/LeadManagement.svc/Lead.Create") is None
    assert vendor_api("POST", "/v2/LeadManagement.svc/Leads.GetById") is None
    assert vendor_api("post", "/v2/LeadManagement.svc/Lead.Create") is None
    create = nearest("/v2/LeadManagement.svc/Lead.Create")
    assert create is not None and create.method == "POST"


def test_the_path_is_matched_without_its_query_string() -> None:
    assert not is_vendor_api("POST", "/v2/ProspectActivity.svc/Create?accessKey=x")
    assert is_vendor_api("POST", "/v2/ProspectActivity.svc/Create")
