"""Text shared by the generated docs: the ledger's standings in order, and table cells."""

from __future__ import annotations

STANDINGS = ("documented", "observed", "chosen", "not emulated")
"""The ledger's kinds of source, in the order the docs count them."""


def cell(text: str) -> str:
    """`text` on one line, safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "/")
