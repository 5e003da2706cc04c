"""A stand-in tenant that answers otherwise than the emulator: its app's answers rewritten."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from werkzeug.wrappers import Request, Response


def rewrite_answers(app: Flask, rewrite: Callable[[Request, Response], Response]) -> None:
    """Make `app` answer `rewrite(request, answer)` instead of each answer it gives."""
    inner = app.wsgi_app

    def rewritten(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        answer = Response.from_app(inner, environ, buffered=True)
        return rewrite(request, answer)(environ, start_response)

    app.wsgi_app = rewritten  # type: ignore[method-assign]
