"""Flask's JSON answers as this app configures them (compact, keys in insertion order), written by
`compact_json`: the same bytes as Flask's own provider, faster."""

from __future__ import annotations

from typing import Any

from flask.json.provider import DefaultJSONProvider
from werkzeug.sansio.response import Response

from lsq_mock.contract.jsonwrite import compact_json


class CompactJSONProvider(DefaultJSONProvider):
    """Flask's default provider, compact and unsorted, whose answers `compact_json` writes."""

    sort_keys = False
    compact = True

    def response(self, *args: Any, **kwargs: Any) -> Response:
        """The JSON answer of `args` or `kwargs`, as Flask's provider makes it (newline too)."""
        if self.compact is not True or self.sort_keys:
            return super().response(*args, **kwargs)
        text = compact_json(self._prepare_response_obj(args, kwargs), self.default)
        return self._app.response_class(f"{text}\n", mimetype=self.mimetype)
