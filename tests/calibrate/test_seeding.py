"""The seed verify reads from a cassette: what the tenant held before the recording (types, leads,
activities and their values, as many activities as Retrieve counted), not what the recorded calls
made; a fresh emulator of it answers the recorded reads as the tenant did."""

from __future__ import annotations

from pathlib import Path

import requests

from lsq_mock import Settings
from lsq_mock.calibrate.cassette import read_cassette
from lsq_mock.calibrate.seeding import UNKNOWN_TYPE_NAME, infer_seed
from lsq_mock.calibrate.verify import verify
from support.paths import BULK_ADD, BULK_UPDATE, CREATE_TYPE, DETAILS, RETRIEVE, TYPES
from support.recording import record
from support.seeded import DEMO, LEAD, LOAN, VISIT
from support.standin import ACCESS_KEY, SECRET_KEY

KEYS = {"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}
OTHER_LEAD = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f"


def test_types_details_and_retrieve_rows_make_the_seed(tmp_path: Path) -> None:
    def reads(url: str, ca_bundle: Path) -> None:
        assert requests.get(url + TYPES, params=KEYS, timeout=10).ok
        assert requests.get(url + DETAILS, params={**KEYS, "activityId": DEMO}, timeout=10).ok
        assert requests.post(
            url + RETRIEVE, params={**KEYS, "leadId": LEAD}, json={}, timeout=10
        ).ok

    seed = infer_seed(read_cassette(record(tmp_path / "c.jsonl", reads, planted=False)))
    types = {t["ActivityEvent"]: t for t in seed["ActivityTypes"]}
    assert [t["ActivityEventName"] for t in types.values()] == [
        "Site Visit",
        "Loan Application",
        "Product Demo",
    ]
    amenities = next(f for f in types[201]["Fields"] if f["SchemaName"] == "mx_Custom_7")
    assert amenities == {
        "SchemaName": "mx_Custom_7",
        "DataType": "Dropdown",
        "DisplayName": "Amenities Shown",
        "Options": ["Parking", "Lift", "Gym", "Pool"],
        "IsMultiSelect": True,  # its value "Parking;Lift" says so; ActivityTypes.Get does not
    }
    activities = {a["ProspectActivityId"]: a for a in seed["Activities"]}
    assert set(activities) == {DEMO, VISIT}
    assert activities[VISIT]["Fields"]["mx_Custom_7"] == "Parking;Lift"
    assert activities[VISIT]["CreatedOn"] == "2026-11-20 10:45:00"
    assert [lead["ProspectID"] for lead in seed["Leads"]] == [LEAD]


def test_what_the_recording_made_is_left_for_the_replay_to_make(tmp_path: Path) -> None:
    new_type = {
        "ActivityEventName": "Callback",
        "Fields": [{"SchemaName": "mx_Custom_1", "DataType": "String"}],
    }
    rows = [
        {
            "RelatedProspectId": OTHER_LEAD,
            "ActivityEvent": 202,
            "Fields": [{"SchemaName": "mx_Custom_1", "Value": "5"}],
        }
    ]

    def writes(url: str, ca_bundle: Path) -> None:
        assert requests.post(url + CREATE_TYPE, params=KEYS, json=new_type, timeout=10).ok
        created = requests.post(url + BULK_ADD, params=KEYS, json=rows, timeout=10).json()
        new_id = created["Response"][0]["ProspectActivityId"]
        update = [
            {"ProspectActivityId": new_id, "Fields": [{"SchemaName": "mx_Custom_1", "Value": "6"}]}
        ]
        assert requests.post(url + BULK_UPDATE, params=KEYS, json=update, timeout=10).json()[
            "Response"
        ][0]["ActivityUpdated"]
        assert requests.get(url + TYPES, params=KEYS, timeout=10).ok
        assert requests.get(url + DETAILS, params={**KEYS, "activityId": new_id}, timeout=10).ok

    path = record(tmp_path / "c.jsonl", writes, planted=False)
    seed = infer_seed(read_cassette(path))
    assert "Callback" not in {t["ActivityEventName"] for t in seed["ActivityTypes"]}
    assert seed["Activities"] == []
    assert [lead["ProspectID"] for lead in seed["Leads"]] == [OTHER_LEAD]
    found = verify(path, Settings())  # the new id is the emulator's own in the later calls
    assert found.passed and found.differences == (), [d.describe() for d in found.differences]


def test_an_activity_only_a_bulk_update_showed_gets_a_type_of_its_own(tmp_path: Path) -> None:
    def update(url: str, ca_bundle: Path) -> None:
        rows = [
            {"ProspectActivityId": LOAN, "Fields": [{"SchemaName": "mx_Custom_4", "Value": "x"}]}
        ]
        assert requests.post(url + BULK_UPDATE, params=KEYS, json=rows, timeout=10).ok

    seed = infer_seed(read_cassette(record(tmp_path / "c.jsonl", update, planted=False)))
    (activity_type,) = seed["ActivityTypes"]
    assert activity_type["ActivityEventName"] == UNKNOWN_TYPE_NAME
    assert activity_type["Fields"] == [{"SchemaName": "mx_Custom_4", "DataType": "Text"}]
    assert [a["ProspectActivityId"] for a in seed["Activities"]] == [LOAN]


def test_activities_retrieve_counted_but_no_page_showed_are_seeded_oldest(tmp_path: Path) -> None:
    def one_of_two(url: str, ca_bundle: Path) -> None:
        page = {"Paging": {"Offset": "1", "RowCount": "1"}}
        answer = requests.post(
            url + RETRIEVE, params={**KEYS, "leadId": LEAD}, json=page, timeout=10
        )
        assert answer.json()["RecordCount"] == 2 and len(answer.json()["ProspectActivities"]) == 1

    path = record(tmp_path / "c.jsonl", one_of_two, planted=False)
    seed = infer_seed(read_cassette(path))
    assert len(seed["Activities"]) == 2
    assert seed["Activities"][1]["CreatedOn"] == "2000-01-01 00:00:00"
    assert verify(path, Settings()).differences == ()


def test_a_field_no_answer_described_is_typed_by_the_values_the_tenant_took(
    tmp_path: Path,
) -> None:
    def number_then_word(url: str, ca_bundle: Path) -> None:
        for value in ("3", "abc"):  # Visitors is a Number: the second row fails
            rows = [
                {
                    "ProspectActivityId": VISIT,
                    "Fields": [{"SchemaName": "mx_Custom_2", "Value": value}],
                }
            ]
            requests.post(url + BULK_UPDATE, params=KEYS, json=rows, timeout=10)

    path = record(tmp_path / "c.jsonl", number_then_word)  # the failed row lacks ExceptionType
    (activity_type,) = infer_seed(read_cassette(path))["ActivityTypes"]
    assert activity_type["Fields"] == [{"SchemaName": "mx_Custom_2", "DataType": "Number"}]
    found = verify(path, Settings())
    assert [(d.ledger, d.aspect) for d in found.differences] == [("failed-row", "keys")]


def test_leads_are_seeded_with_what_a_seed_may_set_and_their_custom_fields(
    tmp_path: Path,
) -> None:
    def lead_reads(url: str, ca_bundle: Path) -> None:
        lookups = "/v2/LeadManagement.svc"
        assert requests.get(url + f"{lookups}/LeadsMetaData.Get", params=KEYS, timeout=10).ok
        assert requests.get(
            url + f"{lookups}/Leads.GetById", params={**KEYS, "id": LEAD}, timeout=10
        ).ok

    path = record(tmp_path / "c.jsonl", lead_reads, planted=False)
    seed = infer_seed(read_cassette(path))
    (lead,) = seed["Leads"]
    assert lead["ProspectID"] == LEAD and "Origin" not in lead  # LeadSquared keeps Origin
    custom = {field["SchemaName"]: field for field in seed["LeadFields"]}
    assert set(custom) == {name for name in lead if name.startswith("mx_")}
    assert all("DisplayName" in field for field in custom.values())  # as LeadsMetaData.Get said
    assert verify(path, Settings()).differences == ()
