"""Other sites cannot drive or read /_mock/ through a browser: foreign Host, Origin, preflights and
cross-site forms are refused with the envelope, over real HTTP; the /v2/ API is left alone."""

from __future__ import annotations

import http.client
from collections.abc import Iterator

import pytest

from lsq_mock import Settings
from lsq_mock.resources import default_seed_path
from support.calls import ADMIN_CLIENT, JSON
from support.envelope import assert_envelope
from support.running import Running, serving
from support.seeded import DEMO

FORBIDDEN = "MXForbiddenException"
REBOUND = "attacker.example"
ROW = {"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1", "Value": "kept"}]}


def port_of(running: Running) -> int:
    return running.server.port


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/_mock/config"),
        ("GET", "/_mock/requests"),
        ("GET", "/_mock/ui/"),
        ("GET", "/_mock/ui/main.js"),
        ("POST", "/_mock/reset"),
        ("GET", "/_mock/no-such-route"),
    ],
)
def test_a_rebound_name_in_host_is_refused(running: Running, method: str, path: str) -> None:
    running.bulk_update([ROW])

    answer = running.http.request(
        method, running.url + path, json={}, headers={"Host": f"{REBOUND}:{port_of(running)}"}
    )

    message = assert_envelope(answer, 403, FORBIDDEN)
    assert REBOUND in message and "--allowed-host" in message
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert len(running.emulator.journal.entries()) == 1, "nothing was reset"


def test_a_rebound_name_is_refused_over_a_raw_connection(running: Running) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port_of(running), timeout=5)
    try:
        connection.putrequest("GET", "/_mock/requests", skip_host=True)
        connection.putheader("Host", REBOUND)
        connection.endheaders()
        answer = connection.getresponse()
        body = answer.read()
    finally:
        connection.close()

    assert answer.status == 403
    assert b"MXForbiddenException" in body
    assert b"requests" not in body.replace(b"/_mock/requests", b"")


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LocalHost", "[::1]"])
def test_the_loopback_names_of_the_bound_port_are_answered(running: Running, name: str) -> None:
    answer = running.http.get(
        running.url + "/_mock/health", headers={"Host": f"{name}:{port_of(running)}"}
    )

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "instance_id": running.emulator.instance_id}


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:1", "localhost:x", ""])
def test_another_port_or_none_is_refused(running: Running, host: str) -> None:
    answer = running.http.get(running.url + "/_mock/health", headers={"Host": host})

    assert_envelope(answer, 403, FORBIDDEN)


def test_the_v2_api_answers_any_host(running: Running) -> None:
    answer = running.bulk_update([ROW], headers={"Host": f"{REBOUND}:{port_of(running)}"})

    assert answer.status_code == 200
    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}


@pytest.fixture
def named() -> Iterator[Running]:
    """A server that also answers /_mock/ for the name `lsq-mock` (as a container would be)."""
    with serving(Settings(seed=default_seed_path(), allowed_hosts=("lsq-mock",))) as server:
        yield server


@pytest.mark.parametrize("host", ["lsq-mock", "lsq-mock:8080", "LSQ-Mock:9"])
def test_an_allowed_name_is_answered_at_any_port(named: Running, host: str) -> None:
    answer = named.http.get(named.url + "/_mock/health", headers={"Host": host})

    assert answer.status_code == 200


def test_an_allowed_name_does_not_allow_others(named: Running) -> None:
    answer = named.http.get(named.url + "/_mock/health", headers={"Host": "lsq-mock.evil"})

    assert_envelope(answer, 403, FORBIDDEN)


@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        (None, b""),
        ("text/plain", b""),
        ("text/plain", b'{"empty": true}'),
        ("application/x-www-form-urlencoded", b"empty=true"),
        ("multipart/form-data; boundary=x", b"--x--\r\n"),
    ],
)
def test_a_cross_site_form_post_cannot_reset(
    running: Running, content_type: str | None, data: bytes
) -> None:
    running.bulk_update([ROW])
    headers = {"Origin": running.url} | ({"Content-Type": content_type} if content_type else {})

    answer = running.http.post(running.url + "/_mock/reset", data=data, headers=headers)

    message = assert_envelope(answer, 403, FORBIDDEN)
    assert "application/json" in message and "X-LSQ-Mock-Client" in message
    assert len(running.emulator.journal.entries()) == 1, "the journal was not reset"
    assert running.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"] == "kept"


@pytest.mark.parametrize(
    ("method", "path"),
    [("DELETE", "/_mock/requests"), ("DELETE", "/_mock/faults"), ("PATCH", "/_mock/config")],
)
def test_other_state_changes_need_json_or_the_client_header(
    running: Running, method: str, path: str
) -> None:
    running.bulk_update([ROW])

    answer = running.http.request(method, running.url + path)

    assert_envelope(answer, 403, FORBIDDEN)
    assert len(running.emulator.journal.entries()) == 1


@pytest.mark.parametrize("headers", [JSON, ADMIN_CLIENT])
def test_a_body_less_reset_with_json_type_or_client_header_is_taken(
    running: Running, headers: dict[str, str]
) -> None:
    running.bulk_update([ROW])

    answer = running.http.post(running.url + "/_mock/reset", headers=headers)

    assert answer.status_code == 200
    assert running.emulator.journal.entries() == []


def test_another_sites_origin_is_refused_even_with_json(running: Running) -> None:
    answer = running.http.post(
        running.url + "/_mock/reset", json={}, headers={"Origin": f"http://{REBOUND}"}
    )

    assert_envelope(answer, 403, FORBIDDEN)


def test_the_pages_own_origin_is_accepted(running: Running) -> None:
    answer = running.http.post(
        running.url + "/_mock/reset", json={}, headers={"Origin": running.url}
    )

    assert answer.status_code == 200


def test_a_cors_preflight_is_refused_without_allow_headers(running: Running) -> None:
    answer = running.http.options(
        running.url + "/_mock/reset",
        headers={
            "Origin": f"http://{REBOUND}",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )

    assert_envelope(answer, 403, FORBIDDEN)
    assert not [name for name in answer.headers if name.lower().startswith("access-control-")]
