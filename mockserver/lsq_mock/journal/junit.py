"""A JUnit XML report of an emulator's verdicts: a testcase per request, failed if it broke a
rule of the kinds that fail the run; other findings are kept as the testcase's output.

Every text in it comes through `printable`: a journaled path may hold characters XML forbids.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lsq_mock.catalogue.rules import FindingKind
from lsq_mock.journal.report import (
    FAIL_ON,
    SERVED_LIMIT_HINT,
    format_dropped,
    printable,
    verdict_lines,
)

SUITE_NAME = "lsq-mock contract"


def verdicts_to_junit(
    verdicts: Sequence[Mapping[str, Any]],
    kinds: frozenset[FindingKind] = FAIL_ON["contract"],
    *,
    base_url: str | None = None,
    lost: Mapping[str, int] | None = None,
) -> ET.ElementTree:
    """A <testsuite> whose testcases are the requests; findings of `kinds` become <failure>s.
    Failing findings of dropped verdicts (`lost`, by rule) fail one more testcase of their own."""
    failing_kinds = {kind.value for kind in kinds}
    cases = []
    failures = 0
    for verdict in verdicts:
        head, *lines = verdict_lines(verdict, base_url=base_url)
        case = ET.Element("testcase", classname=SUITE_NAME, name=head)
        failed = [f for f in verdict["findings"] if f["kind"] in failing_kinds]
        if failed:
            failures += 1
            first = failed[0]
            failure = ET.SubElement(
                case,
                "failure",
                message=printable(f"[{first['rule']}] {first['message']}"),
                type=first["kind"],
            )
            failure.text = "\n".join(line.strip() for line in lines)
        elif verdict["findings"]:
            ET.SubElement(case, "system-out").text = "\n".join(line.strip() for line in lines)
        cases.append(case)
    if lost:
        failures += 1
        case = ET.Element("testcase", classname=SUITE_NAME, name="dropped verdicts")
        report = format_dropped(lost, SERVED_LIMIT_HINT)
        ET.SubElement(case, "failure", message=printable(report), type="dropped")
        cases.append(case)
    suite = ET.Element(
        "testsuite",
        name=SUITE_NAME,
        tests=str(len(cases)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    suite.extend(cases)
    root = ET.Element("testsuites")
    root.append(suite)
    tree = ET.ElementTree(root)
    return tree


def write_junit(
    verdicts: Sequence[Mapping[str, Any]],
    path: Path,
    kinds: frozenset[FindingKind] = FAIL_ON["contract"],
    *,
    base_url: str | None = None,
    lost: Mapping[str, int] | None = None,
) -> None:
    """Write the JUnit report of `verdicts` (and of `lost` findings) to `path` (UTF-8, with an
    XML declaration)."""
    tree = verdicts_to_junit(verdicts, kinds, base_url=base_url, lost=lost)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
