"""Keep a tenant's keys out of a cassette, in every form they can take.

Each access key and secret key the recorder sees (in the query string or the key headers) is
given a numbered placeholder (`lsq-mock-redacted:secret-key:1`), held in memory only. Every text
written is then scrubbed of each key however it is spelt: literally, percent-encoded (any case,
in part or whole, even twice), `+` for a space, or JSON-escaped. The numbers let `verify` tell
the calls made with the tenant's keys from those made with wrong ones, and say nothing of the
keys. No HTTP here.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_plus

REDACTED = "lsq-mock-redacted"
"""What stands in for a value never written (a cookie, an authorization header, a pass phrase)."""
ACCESS, SECRET = "access-key", "secret-key"
KEY_PLACEHOLDER = re.compile(rf"{REDACTED}:({ACCESS}|{SECRET}):(\d+)")
"""A key's placeholder in a cassette: its kind and its number."""
KEY_PARAMETERS = {"accesskey": ACCESS, "secretkey": SECRET}
KEY_HEADERS = {"x-lsq-accesskey": ACCESS, "x-lsq-secretkey": SECRET}
"""Where the API reads the keys (names compared in lower case)."""
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
"""Headers whose values are written as REDACTED whatever they hold."""
SECRET_FIELDS = frozenset({"passphrase"})
"""Keys of an answer's JSON whose values are secrets of the tenant (UserByAccessKey.Get's
PassPhrase), written as REDACTED."""
SCRUBBED_MIN_CHARS = 3
"""A key shorter than this is replaced where the API reads it, but not searched for in every
text (a one-letter key would scramble the whole cassette); real keys are over 30 characters."""


class KeyLeak(RuntimeError):
    """A text about to be written still holds a key: it is not written."""


def _hex(text: str) -> str:
    """`text` as a pattern whose hex digits match in either case (`%2f` as well as `%2F`)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in text)


def _spellings(char: str) -> str:
    """A pattern of every way one character of a key may be written in a URL, header or JSON."""
    percent = "".join(f"%{byte:02X}" for byte in char.encode())
    forms = [re.escape(char), _hex(percent), _hex(percent.replace("%", "%25"))]
    if ord(char) < 0x10000:
        forms.append(r"\\u" + _hex(f"{ord(char):04x}"))
    if char in '"\\/':
        forms.append(re.escape(f"\\{char}"))
    if char == " ":
        forms.append(r"\+")
    return "(?:" + "|".join(forms) + ")"


def key_pattern(key: str) -> re.Pattern[str]:
    """A pattern that finds `key` in any of the spellings a cassette could hold it in."""
    return re.compile("".join(_spellings(char) for char in key))


class KeyRedactor:
    """The keys seen so far and their placeholders; safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._numbers: dict[tuple[str, str], int] = {}
        self._patterns: tuple[tuple[re.Pattern[str], str], ...] = ()

    def placeholder(self, kind: str, key: str) -> str:
        """The placeholder of `key` (an ACCESS or SECRET key), numbered on first sight."""
        with self._lock:
            number = self._numbers.get((kind, key))
            if number is None:
                number = 1 + sum(1 for known, _ in self._numbers if known == kind)
                self._numbers[(kind, key)] = number
                if len(key) >= SCRUBBED_MIN_CHARS:
                    pattern = (key_pattern(key), f"{REDACTED}:{kind}:{number}")
                    # Longest first: a key that holds another is replaced whole.
                    self._patterns = tuple(
                        sorted((*self._patterns, pattern), key=lambda p: -len(p[0].pattern))
                    )
        return f"{REDACTED}:{kind}:{number}"

    def learn(self, query: str, headers: Iterable[tuple[str, str]]) -> None:
        """Note the keys a request carries (before anything of it is scrubbed)."""
        for name, value in _query_pairs(query):
            kind = KEY_PARAMETERS.get(unquote_plus(name).lower())
            if kind and value:
                self.placeholder(kind, unquote_plus(value))
        for name, value in headers:
            kind = KEY_HEADERS.get(name.lower())
            if kind and value:
                self.placeholder(kind, value)

    def query(self, query: str) -> str:
        """The raw query string with each key's value its placeholder; the rest as sent."""
        pairs = []
        for name, value in _query_pairs(query):
            kind = KEY_PARAMETERS.get(unquote_plus(name).lower())
            if kind and value:
                value = self.placeholder(kind, unquote_plus(value))
            pairs.append(name if value is None else f"{name}={value}")
        return self.scrub("&".join(pairs))

    def headers(self, headers: Iterable[tuple[str, str]]) -> list[list[str]]:
        """Header pairs with the keys as placeholders and secret headers REDACTED."""
        kept = []
        for name, value in headers:
            kind = KEY_HEADERS.get(name.lower())
            if kind and value:
                value = self.placeholder(kind, value)
            elif name.lower() in SECRET_HEADERS:
                value = REDACTED
            kept.append([name, self.scrub(value)])
        return kept

    def scrub(self, text: str) -> str:
        """`text` with every spelling of every key seen replaced by its placeholder."""
        for pattern, placeholder in self._patterns:
            text = pattern.sub(placeholder, text)
        return text

    def scrub_json_text(self, text: str) -> str:
        """A JSON answer's text scrubbed, and its secret fields (SECRET_FIELDS) REDACTED."""
        try:
            value = json.loads(text)
        except ValueError:
            return self.scrub(text)
        if _blank_secret_fields(value):
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return self.scrub(text)

    def check_clean(self, text: str) -> None:
        """Raise KeyLeak if `text` still holds a key in any spelling."""
        if any(pattern.search(text) for pattern, _ in self._patterns):
            raise KeyLeak("a key was about to be written to the cassette; nothing was written")


def _query_pairs(query: str) -> list[tuple[str, str | None]]:
    """The raw (still encoded) `name=value` pairs of a query string, in order."""
    pairs: list[tuple[str, str | None]] = []
    for part in query.split("&"):
        if part:
            name, equals, value = part.partition("=")
            pairs.append((name, value if equals else None))
    return pairs


def _blank_secret_fields(value: Any) -> bool:
    """Set every SECRET_FIELDS value inside `value` to REDACTED; whether one was found."""
    found = False
    if isinstance(value, dict):
        for key in value:
            if key.lower() in SECRET_FIELDS and value[key] is not None:
                value[key], found = REDACTED, True
            else:
                found |= _blank_secret_fields(value[key])
    elif isinstance(value, list):
        for item in value:
            found |= _blank_secret_fields(item)
    return found
