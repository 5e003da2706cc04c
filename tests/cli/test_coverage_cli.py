"""`lsq-mock coverage` against a served emulator, run as a subprocess: text, JSON, the HTML file
(parsed: self-contained, every text escaped) and the threshold."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lsq_mock.catalogue.behaviours import BEHAVIOURS, group_name
from lsq_mock.catalogue.endpoints import ENDPOINTS
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.coverage import Coverage
from lsq_mock.coverage.html import render_html
from lsq_mock.coverage.text import percent
from support.calls import post, row
from support.cli import run_cli as lsq_mock
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import DEMO


class Page(HTMLParser):
    """What a report page holds: its tags, attributes, text, and each row's cells by id."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.rows: dict[str, list[str]] = {}
        self._row: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag == "tr":
            self._row = dict(attrs).get("id")
            if self._row:
                self.rows[self._row] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._row and data.strip():
            self.rows[self._row].append(data.strip())


def exercise_a_little(running: Running) -> None:
    post(running, BULK_UPDATE, [row(DEMO, ("mx_Custom_2", "1999"))])
    post(running, BULK_UPDATE, [row(DEMO, ("mx_Custom_22", "x"))])


IN_SCOPE = [b for b in BEHAVIOURS if "bulk-update" in b.endpoints]
"""What exercise_a_little's coverage is over: the one endpoint it calls, and what is about it."""


def test_the_text_report_lists_what_was_exercised_and_how_to_exercise_the_rest(
    running: Running,
) -> None:
    exercise_a_little(running)

    done = lsq_mock("coverage", "--url", running.url)

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:4] == [
        f"lsq-mock contract coverage: 5 of {len(IN_SCOPE)} behaviours exercised "
        f"({percent(100 * 5 / len(IN_SCOPE))}) by 2 request(s) to the 1 endpoint called",
        f"  {group_name('bulk-update')}: 3 of 26, 2 call(s)",
        f"  API-wide: 2 of {len(IN_SCOPE) - 26}",
        f"  not called: {len(ENDPOINTS) - 1} endpoints, {len(BEHAVIOURS) - len(IN_SCOPE)} "
        "behaviours more (--scope api counts them)",
    ]
    never = [line for line in lines if line.startswith("  [ ] ")]
    assert len(never) == len(IN_SCOPE) - 5, "the command lists every one"
    assert any(line.startswith("  [ ] 429 from the bulk APIs' limit -- how: ") for line in never)


def test_scope_api_reports_over_the_whole_api(running: Running) -> None:
    exercise_a_little(running)

    done = lsq_mock("coverage", "--url", running.url, "--scope", "api", "--json")

    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert (answer["scope"], answer["exercised"], answer["total"]) == ("api", 5, len(BEHAVIOURS))


def test_json_is_the_endpoints_answer(running: Running) -> None:
    exercise_a_little(running)

    done = lsq_mock("coverage", "--url", running.url, "--json")

    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert shipped_schemas().is_valid("coverage", answer)
    assert answer == running.http.get(running.url + "/_mock/coverage").json()
    assert answer["exercised"] == 5


def test_the_html_report_is_one_self_contained_file(running: Running, tmp_path: Path) -> None:
    exercise_a_little(running)
    report = tmp_path / "coverage.html"

    done = lsq_mock("coverage", "--url", running.url, "--html", str(report))

    assert done.returncode == 0, done.stderr
    page = Page(report.read_text(encoding="utf-8"))
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert not [name for name, _ in page.attributes if name in ("src", "href")]
    assert "style" in page.tags
    assert page.rows["bulk-update/200"][:2] == ["yes", "200 with every row updated"]
    assert page.rows["bulk-update/429-bulk"][0] == "never"
    assert list(page.rows) == [b.id for b in IN_SCOPE]
    text = "".join(page.text)
    assert "5 of" in text
    assert f"Not called: {len(ENDPOINTS) - 1} endpoint(s)" in text


def test_the_html_report_escapes_every_text() -> None:
    hostile = "<script>alert(1)</script>&\"'"
    coverage = Coverage()
    coverage.add({"bulk-update/200": 1}, requests=1, test=f"test_x.py::test_y[{hostile}]")

    page = Page(render_html(coverage, source=f"http://h/{hostile}"))

    assert "script" not in page.tags
    text = "".join(page.text)
    assert f"http://h/{hostile}" in text
    assert f"test_x.py::test_y[{hostile}]" in text


@pytest.mark.parametrize(("offset", "code"), [(-0.01, 0), (0, 0), (0.01, 1)])
def test_fail_under_exits_1_below_the_threshold(running: Running, offset: float, code: int) -> None:
    exercise_a_little(running)  # 5 behaviours
    threshold = f"{round(100 * 5 / len(IN_SCOPE), 2) + offset:.2f}"

    done = lsq_mock("coverage", "--url", running.url, "--fail-under", threshold)

    assert done.returncode == code, done.stderr
    verdict = "reached" if code == 0 else "FAILED: not reached"
    assert f"lsq-mock contract coverage {verdict}: required {float(threshold):g}%" in done.stdout
