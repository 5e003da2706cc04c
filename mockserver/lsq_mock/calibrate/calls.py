"""A recorded request made ready to send to an emulator: the keys put back (the emulator's own
where the tenant accepted the recorded ones, wrong ones where it refused them) and the ids the
tenant generated swapped for those the emulator generated. No HTTP here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from lsq_mock.calibrate.cassette import Entry, Request
from lsq_mock.calibrate.redact import ACCESS, KEY_PLACEHOLDER, SECRET
from lsq_mock.settings import Credential

UNAUTHORIZED = 401
WRONG_KEYS = Credential("u$rlsqmock-calibrate-wrong-access-key", "lsqmock-calibrate-wrong-secret")
"""What a call the tenant refused for its keys carries in the replay: keys no emulator holds."""
ID_KEYS = frozenset({"activityevent", "eventcode"})
"""Keys besides those ending in `id` whose numbers are generated (CreateType's new event code)."""

MIN_ID_CHARS = 8

KeyPair = tuple[int | None, int | None]
"""The numbers of a call's access key and secret key placeholders (None: not sent)."""


@dataclass(frozen=True)
class Call:
    """What is sent to the emulator for one recorded request."""

    method: str
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


def key_pair(request: Request) -> KeyPair:
    """The placeholder numbers of the keys `request` carried."""
    found: dict[str, int] = {}
    texts = [request.query, *(value for _, value in request.headers)]
    for text in texts:
        for match in KEY_PLACEHOLDER.finditer(text):
            found.setdefault(match.group(1), int(match.group(2)))
    return found.get(ACCESS), found.get(SECRET)


def accepted_pairs(exchanges: Iterable[Entry]) -> frozenset[KeyPair]:
    """The key pairs the tenant let in: seen on an answer other than 401."""
    return frozenset(
        key_pair(entry.request)
        for entry in exchanges
        if entry.response is not None and entry.response.status != UNAUTHORIZED
    )


@dataclass
class IdMap:
    """The ids the tenant generated, each with the one the emulator generated in its place."""

    ids: dict[Any, Any] = field(default_factory=dict)

    def learn(self, recorded: Any, replayed: Any, key: str = "") -> None:
        """Pair the ids found at the same places of two answers (walked together)."""
        if isinstance(recorded, dict) and isinstance(replayed, dict):
            for name in recorded.keys() & replayed.keys():
                self.learn(recorded[name], replayed[name], name)
        elif isinstance(recorded, list) and isinstance(replayed, list):
            for one, other in zip(recorded, replayed, strict=False):
                self.learn(one, other, key)
        elif (
            _is_id_key(key)
            and _is_id(recorded)
            and type(recorded) is type(replayed)
            and recorded != replayed
        ):
            self.ids[recorded] = replayed

    def text(self, text: str) -> str:
        """`text` (a path, a query value) with each recorded string id swapped."""
        for recorded, replayed in self.ids.items():
            if isinstance(recorded, str) and recorded:
                text = text.replace(recorded, replayed)
        return text

    def value(self, value: Any, key: str = "") -> Any:
        """A JSON value with its recorded ids swapped (numbers only under id keys)."""
        if isinstance(value, dict):
            return {name: self.value(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [self.value(item, key) for item in value]
        if isinstance(value, str) and value in self.ids:
            return self.ids[value]
        if isinstance(value, int) and not isinstance(value, bool) and _is_id_key(key):
            return self.ids.get(value, value)
        return value


def _is_id_key(key: str) -> bool:
    """`Id`, `ID`, `ProspectActivityId`, `RelatedProspectId`, an event code (not `IsValid`)."""
    return key.endswith(("Id", "ID")) or key.lower() in ("id", *ID_KEYS)


def _is_id(value: Any) -> bool:
    """A generated id: a number, or a text long enough not to be a word (`Home`)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, str) and len(value) >= MIN_ID_CHARS)


def replay_call(
    request: Request, credential: Credential, accepted: frozenset[KeyPair], ids: IdMap
) -> Call:
    """`request` as the emulator is sent it: keys of `credential` for a pair the tenant let
    in, wrong ones otherwise; generated ids swapped."""
    pair = key_pair(request)
    valid = pair in accepted
    known_access = {access for access, _ in accepted}
    access = credential.access_key if valid or pair[0] in known_access else WRONG_KEYS.access_key
    secret = credential.secret_key if valid else WRONG_KEYS.secret_key
    keys = {ACCESS: access, SECRET: secret}

    def keyed(text: str, *, encoded: bool) -> str:
        def put_back(match: Any) -> str:
            key = keys[match.group(1)]
            return quote(key, safe="") if encoded else key

        return KEY_PLACEHOLDER.sub(put_back, text)

    return Call(
        method=request.method,
        path=ids.text(request.path),
        query=ids.text(keyed(request.query, encoded=True)),
        headers=tuple((name, keyed(value, encoded=False)) for name, value in request.headers),
        body=_body(request.body, ids, keys),
    )


def _body(body: bytes, ids: IdMap, keys: dict[str, str]) -> bytes:
    text = body.decode("utf-8", errors="surrogateescape")
    text = KEY_PLACEHOLDER.sub(lambda match: keys[match.group(1)], text)
    if ids.ids:
        try:
            value = json.loads(text)
        except ValueError:
            text = ids.text(text)
        else:
            swapped = ids.value(value)
            if swapped != value:
                text = json.dumps(swapped, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", errors="surrogateescape")
