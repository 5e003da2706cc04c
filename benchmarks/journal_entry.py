"""A journal entry of one bulk update, built without a request: for the benchmarks that fill a
journal to time what reads it (`python -m benchmarks.bench_coverage`, `.bench_inspector`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from lsq_mock.contract.violations import Violation
from lsq_mock.journal.exchange import Exchange


def bulk_call_entry(
    timestamp: datetime,
    rows: list[dict[str, Any]],
    answer: dict[str, Any],
    contract: tuple[Violation, ...] = (),
) -> Exchange:
    """A 200 bulk update of `rows` answered `answer`, journaled with `contract`."""
    return Exchange(
        timestamp=timestamp,
        method="POST",
        host="127.0.0.1",
        path="/v2/ProspectActivity.svc/Bulk/CustomActivity/Update",
        query=(("accessKey", "u$r"), ("secretKey", "***")),
        headers=(("Content-Type", "application/json"),),
        json_body=json.dumps(rows).encode(),
        text_body=None,
        body_cut=None,
        status=200,
        response=json.dumps(answer).encode(),
        response_cut=None,
        contract=contract,
        contract_omitted=0,
        fault=None,
    )
