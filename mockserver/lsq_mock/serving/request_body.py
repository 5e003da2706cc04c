"""What werkzeug's handler reads a request body through: a body of known length that counts what
the app reads of it, and a chunked body that keeps its framing error."""

from __future__ import annotations

import io


class CountedBody(io.RawIOBase):
    """A request body of known length, counting what the app reads of it: only a connection
    whose body was read whole can carry the next request."""

    def __init__(self, stream: io.BufferedIOBase, length: int):
        self._stream = stream
        self.left = length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        read = self._stream.readinto(buffer)
        self.left -= read
        return read


class FramingErrorStays(io.RawIOBase):
    """A chunked body that, once its framing is found broken (`zz` for a chunk size), fails
    every later read at once. werkzeug's reader would go on to read the next line as a chunk
    size: a second read of the body (the journal's) then waited for the client to send one more
    line or hang up, and the 400 was answered only then."""

    def __init__(self, stream: io.RawIOBase):
        self._stream = stream
        self._broken: OSError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if self._broken is not None:
            raise OSError(*self._broken.args)
        try:
            return self._stream.readinto(buffer) or 0
        except OSError as error:
            self._broken = error
            raise


NOTHING_MORE = io.BytesIO()
"""What werkzeug's after-answer drain reads on a kept-alive connection: nothing."""
