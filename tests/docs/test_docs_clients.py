"""docs/clients.md runs: each Python example reaches an emulator as the page says it does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lsq_mock import MockServer, Settings
from lsq_mock.resources import default_seed_path
from lsq_mock.settings import ACCESS_KEY_ENV, SECRET_KEY_ENV
from lsq_mock.tls.proxy import IDLE_SECONDS, MAX_TUNNELS, ProxyServer, untrusted_message
from lsq_mock.tls.trust import ca_environment, proxy_lines, trust_lines
from lsq_mock.tls.vendor_hosts import KNOWN_REGIONAL_HOSTS
from support.inner_pytest import UNRELATED_PLUGINS
from support.markdown import ROOT, blocks

pytest_plugins = ["pytester"]

PAGE_PATH = ROOT / "docs" / "clients.md"
PAGE = PAGE_PATH.read_text(encoding="utf-8")
PYTHON = [block for block in blocks(PAGE_PATH) if block.language == "python"]
SCRIPTS = [block.source for block in PYTHON if block.python_kind == "script"]
TESTS = [block.source for block in PYTHON if block.python_kind == "test"]


def test_the_page_has_its_title_and_examples() -> None:
    assert PAGE.startswith("# Point an existing client at lsq-mock\n")
    assert len(SCRIPTS) == 2 and len(TESTS) == 2


def test_the_banner_shown_is_the_one_printed() -> None:
    path = Path("/home/me/.local/share/lsq-mock/ca/ca.pem")
    for line in [*proxy_lines("http://127.0.0.1:8888"), *trust_lines(path)]:
        assert f"\n  {line}\n" in PAGE


def test_the_log_line_shown_for_an_untrusting_client_is_the_one_logged() -> None:
    what = "refused the certificate for api.leadsquared.com (tlsv1 alert unknown ca)"
    path = Path("/home/me/.local/share/lsq-mock/ca/ca.pem")
    shown = [
        block.source for block in blocks(PAGE_PATH) if block.source.startswith("lsq-mock proxy:")
    ]
    assert shown == [untrusted_message(what, path, sure=True) + "\n"]


def test_the_limits_and_hosts_named_are_the_code_s() -> None:
    assert f"At most {MAX_TUNNELS} connections" in PAGE
    assert f"for {IDLE_SECONDS:g} s is closed" in PAGE
    for host in KNOWN_REGIONAL_HOSTS:
        assert f"`{host.split('.')[0]}`" in PAGE, host


@pytest.fixture
def proxied(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The environment the page tells a user to export, around a served emulator."""
    settings = Settings(seed=default_seed_path())
    with MockServer(settings) as server, ProxyServer(server.app) as proxy:
        for name in ("NO_PROXY", "no_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        assert proxy.ca_bundle is not None
        for name, value in ca_environment(proxy.ca_bundle).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv(ACCESS_KEY_ENV, settings.primary.access_key)
        monkeypatch.setenv(SECRET_KEY_ENV, settings.primary.secret_key)
        yield
        assert [entry["status"] for entry in server.emulator.journal.entries()] == [200]


@pytest.mark.parametrize("script", SCRIPTS, ids=["requests", "httpx"])
def test_script_example_reaches_the_emulator_through_the_proxy(proxied: None, script: str) -> None:
    exec(compile(script, "docs/clients.md", "exec"), {"__name__": "__main__"})


@pytest.mark.parametrize("example", TESTS, ids=["proxy-fixture", "https-factory"])
def test_pytest_example_passes(pytester: pytest.Pytester, example: str) -> None:
    pytester.makepyfile(test_example=example)
    pytester.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1)
