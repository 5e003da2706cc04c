"""Near misses: a violation names the valid neighbour of what was sent (the closest field names,
options or activity id) in the journal, while the answer stays what the API would say."""

from __future__ import annotations

import uuid

import pytest

from lsq_mock.contract.nearmiss import NearIds, closest, field_hint, option_hint
from lsq_mock.contract.schemaset import shipped_schemas
from support.calls import get, last_exchange, post, row
from support.envelope import assert_envelope
from support.paths import BULK_UPDATE, CREATE, DETAILS, UPDATE
from support.running import Running
from support.seeded import LEAD, VISIT


def violations(running: Running) -> list[dict]:
    found = last_exchange(running)["contract"]
    for violation in found:
        assert shipped_schemas().is_valid("violation", violation), violation
    return found


def test_an_unknown_field_names_the_closest_schema_names_and_keeps_the_apis_message(
    running: Running,
) -> None:
    answer = post(running, BULK_UPDATE, [row(VISIT, ("mx_Custom_22", "5"))])

    result = answer.json()["Response"][0]
    assert result["ExceptionMessage"] == (
        "'mx_Custom_22' is not a field of activity type 'Site Visit' (ActivityEvent 201)"
    )
    assert "did you mean" not in answer.text
    [violation] = violations(running)
    assert violation["rule"] == "unknown-field"
    assert violation["hint"].startswith("did you mean 'mx_Custom_2' (Visitors)")


def test_a_display_name_sent_as_a_schema_name_names_its_schema_name(running: Running) -> None:
    post(running, BULK_UPDATE, [row(VISIT, ("Visit Status", "Completed"))])

    [violation] = violations(running)
    assert violation["hint"] == "did you mean 'mx_Custom_6' (Visit Status)?"


def test_a_bad_dropdown_value_names_the_closest_options(running: Running) -> None:
    answer = post(running, BULK_UPDATE, [row(VISIT, ("mx_Custom_6", "completed"))])

    assert answer.json()["Response"][0]["ExceptionMessage"] == (
        "'completed' is not an option of mx_Custom_6 (options: Scheduled; Completed; Cancelled)"
    )
    [violation] = violations(running)
    assert (violation["rule"], violation["hint"]) == (
        "invalid-value:Dropdown",
        "did you mean 'Completed'?",
    )


def test_an_unknown_activity_id_names_the_closest_known_id(running: Running) -> None:
    typo = VISIT[:-1] + ("0" if VISIT[-1] != "0" else "1")
    answer = post(running, BULK_UPDATE, [row(typo, ("mx_Custom_2", "5"))])

    assert answer.json()["Response"][0]["ExceptionMessage"] == (
        f"Activity {typo!r} does not exist in the system"
    )
    [violation] = violations(running)
    assert violation["hint"] == f"did you mean {VISIT!r}?"


@pytest.mark.parametrize("sent", [VISIT.upper(), f" {VISIT} "], ids=["upper-case", "spaces"])
def test_an_activity_id_but_for_case_or_spaces_is_named(running: Running, sent: str) -> None:
    post(running, UPDATE, row(sent, ("mx_Custom_2", "5")))

    [violation] = violations(running)
    assert violation["rule"] == "unknown-activity"
    assert violation["hint"] == f"did you mean {VISIT!r}?"


def test_get_activity_details_of_a_near_id_keeps_the_live_message(running: Running) -> None:
    answer = get(running, DETAILS, activityId=VISIT[:-2])

    assert assert_envelope(answer, 500, "MXUnknownProspectActivityException") == (
        "Activity does not exist."
    )
    assert "did you mean" not in answer.text
    [violation] = violations(running)
    assert violation["hint"] == f"did you mean {VISIT!r}?"


def test_nothing_near_gives_no_hint(running: Running) -> None:
    post(
        running,
        BULK_UPDATE,
        [row(str(uuid.uuid4()), ("mx_Custom_2", "5")), row(VISIT, ("zzzzzzzz", "5"))],
    )

    assert [("hint" in v) for v in violations(running)] == [False, False]


def test_an_unknown_field_on_create_is_hinted_in_the_single_calls_violation(
    running: Running,
) -> None:
    body = {"RelatedProspectId": LEAD, "ActivityEvent": 201, "Fields": [
        {"SchemaName": "mx_Custom_1", "Value": "A visit"},
        {"SchemaName": "mx_custom_5", "Value": "true"},
    ]}  # fmt: skip
    answer = post(running, CREATE, body)

    assert_envelope(answer, 500, "MXInvalidInputException")
    [violation] = violations(running)
    assert violation["hint"] == "did you mean 'mx_Custom_5' (Site Liked)?"


def test_near_ids_among_ten_thousand_find_a_typo_at_either_end() -> None:
    known = [str(uuid.UUID(int=n * 7919 + 12345)) for n in range(10_000)]
    index = NearIds(known)
    target = known[4321]

    assert index.nearest("X" + target[1:]) == target
    assert index.nearest(target[:-1] + "X") == target
    assert index.nearest(target.upper()) == target
    assert index.nearest("not-an-id-at-all") is None


def test_name_and_option_hints() -> None:
    definitions = {"mx_Custom_1": {"DisplayName": "Amount"}, "mx_Custom_2": {}}

    assert field_hint("amount", definitions) == "did you mean 'mx_Custom_1' (Amount)?"
    assert field_hint(5, definitions) is None
    assert field_hint("mx_Custom_3", {"mx_Custom_2": {"DisplayName": None}}) == (
        "did you mean 'mx_Custom_2'?"
    )
    assert option_hint("Gold", [5, None, "Gold "]) == "did you mean 'Gold '?"
    assert option_hint("Gold ", ["Silver", "Gold", "Bronze"]) == "did you mean 'Gold'?"
    assert option_hint("Platinum", ["Silver", "Gold"]) is None
    assert sorted(closest("abcd", ["abce", "abcf", "zzzz"], n=3)) == ["abce", "abcf"]


def test_among_many_options_the_neighbours_of_a_typo_are_found() -> None:
    options = [f"Branch {n:04d}" for n in range(2000)]

    assert str(option_hint("Brnach 1234", options)).startswith("did you mean 'Branch 1234'")
    assert str(option_hint("Xranch 0042", options)).startswith("did you mean 'Branch 0042'")
