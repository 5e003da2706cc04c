"""docs/clients.md's recipe for each language runs as printed against a proxy, and its table of
variables is true: each row's client reaches the emulator with only the variables it names.

A recipe is a section's program blocks (each names its file in its first comment) and the bash
block that runs them, written for `lsq-mock serve --proxy-port 8888`; here the port is the test
proxy's. A runtime that is missing skips its tests, naming the Debian package (CI=1 fails).
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lsq_mock import MockServer, Settings
from lsq_mock.resources import default_seed_path
from lsq_mock.settings import ACCESS_KEY_ENV, SECRET_KEY_ENV
from lsq_mock.tls.proxy import ProxyServer
from lsq_mock.tls.trust import CA_ENV_VARS, PROXY_ENV_VARS
from lsq_mock.tls.vendor_hosts import is_vendor_api_host
from support.markdown import ROOT, Block, blocks
from support.system import require, require_command

PAGE_PATH = ROOT / "docs" / "clients.md"
PAGE = PAGE_PATH.read_text(encoding="utf-8")
EXAMPLE_PORT = "8888"
"""The proxy port the page's recipes are written for."""
PROGRAM_LANGUAGES = ("ruby", "js", "php", "java", "go", "csharp")
FILE_NAME = re.compile(r"\A(?:<\?php\n)?(?:#|//) (\S+):")
NODE_PACKAGES = ("axios@1", "undici@6")
NODE_DIR_ENV = "LSQ_MOCK_NODE_CLIENTS_DIR"
NOT_RUN = {".NET"}
"""Sections whose runtime no Debian package brings (the page says so)."""
RUN_SECONDS = 120


@dataclass(frozen=True)
class Recipe:
    """A section's programs (file name, source) and the bash block that runs them."""

    section: str
    programs: dict[str, str]
    commands: Block


def _section_of(line: int) -> str:
    headings = [
        (PAGE.count("\n", 0, match.start()) + 1, match.group(1))
        for match in re.finditer(r"^## (.+)$", PAGE, re.M)
    ]
    return ([""] + [title for start, title in headings if start < line])[-1]


def _recipes() -> list[Recipe]:
    found: dict[str, Recipe] = {}
    for block in blocks(PAGE_PATH):
        section = _section_of(block.line)
        if block.language in PROGRAM_LANGUAGES:
            name = FILE_NAME.match(block.source)
            assert name, f"{block}: a program names its file in its first comment"
            recipe = found.get(section) or Recipe(section, {}, block)
            recipe.programs[name.group(1)] = block.source
            found[section] = recipe
        elif block.language == "bash" and section in found:
            found[section] = Recipe(section, found[section].programs, block)
    assert all(recipe.commands.language == "bash" for recipe in found.values())
    return list(found.values())


RECIPES = _recipes()
PYTHON_SCRIPTS = {
    "requests_example.py": next(
        b.source for b in blocks(PAGE_PATH) if "import requests\n" in b.source
    ),
    "httpx_example.py": next(b.source for b in blocks(PAGE_PATH) if "import httpx\n" in b.source),
}


def _table() -> dict[str, tuple[str, str]]:
    """The variables table: client -> (proxy cell, CA cell)."""
    table = PAGE.split("<!-- client-variables:start -->\n", 1)[1].split("<!-- client-variables")[0]
    rows = [line.strip("|").split(" | ") for line in table.splitlines()[2:]]
    return {client.strip(): (proxy.strip(), ca.strip()) for client, proxy, ca in rows}


TABLE = _table()


def _variables(cell: str) -> list[str]:
    """The environment variables a table cell names (none after "none:")."""
    return [] if cell.startswith("none:") else re.findall(r"`([A-Za-z_]+)`", cell)


@pytest.fixture
def proxy() -> Iterator[ProxyServer]:
    with MockServer(Settings(seed=default_seed_path())) as server, ProxyServer(server.app) as proxy:
        yield proxy


