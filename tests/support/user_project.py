"""A user's project for the plugin's own tests: a tiny client module next to their tests."""

from __future__ import annotations

import pytest

from support.paths import BULK_UPDATE

CLIENT = (
    f"BULK = {BULK_UPDATE!r}\n"
    + '''
import requests

ACTIVITY = "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6"


def push(base_url, access_key, secret_key, rows):
    """A tiny client under test: header auth, one batch."""
    return requests.post(
        base_url + BULK,
        headers={"x-LSQ-AccessKey": access_key, "x-LSQ-SecretKey": secret_key},
        json=rows,
        timeout=5,
    )


def visit_time_row(value):
    field = {"SchemaName": "mx_Custom_4", "Value": value}
    return {"ProspectActivityId": ACTIVITY, "Fields": [field]}
'''
)
"""The client under test: `push` sends rows with header auth; `visit_time_row` makes one."""


def user_project(pytester: pytest.Pytester) -> pytest.Pytester:
    """`pytester` with the client module written in it."""
    pytester.makepyfile(client=CLIENT)
    return pytester
