"""Authentication over real HTTP: query keys, header keys, `$` in keys, several pairs, env vars."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from lsq_mock import Credential, Settings
from lsq_mock.resources import default_seed_path
from lsq_mock.settings import (
    ACCESS_KEY_ENV,
    DEFAULT_ACCESS_KEY,
    DEFAULT_SECRET_KEY,
    SECRET_KEY_ENV,
)
from support.calls import row, snapshot
from support.envelope import assert_envelope
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import DEMO

UNAUTHORIZED = "MXUnAuthorizedAccessException"
ROWS = [row(DEMO, ("mx_Custom_1", "authorised"))]


def _post(running: Running, url: str, headers: dict[str, str] | None = None) -> int:
    return running.http.post(url, json=ROWS, headers=headers or {}).status_code


def test_default_access_key_contains_a_dollar() -> None:
    assert DEFAULT_ACCESS_KEY.startswith("u$r")


def test_keys_in_query_string(running: Running) -> None:
    assert running.bulk_update(ROWS).status_code == 200
    assert running.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"] == "authorised"


def test_literal_dollar_in_raw_url(running: Running) -> None:
    url = (
        f"{running.url}{BULK_UPDATE}?accessKey={DEFAULT_ACCESS_KEY}&secretKey={DEFAULT_SECRET_KEY}"
    )
    assert "$" in url
    assert _post(running, url) == 200
    assert running.emulator.journal.entries()[-1]["query"]["accessKey"] == DEFAULT_ACCESS_KEY


def test_percent_encoded_dollar_in_url(running: Running) -> None:
    encoded = quote(DEFAULT_ACCESS_KEY, safe="")
    assert "%24" in encoded
    url = f"{running.url}{BULK_UPDATE}?accessKey={encoded}&secretKey={DEFAULT_SECRET_KEY}"
    assert _post(running, url) == 200


def test_keys_in_headers(running: Running) -> None:
    headers = {"x-LSQ-AccessKey": DEFAULT_ACCESS_KEY, "x-LSQ-SecretKey": DEFAULT_SECRET_KEY}
    assert _post(running, running.url + BULK_UPDATE, headers) == 200


def test_header_names_are_case_insensitive(running: Running) -> None:
    headers = {"X-LSQ-ACCESSKEY": DEFAULT_ACCESS_KEY, "x-lsq-secretkey": DEFAULT_SECRET_KEY}
    assert _post(running, running.url + BULK_UPDATE, headers) == 200


def test_secret_header_is_redacted_in_journal(running: Running) -> None:
    headers = {"x-LSQ-AccessKey": DEFAULT_ACCESS_KEY, "x-LSQ-SecretKey": DEFAULT_SECRET_KEY}
    _post(running, running.url + BULK_UPDATE, headers)
    running.bulk_update(ROWS)
    entries = running.emulator.journal.entries()
    assert entries[-2]["headers"]["x-LSQ-SecretKey"] == "***"
    assert entries[-1]["query"]["secretKey"] == "***"
    assert DEFAULT_SECRET_KEY not in repr(entries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"accessKey": DEFAULT_ACCESS_KEY},
        {"secretKey": DEFAULT_SECRET_KEY},
        {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": ""},
    ],
    ids=["none", "access-only", "secret-only", "empty-secret"],
)
def test_missing_keys_are_401(running: Running, params: dict[str, str]) -> None:
    before = snapshot(running)
    answer = running.http.post(running.url + BULK_UPDATE, params=params, json=ROWS)
    assert assert_envelope(answer, 401, UNAUTHORIZED).startswith("Missing")
    assert snapshot(running) == before
    assert running.emulator.events.entries() == []


@pytest.mark.parametrize(
    "params",
    [
        {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": "wrong"},
        {"accessKey": "u$rwrong", "secretKey": DEFAULT_SECRET_KEY},
        {"accessKey": DEFAULT_SECRET_KEY, "secretKey": DEFAULT_ACCESS_KEY},
        {"accessKey": DEFAULT_ACCESS_KEY.upper(), "secretKey": DEFAULT_SECRET_KEY},
        {"accessKey": DEFAULT_ACCESS_KEY + " ", "secretKey": DEFAULT_SECRET_KEY},
    ],
    ids=["wrong-secret", "wrong-access", "swapped", "upper-case", "trailing-space"],
)
def test_wrong_keys_are_401(running: Running, params: dict[str, str]) -> None:
    before = snapshot(running)
    answer = running.http.post(running.url + BULK_UPDATE, params=params, json=ROWS)
    assert "Invalid accessKey or secretKey" in assert_envelope(answer, 401, UNAUTHORIZED)
    assert snapshot(running) == before


def test_wrong_header_keys_are_401(running: Running) -> None:
    headers = {"x-LSQ-AccessKey": DEFAULT_ACCESS_KEY, "x-LSQ-SecretKey": "nope"}
    answer = running.http.post(running.url + BULK_UPDATE, json=ROWS, headers=headers)
    assert_envelope(answer, 401, UNAUTHORIZED)


def test_a_key_cut_at_its_dollar_gets_a_401_that_says_so(running: Running) -> None:
    # `export LSQ_ACCESS_KEY="u$rlsqmock..."` in double quotes leaves only `u`.
    params = {"accessKey": "u", "secretKey": DEFAULT_SECRET_KEY}
    answer = running.http.post(running.url + BULK_UPDATE, params=params, json=ROWS)
    message = assert_envelope(answer, 401, UNAUTHORIZED)
    assert "the access key sent, 'u', is the start of the tenant's key cut at its '$'" in message
    assert "quote the key in single quotes" in message
    [finding] = running.emulator.journal.entries()[-1]["contract"]
    assert finding["rule"] == "auth" and "cut at its '$'" in finding["hint"]


def test_a_key_merely_wrong_gets_no_such_hint(running: Running) -> None:
    params = {"accessKey": "u$rlsqmock", "secretKey": DEFAULT_SECRET_KEY}
    answer = running.http.post(running.url + BULK_UPDATE, params=params, json=ROWS)
    assert "cut at" not in assert_envelope(answer, 401, UNAUTHORIZED)


def test_non_ascii_key_is_401_not_500(running: Running) -> None:
    params = {"accessKey": "u$r\u00e9\u4e2d", "secretKey": "s\u00e9cret"}
    answer = running.http.post(running.url + BULK_UPDATE, params=params, json=ROWS)
    assert_envelope(answer, 401, UNAUTHORIZED)


PAIRS = (
    Credential("u$rfirst0000", "secret-first"),
    Credential("u$rsecond000", "secret-second"),
    Credential("u$rthird0000", "secret-third"),
)


class TestSeveralPairs:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(seed=default_seed_path(), credentials=PAIRS)

    @pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.access_key)
    def test_every_configured_pair_works(self, running: Running, pair: Credential) -> None:
        params = {"accessKey": pair.access_key, "secretKey": pair.secret_key}
        answer = running.http.post(running.url + BULK_UPDATE, params=params, json=ROWS)
        assert answer.status_code == 200

    def test_pairs_do_not_mix(self, running: Running) -> None:
        params = {"accessKey": PAIRS[0].access_key, "secretKey": PAIRS[1].secret_key}
        answer = running.http.post(running.url + BULK_UPDATE, params=params, json=ROWS)
        assert_envelope(answer, 401, UNAUTHORIZED)

    def test_default_pair_no_longer_works(self, running: Running) -> None:
        params = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY}
        answer = running.http.post(running.url + BULK_UPDATE, params=params, json=ROWS)
        assert_envelope(answer, 401, UNAUTHORIZED)


ENV_PAIR = Credential("u$renv$key0001", "env-secret-0001")


class TestKeysFromEnvironment:
    @pytest.fixture
    def settings(self) -> Settings:
        environ = {ACCESS_KEY_ENV: ENV_PAIR.access_key, SECRET_KEY_ENV: ENV_PAIR.secret_key}
        return Settings.from_env(environ, seed=default_seed_path())

    def test_env_keys_work_over_http(self, running: Running) -> None:
        assert running.emulator.settings.credentials == (ENV_PAIR,)
        keys = f"accessKey={ENV_PAIR.access_key}&secretKey={ENV_PAIR.secret_key}"
        raw = f"{running.url}{BULK_UPDATE}?{keys}"
        assert _post(running, raw) == 200

    def test_default_keys_are_refused(self, running: Running) -> None:
        params = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY}
        answer = running.http.post(running.url + BULK_UPDATE, params=params, json=ROWS)
        assert_envelope(answer, 401, UNAUTHORIZED)


def test_from_env_needs_both_variables() -> None:
    only_access = Settings.from_env({ACCESS_KEY_ENV: "u$ronly"})
    assert only_access.credentials == (Credential(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY),)
    assert Settings.from_env({}).primary.access_key == DEFAULT_ACCESS_KEY


def test_from_env_explicit_credentials_override_env() -> None:
    environ = {ACCESS_KEY_ENV: "u$renv", SECRET_KEY_ENV: "env"}
    chosen = (Credential("u$rexplicit", "explicit"),)
    assert Settings.from_env(environ, credentials=chosen).credentials == chosen
