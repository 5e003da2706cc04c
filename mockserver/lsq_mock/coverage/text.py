"""Coverage as plain text, for a terminal: per endpoint, what was exercised (and how often) and
what never was, with how a test makes it happen."""

from __future__ import annotations

from collections.abc import Iterator

from lsq_mock.catalogue.behaviours import BEHAVIOURS, GROUPS, group_name
from lsq_mock.coverage.report import Coverage


def headline(coverage: Coverage) -> str:
    """`lsq-mock contract coverage: 23 of 160 behaviours exercised (14.4%) by 57 requests`."""
    return (
        f"lsq-mock contract coverage: {coverage.exercised} of {coverage.total} behaviours "
        f"exercised ({percent(coverage.percent)}) by {coverage.requests} request(s)"
    )


def percent(value: float) -> str:
    """`14.38%`, `100%`: the JSON's two decimals, without trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def summary_lines(coverage: Coverage) -> Iterator[str]:
    """The headline, then each group: `[x] title  (n)` exercised, `[ ] title -- how` not."""
    yield headline(coverage)
    if coverage.unread:
        yield (
            f"  ({coverage.unread} journaled request(s) were dropped before coverage read them: "
            "raise journal_limit)"
        )
    for group in GROUPS:
        members = [b for b in BEHAVIOURS if b.endpoint == group]
        done = [b for b in members if coverage.was_exercised(b)]
        yield ""
        yield f"{group_name(group)}: {len(done)} of {len(members)}"
        for behaviour in members:
            if coverage.was_exercised(behaviour):
                yield f"  [x] {behaviour.title}  ({coverage.counts[behaviour.id]})"
            else:
                yield f"  [ ] {behaviour.title} -- how: {behaviour.hint}"


def threshold_line(coverage: Coverage, fail_under: float) -> str:
    """Whether coverage reached `fail_under` percent, in words."""
    verdict = "reached" if coverage.reaches(fail_under) else "FAILED: not reached"
    return (
        f"lsq-mock contract coverage {verdict}: required {fail_under:g}%, "
        f"got {percent(coverage.percent)}"
    )
