"""The pytest plugin, tested the way users meet it: in a pytest run of their own (pytester)."""

from __future__ import annotations

import json

import pytest

from support.inner_pytest import UNRELATED_PLUGINS
from support.paths import BULK_UPDATE
from support.system import require_command
from support.user_project import user_project

pytest_plugins = ["pytester"]


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A user project with a client module next to its tests."""
    return user_project(pytester)


def test_a_passing_client_passes(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_ok="""
        from client import push, visit_time_row, ACTIVITY

        def test_update(lsq_mock):
            answer = push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                          [visit_time_row("2026-11-20 11:00:00")])
            assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
            assert lsq_mock.activity(ACTIVITY)["Fields"]["mx_Custom_4"] == "2026-11-20 11:00:00"
            assert len(lsq_mock.journal) == 1
            assert lsq_mock.events[0]["ProspectActivityId"] == ACTIVITY
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1)


def test_a_bad_datetime_fails_the_test_with_the_path(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_bad="""
        from client import push, visit_time_row

        def test_update(lsq_mock):
            answer = push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                          [visit_time_row("2026-11-20T11:00:00+05:30")])
            assert answer.status_code == 200
        """
    )
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=1, errors=1)
    output = result.stdout.str()
    assert "the client broke the LeadSquared API contract in 1 of 1 request(s)" in output
    assert f"request #1 POST {BULK_UPDATE} -> 200" in output
    assert "row 1  $[0].Fields[0].Value  [datetime-format]" in output
    assert "'T' separator and a timezone" in output
    assert "Traceback" not in output


def test_the_marker_and_the_ini_setting_opt_out(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_opt_out="""
        import pytest
        from client import push, visit_time_row

        @pytest.mark.lsq_mock(strict=False)
        def test_lenient(lsq_mock):
            push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                 [visit_time_row("2026-11-20T11:00:00Z")])
            assert lsq_mock.violations[0]["rule"] == "datetime-format"

        def test_strict(lsq_mock):
            push(lsq_mock.base_url, "wrong", "keys", [visit_time_row("2026-11-20 11:00:00")])
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=2, errors=1)
    project.makeini("[pytest]\nlsq_mock_strict = false\n")
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=2)


def test_expect_violations_accounts_for_provoked_mistakes(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_expect="""
        import pytest
        from client import push, visit_time_row

        def test_provoked(lsq_mock):
            with lsq_mock.expect_violations("invalid-value") as seen:
                push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                     [visit_time_row("2026-02-30 10:00:00")])
            assert seen[0]["path"] == "$[0].Fields[0].Value"

        def test_expected_but_absent(lsq_mock):
            with lsq_mock.expect_violations("datetime-format"):
                push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                     [visit_time_row("2026-02-20 10:00:00")])
        """
    )
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=1, failed=1)
    assert (
        "expected the client to break ['datetime-format'], but no request did"
        in result.stdout.str()
    )


def test_unknown_paths_are_reported(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_typo=f"""
        import requests

        def test_typo(lsq_mock):
            requests.post(lsq_mock.url({BULK_UPDATE[:-1]!r}), json=[], timeout=5)
        """
    )
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=1, errors=1)
    assert "[unknown-api]" in result.stdout.str()
    assert f"POST {BULK_UPDATE[:-1]}" in result.stdout.str()


def test_a_429_backoff_client_waits_on_the_emulators_clock(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_backoff="""
        from client import push, visit_time_row

        def send_with_backoff(lsq_mock, rows, wait):
            for _ in range(3):
                answer = push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key, rows)
                if answer.status_code != 429:
                    return answer
                wait(5)
            raise AssertionError("still 429 after waiting 5 s twice")

        def test_retries_after_429(lsq_mock):
            rows = [visit_time_row("2026-11-20 11:00:00")]
            answers = [send_with_backoff(lsq_mock, rows, lsq_mock.advance_clock) for _ in range(5)]
            assert all(a.status_code == 200 for a in answers)
            limited = [e for e in lsq_mock.journal if e["status"] == 429]
            assert len(limited) == 4  # the bulk APIs' 1 call in 5 s, after each call but the last
            assert {e["response"]["ExceptionMessage"] for e in limited} == {
                "API calls exceeded the limit of 1 in 5 second(s)"
            }
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1)


