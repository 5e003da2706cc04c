"""GET /_mock/ui/: the inspector's own files, served as they are shipped, under a strict CSP."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import get_args

import pytest

from lsq_mock import Settings
from lsq_mock.api.guard import ALLOWED_HOST_OPTION, CLIENT_HEADER
from lsq_mock.api.inspector import ASSETS, UI_DIR, UI_PATH
from lsq_mock.emulator.faults import FAULT_STATUSES, FaultKind
from lsq_mock.errors import Forbidden
from lsq_mock.resources import default_seed_path
from support.envelope import assert_envelope
from support.running import Running, serving

ROOT = Path(__file__).resolve().parents[2]
SCRIPT_IMPORT = re.compile(r"""^import .* from "\./([\w.-]+)";$""", re.MULTILINE)
HTML_SINKS = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|Function\(")


class PageParts(HTMLParser):
    """The tags and attributes of index.html, and whether any script or style is inline."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_code: list[str] = []
        self.options: dict[str, list[str]] = {}
        """Each <select>'s options by id: the value, else the text shown."""
        self._in: str | None = None
        self._select = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag
        if tag == "select":
            self._select = dict(attrs).get("id") or ""
        elif tag == "option" and dict(attrs).get("value"):
            self.options.setdefault(self._select, []).append(dict(attrs)["value"] or "")

    def handle_data(self, data: str) -> None:
        if self._in in ("script", "style") and data.strip():
            self.inline_code.append(data)
        if self._in == "option" and not self.tags[-1][1].get("value"):
            self.options.setdefault(self._select, []).append(data.strip())

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def page_parts() -> PageParts:
    parts = PageParts()
    parts.feed((UI_DIR / "index.html").read_text(encoding="utf-8"))
    return parts


def test_the_page_is_the_shipped_file_under_a_strict_policy(running: Running) -> None:
    answer = running.http.get(running.url + UI_PATH)

    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/html")
    assert answer.content == (UI_DIR / "index.html").read_bytes(), "no data is put in the page"
    header = answer.headers["Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in header.split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in header
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_every_asset_is_served_with_its_type(running: Running) -> None:
    types = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
    for name in ASSETS:
        answer = running.http.get(running.url + UI_PATH + name)

        assert answer.status_code == 200, name
        assert answer.headers["Content-Type"].startswith(types[name[name.rindex(".") :]]), name
        assert answer.content == (UI_DIR / name).read_bytes()
        assert "Content-Security-Policy" in answer.headers


@pytest.mark.parametrize("name", ["nothing.js", "index.html", "..%2Fapp.py", "%2e%2e%2fhosts.py"])
def test_anything_else_is_a_404_envelope(running: Running, name: str) -> None:
    answer = running.http.get(running.url + UI_PATH + name)

    assert_envelope(answer, 404, "MXAPINotFoundException")


def test_the_folder_without_its_slash_redirects_to_the_page(running: Running) -> None:
    answer = running.http.get(running.url + UI_PATH.rstrip("/"), allow_redirects=False)

    assert answer.status_code in (301, 308)
    assert answer.headers["Location"].endswith(UI_PATH)


def test_with_an_admin_token_the_files_need_none_but_the_data_does() -> None:
    with serving(Settings(seed=default_seed_path(), admin_token="t")) as locked:
        page = locked.http.get(locked.url + UI_PATH)
        script = locked.http.get(locked.url + UI_PATH + "main.js")
        data = locked.http.get(locked.url + "/_mock/requests")

    assert page.status_code == 200 and script.status_code == 200
    assert_envelope(data, 401, "MXUnAuthorizedAccessException")


def test_the_page_runs_only_its_own_script_files() -> None:
    parts = page_parts()
    scripts = [attrs for tag, attrs in parts.tags if tag == "script"]

    assert parts.inline_code == []
    assert [attrs.get("src") for attrs in scripts] == ["main.js"]
    for tag, attrs in parts.tags:
        assert not [name for name in attrs if name.startswith("on") or name == "style"], tag
    for tag, attrs in parts.tags:
        for name in ("src", "href"):
            if tag != "a" and attrs.get(name):
                assert attrs[name] in ASSETS, f"<{tag} {name}={attrs[name]}> is not a shipped file"


def test_the_scripts_import_only_shipped_files_and_never_parse_html() -> None:
    for name in (name for name in ASSETS if name.endswith(".js")):
        text = (UI_DIR / name).read_text(encoding="utf-8")

        assert set(SCRIPT_IMPORT.findall(text)) <= ASSETS, name
        assert not HTML_SINKS.search(text), f"{name} turns text into HTML"


def test_the_fault_form_offers_exactly_the_faults_the_server_takes() -> None:
    options = page_parts().options

    assert options["fault-kind"] == list(get_args(FaultKind))
    assert options["fault-status"] == [str(status) for status in FAULT_STATUSES]


def test_the_docs_page_names_what_the_code_defines() -> None:
    docs = ROOT / "docs"
    text = (docs / "inspector.md").read_text(encoding="utf-8")

    assert text.startswith("# ")
    assert "](images/inspector.png)" in text and (docs / "images" / "inspector.png").is_file()
    for name in (UI_PATH, CLIENT_HEADER, ALLOWED_HOST_OPTION, Forbidden.exception_type):
        assert name in text, name
    assert (
        f"lsq-mock listening on http://127.0.0.1:8080\n  inspector http://127.0.0.1:8080{UI_PATH}"
        in text
    )
