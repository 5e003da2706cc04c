"""The admin commands against an `--https` emulator whose CA is not the default one: `--ca-dir`
names it, and a certificate failure says so; and they never go through a proxy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from lsq_mock import MockServer, Settings
from lsq_mock.cli import main
from lsq_mock.resources import default_seed_path
from lsq_mock.tls.ca import local_ca
from lsq_mock.tls.trust import CA_DIR_ENV, PROXY_ENV_VARS
from support.running import Running

COMMANDS = [["requests"], ["check"], ["reset"], ["coverage"]]


@pytest.fixture
def elsewhere(tmp_path: Path) -> Iterator[tuple[MockServer, Path]]:
    """An --https emulator whose CA is kept in a directory of its own (serve --ca-dir)."""
    ca_dir = tmp_path / "job-ca"
    with MockServer(Settings(https=True, ca_dir=ca_dir, seed=default_seed_path())) as server:
        yield server, ca_dir


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_ca_dir_names_the_ca_of_the_server(
    elsewhere: tuple[MockServer, Path], command: list[str]
) -> None:
    server, ca_dir = elsewhere

    result = CliRunner().invoke(main, [*command, "--url", server.url, "--ca-dir", str(ca_dir)])

    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_without_it_the_failure_names_the_fix(
    elsewhere: tuple[MockServer, Path], command: list[str], ca_dir: Path
) -> None:
    server, _ = elsewhere
    local_ca(ca_dir)  # the default CA exists, but did not sign this server's certificate

    result = CliRunner().invoke(main, [*command, "--url", server.url])

    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot verify the certificate of {server.url} (unable to get local issuer "
        f"certificate): the local CA in {ca_dir} did not sign it. Give the --ca-dir "
        f"(or ${CA_DIR_ENV}) that `lsq-mock serve --https` was started with; its banner names "
        "the CA certificate, in that directory\n"
    )


def test_a_ca_dir_holding_no_ca_is_named_as_such(
    elsewhere: tuple[MockServer, Path], tmp_path: Path
) -> None:
    server, _ = elsewhere
    empty = tmp_path / "empty"

    result = CliRunner().invoke(main, ["check", "--url", server.url, "--ca-dir", str(empty)])

    assert result.exit_code == 1
    assert f"there is no local CA in {empty}. Give the --ca-dir" in result.output
    assert not empty.exists(), "an admin command never makes a CA"


def test_admin_commands_never_go_through_a_proxy(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proxy variables exported for clients (lsq-mock's own proxy serves only the vendor's
    hosts) must not send `check` there, NO_PROXY or not."""
    for name in PROXY_ENV_VARS:
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # the discard port: nothing answers
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)

    result = CliRunner().invoke(main, ["check", "--url", running.url])

    assert result.exit_code == 0, result.output
