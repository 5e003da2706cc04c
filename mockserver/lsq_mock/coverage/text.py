"""Coverage as plain text, for a terminal: first the totals, a line per endpoint in scope and
one counting the endpoints left out, so the summary fits a screen; then what never was
exercised, with how a test makes it happen."""

from __future__ import annotations

from collections.abc import Iterator

from lsq_mock.catalogue.behaviours import API_WIDE, GROUPS, Exercise, group_name
from lsq_mock.catalogue.rules import FindingKind, rule_of
from lsq_mock.coverage.report import Coverage
from lsq_mock.coverage.scope import Scope


def headline(coverage: Coverage) -> str:
    """`lsq-mock contract coverage: 6 of 40 behaviours exercised (15%) by 4 request(s) to the 1
    endpoint called` (or `..., over the whole API`)."""
    head = (
        f"lsq-mock contract coverage: {coverage.exercised} of {coverage.total} behaviours "
        f"exercised ({percent(coverage.percent)}) by {coverage.requests} request(s)"
    )
    if coverage.scope is Scope.API:
        return f"{head}, over the whole API"
    called = sum(1 for endpoint in coverage.calls if coverage.calls[endpoint])
    if not called:
        return f"{head}: no endpoint was called"
    return f"{head} to the {called} endpoint{'' if called == 1 else 's'} called"


def percent(value: float) -> str:
    """`14.38%`, `100%`: the JSON's two decimals, without trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def totals_lines(coverage: Coverage, *, widen: str) -> Iterator[str]:
    """The headline, a line per group in scope, and one counting what the scope left out
    (`widen`: how to count it too, e.g. `--scope api`)."""
    yield headline(coverage)
    if coverage.unread:
        yield (
            f"  ({coverage.unread} journaled request(s) were dropped before coverage read them: "
            "raise journal_limit)"
        )
    for group in coverage.groups:
        members = coverage.members(group)
        done = sum(1 for b in members if coverage.was_exercised(b))
        calls = coverage.calls[group]
        tail = "" if group == API_WIDE else f", {calls} call(s)" if calls else ", never called"
        yield f"  {group_name(group)}: {done} of {len(members)}{tail}"
    if coverage.outside:
        endpoints = len(coverage.not_called)
        yield (
            f"  not called: {endpoints} endpoint{'' if endpoints == 1 else 's'}, "
            f"{coverage.outside} behaviours more ({widen} counts them)"
        )


def never_lines(coverage: Coverage, *, limit: int | None = None, more: str = "") -> Iterator[str]:
    """Each behaviour in scope never exercised, under its group: `[ ] title -- how: hint`; only
    the first `limit` (None: all), then how many more and `more`, where to see them.

    In each group, what the API does to a valid call (outcomes, limits, faults, batches) comes
    before its answers to a client's own mistakes (contract findings), which a correct client
    meets only when a test provokes them on purpose."""
    never = sorted(
        (b for b in coverage.behaviours if not coverage.was_exercised(b)),
        key=lambda b: (GROUPS.index(b.endpoint), _about_a_mistake(b)),
    )
    if not never:
        return
    shown = never[:limit] if limit is not None else never
    yield ""
    yield f"Never exercised: {len(never)}, each with how a test makes it happen"
    group = None
    for behaviour in shown:
        if behaviour.endpoint != group:
            group = behaviour.endpoint
            yield f"{group_name(group)}:"
        yield f"  [ ] {behaviour.title} -- how: {behaviour.hint}"
    if len(shown) < len(never):
        yield f"  ... and {len(never) - len(shown)} more{f' ({more})' if more else ''}"


def _about_a_mistake(behaviour: Exercise) -> bool:
    rule = rule_of(behaviour.rule) if behaviour.rule is not None else None
    return rule is not None and rule.finding_kind is FindingKind.CONTRACT


def summary_lines(
    coverage: Coverage, *, widen: str = "--scope api", limit: int | None = None, more: str = ""
) -> Iterator[str]:
    """The totals, then what never was exercised: the first `limit` (None: all), then how
    many more and `more`, where to see them."""
    yield from totals_lines(coverage, widen=widen)
    yield from never_lines(coverage, limit=limit, more=more)


def threshold_line(coverage: Coverage, fail_under: float) -> str:
    """Whether coverage reached `fail_under` percent, in words."""
    verdict = "reached" if coverage.reaches(fail_under) else "FAILED: not reached"
    return (
        f"lsq-mock contract coverage {verdict}: required {fail_under:g}%, "
        f"got {percent(coverage.percent)}"
    )
