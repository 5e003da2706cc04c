"""The secret key never leaves in clear: not in `--log-requests` lines, not through an admin API
left open by an empty token."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import requests
from click.testing import CliRunner

from lsq_mock import Settings
from lsq_mock.cli import main
from lsq_mock.journal.redact import redact_pairs, redact_text
from lsq_mock.settings import ADMIN_TOKEN_ENV, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
from support.paths import BULK_UPDATE
from support.served import ROOT, served

SECRET_FORMS = ("secretKey", "SECRETKEY", "secret%4Bey")


def test_log_requests_never_shows_the_secret_key() -> None:
    with served("--log-requests", "--seed", "default") as server:
        for name in SECRET_FORMS:
            requests.post(
                f"{server.url}{BULK_UPDATE}?accessKey={DEFAULT_ACCESS_KEY}&{name}="
                f"{DEFAULT_SECRET_KEY}",
                json=[],
                timeout=5,
            )
        requests.get(
            server.url + "/v2/ProspectActivity.svc/ActivityTypes.Get",
            headers={"x-LSQ-AccessKey": DEFAULT_ACCESS_KEY, "x-LSQ-SecretKey": DEFAULT_SECRET_KEY},
            timeout=5,
        )
        # A request line the server refuses by itself is logged (and quoted) by the server.
        refused = server.raw(
            f"GET /v2/x?secretKey={DEFAULT_SECRET_KEY} x HTTP/1.1\r\n\r\n".encode()
        )
        log = server.stop()

    assert b"Bad request syntax" in refused and DEFAULT_SECRET_KEY.encode() not in refused
    assert BULK_UPDATE in log and "code 400, message Bad request syntax" in log
    assert DEFAULT_SECRET_KEY not in log
    assert log.lower().count("secretkey=***") == len(SECRET_FORMS) + 2  # and the 400's two lines


def test_redaction_is_one_rule_for_pairs_and_text() -> None:
    pairs = [("accessKey", "a"), ("SecretKey", "s"), ("x-LSQ-SecretKey", "s"), ("q", "secretKey=1")]

    assert redact_pairs(pairs) == (
        ("accessKey", "a"),
        ("SecretKey", "***"),
        ("x-LSQ-SecretKey", "***"),
        ("q", "secretKey=1"),
    )
    assert (
        redact_text("'GET /p?accessKey=a&secret%4Bey=s;secretkey=t#secretKey=u HTTP/1.1'")
        == "'GET /p?accessKey=a&secret%4Bey=***;secretkey=***#secretKey=u HTTP/1.1'"
    )


@pytest.mark.parametrize("token", ["", "   ", "\t"])
def test_an_empty_or_blank_admin_token_option_is_refused_at_start(token: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--admin-token", token])

    assert result.exit_code == 2
    assert "the admin token is empty or blank" in result.output
    assert "listening" not in result.output


def test_an_empty_admin_token_variable_is_refused_at_start() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "lsq_mock", "serve", "--port", "0"],
        cwd=ROOT,
        env={**_clean_env(), ADMIN_TOKEN_ENV: ""},
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert finished.returncode == 2
    assert "the admin token is empty or blank" in finished.stderr
    assert "listening" not in finished.stdout


@pytest.mark.parametrize("token", ["", "  "])
def test_settings_refuse_an_empty_or_blank_admin_token(token: str) -> None:
    with pytest.raises(ValueError, match="the admin token is empty or blank"):
        Settings(admin_token=token)


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