def _node_modules() -> Path:
    """axios and undici, installed once from the npm registry into a cache."""
    require_command("node", "nodejs")
    require_command("npm", "npm")
    configured = os.environ.get(NODE_DIR_ENV)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = Path(configured) if configured else cache / "lsq-mock" / "node-clients"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # pytest-xdist workers install it once between them
        if not all((folder / "node_modules" / p.split("@")[0]).is_dir() for p in NODE_PACKAGES):
            subprocess.run(
                [
                    "npm",
                    "install",
                    "--prefix",
                    str(folder),
                    "--no-audit",
                    "--no-fund",
                    *NODE_PACKAGES,
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
    return folder / "node_modules"


def _require_ruby() -> None:
    require_command("ruby", "ruby")
    gems = subprocess.run(
        ["ruby", "-e", 'require "httparty"; require "faraday"'], capture_output=True
    )
    require(gems.returncode == 0, "httparty and faraday", "ruby-httparty ruby-faraday")


def _require_php() -> None:
    require_command("php", "php-cli")
    modules = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout.split()
    require("curl" in modules, "PHP's curl extension", "php-curl")


RUNTIMES: dict[str, Callable[[], object]] = {
    "Ruby": _require_ruby,
    "Node.js": _node_modules,
    "PHP": _require_php,
    "Java": lambda: require_command("javac", "default-jdk-headless"),
    "Go": lambda: require_command("go", "golang-go"),
    "Python": lambda: None,
    "curl": lambda: require_command("curl", "curl"),
}
"""What each section's runtime needs, and the Debian package that brings it."""


def _workspace(tmp_path: Path, section: str) -> Path:
    """A folder holding the page's programs (and node_modules for Node.js)."""
    needs = RUNTIMES[section.split()[0]]()
    for recipe in RECIPES:
        for name, source in recipe.programs.items():
            (tmp_path / name).write_text(source, encoding="utf-8")
    for name, source in PYTHON_SCRIPTS.items():
        (tmp_path / name).write_text(source, encoding="utf-8")
    if isinstance(needs, Path):
        (tmp_path / "node_modules").symlink_to(needs)
    return tmp_path


def _base_environment() -> dict[str, str]:
    """The machine's environment without any proxy or CA variable, with lsq-mock on the PATH
    and the keys the programs read."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k.upper() not in {*PROXY_ENV_VARS, "NO_PROXY", "ALL_PROXY", *CA_ENV_VARS}
        and k != "JAVA_TOOL_OPTIONS"
    }
    clean["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), clean["PATH"]])
    credential = Settings().primary
    return {**clean, ACCESS_KEY_ENV: credential.access_key, SECRET_KEY_ENV: credential.secret_key}


def _run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
    )


def _assert_answered(
    proxy: ProxyServer, done: subprocess.CompletedProcess[str], calls: int
) -> None:
    """Each program printed the types it read, and each call reached the emulator by a vendor
    host name (api.leadsquared.com, or a regional one), through the proxy."""
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == ["3 activity types"] * calls, done.stdout + done.stderr
    journal = proxy.emulator.journal.entries()
    assert [entry["status"] for entry in journal] == [200] * calls
    assert all(is_vendor_api_host(entry["host"]) for entry in journal), journal


def test_the_page_has_a_recipe_per_ecosystem() -> None:
    assert [recipe.section for recipe in RECIPES] == [
        "Ruby",
        "Node.js",
        "PHP",
        "Java",
        "Go",
        ".NET",
    ]
    assert f"npm install {' '.join(NODE_PACKAGES)}" in PAGE
    dotnet = PAGE.split("## .NET\n", 1)[1].split("\n## ", 1)[0]
    assert "this recipe is not run by lsq-mock's tests" in dotnet


@pytest.mark.parametrize(
    "recipe", [r for r in RECIPES if r.section not in NOT_RUN], ids=lambda recipe: recipe.section
)
def test_recipe_runs_as_printed(recipe: Recipe, proxy: ProxyServer, tmp_path: Path) -> None:
    work = _workspace(tmp_path, recipe.section)
    script = recipe.commands.source.replace(EXAMPLE_PORT, str(proxy.port))

    done = _run(script, work, _base_environment())

    _assert_answered(proxy, done, len(recipe.programs))


def test_the_table_names_only_variables_lsq_mock_exports() -> None:
    exported = {*PROXY_ENV_VARS, *CA_ENV_VARS}
    for client, cells in TABLE.items():
        for cell in cells:
            assert set(_variables(cell)) <= exported, client


ROW_COMMANDS = {
    "Python requests": ["{python} requests_example.py"],
    "Python httpx, urllib": ["{python} httpx_example.py"],
    "Ruby Net::HTTP, HTTParty": ["ruby activity_types.rb", "ruby activity_types_httparty.rb"],
    "Ruby Faraday": ["ruby activity_types_faraday.rb"],
    "Node.js axios": ["node activity_types_axios.mjs"],
    "Node.js fetch (undici's `EnvHttpProxyAgent`)": ["node activity_types_fetch.mjs"],
    "PHP curl, Guzzle": ["php -d curl.cainfo={ca} activity_types.php"],
    "Java HttpClient": [
        "keytool -importcert -noprompt -alias lsq-mock -file {ca} -keystore s.p12 "
        "-storepass pw1234 > /dev/null 2>&1; java -Dhttps.proxyHost=127.0.0.1 "
        "-Dhttps.proxyPort={port} -Djavax.net.ssl.trustStore=s.p12 "
        "-Djavax.net.ssl.trustStorePassword=pw1234 ActivityTypes.java"
    ],
    "Go net/http": ["go run activity_types.go"],
    "curl": [
        "curl -sS --fail 'https://api.leadsquared.com/v2/ProspectActivity.svc/ActivityTypes.Get"
        "?accessKey={access}&secretKey={secret}' | {python} -c "
        "'import json, sys; print(len(json.load(sys.stdin)), \"activity types\")'"
    ],
}
"""How the tests run each row's client: with only that row's variables, and the flags its
"none:" cells name."""


def test_every_row_but_net_s_is_run() -> None:
    assert set(TABLE) - set(ROW_COMMANDS) == {".NET HttpClient"}
    for client, commands in ROW_COMMANDS.items():
        flags = re.findall(r"(-D[\w.]+=|curl\.cainfo)", TABLE[client][0] + TABLE[client][1])
        assert all(flag in " ".join(commands) for flag in flags), client


@pytest.mark.parametrize("client", list(ROW_COMMANDS))
def test_each_client_needs_only_the_variables_its_row_names(
    client: str, proxy: ProxyServer, tmp_path: Path
) -> None:
    section = client.split()[0]
    work = _workspace(tmp_path, section)
    proxy_cell, ca_cell = TABLE[client]
    assert proxy.ca_bundle is not None
    env = _base_environment()
    env.update(dict.fromkeys(_variables(proxy_cell), proxy.url))
    env.update(dict.fromkeys(_variables(ca_cell), str(proxy.ca_bundle)))
    credential = Settings().primary
    commands = [
        command.format(
            python=sys.executable,
            ca=proxy.ca_bundle,
            port=proxy.port,
            access=credential.access_key,
            secret=credential.secret_key,
        )
        for command in ROW_COMMANDS[client]
    ]

    done = _run("\n".join(commands), work, env)

    _assert_answered(proxy, done, len(commands))


def test_no_recipe_needs_a_runtime_the_ci_does_not_install() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for package in ("ruby", "ruby-httparty", "ruby-faraday", "php-cli", "php-curl", "golang-go"):
        assert re.search(rf"\b{re.escape(package)}\b", ci), package
    assert "default-jdk-headless" in ci
