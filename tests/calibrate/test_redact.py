"""Keys never reach a cassette in any spelling: literal, percent-encoded (any case, in part, in
whole, twice), `+` for a space, JSON-escaped; numbered placeholders tell key pairs apart."""

from __future__ import annotations

import json
from urllib.parse import quote, quote_plus

import pytest

from lsq_mock.calibrate.redact import REDACTED, KeyLeak, KeyRedactor, key_pattern
from support.standin import ACCESS_KEY, SECRET_KEY, key_spellings


@pytest.mark.parametrize("key", [ACCESS_KEY, SECRET_KEY])
def test_every_spelling_of_a_key_is_scrubbed(key: str) -> None:
    redactor = KeyRedactor()
    placeholder = redactor.placeholder("secret-key", key)
    for spelling in key_spellings(key):
        text = f'{{"echo": "before {spelling} after"}}'
        scrubbed = redactor.scrub(text)
        assert placeholder in scrubbed, spelling
        assert key_pattern(key).search(scrubbed) is None, spelling
        redactor.check_clean(scrubbed)


def test_keys_in_the_query_become_placeholders_and_the_rest_stays_as_sent() -> None:
    redactor = KeyRedactor()
    query = (
        f"leadId=a%20b&accessKey={quote(ACCESS_KEY, safe='')}&SECRETKEY={quote_plus(SECRET_KEY)}"
    )
    redactor.learn(query, [])
    assert redactor.query(query) == (
        f"leadId=a%20b&accessKey={REDACTED}:access-key:1&SECRETKEY={REDACTED}:secret-key:1"
    )


def test_key_headers_become_placeholders_and_secret_headers_are_blanked() -> None:
    redactor = KeyRedactor()
    headers = [
        ("X-Lsq-Accesskey", ACCESS_KEY),
        ("x-LSQ-SecretKey", SECRET_KEY),
        ("Authorization", "Bearer abc"),
        ("Cookie", "session=1"),
        ("User-Agent", f"client/1 {SECRET_KEY}"),
    ]
    redactor.learn("", headers)
    assert redactor.headers(headers) == [
        ["X-Lsq-Accesskey", f"{REDACTED}:access-key:1"],
        ["x-LSQ-SecretKey", f"{REDACTED}:secret-key:1"],
        ["Authorization", REDACTED],
        ["Cookie", REDACTED],
        ["User-Agent", f"client/1 {REDACTED}:secret-key:1"],
    ]


def test_each_distinct_key_gets_its_own_number_and_keeps_it() -> None:
    redactor = KeyRedactor()
    first = redactor.placeholder("secret-key", SECRET_KEY)
    second = redactor.placeholder("secret-key", "another-secret-key-0000")
    assert (first, second) == (f"{REDACTED}:secret-key:1", f"{REDACTED}:secret-key:2")
    assert redactor.placeholder("secret-key", SECRET_KEY) == first
    assert redactor.placeholder("access-key", ACCESS_KEY) == f"{REDACTED}:access-key:1"


def test_a_pass_phrase_in_an_answer_is_blanked() -> None:
    answer = json.dumps({"Name": "Me", "PassPhrase": "hunter2", "Nested": [{"passphrase": "x"}]})
    scrubbed = json.loads(KeyRedactor().scrub_json_text(answer))
    assert scrubbed == {"Name": "Me", "PassPhrase": REDACTED, "Nested": [{"passphrase": REDACTED}]}


def test_a_text_still_holding_a_key_is_refused() -> None:
    redactor = KeyRedactor()
    redactor.placeholder("access-key", ACCESS_KEY)
    with pytest.raises(KeyLeak):
        redactor.check_clean(f"... {quote(ACCESS_KEY, safe='')} ...")
