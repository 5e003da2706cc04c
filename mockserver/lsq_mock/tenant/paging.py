"""Paging as every read of the live API does it: at most 1,000 rows a page, 25 unless asked."""

from __future__ import annotations

from lsq_mock.catalogue import rules
from lsq_mock.errors import InvalidData

DEFAULT_ROW_COUNT = 25
"""The page an activity read serves when the body names none (Retrieve's RowCount, the feeds'
PageSize)."""
MAX_PAGE_SIZE = 1000
"""The largest page any read serves (observed live: "PageSize can not be more than 1000.")."""


def checked_page_size(size: int, path: str) -> int:
    """`size`, or the live 500 for a page over MAX_PAGE_SIZE, at `path` (the body's page key)."""
    if size > MAX_PAGE_SIZE:
        raise InvalidData(
            f"PageSize can not be more than {MAX_PAGE_SIZE}.", path=path, rule=rules.PAGE_SIZE
        )
    return size
