"""The attacks lsq-mock must survive, written once: the tests hold each one, and
benchmarks/abuse.py replays them all against `lsq-mock serve` (it puts tests/ on its path).

Raw HTTP requests are strings, sent as they are written (latin-1 where not ASCII).
"""

from __future__ import annotations

import json

from lsq_mock.contract.jsonread import MAX_NESTING
from support.paths import BULK_UPDATE, CREATE
from support.seeded import DEMO, LEAD
from support.served import QUERY

LIMIT = 2 * 1024 * 1024
"""The default body size limit."""
POST_HEAD = (
    f"POST {BULK_UPDATE}?{QUERY} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
    "Connection: close\r\n"
)
CHUNKED = POST_HEAD + "Transfer-Encoding: chunked\r\n\r\n"
TRANSPORT_ATTACKS = {
    "chunk-size-not-hex": (
        CHUNKED + "ZZ\r\n[]\r\n0\r\n\r\n",
        {"werkzeug": (400, "could not be read"), "waitress": (400, "Invalid chunk size")},
    ),
    "chunk-size-not-hex-then-silence": (
        CHUNKED + "zz\r\n",  # and the connection left open: answered all the same
        {"werkzeug": (400, "could not be read"), "waitress": (400, "Invalid chunk size")},
    ),
    "chunk-size-negative": (
        CHUNKED + "-2\r\n[]\r\n0\r\n\r\n",
        {"werkzeug": (400, "could not be read"), "waitress": (400, "Invalid chunk size")},
    ),
    "chunk-without-crlf": (
        CHUNKED + "2\r\n[]XX1\r\n]\r\n0\r\n\r\n",
        {"werkzeug": (400, "could not be read"), "waitress": (400, "not properly terminated")},
    ),
    "double-slash": (
        f"GET /v2//ProspectActivity.svc/ActivityTypes.Get?{QUERY} HTTP/1.1\r\nHost: t\r\n"
        "Connection: close\r\n\r\n",
        {"werkzeug": (404, "could not be found"), "waitress": (404, "could not be found")},
    ),
    "invalid-content-length": (
        POST_HEAD + "Content-Length: abc\r\n\r\n[]",
        {"werkzeug": (400, "not valid JSON"), "waitress": (400, "Content-Length is invalid")},
    ),
    "gzip-transfer-encoding": (
        POST_HEAD + "Transfer-Encoding: gzip\r\n\r\n[]",
        {"werkzeug": (400, "not valid JSON"), "waitress": (501, "Transfer-Encoding")},
    ),
    "request-line-over-64k": (
        f"GET /v2/{'a' * 70_000} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        {"werkzeug": (414, "Request-URI Too Long"), "waitress": (404, "could not be found")},
    ),
    "header-line-over-64k": (
        f"GET /v2/x HTTP/1.1\r\nHost: t\r\nX-Big: {'a' * 70_000}\r\nConnection: close\r\n\r\n",
        {"werkzeug": (431, "Line too long"), "waitress": (404, "could not be found")},
    ),
    "over-100-headers": (
        "GET /v2/x HTTP/1.1\r\nHost: t\r\n"
        + "".join(f"X-H{n}: v\r\n" for n in range(120))
        + "Connection: close\r\n\r\n",
        {"werkzeug": (431, "Too many headers"), "waitress": (404, "could not be found")},
    ),
    "malformed-request-line": (
        "GET /x y HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        {"werkzeug": (400, "Bad request syntax"), "waitress": (400, "Start line is invalid")},
    ),
    "one-word-request-line": (
        "HELLO\r\n\r\n",
        {"werkzeug": (400, "Bad request syntax"), "waitress": (400, "Start line is invalid")},
    ),
    "http-9": (
        "GET /v2/x HTTP/9.9\r\nHost: t\r\nConnection: close\r\n\r\n",
        {"werkzeug": (505, "Invalid HTTP version"), "waitress": (404, "could not be found")},
    ),
    "http-0.9": (
        "GET /v2/x\r\n\r\n",
        {"werkzeug": (400, "HTTP/0.9"), "waitress": (404, "could not be found")},
    ),
}
"""Each malformed request, and what each server answers it: {server: (status, message part)}."""


def chunked(body: bytes, size: int = 65536) -> bytes:
    """`body` in chunked framing, `size` bytes a chunk."""
    chunks = [body[at : at + size] for at in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"


NESTED_TOO_DEEP = "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1)
ADMIN_BODIES = {
    "nan": ('{"latency_seconds": NaN}', "NaN is not JSON"),
    "infinity": ('{"latency_seconds": Infinity}', "Infinity is not JSON"),
    "1e400": ('{"rate_limit": {"calls": 1, "seconds": 1e400}}', "out of range"),
    "surrogate-value": ('{"webhook_url": "http://\\ud800"}', "lone UTF-16 surrogate"),
    "surrogate-key": ('{"\\udc00": 1}', "lone UTF-16 surrogate"),
    "utf8-surrogate": (b'{"webhook_url": "http://\xed\xa0\x80"}', "lone UTF-16 surrogate"),
    "deep": (f'{{"credentials": {NESTED_TOO_DEEP}}}', "nested too deeply"),
    "very-deep": ("[" * 100_000, "nested too deeply"),
}
"""Bodies the strict JSON reader refuses, each with a fragment of the 400's message."""
ADMIN_ROUTES = [
    ("PATCH", "/_mock/config"),
    ("POST", "/_mock/faults"),
    ("POST", "/_mock/seed"),
    ("POST", "/_mock/clock"),
    ("POST", "/_mock/reset"),
]
"""Every admin route that takes a JSON body."""
SURROGATE_BODIES = {
    # json.dumps writes a lone surrogate as its escape: the body is ASCII.
    "key": (BULK_UPDATE, json.dumps([{"ProspectActivityId": DEMO, "\ud800": "x"}])),
    "value": (BULK_UPDATE, json.dumps([{"ProspectActivityId": DEMO, "ActivityNote": "a\udfffb"}])),
    "create-key": (
        CREATE,
        json.dumps({"RelatedProspectId": LEAD, "ActivityEvent": 203, "\udbff": 1}),
    ),
}
"""Bodies of the emulated API with a lone surrogate in a key or a value: (path, body)."""
