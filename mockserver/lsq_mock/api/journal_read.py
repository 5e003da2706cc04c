"""GET /_mock/requests and /_mock/verdicts: the whole journal or the run's verdicts, or what a
poller has not seen (the journal in full or as rows)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lsq_mock.errors import InvalidInput
from lsq_mock.journal.exchange import Exchange
from lsq_mock.journal.log import BoundedLog
from lsq_mock.journal.summary import summarize
from lsq_mock.journal.verdicts import Verdict

READ_PARAMETERS = ("after", "limit", "summary")
"""Any of these asks for an incremental read, which also says which numbers the journal holds."""
MAX_DIGITS = 18


def read_journal(log: BoundedLog[Exchange], args: Mapping[str, str]) -> dict[str, Any]:
    """The journal's answer to a GET with query `args` (`violations`, `after`, `limit`, `summary`).

    Without the incremental parameters the answer is every entry, as it always was. With them:
    the entries numbered above `after` (at most `limit`), as summaries with `summary=true`, and
    `first` / `last`, the numbers of the oldest entry kept and the newest ever added, so a reader
    knows what was forgotten since it last looked.
    """
    violations_only = _flag(args, "violations")
    if not any(name in args for name in READ_PARAMETERS):
        entries = log.entries()
        if violations_only:
            entries = [entry for entry in entries if entry["contract"]]
        return {
            "requests": entries,
            "dropped": log.dropped,
            "limit": log.limit,
            "byte_limit": log.byte_limit,
        }
    first, last = log.numbers
    numbered = log.numbered_after(_after(args), _count(args, "limit", 1, None))
    if violations_only:
        numbered = [(seq, exchange) for seq, exchange in numbered if exchange.contract]
    if _flag(args, "summary"):
        entries = [summarize(seq, exchange) for seq, exchange in numbered]
    else:
        entries = [{**exchange.to_dict(), log.sequence_key: seq} for seq, exchange in numbered]
    return {
        "requests": entries,
        "dropped": log.dropped,
        "limit": log.limit,
        "byte_limit": log.byte_limit,
        "first": first,
        "last": last,
    }


def read_verdicts(
    log: BoundedLog[Verdict], dropped_findings: Mapping[str, int], args: Mapping[str, str]
) -> dict[str, Any]:
    """The verdicts' answer to a GET with query `args` (`after`, `limit`): every verdict kept,
    or those numbered above `after` (at most `limit`), with `first` / `last`, `dropped` and
    the rules the dropped ones broke (`dropped_findings`), which a check must still count."""
    first, last = log.numbers
    numbered = log.numbered_after(_after(args), _count(args, "limit", 1, None))
    return {
        "verdicts": [{**verdict.to_dict(), log.sequence_key: seq} for seq, verdict in numbered],
        "dropped": log.dropped,
        "dropped_findings": dict(dropped_findings),
        "limit": log.limit,
        "byte_limit": log.byte_limit,
        "first": first,
        "last": last,
    }


def _after(args: Mapping[str, str]) -> int:
    """The `after` parameter: 0 when not given."""
    return _count(args, "after", 0) or 0


def _flag(args: Mapping[str, str], name: str) -> bool:
    return args.get(name) == "true"


def _count(args: Mapping[str, str], name: str, minimum: int, default: int | None = 0) -> int | None:
    text = args.get(name)
    if text is None:
        return default
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS) or int(text) < minimum:
        raise InvalidInput(
            f"Invalid Input! {name} must be an integer of at least {minimum}; got {text[:40]!r}",
            path=f"?{name}",
        )
    return int(text)
