"""How the verdict reports read a journal entry's count of violations they do not describe."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock.journal.report import entry_lines

ENTRY: dict[str, Any] = {"seq": 3, "method": "POST", "path": "/v2/x", "status": 200}


@pytest.mark.parametrize(
    ("omitted", "capped", "last_line"),
    [
        (0, False, "request #3 POST /v2/x -> 200"),
        (42, False, "  ... and 42 more violation(s) not described"),
        (1000, True, "  ... and more than 1000 more violation(s) not described"),
    ],
)
def test_the_count_not_described_says_more_than_once_counting_stopped(
    omitted: int, capped: bool, last_line: str
) -> None:
    entry = {**ENTRY, "contract": [], "contract_omitted": omitted}
    entry["contract_omitted_capped"] = capped

    assert entry_lines(entry)[-1] == last_line
