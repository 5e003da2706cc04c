"""End to end, as an integration uses the API: post, list, bulk-update, read back, see triggers."""

from __future__ import annotations

from support.calls import get, post, schema_problems
from support.paths import BULK_ADD, BULK_UPDATE, CREATE, DETAILS, RETRIEVE, TYPES
from support.running import Running
from support.seeded import NEW_LEAD as LEAD


def test_post_list_bulk_update_and_read_back(running: Running) -> None:
    types = get(running, TYPES).json()
    site_visit = next(t["ActivityEvent"] for t in types if t["ActivityEventName"] == "Site Visit")

    def visit(summary: str, when: str) -> dict[str, object]:
        return {
            "RelatedProspectId": LEAD,
            "ActivityEvent": site_visit,
            "ActivityNote": f"{summary} booked",
            "ActivityDateTime": when,
            "Fields": [
                {"SchemaName": "mx_Custom_1", "Value": summary},
                {"SchemaName": "mx_Custom_6", "Value": "Scheduled"},
            ],
        }

    first = post(running, CREATE, visit("Show flat", "2026-12-01 10:00:00")).json()["Message"]["Id"]
    second = post(running, CREATE, visit("Club house", "2026-12-02 10:00:00")).json()["Message"][
        "Id"
    ]
    [added] = post(running, BULK_ADD, [visit("Site office", "2026-12-03 10:00:00")]).json()[
        "Response"
    ]
    assert added["ActivityCreated"] is True
    third = added["ProspectActivityId"]

    listed = post(
        running,
        RETRIEVE,
        {"Parameter": {"ActivityEvent": site_visit}, "Paging": {"Offset": "0", "RowCount": "10"}},
        leadId=LEAD,
    ).json()
    assert listed["RecordCount"] == 3
    ids = [a["Id"] for a in listed["ProspectActivities"]]
    assert ids == [third, second, first]  # newest first

    running.fake_time.now += 3600  # the visits happen; an hour later the CRM sync updates them
    rows = [
        {
            "ProspectActivityId": activity_id,
            "ActivityNote": "Visited",
            "Fields": [
                {"SchemaName": "mx_Custom_6", "Value": "Completed"},
                {"SchemaName": "mx_Custom_2", "Value": str(visitors)},
            ],
        }
        for visitors, activity_id in enumerate(ids, start=1)
    ]
    updated = running.bulk_update(rows).json()["Response"]
    assert [r["ActivityUpdated"] for r in updated] == [True, True, True]

    now = running.emulator.clock.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    for visitors, activity_id in enumerate(ids, start=1):
        details = get(running, DETAILS, activityId=activity_id).json()
        assert schema_problems("activity-details-response", details) == []
        values = {f["SchemaName"]: f["Value"] for f in details["Fields"]}
        assert (values["mx_Custom_6"], values["mx_Custom_2"]) == ("Completed", str(visitors))
    listed = post(running, RETRIEVE, {"Parameter": {"ActivityEvent": site_visit}}, leadId=LEAD)
    rows = {
        row["Id"]: {d["Key"]: d["Value"] for d in row["Data"]}
        for row in listed.json()["ProspectActivities"]
    }
    for activity_id in ids:
        assert rows[activity_id]["ActivityEvent_Note"] == "Visited"
        assert rows[activity_id]["ModifiedOn"] == now

    updates = [e for e in running.emulator.events.entries() if e["EventType"] == "Activity Update"]
    assert [e["ProspectActivityId"] for e in updates] == ids
    booked = ["Site office booked", "Club house booked", "Show flat booked"]  # order of `ids`
    for visitors, (event, note) in enumerate(zip(updates, booked, strict=True), start=1):
        assert (event["ActivityEvent"], event["RelatedProspectId"]) == (site_visit, LEAD)
        assert event["Timestamp"] == now
        assert event["Changes"] == [
            {"SchemaName": "mx_Custom_6", "OldValue": "Scheduled", "NewValue": "Completed"},
            {"SchemaName": "mx_Custom_2", "OldValue": None, "NewValue": str(visitors)},
            {"SchemaName": "ActivityNote", "OldValue": note, "NewValue": "Visited"},
        ]

    journal = running.emulator.journal.entries()
    assert [e["path"] for e in journal] == [
        TYPES,
        CREATE,
        CREATE,
        BULK_ADD,
        RETRIEVE,
        BULK_UPDATE,
        DETAILS,
        DETAILS,
        DETAILS,
        RETRIEVE,
    ]
    assert all(e["status"] == 200 and e["contract"] == [] for e in journal)
