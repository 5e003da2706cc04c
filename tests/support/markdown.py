"""The fenced code blocks of the README and the docs pages, and what the docs test makes of them.

A small extractor rather than pytest-examples: the docs test needs every block of a page in
order (a test's shown output follows it, a curl call's answer follows it, a conftest precedes its
test), in every language, while pytest-examples finds Python blocks only and runs them in-process,
where a block that defines tests needs pytester anyway.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(
    r"^(?P<indent>[ ]*)```(?P<language>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.M | re.S,
)
PAGES = (ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")))
"""Every page whose examples must run: the README and the docs site."""
CONFTEST_MARK = "# conftest.py"
TEST_DEFINITION = re.compile(r"^\s*def test_|^class Test", re.M)
"""What makes a Python block a test module: a test function, or a test class (a suite's)."""
CURL_EXAMPLE_HOST = "http://127.0.0.1:8080"
"""Where the pages' curl examples and banners say `lsq-mock serve` listens."""


@dataclass(frozen=True)
class Block:
    """One fenced block: its page (relative to the repository), first line, language and text."""

    page: str
    line: int
    language: str
    source: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def python_kind(self) -> str:
        """For a Python block: "conftest", "test" (a pytest module) or "script"."""
        if self.source.startswith(CONFTEST_MARK):
            return "conftest"
        return "test" if TEST_DEFINITION.search(self.source) else "script"

    @property
    def is_curl_example(self) -> bool:
        """A shell block of curl calls to a served emulator (and variables for them), so cheap
        to run: each top-level line is a curl call, a comment or an assignment."""
        if self.language != "bash" or CURL_EXAMPLE_HOST not in self.source:
            return False
        top_level = [line for line in self.source.splitlines() if line and not line[0].isspace()]
        return all(re.match(r"curl |#|[A-Z_]+=", line) for line in top_level)


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of `page`, in order, dedented (a block may sit in a list item)."""
    text = page.read_text(encoding="utf-8")
    name = page.relative_to(ROOT).as_posix()
    return [
        Block(
            name,
            text.count("\n", 0, match.start()) + 1,
            match["language"],
            textwrap.dedent(match["body"]),
        )
        for match in FENCE.finditer(text)
    ]


def fences(page: Path) -> list[str]:
    """The info string of every fence line of `page`, opening and closing, in order."""
    return re.findall(r"^[ ]*```(.*)$", page.read_text(encoding="utf-8"), re.M)


@dataclass(frozen=True)
class PytestRun:
    """A Python block that defines tests, with the conftest before it and the output after it."""

    test: Block
    conftest: Block | None = None
    output: Block | None = None

    def __str__(self) -> str:
        return str(self.test)


@dataclass(frozen=True)
class CurlRun:
    """A curl example and the answers shown after it (None: nothing shown)."""

    calls: Block
    answers: Block | None = None

    def __str__(self) -> str:
        return str(self.calls)


def pytest_runs(page_blocks: list[Block]) -> Iterator[PytestRun | Block]:
    """Each test block of a page with its conftest and shown output; a conftest block that no
    test block follows is yielded alone, for the test to refuse."""
    conftest: Block | None = None
    for index, block in enumerate(page_blocks):
        if block.language != "python" or block.python_kind == "script":
            continue
        if block.python_kind == "conftest":
            if conftest is not None:
                yield conftest
            conftest = block
            continue
        following = page_blocks[index + 1] if index + 1 < len(page_blocks) else None
        output = following if following is not None and following.language == "text" else None
        yield PytestRun(block, conftest, output)
        conftest = None
    if conftest is not None:
        yield conftest


def curl_runs(page_blocks: list[Block]) -> Iterator[CurlRun]:
    """Each curl example of a page, with the JSON block right after it, if any."""
    for index, block in enumerate(page_blocks):
        if block.is_curl_example:
            following = page_blocks[index + 1] if index + 1 < len(page_blocks) else None
            shown = following if following is not None and following.language == "json" else None
            yield CurlRun(block, shown)
