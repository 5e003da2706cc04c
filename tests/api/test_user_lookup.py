"""UserByAccessKey.Get over HTTP, as the vendor's Authenticate a User page and the clients that
read it show it: the key owner's record, 401 for wrong keys, and `LSQCommonServiceURLs` naming
hosts without a scheme that lead back to the emulator: its own host and port when called
directly, the region's API host when called under a vendor host (through the proxy)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from lsq_mock import MockServer, Settings
from lsq_mock.tls.proxy import ProxyServer
from support.calls import get, last_exchange, post, schema_problems
from support.envelope import assert_envelope
from support.leads import PRIYA, unlimited
from support.paths import LEAD_BY_EMAIL, USER
from support.running import Running, serving

VENDOR_KEYS = (
    # Every key of the vendor's sample before the point where its stored copies are cut.
    "Class",
    "Group",
    "SubRegionId",
    "Id",
    "Name",
    "PassPhrase",
    "Role",
    "EmailAddress",
    "SessionId",
    "TimeZone",
    "TokenId",
    "Type",
    "OrgDisplayName",
    "OrgId",
    "OrgShortCode",
    "OrgUniqueName",
    "DefaultCountryCode",
    "Website",
    "Street1",
    "Street2",
    "City",
    "State",
    "Country",
    "Phone",
    "Fax",
    "Zip",
    "AssociatedPhoneNumbers",
    "RestrictedFeatures",
    "CustomerType",
    "Plan",
    "UserType",
    "MobileServiceURLs",
)
REGION_HOSTS = {
    # The Authenticate a User page's table.
    "singapore": "api.leadsquared.com",
    "us": "api-us11.leadsquared.com",
    "india-mumbai": "api-in21.leadsquared.com",
    "india-hyderabad": "api-in22.leadsquared.com",
    "ireland": "api-ir31.leadsquared.com",
    "canada": "api-ca12.leadsquared.com",
}


@pytest.fixture
def settings() -> Settings:
    return unlimited()


def _user(answer: requests.Response) -> dict[str, Any]:
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "application/json"
    record: dict[str, Any] = answer.json()
    assert schema_problems("user", record) == []
    return record


def test_the_record_has_every_key_of_the_vendor_s_sample(running: Running) -> None:
    record = _user(get(running, USER))

    assert list(record)[: len(VENDOR_KEYS)] == list(VENDOR_KEYS)
    assert list(record)[-1] == "LSQCommonServiceURLs"
    assert record["Role"] == "Administrator" and record["Type"] == "ApplicationUser"
    assert isinstance(record["TimeZone"], str) and record["TimeZone"]
    assert isinstance(record["OrgShortCode"], str) and record["OrgShortCode"]
    assert "Status" not in record  # a client tells success from an error body by its Status


def test_called_directly_the_hosts_are_the_emulator_s_own(running: Running) -> None:
    record = _user(get(running, USER))

    authority = running.url.removeprefix("http://")
    assert record["LSQCommonServiceURLs"] == {
        "api": authority,
        "app": authority,
        "tracking": authority,
    }


def test_the_hosts_follow_the_name_the_client_used(running: Running) -> None:
    port = running.server.port

    answer = running.http.get(f"http://localhost:{port}{USER}", params=running.keys)

    assert _user(answer)["LSQCommonServiceURLs"]["api"] == f"localhost:{port}"


@pytest.mark.parametrize(
    "host",
    ["evil.example/x?y=", "a b", "user@host", "-bad-", "x" * 300, "[not-ipv6]", "host:99999999"],
)
def test_a_host_that_is_no_host_name_is_not_echoed(running: Running, host: str) -> None:
    port = running.server.port

    answer = running.http.get(running.url + USER, params=running.keys, headers={"Host": host})

    assert _user(answer)["LSQCommonServiceURLs"]["api"] == f"127.0.0.1:{port}"


@pytest.mark.parametrize(
    "host", ["lsq_mock:8080", "registry__lsq-mock:8080", "lsq-mock.ci.example.:443", "[::1]:80"]
)
def test_a_service_name_is_echoed_as_sent(running: Running, host: str) -> None:
    """Docker Compose and GitLab name services with underscores; a name may end in a dot."""
    answer = running.http.get(running.url + USER, params=running.keys, headers={"Host": host})

    assert _user(answer)["LSQCommonServiceURLs"]["api"] == host


def test_a_wildcard_bind_answers_loopback_not_its_wildcard_address() -> None:
    with MockServer(unlimited(), host="0.0.0.0") as server:
        keys = server.emulator.settings.primary
        params = {"accessKey": keys.access_key, "secretKey": keys.secret_key}
        answer = requests.get(
            f"http://127.0.0.1:{server.port}{USER}", params=params, headers={"Host": "a b"}
        )

    assert _user(answer)["LSQCommonServiceURLs"]["api"] == f"127.0.0.1:{server.port}"


def test_a_client_building_its_base_url_from_the_answer_keeps_talking_to_the_emulator(
    running: Running,
) -> None:
    api = _user(get(running, USER))["LSQCommonServiceURLs"]["api"]

    answer = running.http.get(
        f"http://{api}/v2/{LEAD_BY_EMAIL.removeprefix('/v2/')}",
        params={**running.keys, "emailaddress": "priya.sharma@example.com"},
    )

    assert answer.status_code == 200 and answer.json()[0]["ProspectID"] == PRIYA


def test_the_user_id_owns_the_leads_nobody_else_owns(running: Running) -> None:
    record = _user(get(running, USER))
    body = [{"Attribute": "EmailAddress", "Value": "owned@example.com"}]
    lead_id = post(running, "/v2/LeadManagement.svc/Lead.Create", body).json()["Message"]["Id"]

    [lead] = get(running, "/v2/LeadManagement.svc/Leads.GetById", id=lead_id).json()

    assert lead["OwnerId"] == record["Id"]


def test_keys_in_the_headers_are_accepted(running: Running) -> None:
    keys = running.emulator.settings.primary
    headers = {"x-LSQ-AccessKey": keys.access_key, "x-LSQ-SecretKey": keys.secret_key}

    assert _user(running.http.get(running.url + USER, headers=headers))["Id"]


@pytest.mark.parametrize(
    "params",
    [{"secretKey": "wrong"}, {"accessKey": "u$rnobody"}, {"accessKey": "", "secretKey": ""}],
    ids=["wrong-secret", "unknown-access-key", "no-keys"],
)
def test_wrong_keys_are_401(running: Running, params: dict[str, str]) -> None:
    answer = running.http.get(running.url + USER, params={**running.keys, **params})

    assert_envelope(answer, 401, "MXUnAuthorizedAccessException")


def test_a_seeded_user_changes_the_record_but_never_its_hosts(running: Running) -> None:
    seeded = post(running, "/_mock/seed", {"User": {"Name": "Asha Rao", "TimeZone": "UTC"}})
    assert seeded.status_code == 200, seeded.text

    record = _user(get(running, USER))

    assert (record["Name"], record["TimeZone"]) == ("Asha Rao", "UTC")
    assert record["LSQCommonServiceURLs"]["api"] == running.url.removeprefix("http://")


def test_a_post_is_no_user_lookup(running: Running) -> None:
    """The page names one method: another is no vendor API (the client's fault, with a hint)."""
    answer = running.http.post(running.url + USER, params=running.keys, json={})

    assert_envelope(answer, 404, "MXAPINotFoundException")
    [finding] = last_exchange(running)["contract"]
    assert finding["rule"] == "unknown-api"
    assert finding["hint"] == f"did you mean GET {USER}?"


# -- through the proxy ---------------------------------------------------------------------------


@pytest.fixture
def proxy(running: Running) -> Iterator[ProxyServer]:
    with ProxyServer(running.server.app) as proxy:
        yield proxy


def _through(proxy: ProxyServer, url: str, keys: dict[str, str], **params: str) -> Any:
    """GET `url` (a vendor URL) through the proxy, trusting its CA, as a configured client."""
    return requests.get(
        url,
        params={**keys, **params},
        proxies={"https": proxy.url},
        verify=str(proxy.ca_bundle),
        timeout=10,
    )


def test_through_the_proxy_the_api_host_is_the_region_s(
    running: Running, proxy: ProxyServer
) -> None:
    answer = _through(proxy, f"https://api.leadsquared.com{USER}", running.keys)

    hosts = _user(answer)["LSQCommonServiceURLs"]
    assert hosts == {key: "api.leadsquared.com" for key in ("api", "app", "tracking")}
    assert running.emulator.journal.entries()[-1]["host"] == "api.leadsquared.com"


def test_any_region_s_host_answers_the_tenant_s_region(
    running: Running, proxy: ProxyServer
) -> None:
    """The page: 'Although other API calls will fail if you pass an API host that isn't
    specific to your region, this call won't.'"""
    answer = _through(proxy, f"https://api-us11.leadsquared.com{USER}", running.keys)

    assert _user(answer)["LSQCommonServiceURLs"]["api"] == "api.leadsquared.com"


@pytest.mark.parametrize(("region", "host"), REGION_HOSTS.items())
def test_the_region_setting_names_its_host_and_that_host_is_served(
    running: Running, region: str, host: str
) -> None:
    with (
        serving(dataclasses.replace(running.emulator.settings, region=region)) as regional,
        ProxyServer(regional.server.app) as proxy,
    ):
        record = _user(_through(proxy, f"https://api.leadsquared.com{USER}", regional.keys))
        api = record["LSQCommonServiceURLs"]["api"]
        found = _through(
            proxy,
            f"https://{api}{LEAD_BY_EMAIL}",
            regional.keys,
            emailaddress="priya.sharma@example.com",
        )

    assert api == host
    assert found.status_code == 200 and found.json()[0]["ProspectID"] == PRIYA


def test_wrong_keys_through_the_proxy_are_401(running: Running, proxy: ProxyServer) -> None:
    keys = {**running.keys, "secretKey": "wrong"}

    assert_envelope(_through(proxy, f"https://api.leadsquared.com{USER}", keys), 401)
