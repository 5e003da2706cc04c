"""The one check that an answer is the LeadSquared error envelope, exactly."""

from __future__ import annotations

import re

import requests

from lsq_mock.contract.schemaset import shipped_schemas


def assert_envelope(
    response: requests.Response, status: int, exception_type: str | None = None
) -> str:
    """Check status, JSON content type and the three-key envelope (and its type); the message."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == ["Status", "ExceptionType", "ExceptionMessage"], body
    assert shipped_schemas().is_valid("error", body), body
    assert body["Status"] == "Error"
    if exception_type is not None:
        assert body["ExceptionType"] == exception_type, body
    assert isinstance(body["ExceptionMessage"], str) and body["ExceptionMessage"]
    assert "Traceback" not in response.text
    return body["ExceptionMessage"]


def refused_at(answer: requests.Response, path: str, what: str = "Input") -> str:
    """A 400 envelope about the JSON `path`: "Invalid <what>! <path> ..."; the message."""
    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert re.match(rf"Invalid {what}! {re.escape(path)}[ :]", message), message
    return message
