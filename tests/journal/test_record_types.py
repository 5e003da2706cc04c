"""The TypedDicts of the public records (lsq_mock.journal.types) are generated from their JSON
Schemas and up to date, and a real journal entry, verdict and event have exactly their keys."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from lsq_mock.journal.types import EventEntry, JournalEntry, VerdictEntry, ViolationEntry
from support.calls import post, row
from support.cli import ROOT
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import VISIT


def test_the_module_is_generated_from_the_schemas() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "scripts.make_types", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def keys_of(record: type) -> tuple[set[str], set[str]]:
    hints: Any = record
    return set(hints.__required_keys__), set(hints.__optional_keys__)


def test_records_have_the_keys_their_types_say(running: Running) -> None:
    post(running, BULK_UPDATE, [row(VISIT, ("mx_Custom_4", "2026-11-20T10:00:00Z"))])
    [entry] = running.emulator.journal.entries()
    [verdict] = running.emulator.verdicts.entries()
    [event] = running.emulator.events.entries()

    for record, typed in ((entry, JournalEntry), (verdict, VerdictEntry), (event, EventEntry)):
        required, optional = keys_of(typed)
        assert required <= set(record) <= required | optional, typed.__name__
    required, optional = keys_of(ViolationEntry)
    for finding in (entry["contract"][0], verdict["findings"][0]):
        assert required <= set(finding) <= required | optional