def test_set_bulk_rate_limit_lasts_one_test(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_bulk_limit="""
        from client import push, visit_time_row

        def send(lsq_mock):
            return push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                        [visit_time_row("2026-11-20 11:00:00")]).status_code

        def test_turned_off(lsq_mock):
            lsq_mock.set_bulk_rate_limit(0)
            assert [send(lsq_mock) for _ in range(3)] == [200, 200, 200]

        def test_back_to_the_live_limit(lsq_mock):
            assert [send(lsq_mock) for _ in range(2)] == [200, 429]
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=2)


def test_faults_and_a_second_emulator(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_faults="""
        import pytest, requests
        from client import push, visit_time_row

        def test_faults(lsq_mock):
            lsq_mock.fail_next(500, message="boom")
            lsq_mock.fail_next("drop")
            first = push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                         [visit_time_row("2026-11-20 11:00:00")])
            assert first.status_code == 500 and first.json()["ExceptionMessage"] == "boom"
            with pytest.raises(requests.ConnectionError):
                push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                     [visit_time_row("2026-11-20 11:00:00")])

        def test_two_emulators(lsq_mock, lsq_mock_factory):
            other = lsq_mock_factory()
            assert other.base_url != lsq_mock.base_url
            push(other.base_url, other.access_key, other.secret_key,
                 [visit_time_row("2026-11-20 11:00:00")])
            assert len(other.journal) == 1 and lsq_mock.journal == []
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=2)


def test_report_file_lists_every_violation(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_report="""
        import pytest
        from client import push, visit_time_row

        @pytest.mark.lsq_mock(strict=False)
        def test_one(lsq_mock):
            push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                 [visit_time_row("2026-11-20T11:00:00"), visit_time_row("2026-11-20 11:00:00")])
        """
    )
    project.runpytest(*UNRELATED_PLUGINS, "--lsq-mock-report", "violations.json").assert_outcomes(
        passed=1
    )
    report = json.loads((project.path / "violations.json").read_text())
    assert report["count"] == 2
    rules = sorted(v["rule"] for v in report["violations"])
    assert rules == ["datetime-format", "duplicate-activity"]
    assert report["violations"][0]["test"] == "test_report.py::test_one"
    assert [v["expected"] for v in report["violations"]] == [False, False]


def test_report_file_lists_expected_violations_marked_as_such(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_report="""
        from client import push, visit_time_row

        def test_provoked(lsq_mock):
            with lsq_mock.expect_violations("datetime-format"):
                push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                     [visit_time_row("2026-11-20T11:00:00")])
            lsq_mock.advance_clock(5)  # the bulk APIs take 1 call in 5 s
            push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                 [visit_time_row("2026-11-20 11:00:00"), visit_time_row("2026-11-20 11:00:00")])
        """
    )
    result = project.runpytest(*UNRELATED_PLUGINS, "--lsq-mock-report", "violations.json")
    result.assert_outcomes(passed=1, errors=1)
    report = json.loads((project.path / "violations.json").read_text())
    marked = sorted((v["rule"], v["expected"]) for v in report["violations"])
    assert marked == [("datetime-format", True), ("duplicate-activity", False)]
    assert report["count"] == 2
    assert "[datetime-format]" not in result.stdout.str()


def test_forgetting_the_journal_does_not_forgive_a_later_mistake(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_forget="""
        import pytest, requests
        from client import push, visit_time_row

        @pytest.mark.parametrize("forget", ["http", "python"])
        def test_forget_then_break(lsq_mock, forget):
            with lsq_mock.expect_violations("datetime-format"):
                push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                     [visit_time_row("2026-11-20T11:00:00")])
            if forget == "http":
                forgot = requests.delete(
                    lsq_mock.url("/_mock/requests"), headers={"X-LSQ-Mock-Client": "t"}, timeout=5
                )
                assert forgot.ok
            else:
                lsq_mock.emulator.journal.clear()
            lsq_mock.advance_clock(5)  # the bulk APIs take 1 call in 5 s
            push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                 [visit_time_row("2026-11-21T11:00:00")])
        """
    )
    # -rN: no short summary, which repeats each message in full when CI is set.
    result = project.runpytest(*UNRELATED_PLUGINS, "-rN")
    result.assert_outcomes(passed=2, errors=2)
    assert result.stdout.str().count("[datetime-format]") == 2


