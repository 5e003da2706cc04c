"""Readable reports of what a client did wrong, built from an emulator's journal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

_CONTROLS = (*range(0x20), *range(0x7F, 0xA0))
_UNPRINTABLE = {code: f"\\x{code:02x}" for code in _CONTROLS}
_UNPRINTABLE |= {code: f"\\u{code:04x}" for code in (0xFFFE, 0xFFFF)}
"""Control characters (which terminals obey and XML 1.0 forbids) and XML's two non-characters."""


def printable(text: object) -> str:
    """`text` with each control character written as an escape (`\\x1b`), so a journaled path
    can neither drive a terminal nor make a JUnit report ill-formed XML."""
    return str(text).translate(_UNPRINTABLE)


def violating_entries(
    journal: Iterable[dict[str, Any]], *, ignored: set[tuple[int, int]] = frozenset()
) -> list[dict[str, Any]]:
    """Journal entries with violations, each keeping only the violations not in `ignored`.

    `ignored` holds (entry seq, index of the violation in that entry) pairs a test expected.
    """
    found = []
    for entry in journal:
        kept = [
            violation
            for index, violation in enumerate(entry["contract"])
            if (entry["seq"], index) not in ignored
        ]
        if kept:
            found.append({**entry, "contract": kept})
    return found


def format_violations(entries: list[dict[str, Any]], total_requests: int) -> str:
    """One block per request: method, path, status; then one line per violation."""
    lines = [
        f"lsq-mock: the client broke the LeadSquared API contract in {len(entries)} of "
        f"{total_requests} request(s):"
    ]
    for entry in entries:
        lines.extend(f"  {line}" for line in entry_lines(entry))
    return "\n".join(lines)


def format_report(entries: list[dict[str, Any]], total_requests: int) -> str:
    """The violations, then how a pytest user silences the ones they meant."""
    return (
        format_violations(entries, total_requests)
        + "\nFix the client, or mark the test @pytest.mark.lsq_mock(strict=False), or wrap the "
        "provoking call in `with lsq_mock.expect_violations(RULE):`."
    )


def entry_lines(entry: dict[str, Any]) -> list[str]:
    """`request #n METHOD path -> status`, then one indented line per violation of the entry."""
    head = f"request #{entry['seq']} {entry['method']} {entry['path']} -> {entry['status']}"
    lines = [printable(head)]
    for violation in entry["contract"]:
        row = f"row {violation['row']}  " if violation.get("row") else ""
        sent = f"  (sent: {violation['value']!r})" if violation.get("value") is not None else ""
        lines.append(
            printable(
                f"  {row}{violation['path']}  [{violation['rule']}]  {violation['message']}{sent}"
            )
        )
        if violation.get("hint"):
            lines.append(printable(f"      hint: {violation['hint']}"))
    if entry.get("contract_omitted"):
        more = "more than " if entry.get("contract_omitted_capped") else ""
        lines.append(f"  ... and {more}{entry['contract_omitted']} more violation(s) not described")
    return lines


def flatten(
    entries: Iterable[dict[str, Any]], *, expected: set[tuple[int, int]] = frozenset()
) -> list[dict[str, Any]]:
    """Every violation of `entries`, each with the request it was found in and whether a test
    expected it (`expected` as in `violating_entries`' `ignored`)."""
    return [
        {
            **violation,
            "request": {
                "seq": entry["seq"],
                "method": entry["method"],
                "path": entry["path"],
                "status": entry["status"],
            },
            "expected": (entry["seq"], index) in expected,
        }
        for entry in entries
        for index, violation in enumerate(entry["contract"])
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
