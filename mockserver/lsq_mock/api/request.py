"""The request classes: a body of unknown length (chunked) is bounded like any other.

werkzeug reads a chunked body through a stream limited to MAX_CONTENT_LENGTH that simply stops
there, so a larger body was cut to the limit and parsed as if it were whole (its JSON could
still be valid), never refused. Here one byte past the limit is the 413 a Content-Length over
the limit gets.
"""

from __future__ import annotations

from typing import IO, cast

import flask
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import cached_property
from werkzeug.wrappers import Request
from werkzeug.wsgi import LimitedStream


class _AtMost(LimitedStream):
    """A stream of unknown length read to at most `limit` bytes: one byte more is 413."""

    def __init__(self, stream: IO[bytes], limit: int):
        super().__init__(stream, limit + 1, is_max=True)
        self.most = limit

    def readinto(self, buffer: bytearray) -> int | None:  # type: ignore[override]
        read = super().readinto(buffer)
        if self.tell() > self.most:
            raise RequestEntityTooLarge()
        return read


class BoundedRequest(Request):
    """werkzeug's request, with a chunked body over the size limit refused, never cut short."""

    @cached_property
    def stream(self) -> IO[bytes]:
        """The body, read to at most `max_content_length` bytes whatever its framing."""
        limit = self.max_content_length
        if (
            limit is not None
            and self.content_length is None
            and self.environ.get("wsgi.input_terminated")
        ):
            return cast(IO[bytes], _AtMost(self.environ["wsgi.input"], limit))
        return super().stream


class BoundedFlaskRequest(BoundedRequest, flask.Request):
    """Flask's request (the control plane's), bounded the same way."""
