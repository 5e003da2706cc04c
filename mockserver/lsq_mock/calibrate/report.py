"""What `lsq-mock verify` prints: each difference with its ledger entry, the settings that remove
differences (as a `serve` command line and a `Settings(...)` snippet), what no setting removes,
and the command that goes green. Also its JUnit XML form, for CI. No HTTP here."""

from __future__ import annotations

import shlex
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lsq_mock.calibrate.compare import Difference
from lsq_mock.calibrate.suggest import SETTING_OF, changed_settings, merged
from lsq_mock.catalogue.ledger import LEDGER

if TYPE_CHECKING:
    from lsq_mock.calibrate.verify import Verification

DOES = {behaviour.id: behaviour.does for behaviour in LEDGER}
SUITE_NAME = "lsq-mock verify"
_KINDS = ("activity type", "lead", "activity")


def _plural(count: int, word: str) -> str:
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{count} {word if count == 1 else plural}"


def _seed_line(verification: Verification) -> str:
    counts = verification.seed_counts.values()
    held = ", ".join(_plural(n, kind) for n, kind in zip(counts, _KINDS, strict=True))
    return f"  seed: {verification.seed_origin} ({held})"


def _by_call(differences: tuple[Difference, ...]) -> list[str]:
    lines, call = [], None
    for difference in differences:
        if difference.call != call:
            call = difference.call
            lines.append(f"  {call}  (line {difference.line})")
        lines.append(f"    [{difference.ledger}] {difference.describe()}")
    return lines


def report_lines(verification: Verification, cassette_arg: str) -> list[str]:
    """The report, line by line; `cassette_arg` is the cassette as the user named it."""
    v = verification
    header = v.cassette.header
    lines = [
        f"lsq-mock verify: {_plural(len(v.answers), 'call')} of {cassette_arg} "
        f"({header.get('target')}, recorded {v.cassette.recorded_on}) replayed",
        _seed_line(v),
    ]
    skipped = Counter(entry.kind for entry in v.cassette.entries if entry.kind != "exchange")
    if skipped:
        lines.append(
            f"  not replayed: {_plural(skipped['refused'], 'write')} refused while recording, "
            f"{_plural(skipped['failed'], 'call')} the target never answered"
        )
    if not v.limits_replayed:
        lines.append(
            "  rate limits: off (the tenant never answered over its limit in this recording)"
        )
    if v.accepted:
        lines += ["", f"{_plural(len(v.accepted), 'difference')} accepted (--accept):"]
        lines += _by_call(v.accepted)
    for stale in v.stale_accepts:
        lines.append(f"note: --accept {stale} matches no difference any more: drop it")
    if v.passed:
        lines += ["", "OK: the emulator answers every recorded call as the tenant did"]
        return lines
    lines += ["", f"{_plural(len(v.unaccepted), 'difference')}:", *_by_call(v.unaccepted)]
    lines += _suggestion_lines(v)
    lines += _unremovable_lines(v)
    lines += ["", "To go green:", f"  {green_command(v, cassette_arg)}"]
    lines += ["", f"FAILED: {_plural(len(v.unaccepted), 'difference')} to settle"]
    return lines


def _suggestion_lines(v: Verification) -> list[str]:
    if not v.suggestions:
        return []
    lines = ["", "Settings that remove differences:"]
    for suggestion in v.suggestions:
        ledger = ", ".join(suggestion.ledger)
        removed = _plural(len(suggestion.removes), "difference")
        lines.append(f"  [{ledger}] {suggestion.option}  (removes {removed})")
    lines += [
        "  as a command line:",
        f"    {serve_command(v)}",
        "  in Python:",
        f"    {settings_snippet(v)}",
    ]
    return lines


def _unremovable_lines(v: Verification) -> list[str]:
    left = Counter(d.ledger for d in v.left_with_suggestions if d.ledger not in v.accepted_ids)
    if not left:
        return []
    lines = [
        "",
        "No setting removes these; once your client is known to cope with them, accept them:",
    ]
    for ledger, count in left.items():
        setting = SETTING_OF.get(ledger)
        tried = f"; its setting {setting} did not remove it" if setting else ""
        lines.append(
            f"  [{ledger}] {DOES.get(ledger, ledger)} ({_plural(count, 'difference')}{tried})"
        )
    return lines


def serve_command(v: Verification) -> str:
    """`lsq-mock serve` with the settings given and those suggested."""
    options = [value.option for value in merged(changed_settings(v.requested), v.suggestions)]
    return " ".join(["lsq-mock serve", *options])


def settings_snippet(v: Verification) -> str:
    """`Settings(...)` with the settings given and those suggested."""
    values = merged(changed_settings(v.requested), v.suggestions)
    keywords = ", ".join(value.keyword for value in values)
    return f"Settings({keywords})"


def green_command(v: Verification, cassette_arg: str) -> str:
    """The `lsq-mock verify` that passes: suggested settings applied, the rest accepted."""
    words = ["lsq-mock", "verify", cassette_arg]
    if v.seed_origin.startswith("--seed "):
        words += ["--seed", v.seed_origin.removeprefix("--seed ")]
    for value in merged(changed_settings(v.requested), v.suggestions):
        words += value.option.split(" ", 1)
    accepts = {d.ledger for d in v.left_with_suggestions} | (v.accepted_ids - set(v.stale_accepts))
    for ledger in sorted(accepts):
        words += ["--accept", ledger]
    return shlex.join(words)


def write_junit(v: Verification, path: Path, clean: Callable[[str], str]) -> None:
    """One testcase per recorded call: failed by a difference, skipped if all are accepted.
    Every text goes through `clean` (a recorded path may hold characters XML forbids)."""
    suite = ET.Element(
        "testsuite",
        name=SUITE_NAME,
        tests=str(len(v.answers)),
        failures=str(len({d.seq for d in v.unaccepted})),
        errors="0",
        skipped=str(len({d.seq for d in v.accepted} - {d.seq for d in v.unaccepted})),
    )
    for entry, _ in v.answers:
        name = clean(f"#{entry.seq} {entry.request.method} {entry.request.path}")
        case = ET.SubElement(suite, "testcase", classname=SUITE_NAME, name=name)
        failing = [d for d in v.unaccepted if d.seq == entry.seq]
        accepted = [d for d in v.accepted if d.seq == entry.seq]
        if failing:
            first = failing[0]
            failure = ET.SubElement(
                case,
                "failure",
                type="difference",
                message=clean(f"[{first.ledger}] {first.describe()}"),
            )
            failure.text = "\n".join(clean(f"[{d.ledger}] {d.describe()}") for d in failing)
        elif accepted:
            ET.SubElement(
                case,
                "skipped",
                message="accepted: " + ", ".join(sorted({d.ledger for d in accepted})),
            )
    root = ET.Element("testsuites")
    root.append(suite)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
