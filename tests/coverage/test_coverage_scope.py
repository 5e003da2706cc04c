"""What a coverage is measured over, without a server: the endpoints called (their behaviours,
the API-wide ones about them, anything exercised), or the whole API; kept through the JSON form
that xdist workers hand over, and read back from 0.1's form as the whole API."""

from __future__ import annotations

import pytest

from lsq_mock.catalogue.behaviours import API_WIDE, BEHAVIOURS
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.coverage import Coverage, Scope
from lsq_mock.coverage.scope import scope_named


def ids(coverage: Coverage) -> set[str]:
    return {b.id for b in coverage.behaviours}


def test_the_called_endpoints_bring_their_own_behaviours_and_the_api_wide_ones_about_them() -> None:
    coverage = Coverage()
    coverage.add({"retrieve/200": 1, "keys/query": 1}, calls={"retrieve": 1}, requests=1)

    api_wide = {b for b in ids(coverage) if b.split("/")[0] in ("keys", "data-type", "404")}
    assert {b.endpoint for b in coverage.behaviours} == {"retrieve", API_WIDE}
    assert api_wide == {"keys/query", "keys/headers"}, "Retrieve writes no values"
    assert (coverage.exercised, coverage.total) == (2, len(ids(coverage)))
    assert coverage.not_called == tuple(
        e for e in dict.fromkeys(b.endpoint for b in BEHAVIOURS) if e not in ("retrieve", API_WIDE)
    )
    assert coverage.outside == len(BEHAVIOURS) - coverage.total


def test_a_behaviour_exercised_off_the_called_endpoints_is_in_scope() -> None:
    coverage = Coverage()
    coverage.add({"retrieve/200": 1, "validate-dropdowns/query": 1}, calls={"retrieve": 1})

    assert "validate-dropdowns/query" in ids(coverage)
    assert "validate-dropdowns/row" not in ids(coverage)


def test_over_the_whole_api_every_behaviour_counts() -> None:
    coverage = Coverage(scope=Scope.API)
    coverage.add({"retrieve/200": 1}, calls={"retrieve": 1})

    assert coverage.total == len(BEHAVIOURS) and coverage.outside == 0
    assert coverage.percent == pytest.approx(100 / len(BEHAVIOURS))
    assert coverage.over(Scope.CALLED).total < coverage.total


def test_nothing_called_is_an_empty_scope_that_reaches_only_zero() -> None:
    coverage = Coverage()

    assert (coverage.total, coverage.percent) == (0, 0.0)
    assert coverage.reaches(0) and not coverage.reaches(0.01)


def test_workers_that_called_different_endpoints_merge_into_both_scopes() -> None:
    first, second = Coverage(), Coverage()
    first.add({"bulk-update/200": 2}, calls={"bulk-update": 2}, requests=2, test="t::a")
    second.add({"create/200": 1}, calls={"create": 1}, requests=1, test="t::b")
    merged = Coverage()

    for worker in (first, second):
        handed_over = worker.to_dict()
        assert shipped_schemas().is_valid("coverage", handed_over), handed_over
        merged.merge(Coverage.from_dict(handed_over))

    assert {b.endpoint for b in merged.behaviours} == {"bulk-update", "create", API_WIDE}
    assert (merged.calls, merged.requests) == ({"bulk-update": 2, "create": 1}, 3)
    assert merged.tests == {"bulk-update/200": {"t::a"}, "create/200": {"t::b"}}
    assert Coverage.from_dict(merged.to_dict()).to_dict() == merged.to_dict()


def test_the_0_1_json_form_reads_back_over_the_whole_api() -> None:
    old = {
        "total": len(BEHAVIOURS),
        "exercised": 1,
        "percent": 0.61,
        "requests": 1,
        "unread": 0,
        "groups": [{"id": "create", "name": "Create (POST /v2/ProspectActivity.svc/Create)"}],
        "behaviours": [{"id": "create/200", "count": 1, "tests": []}],
    }

    read = Coverage.from_dict(old)

    assert (read.scope, read.total, read.exercised) == (Scope.API, len(BEHAVIOURS), 1)


@pytest.mark.parametrize(
    ("text", "scope"), [(None, Scope.CALLED), ("called", Scope.CALLED), ("api", Scope.API)]
)
def test_a_scope_is_named_by_its_value(text: str | None, scope: Scope) -> None:
    assert scope_named(text) is scope


def test_an_unknown_scope_names_the_choices() -> None:
    with pytest.raises(ValueError, match=r"scope must be 'called' or 'api'; got 'whole'"):
        scope_named("whole")
