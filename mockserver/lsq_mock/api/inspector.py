"""The inspector page at /_mock/ui/: static files shipped in the package, holding no data.

The page fetches everything it shows from the control plane with the admin token, so its files
are served without one (the page asks for the token). Its Content-Security-Policy lets only its
own files run: whatever a journaled body holds, no script in it can.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

from lsq_mock.errors import NotFound

UI_PATH = "/_mock/ui/"
UI_DIR = Path(__file__).resolve().parent.parent / "ui"
ASSETS = frozenset(path.name for path in UI_DIR.iterdir() if path.suffix in {".css", ".js", ".svg"})
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)

bp = Blueprint("inspector", __name__, url_prefix=UI_PATH.rstrip("/"))


@bp.get("/")
def page() -> Response:
    """The page itself."""
    return send_from_directory(UI_DIR, "index.html", max_age=0)


@bp.get("/<asset>")
def asset(asset: str) -> Response:
    """One of the page's scripts, its style sheet or its icon; 404 with the envelope otherwise."""
    if asset not in ASSETS:
        raise NotFound(f"The inspector has no file {asset[:100]!r}")
    return send_from_directory(UI_DIR, asset, max_age=0)


@bp.after_request
def lock_down(response: Response) -> Response:
    """Only the page's own files may run, be fetched or frame it; revalidate every load."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-cache"
    return response
