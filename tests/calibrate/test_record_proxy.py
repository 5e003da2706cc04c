"""The recording proxy in front of a stand-in tenant on loopback: clients reach it by base URL or
as an HTTPS proxy with the local CA; each answer comes back as the target gave it; each call is
written with the keys replaced; a write goes to the target only when allowed."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

from lsq_mock import MockServer, Settings
from lsq_mock.calibrate.cassette import Cassette, CassetteWriter, header_line, read_cassette
from lsq_mock.calibrate.record_server import RecordingServer
from lsq_mock.calibrate.recorder import Recorder
from lsq_mock.calibrate.target import checked_target
from lsq_mock.resources import default_seed_path
from support.paths import BULK_UPDATE, DETAILS, RETRIEVE, TYPES
from support.seeded import DEMO
from support.served import raw_exchange
from support.standin import (
    ACCESS_KEY,
    NOT_FOUND_PAGE,
    SECRET_KEY,
    ServedStandIn,
    key_spellings,
    serving_standin,
)

KEYS = {"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}
LEAD = "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d"


@dataclass
class Recording:
    """A stand-in tenant and a recording proxy in front of it."""

    standin: ServedStandIn
    proxy: RecordingServer
    path: Path

    def cassette(self) -> Cassette:
        return read_cassette(self.path)


def recording(tmp_path: Path, *, allow_writes: bool) -> Iterator[Recording]:
    with serving_standin() as standin:
        target = checked_target(standin.url)
        path = tmp_path / "tenant.jsonl"
        writer = CassetteWriter(
            path, header_line(target.base_url, writes_forwarded=allow_writes, version="test")
        )
        recorder = Recorder(target, writer, allow_writes=allow_writes)
        with RecordingServer(recorder) as proxy:
            yield Recording(standin, proxy, path)
        recorder.close()
        writer.close()


@pytest.fixture
def recorded(tmp_path: Path) -> Iterator[Recording]:
    yield from recording(tmp_path, allow_writes=True)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Recording]:
    yield from recording(tmp_path, allow_writes=False)


def test_the_answer_comes_back_as_the_target_gave_it(recorded: Recording) -> None:
    direct = requests.get(recorded.standin.url + TYPES, params=KEYS, timeout=10)
    proxied = requests.get(recorded.proxy.url + TYPES, params=KEYS, timeout=10)
    assert (proxied.status_code, proxied.content) == (direct.status_code, direct.content)
    assert proxied.headers["Content-Type"] == direct.headers["Content-Type"]
    page = requests.get(recorded.proxy.url + "/v2/Nope.svc/X", params=KEYS, timeout=10)
    assert (page.status_code, page.content) == (404, NOT_FOUND_PAGE)
    assert page.headers["Content-Type"].startswith("text/html")
    assert page.headers["Server"].count("Werkzeug") == 1  # the target's, not a second one


def test_calls_through_the_proxy_with_the_local_ca_are_recorded(recorded: Recording) -> None:
    assert recorded.proxy.ca_bundle is not None
    answer = requests.get(
        "https://api-in21.leadsquared.com" + DETAILS,
        params={"activityId": DEMO},
        headers={"x-LSQ-AccessKey": ACCESS_KEY, "x-LSQ-SecretKey": SECRET_KEY},
        proxies={"https": recorded.proxy.url},
        verify=str(recorded.proxy.ca_bundle),
        timeout=10,
    )
    assert answer.status_code == 200 and answer.json()["ID"] == DEMO
    (entry,) = recorded.cassette().exchanges
    assert entry.request.host == "api-in21.leadsquared.com"
    assert entry.request.path == DETAILS and entry.request.query == f"activityId={DEMO}"
    assert entry.response is not None and entry.response.status == 200
    assert recorded.standin.app.seen == [("GET", DETAILS)]


def test_a_host_that_is_not_the_vendor_s_is_refused_by_the_proxy(recorded: Recording) -> None:
    with socket.create_connection(("127.0.0.1", recorded.proxy.port), timeout=5) as connection:
        connection.sendall(b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
        answer = b""
        while chunk := connection.recv(4096):  # the proxy closes after refusing
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 403") and b"lsq-mock record: refused" in answer
    assert recorded.standin.app.seen == []


def test_no_key_is_written_in_any_form(recorded: Recording) -> None:
    url = recorded.proxy.url
    # The keys as clients send them: encoded by requests, literal, in headers, echoed in a body.
    requests.get(url + TYPES, params=KEYS, timeout=10)
    requests.get(f"{url}{TYPES}?accessKey={ACCESS_KEY}&secretKey={quote(SECRET_KEY)}", timeout=10)
    requests.post(
        url + RETRIEVE,
        params={"leadId": LEAD},
        headers={"x-LSQ-AccessKey": ACCESS_KEY, "x-LSQ-SecretKey": SECRET_KEY},
        json={"Note": f"{ACCESS_KEY} {SECRET_KEY}"},
        timeout=10,
    )
    requests.get(url + TYPES, params={**KEYS, "secretKey": "a-wrong-secret-key"}, timeout=10)
    text = recorded.path.read_text(encoding="utf-8")
    for key in (ACCESS_KEY, SECRET_KEY, "a-wrong-secret-key"):
        for spelling in key_spellings(key):
            assert spelling not in text, spelling
    assert len(recorded.cassette().exchanges) == 4
    assert "lsq-mock-redacted:secret-key:2" in text  # the wrong key is told apart


def test_a_write_without_allow_writes_is_refused_here_and_never_sent(read_only: Recording) -> None:
    rows = [{"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_2", "Value": "5"}]}]
    answer = requests.post(read_only.proxy.url + BULK_UPDATE, params=KEYS, json=rows, timeout=10)
    assert answer.status_code == 403
    assert answer.json()["Status"] == "Error"
    assert "--allow-writes" in answer.json()["ExceptionMessage"]
    reading = requests.post(
        read_only.proxy.url + RETRIEVE, params={**KEYS, "leadId": LEAD}, json={}, timeout=10
    )
    assert reading.status_code == 200
    assert read_only.standin.app.seen == [("POST", RETRIEVE)]
    kinds = [(entry.kind, entry.request.path) for entry in read_only.cassette().entries]
    assert kinds == [("refused", BULK_UPDATE), ("exchange", RETRIEVE)]


def test_a_target_that_does_not_answer_gets_a_502_envelope(tmp_path: Path) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    target = checked_target(f"http://127.0.0.1:{port}")
    path = tmp_path / "c.jsonl"
    writer = CassetteWriter(path, header_line(target.base_url, writes_forwarded=False, version="t"))
    with RecordingServer(Recorder(target, writer, timeout=5)) as proxy:
        answer = requests.get(proxy.url + TYPES, params=KEYS, timeout=10)
    writer.close()
    assert answer.status_code == 502 and answer.json()["Status"] == "Error"
    (entry,) = read_cassette(path).entries
    assert entry.kind == "failed" and entry.reason
    text = path.read_text(encoding="utf-8")
    assert not [s for key in KEYS.values() for s in key_spellings(key) if s in text]


def test_concurrent_clients_are_each_recorded_once(recorded: Recording) -> None:
    def call() -> None:
        for _ in range(5):
            assert (
                requests.get(recorded.proxy.url + TYPES, params=KEYS, timeout=10).status_code == 200
            )

    threads = [threading.Thread(target=call) for _ in range(4)]  # 20 calls: under 25 in 5 s
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    exchanges = recorded.cassette().exchanges
    assert sorted(entry.seq for entry in exchanges) == list(range(1, 21))
    assert all(json.loads(entry.response.body) for entry in exchanges if entry.response)


def test_a_loopback_target_may_serve_https(tmp_path: Path) -> None:
    settings = Settings(https=True, seed=default_seed_path())
    primary = settings.primary
    keys = {"accessKey": primary.access_key, "secretKey": primary.secret_key}
    with MockServer(settings) as tenant:
        target = checked_target(tenant.url)
        path = tmp_path / "c.jsonl"
        writer = CassetteWriter(path, header_line(tenant.url, writes_forwarded=False, version="t"))
        recorder = Recorder(target, writer, trusted_ca=tenant.ca_bundle)
        with RecordingServer(recorder) as proxy:
            answer = requests.get(proxy.url + TYPES, params=keys, timeout=10)
        writer.close()
    assert tenant.url.startswith("https://") and answer.status_code == 200
    assert [entry.response.status for entry in read_cassette(path).exchanges] == [200]


def test_a_malformed_request_is_refused_with_the_envelope(recorded: Recording) -> None:
    """What the recorder refuses by itself is answered as the emulator's servers answer it."""
    address = ("127.0.0.1", recorded.proxy.port)

    answer = raw_exchange(address, b"NOT A REQUEST LINE AT ALL\r\n\r\n")

    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert b"Content-Type: application/json" in head
    assert json.loads(body)["ExceptionType"] == "MXInvalidInputException"
