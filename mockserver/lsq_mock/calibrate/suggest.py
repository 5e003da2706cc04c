"""The settings that make the emulator answer as the tenant did: each disputed-answer setting, and
the one a difference's ledger entry names (`Chosen(..., setting)`: a limit, the body size), tried
with each value it may take on a fresh replay; a value is suggested when it removes differences
and adds none. No HTTP here: the replay is handed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from lsq_mock.calibrate.cassette import Cassette
from lsq_mock.calibrate.compare import Difference, parsed
from lsq_mock.calibrate.ledger_ids import LIMIT_ENTRIES
from lsq_mock.catalogue.ledger import LEDGER
from lsq_mock.catalogue.sources import Chosen
from lsq_mock.ratelimit import PLAN_CALLS_PER_5_SECONDS, RateLimit
from lsq_mock.settings import ANSWER_SETTINGS, CHOICES, Settings

LIMIT_SETTINGS = ("rate_limit", "bulk_rate_limit", "rate_limit_status")
OLDER_BULK_LIMITS = (RateLimit(5, 5.0), RateLimit(10, 5.0))
"""Bulk limits an older version of the vendor's rate-limits page gave (Pro, Super)."""
OVER_LIMIT = re.compile(r"limit of (\d+) in (\d+(?:\.\d+)?) second")
SETTING_OF = {
    behaviour.id: source.setting
    for behaviour in LEDGER
    for source in behaviour.sources
    if isinstance(source, Chosen) and source.setting
}
"""The setting that changes each chosen behaviour, by ledger id."""

Attempt = Callable[[Settings], tuple[Difference, ...]]
"""A replay of the cassette on an emulator of these settings: the differences it finds."""


@dataclass(frozen=True)
class SettingValue:
    """One setting's value, as a command-line option and as a `Settings` keyword."""

    setting: str
    value: Any

    @property
    def option(self) -> str:
        """The `lsq-mock serve` (and `verify`) option: `--plan pro`."""
        if self.setting == "rate_limit" and (plan := plan_of(self.value)) is not None:
            return f"--plan {plan}"
        value = "0" if isinstance(self.value, RateLimit) and not self.value.enabled else self.value
        return f"--{self.setting.replace('_', '-')} {value}"

    @property
    def keyword(self) -> str:
        """The `Settings(...)` keyword: `unauthorized_exception="MX..."`."""
        if self.setting == "rate_limit" and (plan := plan_of(self.value)) is not None:
            return f'plan="{plan}"'
        if isinstance(self.value, RateLimit):
            return f"{self.setting}=RateLimit({self.value.calls}, {self.value.seconds:g})"
        return f"{self.setting}={self.value!r}".replace("'", '"')

    @property
    def name(self) -> str:
        """The setting it sets; a plan is the account limit's."""
        return "rate_limit" if self.setting == "plan" else self.setting


@dataclass(frozen=True)
class Suggestion(SettingValue):
    """A setting's value that removes differences, and the differences it removes."""

    removes: tuple[Difference, ...] = ()

    @property
    def ledger(self) -> tuple[str, ...]:
        """The ledger entries of the differences it removes."""
        return tuple(dict.fromkeys(difference.ledger for difference in self.removes))


def changed_settings(settings: Settings) -> list[SettingValue]:
    """The answer settings (`ANSWER_SETTINGS`) of `settings` that are not the defaults."""
    default = Settings()
    changed = []
    for name in ANSWER_SETTINGS:
        value = getattr(settings, name)
        if name == "rate_limit" and settings.plan is not None:
            continue
        if value != getattr(default, name):
            changed.append(SettingValue(name, value))
    return changed


def merged(given: list[SettingValue], suggested: tuple[Suggestion, ...]) -> list[SettingValue]:
    """The settings given, each replaced by a suggestion for the same setting, then the rest."""
    names = {suggestion.name for suggestion in suggested}
    return [value for value in given if value.name not in names] + list(suggested)


def plan_of(limit: RateLimit) -> str | None:
    """The plan whose account limit `limit` is (the first in the vendor's table)."""
    for plan, calls in PLAN_CALLS_PER_5_SECONDS.items():
        if limit == RateLimit(calls, 5.0):
            return plan
    return None


