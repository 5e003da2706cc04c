"""What a cassette holds is read as request text is: a number written in text is ASCII digits
(lsq_mock.digits), so a recorded `²` is no number, not a crash, and `٣` is not 3."""

from __future__ import annotations

from datetime import datetime

import pytest

from lsq_mock.calibrate.cassette import Entry, Request
from lsq_mock.calibrate.lead_seed import lead_fields
from lsq_mock.calibrate.observed import SeenTenant, _read_retrieve


@pytest.mark.parametrize("length", ["\u00b2", "\u0663", "1_0", "9" * 5000, "-3", ""])
def test_a_recorded_max_length_that_is_not_ascii_digits_is_left_out(length: str) -> None:
    row = {"SchemaName": "mx_City", "DataType": "Text", "MaxLength": length}

    assert lead_fields([row], ["mx_City"]) == [{"SchemaName": "mx_City", "DataType": "Text"}]


def test_a_recorded_max_length_in_ascii_digits_is_kept() -> None:
    row = {"SchemaName": "mx_City", "DataType": "Text", "MaxLength": "40"}

    assert lead_fields([row], ["mx_City"])[0]["MaxLength"] == 40


@pytest.mark.parametrize(
    ("asked", "code"), [("203", 203), (203, 203), ("\u00b2", None), ("\u0663", None)]
)
def test_a_recorded_retrieve_reads_its_event_code_as_ascii_digits(
    asked: object, code: object
) -> None:
    tenant = SeenTenant()
    entry = Entry(
        "call", 1, datetime(2026, 1, 1), Request((), b"", method="POST", query="leadId=L1")
    )

    _read_retrieve(tenant, entry, {"Parameter": {"ActivityEvent": asked}}, {"RecordCount": 0})

    assert tenant.counted == [(1, "L1", code, 0)]
