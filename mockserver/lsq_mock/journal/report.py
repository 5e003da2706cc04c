"""Readable reports of what a client did wrong, built from an emulator's verdicts (or journal).

A request's findings are listed once each; the same finding on several rows of one request is
one line naming the rows. Each request carries the inspector's deep link when the emulator's
URL is known.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any
from urllib.parse import quote, quote_plus

from lsq_mock.catalogue.rules import FindingKind, finding_kind_of
from lsq_mock.settings import INSPECT_URL_ENV

_CONTROLS = (*range(0x20), *range(0x7F, 0xA0))
_UNPRINTABLE = {code: f"\\x{code:02x}" for code in _CONTROLS}
_UNPRINTABLE |= {code: f"\\u{code:04x}" for code in (0xFFFE, 0xFFFF)}
"""Control characters (which terminals obey and XML 1.0 forbids) and XML's two non-characters."""
_ROW_PATH = re.compile(r"\$\[(\d+)\]")
FAIL_ON = {
    "contract": frozenset({FindingKind.CONTRACT}),
    "outcome": frozenset({FindingKind.CONTRACT, FindingKind.OUTCOME}),
    "all": frozenset(FindingKind),
}
"""What `--fail-on` (and the plugin's `lsq_mock_fail_on`) names: the kinds of finding that fail."""
SERVED_LIMIT_HINT = "serve with a larger --journal-limit / --journal-bytes"
"""How a served emulator keeps more verdicts (the plugin's way is its settings fixture)."""
INSPECTOR_REQUEST = "/_mock/ui/#/requests/{number}"
"""The inspector's deep link to one request."""


def printable(text: object) -> str:
    """`text` with each control character written as an escape (`\\x1b`), so a journaled path
    can neither drive a terminal nor make a JUnit report ill-formed XML."""
    return str(text).translate(_UNPRINTABLE)


def inspector_link(base_url: str | None, number: int) -> str | None:
    """The inspector's page of request `number` on the emulator at `base_url`, or the link
    `LSQ_MOCK_INSPECT_URL` makes of it (None when neither names a place)."""
    template = os.environ.get(INSPECT_URL_ENV)
    url = (base_url or "").rstrip("/")
    if template:
        return template.replace("{url}", url).replace("{number}", str(number))
    return None if not url else url + INSPECTOR_REQUEST.format(number=number)


def failing(
    verdicts: Iterable[Mapping[str, Any]],
    kinds: frozenset[FindingKind],
    *,
    ignored: AbstractSet[tuple[int, int]] = frozenset(),
) -> list[dict[str, Any]]:
    """The verdicts with findings of `kinds`, each keeping only those findings, less the
    (request number, index of the finding) pairs in `ignored` (what a test expected)."""
    wanted = {kind.value for kind in kinds}
    found = []
    for verdict in verdicts:
        kept = [
            finding
            for index, finding in enumerate(verdict["findings"])
            if finding["kind"] in wanted and (verdict["request"], index) not in ignored
        ]
        if kept:
            found.append({**verdict, "findings": kept})
    return found


def failing_dropped(
    dropped: Mapping[str, int], kinds: frozenset[FindingKind], accepted: Iterable[str] = ()
) -> dict[str, int]:
    """Of the findings dropped unread (count by rule), those of `kinds` that no `accepted` rule
    (an id or a prefix of one) accounts for: what `failing` would have kept, had they stayed."""
    accepted = tuple(accepted)
    return {
        rule: count
        for rule, count in dropped.items()
        if finding_kind_of(rule) in kinds
        and not any(rule == name or rule.startswith(f"{name}:") for name in accepted)
    }


def format_dropped(dropped: Mapping[str, int], limit_hint: str) -> str:
    """The report of findings that were dropped before anyone read them: which rules, how often,
    and how to keep them next time (`limit_hint`)."""
    rules = ", ".join(f"{rule} x{count}" for rule, count in sorted(dropped.items()))
    return (
        f"lsq-mock: requests that broke the contract were dropped from the verdicts before they "
        f"were checked ({rules}): too many requests for the verdicts kept; {limit_hint}"
    )


def format_findings(
    verdicts: list[dict[str, Any]], total_requests: int, *, base_url: str | None = None
) -> str:
    """One block per request (method, path, status, inspector link), then a line per finding."""
    lines = [
        f"lsq-mock: the client broke the LeadSquared API contract in {len(verdicts)} of "
        f"{total_requests} request(s):"
    ]
    for verdict in verdicts:
        lines.extend(f"  {line}" for line in verdict_lines(verdict, base_url=base_url))
    return "\n".join(lines)


