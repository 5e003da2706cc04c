"""chatwoot's LeadSquared setup works against lsq-mock through its proxy (issue 22): the user
lookup on https://api.leadsquared.com, then every call on the host its answer names, `https://
{LSQCommonServiceURLs.api}/v2/`: activity types, a lead lookup, Lead.CreateOrUpdate retried with
SearchBy Phone on a duplicate, and an activity posted on each lead.

The same flow runs twice: chatwoot_setup.rb with Ruby's Net::HTTP (which chatwoot's HTTParty runs
on), and `python_flow` below with requests. Neither names lsq-mock: only the environment (the
proxy and CA variables each client reads) sends it there. The tenant's region is Mumbai, so a
client that kept calling api.leadsquared.com would show in the journal.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from lsq_mock import RateLimit, Settings
from lsq_mock.resources import default_seed_path
from lsq_mock.tls.proxy import ProxyServer
from lsq_mock.tls.trust import CA_ENV_VARS, NO_PROXY_ENV_VARS, PROXY_ENV_VARS
from support.leads import ARJUN, GUID
from support.running import Running, serving
from support.system import require_command

RUBY_FLOW = Path(__file__).with_name("chatwoot_setup.rb")
VENDOR_V2 = "https://api.leadsquared.com/v2/"
REGION_HOST = "api-in21.leadsquared.com"
ACTIVITY_NAME = "Chatwoot Conversation Started"
CONTACTS = [
    # chatwoot's ContactMapper: FirstName, LastName, EmailAddress, the number as Mobile, Source.
    {
        "FirstName": "Meera",
        "LastName": "Nair",
        "EmailAddress": "meera.nair@example.com",
        "Mobile": "+91-9555512345",
        "Source": "Chatwoot",
    },
    {
        # A new email for a number a lead already holds as its Mobile: the duplicate chatwoot
        # met live, answered here because this tenant's Mobile is unique.
        "FirstName": "Arjun",
        "LastName": "Mehta",
        "EmailAddress": "arjun@mehta-builders.example.com",
        "Mobile": "+91-9123456781",
        "Source": "Chatwoot",
    },
]
RUN_SECONDS = 60


@pytest.fixture
def tenant() -> Iterator[tuple[Running, ProxyServer]]:
    """The shipped tenant in the Mumbai region, Mobile unique, and a proxy in front of it."""
    settings = Settings(
        seed=default_seed_path(),
        region="india-mumbai",
        rate_limit=RateLimit(0),
        bulk_rate_limit=RateLimit(0),
    )
    with serving(settings) as running, ProxyServer(running.server.app) as proxy:
        seeded = running.http.post(
            running.url + "/_mock/seed",
            json={"UniqueLeadFields": ["EmailAddress", "Phone", "Mobile"]},
        )
        assert seeded.status_code == 200, seeded.text
        yield running, proxy


def _client_environment(proxy: ProxyServer) -> dict[str, str]:
    """This process's environment without proxy settings, plus the proxy and CA variables."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in (*PROXY_ENV_VARS, *NO_PROXY_ENV_VARS, *CA_ENV_VARS)
    }
    environment.update(dict.fromkeys(PROXY_ENV_VARS, proxy.url))
    environment.update(dict.fromkeys(CA_ENV_VARS, str(proxy.ca_bundle)))
    return environment


