"""waitress's own error answers (a malformed request line or chunk, headers too large, a body far
over the limit) as the LeadSquared envelope instead of waitress's plain text. Imported only with
the optional waitress server."""

from __future__ import annotations

from waitress.channel import HTTPChannel
from waitress.task import ErrorTask

from lsq_mock.errors import transport_error


class EnvelopeErrorTask(ErrorTask):  # type: ignore[misc]
    """What waitress answers by itself, before the app, with the JSON envelope and its status."""

    limit_bytes = 0
    """The app's body limit, named in the envelope of a 413."""

    def execute(self) -> None:
        error = self.request.error
        body = transport_error(error.code, str(error.body), limit_bytes=self.limit_bytes).to_json()
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", "application/json"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


def envelope_channel(limit_bytes: int) -> type[HTTPChannel]:
    """A waitress connection class whose own error answers are the envelope."""
    task = type("EnvelopeErrorTask", (EnvelopeErrorTask,), {"limit_bytes": limit_bytes})
    return type("EnvelopeChannel", (HTTPChannel,), {"error_task_class": task})