def format_report(
    verdicts: list[dict[str, Any]], total_requests: int, *, base_url: str | None = None
) -> str:
    """The findings, then how a pytest user silences the ones they meant."""
    return (
        format_findings(verdicts, total_requests, base_url=base_url)
        + "\nFix the client, or mark the test @pytest.mark.lsq_mock(strict=False), or wrap the "
        "provoking call in `with lsq_mock.expect_violations(RULE):`."
    )


def format_listed(verdicts: list[dict[str, Any]], *, base_url: str | None = None) -> str:
    """Findings that do not fail the run, listed by kind so a reader still sees them."""
    lines = ["lsq-mock: also found, not failing the run:"]
    for verdict in verdicts:
        kinds = sorted({finding["kind"] for finding in verdict["findings"]})
        lines.append(f"  ({', '.join(kinds)})")
        lines.extend(f"    {line}" for line in verdict_lines(verdict, base_url=base_url))
    return "\n".join(lines)


def verdict_lines(verdict: Mapping[str, Any], *, base_url: str | None = None) -> list[str]:
    """`request #n METHOD path -> status`, its inspector link, then one line per finding."""
    link = inspector_link(base_url, verdict["request"])
    return request_lines(
        verdict["request"],
        verdict,
        verdict["findings"],
        verdict.get("omitted", 0),
        link,
    )


def entry_lines(entry: Mapping[str, Any]) -> list[str]:
    """The lines of a journal entry (its `contract`), as `verdict_lines` gives a verdict's."""
    return request_lines(
        entry["seq"],
        entry,
        entry["contract"],
        entry.get("contract_omitted", 0),
        None,
        capped=entry.get("contract_omitted_capped", False),
    )


def request_lines(
    number: int,
    call: Mapping[str, Any],
    findings: list[Mapping[str, Any]],
    omitted: int,
    link: str | None,
    *,
    capped: bool = False,
) -> list[str]:
    """A request's head line, its link, then its findings, each group of identical ones once;
    then how many more were found ("more than" that when counting stopped, `capped`)."""
    head = f"request #{number} {call['method']} {call['path']} -> {call['status']}"
    lines = [printable(head)]
    if link is not None:
        lines.append(f"  inspect: {link}")
    for finding, rows in _grouped(findings):
        where = _rows_label(rows) if len(rows) > 1 else _row_label(finding.get("row"))
        path = finding["path"] if len(rows) <= 1 else _ROW_PATH.sub("$[*]", finding["path"], 1)
        sent = f"  (sent: {finding['value']!r})" if finding.get("value") is not None else ""
        lines.append(printable(f"  {where}{path}  [{finding['rule']}]  {finding['message']}{sent}"))
        if finding.get("hint"):
            lines.append(printable(f"      hint: {finding['hint']}"))
    if omitted:
        more = "more than " if capped else ""
        lines.append(f"  ... and {more}{omitted} more violation(s) not described")
    return lines


def _grouped(
    findings: list[Mapping[str, Any]],
) -> list[tuple[Mapping[str, Any], list[int]]]:
    """The findings, those identical but for their row (rule, path, message, value) once, with
    the rows they were found on, in the order first found."""
    groups: dict[tuple[Any, ...], tuple[Mapping[str, Any], list[int]]] = {}
    for finding in findings:
        row = finding.get("row")
        key = (
            finding["rule"],
            _ROW_PATH.sub("$[*]", finding["path"], 1),
            _ROW_PATH.sub("$[*]", finding["message"]),
            repr(finding.get("value")),
            finding.get("hint"),
            row is None,
        )
        _, rows = groups.setdefault(key, (finding, []))
        if row is not None:
            rows.append(row)
    return list(groups.values())


def _row_label(row: int | None) -> str:
    return f"row {row}  " if row else ""


def _rows_label(rows: list[int]) -> str:
    return f"rows {', '.join(map(str, rows))}  "


def flatten(
    verdicts: Iterable[Mapping[str, Any]], *, expected: AbstractSet[tuple[int, int]] = frozenset()
) -> list[dict[str, Any]]:
    """Every finding of `verdicts`, each with the request it was found in and whether a test
    expected it (`expected` as in `failing`'s `ignored`)."""
    return [
        {
            **finding,
            "request": {
                "seq": verdict["request"],
                "method": verdict["method"],
                "path": verdict["path"],
                "status": verdict["status"],
            },
            "expected": (verdict["request"], index) in expected,
        }
        for verdict in verdicts
        for index, finding in enumerate(verdict["findings"])
    ]


def key_forms(key: str) -> set[str]:
    """A key as it may appear in text: plain, or URL-encoded (`$` as `%24`)."""
    return {key, quote(key, safe=""), quote_plus(key)} - {""}


def redact(text: str, *keys: str) -> str:
    """`text` with every form of each key blanked out, for messages that end up in CI logs."""
    for key in keys:
        for form in key_forms(key):
            text = text.replace(form, "***")
    return text
