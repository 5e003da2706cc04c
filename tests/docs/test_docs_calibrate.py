"""docs/calibrate.md runs: its record command, client script and verify commands, against the
test suite's stand-in tenant, print what the page shows; its pytest example passes; its tables
of the cassette format name the keys a cassette holds."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from lsq_mock.tls.trust import default_ca_dir
from support.inner_pytest import UNRELATED_PLUGINS
from support.markdown import ROOT, Block, blocks
from support.recording import planted_traffic
from support.served import read_banner
from support.standin import ACCESS_KEY, SECRET_KEY, serving_standin

pytestmark = pytest.mark.slow
pytest_plugins = ["pytester"]

PAGE_PATH = ROOT / "docs" / "calibrate.md"
PAGE = PAGE_PATH.read_text(encoding="utf-8")
BLOCKS = blocks(PAGE_PATH)
SHOWN_TARGET = "https://api-in21.leadsquared.com"
SHOWN_RECORDER = "http://127.0.0.1:8080"
SHOWN_DAY = "2026-12-07"
LOOPBACK_WHERE = "a stand-in on loopback"


@dataclass(frozen=True)
class Recorded:
    """The page's recording, made in `directory` against the stand-in at `target`."""

    directory: Path
    target: str
    banner: str

    def shown(self, text: str) -> str:
        """`text` as the page shows it: the vendor's host for the stand-in, the page's day."""
        text = text.replace(self.target, SHOWN_TARGET).replace(
            LOOPBACK_WHERE, SHOWN_TARGET.split("//")[1]
        )
        return re.sub(r"\b20\d\d-\d\d-\d\d\b", SHOWN_DAY, text)


def after(block: Block) -> Block | None:
    """The block that follows `block` on the page, if any."""
    index = BLOCKS.index(block)
    return BLOCKS[index + 1] if index + 1 < len(BLOCKS) else None


def commands(prefix: str) -> list[tuple[Block, str]]:
    """The page's `lsq-mock PREFIX...` command lines, each with its block."""
    return [
        (block, line)
        for block in BLOCKS
        if block.language == "bash"
        for line in block.source.splitlines()
        if line.startswith(f"lsq-mock {prefix}")
    ]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recorded]:
    """Record as the page says: its command against the stand-in, the stand-in's planted
    traffic, then the page's script, through the recorder's base URL."""
    directory = tmp_path_factory.mktemp("calibrate")
    ((_, line),) = commands("record")
    words = shlex.split(line)[1:]
    with serving_standin() as standin:
        words[words.index("--target") + 1] = standin.url
        words[words.index("--port") + 1] = "0"
        process = subprocess.Popen(
            [sys.executable, "-m", "lsq_mock", *words, "--allow-writes"],
            cwd=directory,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            banner = read_banner(process)
            url = re.search(r"listening on (\S+)", banner)
            assert url, banner
            planted_traffic(url.group(1), default_ca_dir() / "ca.pem")
            env = {
                **os.environ,
                "LSQ_BASE_URL": url.group(1),
                "LSQ_ACCESS_KEY": ACCESS_KEY,
                "LSQ_SECRET_KEY": SECRET_KEY,
            }
            (script,) = [b for b in BLOCKS if b.language == "python" and b.python_kind == "script"]
            ran = subprocess.run(
                [sys.executable, "-c", script.source], env=env, capture_output=True, text=True
            )
            assert ran.returncode == 0 and "3 activity types" in ran.stdout, ran.stderr
        finally:
            process.send_signal(signal.SIGTERM)
            process.communicate(timeout=15)
        yield Recorded(directory, standin.url, banner.replace(url.group(1), SHOWN_RECORDER))


def test_the_page_is_in_the_site_s_navigation() -> None:
    assert PAGE.startswith("# Calibrate lsq-mock to your tenant\n")
    assert "calibrate.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_record_banner_shown_is_the_one_printed(recorded: Recorded) -> None:
    ((block, _),) = commands("record")
    shown = after(block)
    assert shown is not None and shown.language == "text"
    printed = recorded.shown(recorded.banner).splitlines()
    assert printed[: len(shown.source.splitlines())] == shown.source.splitlines()


@pytest.mark.parametrize(
    ("block", "line"), commands("verify"), ids=[str(block) for block, _ in commands("verify")]
)
def test_each_verify_command_prints_what_the_page_shows(
    recorded: Recorded, block: Block, line: str
) -> None:
    words = shlex.split(line)[1:]
    result = subprocess.run(
        [sys.executable, "-m", "lsq_mock", *words],
        cwd=recorded.directory,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    shown = after(block)
    if "--ledger-out" in words:
        assert shown is not None and shown.language == "json"
        written = json.loads(recorded.shown((recorded.directory / words[-1]).read_text("utf-8")))
        page = json.loads(shown.source)
        (entry,) = page["entries"]
        assert {k: v for k, v in written.items() if k != "entries"} == {
            k: v for k, v in page.items() if k != "entries"
        }
        assert entry in written["entries"]
    elif shown is not None and shown.language == "text":
        assert recorded.shown(result.stdout).splitlines() == shown.source.splitlines()
        assert result.returncode == (0 if "OK:" in shown.source else 1)
    else:  # the settings applied: the 401 is settled, what no setting changes is left
        assert result.returncode == 1 and "[401-body]" not in result.stdout


def test_the_ci_step_passes(recorded: Recorded) -> None:
    (step,) = [b for b in BLOCKS if b.language == "yaml"]
    words = shlex.split(step.source.strip().removeprefix("- run: "))[1:]
    (recorded.directory / "cassettes").mkdir(exist_ok=True)
    shutil.copy(recorded.directory / "tenant.jsonl", recorded.directory / "cassettes")
    result = subprocess.run(
        [sys.executable, "-m", "lsq_mock", *words], cwd=recorded.directory, capture_output=True
    )
    assert result.returncode == 0, result.stdout
    assert (recorded.directory / "lsq-mock-verify.xml").is_file()


def test_the_pytest_example_passes(pytester: pytest.Pytester, recorded: Recorded) -> None:
    python = [b for b in BLOCKS if b.language == "python"]
    (conftest,) = [b for b in python if b.python_kind == "conftest"]
    (test,) = [b for b in python if b.python_kind == "test"]
    (pytester.path / "cassettes").mkdir()
    shutil.copy(recorded.directory / "tenant.jsonl", pytester.path / "cassettes")
    pytester.makeconftest(conftest.source)
    pytester.makepyfile(test_tenant=test.source)
    pytester.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1)


def _table(heading: str) -> set[str]:
    """The first column (`key`) of the table after the line `heading` on the page."""
    section = PAGE.split(heading, 1)[1].split("\n\n|", 1)[1]
    rows = ("|" + section).split("\n\n", 1)[0].splitlines()[2:]
    return {re.match(r"\| `(\w+)` \|", row).group(1) for row in rows}  # type: ignore[union-attr]


def test_the_format_tables_name_the_keys_a_cassette_holds(recorded: Recorded) -> None:
    lines = [
        json.loads(line)
        for line in (recorded.directory / "tenant.jsonl").read_text("utf-8").splitlines()
    ]
    header, *entries = lines
    assert _table("The header, the first line:") == set(header)
    assert _table("Each line after it:") >= {key for entry in entries for key in entry}
    assert _table("Each line after it:") - {key for e in entries for key in e} == {"reason"}
    assert _table("A `request`:") == {key for e in entries for key in e["request"]}
    assert _table("A `response`:") == {key for e in entries for key in e["response"]}