def _key(difference: Difference) -> tuple[Any, ...]:
    """Where a difference is: its call and what of the answer (not its ledger entry, which a
    setting may move: a 429 the tenant answered 403 is first an account-limit difference, then,
    once the limit is right, a limit-status one)."""
    return (difference.seq, difference.aspect, difference.where)


def _improves(left: tuple[Difference, ...], before: tuple[Difference, ...]) -> bool:
    """Fewer differences, none of them new."""
    known = {_key(d) for d in before}
    return len(left) < len(before) and all(_key(d) in known for d in left)


def suggest(
    cassette: Cassette, settings: Settings, found: Iterable[Difference], attempt: Attempt
) -> tuple[tuple[Suggestion, ...], tuple[Difference, ...]]:
    """The suggestions, and the differences left once all of them are applied together.

    Greedy: each round applies the one setting's value that leaves fewest differences (and
    adds none), until none helps; a setting may help only once another is set (the tenant's
    403 over-limit status shows once its limit is right)."""
    left = tuple(found)
    current = settings
    suggestions: list[Suggestion] = []
    while True:
        best: tuple[str, Any, tuple[Difference, ...]] | None = None
        for setting in _settings_to_try(left):
            if any(suggestion.setting == setting for suggestion in suggestions):
                continue
            for value in _candidates(setting, current, cassette):
                result = attempt(_with(current, setting, value))
                if _improves(result, left) and (best is None or len(result) < len(best[2])):
                    best = (setting, value, result)
        if best is None:
            return tuple(suggestions), left
        setting, value, result = best
        kept = {_key(d) for d in result}
        suggestions.append(
            Suggestion(setting, value, removes=tuple(d for d in left if _key(d) not in kept))
        )
        current, left = _with(current, setting, value), result


def _settings_to_try(found: tuple[Difference, ...]) -> list[str]:
    """Every disputed-answer setting (a tenant may differ by any of them, whatever entry the
    difference shows under), and the limits' and the body size's when a difference is theirs."""
    named = {*CHOICES, *(SETTING_OF[d.ledger] for d in found if d.ledger in SETTING_OF)}
    if any(d.ledger in LIMIT_ENTRIES for d in found):
        named.update(LIMIT_SETTINGS)
    order = [*CHOICES, *LIMIT_SETTINGS, "max_body_bytes"]
    return sorted(named, key=lambda name: order.index(name) if name in order else len(order))


def _with(settings: Settings, setting: str, value: Any) -> Settings:
    if setting == "rate_limit":
        return replace(settings, rate_limit=value, plan=None)
    return replace(settings, **{setting: value})


def _candidates(setting: str, settings: Settings, cassette: Cassette) -> list[Any]:
    current = getattr(settings, setting)
    if setting in CHOICES:
        values: list[Any] = list(CHOICES[setting])
    elif setting == "rate_limit":
        values = [
            *_named_limits(cassette),
            *(RateLimit(c, 5.0) for c in PLAN_CALLS_PER_5_SECONDS.values()),
        ]
    elif setting == "bulk_rate_limit":
        values = [*_named_limits(cassette), *OLDER_BULK_LIMITS, RateLimit(0)]
    elif setting == "max_body_bytes":
        values = _body_limits(cassette)
    else:
        values = []
    return [value for value in dict.fromkeys(values) if value != current]


def _named_limits(cassette: Cassette) -> list[RateLimit]:
    """The limits the tenant's over-limit answers name ('the limit of 5 in 5 second(s)')."""
    found = []
    for entry in cassette.exchanges:
        assert entry.response is not None
        is_json, answer = parsed(entry.response.body)
        message = answer.get("ExceptionMessage") if is_json and isinstance(answer, dict) else None
        match = OVER_LIMIT.search(str(message or ""))
        if match:
            found.append(RateLimit(int(match.group(1)), float(match.group(2))))
    return found


def _body_limits(cassette: Cassette) -> list[int]:
    """Limits between the largest body the tenant took and the smallest it refused with 413."""
    taken = [
        len(e.request.body) for e in cassette.exchanges if e.response and e.response.status != 413
    ]
    refused = [
        len(e.request.body) for e in cassette.exchanges if e.response and e.response.status == 413
    ]
    values = [max(taken)] if taken else []
    if refused:
        values.append(min(refused) - 1)
    return [value for value in values if value >= 1]
