"""A journal entry of one bulk update, and its verdict, built without a request: for the
benchmarks that fill a journal or the run's verdicts to time what reads them
(`python -m benchmarks.bench_coverage`, `.bench_inspector`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from lsq_mock.contract.violations import Violation
from lsq_mock.journal.exchange import Exchange
from lsq_mock.journal.verdicts import Verdict


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


def bulk_call_verdict(timestamp: datetime, rows: int, request: int = 1) -> Verdict:
    """The verdict of a 200 bulk update of `rows` rows, keys in the query, nothing found."""
    return Verdict(
        request=request,
        timestamp=timestamp,
        method="POST",
        path="/v2/ProspectActivity.svc/Bulk/CustomActivity/Update",
        endpoint="bulk-update",
        status=200,
        findings=(),
        omitted=0,
        fault=None,
        fault_status=None,
        rate_limit=None,
        keys_in_query=True,
        keys_in_headers=False,
        skips_dropdowns_in_query=False,
        skips_dropdowns_on_a_row=False,
        rows=rows,
    )
