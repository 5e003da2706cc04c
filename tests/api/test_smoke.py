"""The shipped example request works against the shipped seed over real HTTP."""

from __future__ import annotations

from support.running import Running


def test_vendor_example_row_updates_the_seeded_activity(running: Running) -> None:
    row = {
        "ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b",
        "ActivityNote": "Activity note update",
        "Fields": [
            {"SchemaName": "mx_Custom_1", "Value": "First"},
            {"SchemaName": "mx_Custom_2", "Value": "2016"},
            {"SchemaName": "mx_Custom_3", "Value": "Activity Test"},
            {"SchemaName": "mx_Custom_4", "Value": "2016-09-18 12:12:12"},
            {"SchemaName": "mx_Custom_5", "Value": "qwerty"},
        ],
    }
    answer = running.bulk_update([row, row])
    assert answer.status_code == 200
    assert answer.json() == {
        "Response": [
            {"RowNumber": 1, "ActivityUpdated": True},
            {"RowNumber": 2, "ActivityUpdated": True},
        ]
    }
    stored = running.emulator.store.activity(row["ProspectActivityId"])
    assert stored["Fields"]["mx_Custom_4"] == "2016-09-18 12:12:12"
    assert stored["ActivityNote"] == "Activity note update"