@pytest.mark.slow
def test_user_layouts_do_not_shadow_or_get_shadowed(project: pytest.Pytester) -> None:
    project.mkpydir("schemas")
    project.mkpydir("fixtures")
    (project.path / "schemas" / "__init__.py").write_text("USER_SCHEMAS = True\n")
    tests = project.mkdir("tests")
    (tests / "fixtures").mkdir()
    (tests / "fixtures" / "data.json").write_text("{}")
    (tests / "conftest.py").write_text("import schemas\nassert schemas.USER_SCHEMAS\n")
    (tests / "test_layout.py").write_text(
        "import fixtures, schemas\n"
        "from client import push, visit_time_row\n\n"
        "def test_layout(lsq_mock):\n"
        "    assert schemas.USER_SCHEMAS\n"
        "    assert fixtures.__file__.startswith(str(__import__('pathlib').Path.cwd()))\n"
        "    answer = push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,\n"
        "                  [visit_time_row('2026-11-20 11:00:00')])\n"
        "    assert answer.status_code == 200\n"
    )
    project.runpytest_subprocess(*UNRELATED_PLUGINS).assert_outcomes(passed=1)


@pytest.mark.slow
def test_xdist_workers_each_get_their_own_server(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_workers="""
        import os, pytest
        from client import push, visit_time_row

        @pytest.mark.parametrize("n", range(6))
        def test_isolated(lsq_mock, n, tmp_path_factory):
            push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                 [visit_time_row("2026-11-20 11:00:00")])
            assert len(lsq_mock.journal) == 1
            worker = os.environ["PYTEST_XDIST_WORKER"]
            port = lsq_mock.base_url.rsplit(":", 1)[1]
            (tmp_path_factory.getbasetemp().parent / f"{worker}-{port}").write_text("x")
        """
    )
    result = project.runpytest_subprocess("-n", "2", *UNRELATED_PLUGINS)
    result.assert_outcomes(passed=6)
    markers = {p.name for p in project.path.parent.glob("**/gw*-*") if p.is_file()}
    workers = {name.split("-")[0] for name in markers}
    ports = {name.split("-")[1] for name in markers}
    assert workers == {"gw0", "gw1"} and len(ports) == 2


def test_clients_in_other_stacks_are_checked_too(pytester: pytest.Pytester) -> None:
    require_command("curl", "curl")
    pytester.makepyfile(
        test_stacks="""
        import json, subprocess, urllib.request
        import httpx, pytest

        BULK = "BULK_UPDATE"
        ROW = {"ProspectActivityId": "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6",
               "Fields": [{"SchemaName": "mx_Custom_5", "Value": "false"}]}

        def test_curl_in_a_subprocess(lsq_mock):
            keys = f"accessKey={lsq_mock.access_key}&secretKey={lsq_mock.secret_key}"
            url = f"{lsq_mock.base_url}{BULK}?{keys}"
            out = subprocess.run(
                ["curl", "-s", "-X", "POST", url, "-H", "Content-Type: application/json",
                 "-d", json.dumps([ROW])],
                capture_output=True, check=True, text=True,
            ).stdout
            assert json.loads(out)["Response"][0]["ActivityUpdated"] is True

        def test_urllib_with_a_wrong_content_type(lsq_mock):
            request = urllib.request.Request(
                lsq_mock.base_url + BULK, data=json.dumps([ROW]).encode(), method="POST",
                headers={"x-LSQ-AccessKey": lsq_mock.access_key,
                         "x-LSQ-SecretKey": lsq_mock.secret_key,
                         "Content-Type": "text/plain"},
            )
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request)
            assert refused.value.code == 400
            refused.value.close()

        def test_httpx(lsq_mock):
            answer = httpx.post(lsq_mock.base_url + BULK, json=[ROW],
                                params={"accessKey": lsq_mock.access_key,
                                        "secretKey": lsq_mock.secret_key})
            assert answer.status_code == 200
        """.replace("BULK_UPDATE", BULK_UPDATE)
    )
    result = pytester.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=3, errors=1)
    output = result.stdout.str()
    assert "ERROR test_stacks.py::test_urllib_with_a_wrong_content_type" in output
    assert "Content-Type must be application/json; got 'text/plain'" in output
