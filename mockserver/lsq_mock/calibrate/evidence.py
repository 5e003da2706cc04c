"""`verify --ledger-out FILE`: what the tenant answered, as evidence for the fidelity ledger.

For each ledger entry a recorded call bears on: whether the tenant answered as the emulator does,
each answer observed (status, content type, ExceptionType, the message with ids, emails and long
numbers masked, the keys of the body), and an `Observed(...)` source ready to paste into the
ledger. No key, query string or record of the tenant is in it; docs/calibrate.md says how to send
it back. No HTTP here.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from lsq_mock.calibrate.cassette import Entry
from lsq_mock.calibrate.compare import Difference, Replayed, media_type, parsed
from lsq_mock.calibrate.suggest import changed_settings
from lsq_mock.catalogue.behaviours import BEHAVIOURS
from lsq_mock.catalogue.ledger import LEDGER
from lsq_mock.emulator.hosts import is_loopback_host

if TYPE_CHECKING:
    from lsq_mock.calibrate.verify import Verification

FORMAT = "lsq-mock-ledger-evidence"
VERSION = 1
_BY_ID = {behaviour.id: behaviour for behaviour in LEDGER}
_MASKS = (
    (
        re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
        "<id>",
    ),
    (re.compile(r"[^\s'\"<>@]+@[^\s'\"<>@]+"), "<email>"),
    (re.compile(r"\d{5,}"), "<number>"),
)
"""What a message may hold of the tenant's records: ids, emails, phone numbers."""


def masked(text: str) -> str:
    """`text` with ids, emails and long numbers replaced by `<id>`, `<email>`, `<number>`."""
    for pattern, mask in _MASKS:
        text = pattern.sub(mask, text)
    return text


def _observation(entry: Entry, replayed: Replayed, differences: list[Difference]) -> dict[str, Any]:
    assert entry.response is not None
    is_json, body = parsed(entry.response.body)
    observed: dict[str, Any] = {
        "call": f"{entry.request.method} {entry.request.path}",
        "status": entry.response.status,
        "content_type": media_type(entry.response.headers) or None,
    }
    if is_json and isinstance(body, dict):
        observed["keys"] = sorted(body)
        if "ExceptionType" in body:
            observed["exception_type"] = body["ExceptionType"]
            observed["exception_message"] = masked(str(body.get("ExceptionMessage")))
    elif is_json and isinstance(body, list):
        observed["keys"] = sorted({k for item in body if isinstance(item, dict) for k in item})
    if differences:
        observed["emulator_status"] = replayed.status
        observed["differences"] = [masked(f"[{d.ledger}] {d.describe()}") for d in differences]
    return observed


def _exercised(replayed: Replayed) -> list[str]:
    """The ledger entries the behaviours this call exercised rest on."""
    call = replayed.call
    if call is None:
        return []
    found = [e.ledger for e in BEHAVIOURS if e.in_call is not None and e.in_call(call)]
    return list(dict.fromkeys(ledger for ledgers in found for ledger in ledgers))


def _where(target: str) -> str:
    host = urlsplit(target).hostname or ""
    return "a stand-in on loopback" if is_loopback_host(host) else host


def _summary(difference: Difference) -> str:
    where = f" at {difference.where}" if difference.where else ""
    return masked(
        f"{difference.method} {difference.path}: {difference.aspect}{where}: the tenant's "
        f"{difference.tenant}, lsq-mock's {difference.emulator}"
    )


def ledger_evidence(verification: Verification) -> dict[str, Any]:
    """The evidence document (see the module's docstring)."""
    v = verification
    where, day = _where(str(v.cassette.header.get("target", ""))), v.cassette.recorded_on
    entries: dict[str, dict[str, Any]] = {}
    first: dict[str, Difference] = {}
    for difference in v.differences:
        first.setdefault(difference.ledger, difference)
    for entry, replayed in v.answers:
        differences = [d for d in v.differences if d.seq == entry.seq]
        differing = list(dict.fromkeys(d.ledger for d in differences))
        observation = _observation(entry, replayed, differences)
        for ledger in dict.fromkeys([*differing, *_exercised(replayed)]):
            behaviour = _BY_ID.get(ledger)
            if behaviour is None:
                continue
            record = entries.setdefault(
                ledger,
                {
                    "ledger": ledger,
                    "behaviour": behaviour.does,
                    "standing": behaviour.standing,
                    "agrees": True,
                    "observations": [],
                },
            )
            record["agrees"] = record["agrees"] and ledger not in differing
            record["observations"].append(observation)
    settings = [value.keyword for value in changed_settings(v.requested)]
    emulated = f"as lsq-mock emulates it{' with ' + ', '.join(settings) if settings else ''}"
    for ledger, record in entries.items():
        calls = len(record["observations"])
        said = f"{emulated} ({calls} call{'s' * (calls != 1)})"
        if not record["agrees"]:
            said = _summary(first[ledger])
        text = f"observed on your tenant ({where}), on {day}, by lsq-mock verify: {said}"
        record["source"] = f"Observed({json.dumps(text)})"
    return {
        "format": FORMAT,
        "version": VERSION,
        "observed_on": day,
        "where": where,
        "lsq_mock": version("lsq-mock"),
        "settings": {value.setting: str(value.value) for value in changed_settings(v.requested)},
        "entries": sorted(entries.values(), key=lambda r: (r["agrees"], r["ledger"])),
    }
