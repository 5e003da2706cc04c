"""Two clients for the conformance kit: one that honours the contract, one that does not."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import requests

from support.paths import BULK_UPDATE as BULK

BATCH = 25
ATTEMPTS = 5
WINDOW = re.compile(r"in (\d+(?:\.\d+)?) second")


class LeadSquaredError(RuntimeError):
    """The API refused the call, or kept failing after the retries."""


def good_adapter(
    updates: list[dict[str, Any]],
    base_url: str,
    access_key: str,
    secret_key: str,
    sleep: Callable[[float], None] = time.sleep,
) -> list[dict[str, Any]]:
    """Header keys, batches of 25, 429 and 5xx retries waiting with `sleep`; returns the failed
    rows with their ids."""
    failures = []
    with requests.Session() as http:
        http.headers.update({"x-LSQ-AccessKey": access_key, "x-LSQ-SecretKey": secret_key})
        for start in range(0, len(updates), BATCH):
            batch = updates[start : start + BATCH]
            answer = _post(http, base_url + BULK, [_row(update) for update in batch], sleep)
            for result in answer.json()["Response"]:
                if not result["ActivityUpdated"]:
                    row = batch[result["RowNumber"] - 1]
                    failures.append({**result, "ProspectActivityId": row["ProspectActivityId"]})
    return failures


def _post(
    http: requests.Session,
    url: str,
    rows: list[dict[str, Any]],
    sleep: Callable[[float], None],
) -> requests.Response:
    for attempt in range(ATTEMPTS):
        try:
            answer = http.post(url, json=rows, timeout=10)
        except requests.ConnectionError:
            sleep(0.01 * 2**attempt)
            continue
        if answer.status_code == 429:
            found = WINDOW.search(answer.json().get("ExceptionMessage", ""))
            sleep(float(found.group(1)) if found else 5.0)
            continue
        if answer.status_code >= 500 and _transient(answer):
            sleep(0.01 * 2**attempt)
            continue
        if answer.status_code != 200:
            body = answer.json()
            raise LeadSquaredError(
                f"{answer.status_code} {body.get('ExceptionType')}: {body.get('ExceptionMessage')}"
            )
        return answer
    raise LeadSquaredError(f"gave up after {ATTEMPTS} attempts")


def _transient(answer: requests.Response) -> bool:
    """A 5xx worth retrying: not a logical 500, the API's refusal of the call on its data."""
    try:
        exception_type = answer.json().get("ExceptionType")
    except ValueError:
        return True
    return exception_type in (None, "MXUnexpectedException")


def _row(update: dict[str, Any]) -> dict[str, Any]:
    row = {
        "ProspectActivityId": update["ProspectActivityId"],
        "Fields": [
            {"SchemaName": name, "Value": _text(value)} for name, value in update["Fields"].items()
        ],
    }
    if update.get("ActivityNote") is not None:
        row["ActivityNote"] = update["ActivityNote"]
    return row


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def sleeping_adapter(
    updates: list[dict[str, Any]], base_url: str, access_key: str, secret_key: str
) -> list[dict[str, Any]]:
    """The good client as an adapter that does not take the kit's sleep: it waits for real."""
    return good_adapter(updates, base_url, access_key, secret_key)


def naive_adapter(
    updates: list[dict[str, Any]], base_url: str, access_key: str, secret_key: str
) -> None:
    """One call for everything, ISO datetimes, no retries, the URL with its keys printed."""
    url = f"{base_url}{BULK}?accessKey={access_key}&secretKey={secret_key}"
    print(f"lsq: POST {url} ({len(updates)} updates)")
    rows = [
        {
            "ProspectActivityId": update["ProspectActivityId"],
            "Fields": [
                {"SchemaName": name, "Value": v.isoformat() if isinstance(v, datetime) else v}
                for name, v in update["Fields"].items()
            ],
        }
        for update in updates
    ]
    requests.post(url, json=rows, timeout=10).raise_for_status()
