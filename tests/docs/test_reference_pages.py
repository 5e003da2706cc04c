"""The generated reference says what a user meets, in a form they can read: every exception and
the AdminClient in the Python API, and the behaviour catalogue with each id whole on its line."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import lsq_mock
from lsq_mock import AdminClient
from lsq_mock.catalogue.behaviours import BEHAVIOURS
from scripts.python_reference import EXCEPTIONS

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

ROOT = Path(__file__).resolve().parents[2]
PYTHON_PAGE = (ROOT / "docs" / "reference" / "python.md").read_text(encoding="utf-8")
NARROW = (400, 900)
"""A phone's width: the narrowest window the docs site is read in."""
PATH_PREFIX = ("GET /v2/", "POST /v2/")
"""An endpoint's method and path, under its heading: longer than a phone's line."""


def test_every_exception_lsq_mock_exports_is_in_the_python_reference() -> None:
    exported = {
        name
        for name in lsq_mock.__all__
        if isinstance(getattr(lsq_mock, name), type)
        and issubclass(getattr(lsq_mock, name), BaseException)
    }

    assert exported == {error.__name__ for error, _ in EXCEPTIONS}
    for name in exported:
        assert f"| `{name}` |" in PYTHON_PAGE, name


def test_every_admin_client_call_is_in_the_python_reference() -> None:
    calls = [name for name, _ in inspect.getmembers(AdminClient, inspect.isfunction)]

    assert "## `lsq_mock.AdminClient`" in PYTHON_PAGE
    for name in calls:
        if not name.startswith("_"):
            assert f"| `{name}(" in PYTHON_PAGE, name


@pytest.mark.slow
def test_no_behaviour_id_breaks_across_lines_in_a_narrow_window(
    chromium: WebDriver, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    chromium.set_window_size(*NARROW)
    try:
        chromium.get((site / "reference" / "behaviours" / "index.html").as_uri())
        spans = chromium.execute_script(
            "return [...document.querySelectorAll('article code')]"
            ".map((code) => [code.textContent, code.getClientRects().length])"
        )
    finally:
        chromium.get("about:blank")

    ids = [b.id for b in BEHAVIOURS]
    assert [text for text, _ in spans if text in ids] == ids
    broken = [text for text, boxes in spans if boxes != 1 and not text.startswith(PATH_PREFIX)]
    assert broken == [], "ids (and the ledger entries and rules each rests on) stay whole"