def ruby_flow(running: Running, proxy: ProxyServer) -> dict[str, Any]:
    """Run chatwoot_setup.rb; what it printed."""
    require_command("ruby", "ruby")
    keys = running.emulator.settings.primary
    environment = _client_environment(proxy) | {
        "LSQ_ACCESS_KEY": keys.access_key,
        "LSQ_SECRET_KEY": keys.secret_key,
        "CHATWOOT_CONTACTS": json.dumps(CONTACTS),
    }
    done = subprocess.run(
        ["ruby", str(RUBY_FLOW)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    printed: dict[str, Any] = json.loads(done.stdout)
    return printed


class ApiError(RuntimeError):
    """An answer that is not 2xx, or whose body says "Status": "Error" (chatwoot's BaseClient)."""

    def __init__(self, answer: requests.Response):
        super().__init__(f"LeadSquared API error: {answer.status_code} - {answer.text}")
        self.body = answer.json()


def python_flow(running: Running, proxy: ProxyServer) -> dict[str, Any]:
    """chatwoot_setup.rb's flow with requests, which reads HTTPS_PROXY and REQUESTS_CA_BUNDLE."""
    keys = running.emulator.settings.primary
    headers = {"x-LSQ-AccessKey": keys.access_key, "x-LSQ-SecretKey": keys.secret_key}
    with pytest.MonkeyPatch.context() as patch, requests.Session() as http:
        for name, value in _client_environment(proxy).items():
            patch.setenv(name, value)
        http.headers.update({**headers, "Content-Type": "application/json"})

        def call(method: str, url: str, body: Any = None, **query: str) -> Any:
            answer = http.request(method, url, params=query, json=body, timeout=10)
            parsed = answer.json()
            if not answer.ok or (isinstance(parsed, dict) and parsed.get("Status") == "Error"):
                raise ApiError(answer)
            return parsed

        user = call("GET", VENDOR_V2 + "Authentication.svc/UserByAccessKey.Get")
        endpoint = f"https://{user['LSQCommonServiceURLs']['api']}/v2/"
        types = call("GET", endpoint + "ProspectActivity.svc/ActivityTypes.Get")
        existing = [t["ActivityEvent"] for t in types if t["ActivityEventName"] == ACTIVITY_NAME]
        code = (
            int(existing[0])
            if existing
            else int(
                call(
                    "POST",
                    endpoint + "ProspectActivity.svc/CreateType",
                    {"ActivityEventName": ACTIVITY_NAME, "Score": 0, "Direction": 0},
                )["Message"]["Id"]
            )
        )
        synced = []
        for contact in CONTACTS:
            lead_id, retried = _lead_id_of(call, endpoint, contact)
            activity = call(
                "POST",
                endpoint + "ProspectActivity.svc/Create",
                {
                    "RelatedProspectId": lead_id,
                    "ActivityEvent": code,
                    "ActivityNote": "Conversation started on the website",
                },
            )
            synced.append(
                {"lead_id": lead_id, "retried": retried, "activity_id": activity["Message"]["Id"]}
            )
    return {
        "endpoint_url": endpoint,
        "timezone": user["TimeZone"],
        "activity_code": code,
        "contacts": synced,
    }


def _lead_id_of(call: Any, endpoint: str, contact: dict[str, str]) -> tuple[str, bool]:
    found = call(
        "GET", endpoint + "LeadManagement.svc/Leads.GetByQuickSearch", key=contact["EmailAddress"]
    )
    if found:
        return found[0]["ProspectID"], False
    url = endpoint + "LeadManagement.svc/Lead.CreateOrUpdate"
    body = [{"Attribute": key, "Value": value} for key, value in contact.items()]
    try:
        return call("POST", url, body)["Message"]["Id"], False
    except ApiError as refused:
        if refused.body.get("ExceptionType") != "MXDuplicateEntryException":
            raise
        retried = [*body, {"Attribute": "SearchBy", "Value": "Phone"}]
        return call("POST", url, retried)["Message"]["Id"], True


FLOWS = {"ruby-net-http": ruby_flow, "python-requests": python_flow}


@pytest.mark.slow
@pytest.mark.parametrize("flow", FLOWS.values(), ids=FLOWS.keys())
def test_chatwoot_s_setup_and_first_contacts_work_through_the_proxy(
    tenant: tuple[Running, ProxyServer], flow: Any
) -> None:
    running, proxy = tenant

    printed = flow(running, proxy)

    assert printed["endpoint_url"] == f"https://{REGION_HOST}/v2/"
    assert printed["timezone"] == "Asia/Kolkata"
    assert printed["activity_code"] == 204  # the seed's types are 201 to 203
    new, existing = printed["contacts"]
    assert GUID.fullmatch(new["lead_id"]) and new["retried"] is False
    assert (existing["lead_id"], existing["retried"]) == (ARJUN, True)
    store = running.emulator.store
    assert store.lead(new["lead_id"])["Mobile"] == "+91-9555512345"
    assert store.lead(ARJUN)["EmailAddress"] == "arjun@mehta-builders.example.com"
    for contact in printed["contacts"]:
        activity = store.activity(contact["activity_id"])
        assert (activity["RelatedProspectId"], activity["ActivityEvent"]) == (
            contact["lead_id"],
            204,
        )
    _assert_journal(running)


def _assert_journal(running: Running) -> None:
    """Every call after the user lookup went to the region's host, and only the duplicate that
    chatwoot retries was refused."""
    entries = [e for e in running.emulator.journal.entries() if e["path"].startswith("/v2/")]
    calls = [(e["method"], e["host"], e["path"].rsplit("/", 1)[-1], e["status"]) for e in entries]
    assert calls == [
        ("GET", "api.leadsquared.com", "UserByAccessKey.Get", 200),
        ("GET", REGION_HOST, "ActivityTypes.Get", 200),
        ("POST", REGION_HOST, "CreateType", 200),
        ("GET", REGION_HOST, "Leads.GetByQuickSearch", 200),
        ("POST", REGION_HOST, "Lead.CreateOrUpdate", 200),
        ("POST", REGION_HOST, "Create", 200),
        ("GET", REGION_HOST, "Leads.GetByQuickSearch", 200),
        ("POST", REGION_HOST, "Lead.CreateOrUpdate", 500),
        ("POST", REGION_HOST, "Lead.CreateOrUpdate", 200),
        ("POST", REGION_HOST, "Create", 200),
    ]
    findings = [(v["rule"], v["kind"]) for e in entries for v in e["contract"]]
    assert findings == [("duplicate-lead", "outcome")]
