"""A JUnit XML report of an emulator's journal: a testcase per request, failed if it broke rules.

Every text in it comes through `printable`: a journaled path may hold characters XML forbids.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from lsq_mock_contract.report import entry_lines, printable

SUITE_NAME = "lsq-mock contract"


def journal_to_junit(entries: list[dict[str, Any]]) -> ET.ElementTree:
    """A <testsuite> whose testcases are the journaled requests; violations become <failure>s."""
    failing = sum(1 for entry in entries if entry["contract"])
    suite = ET.Element(
        "testsuite",
        name=SUITE_NAME,
        tests=str(len(entries)),
        failures=str(failing),
        errors="0",
        skipped="0",
    )
    for entry in entries:
        head, *violations = entry_lines(entry)
        case = ET.SubElement(suite, "testcase", classname=SUITE_NAME, name=head)
        if entry["contract"]:
            first = entry["contract"][0]
            failure = ET.SubElement(
                case,
                "failure",
                message=printable(f"[{first['rule']}] {first['message']}"),
                type="contract",
            )
            failure.text = "\n".join(line.strip() for line in violations)
    tree = ET.ElementTree(ET.Element("testsuites"))
    tree.getroot().append(suite)
    return tree


def write_junit(entries: list[dict[str, Any]], path: Path) -> None:
    """Write the JUnit report of `entries` to `path` (UTF-8, with an XML declaration)."""
    tree = journal_to_junit(entries)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
