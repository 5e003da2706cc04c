"""Lead.Capture over HTTP, as the vendor's Capture Leads page ("How it Works") and the live
evidence show it: the lead it matches (ProspectId, then EmailAddress, then Phone; SearchBy),
LeadUpdateBehavior, and its duplicate answered 500, or 200 under `capture_duplicate_status`."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import Settings
from support.calls import contract, last_exchange
from support.envelope import assert_envelope
from support.leads import (
    ARJUN,
    DUPLICATE_PHONE,
    GUID,
    PRIYA,
    ROHAN,
    UNKNOWN,
    every_lead,
    lead_by_id,
    leads_by_email,
    pairs,
    unlimited,
    write,
)
from support.paths import LEAD_CAPTURE
from support.running import Running

BEHAVIOR = "LeadUpdateBehavior"


@pytest.fixture
def settings() -> Settings:
    return unlimited()


def _captured(running: Running, body: list[dict[str, Any]], **params: str) -> dict[str, Any]:
    """The Message of a Capture that succeeded."""
    answer = write(running, LEAD_CAPTURE, body, **params)
    assert answer.status_code == 200, answer.text
    assert answer.json()["Status"] == "Success", answer.text
    message: dict[str, Any] = answer.json()["Message"]
    return message


def test_capture_answers_the_leads_id_and_its_related_id(running: Running) -> None:
    message = _captured(running, pairs(FirstName="Walk", LastName="In", Source="Website"))

    assert list(message) == ["Id", "RelatedId", "IsCreated"]
    assert GUID.fullmatch(message["Id"]) and message["RelatedId"] is None
    assert message["IsCreated"] is True
    lead = lead_by_id(running, message["Id"])
    assert lead is not None and (lead["FirstName"], lead["Source"]) == ("Walk", "Website")


def test_no_prospect_id_email_or_phone_always_creates_a_lead(running: Running) -> None:
    first = _captured(running, pairs(FirstName="Same"))
    second = _captured(running, pairs(FirstName="Same"))

    assert first["Id"] != second["Id"]
    assert second["IsCreated"] is True


def test_an_email_that_matches_updates_that_lead(running: Running) -> None:
    count = len(every_lead(running))

    message = _captured(running, pairs(EmailAddress="ARJUN.mehta@example.com", JobTitle="CFO"))

    assert (message["Id"], message["IsCreated"]) == (ARJUN, False)
    lead = lead_by_id(running, ARJUN)
    assert lead is not None and lead["JobTitle"] == "CFO"
    assert len(every_lead(running)) == count


def test_a_phone_matches_when_no_email_does(running: Running) -> None:
    message = _captured(running, pairs(EmailAddress="rohan.new@example.com", Phone="9012345678"))

    assert (message["Id"], message["IsCreated"]) == (ROHAN, False)
    lead = lead_by_id(running, ROHAN)
    assert lead is not None and lead["EmailAddress"] == "rohan.new@example.com"


def test_a_mobile_number_matches_as_a_phone(running: Running) -> None:
    message = _captured(running, pairs(Phone="+91-9123456781", Notes="called back"))

    assert message["Id"] == ARJUN


def test_the_prospect_id_is_matched_before_the_email(running: Running) -> None:
    message = _captured(
        running, pairs(ProspectID=ROHAN, EmailAddress="rohan.das@example.com", Grade="A")
    )

    assert (message["Id"], message["IsCreated"]) == (ROHAN, False)


def test_a_prospect_id_without_an_email_updates_its_lead(running: Running) -> None:
    message = _captured(running, pairs(ProspectId=ROHAN, Grade="B"))

    assert message["Id"] == ROHAN
    lead = lead_by_id(running, ROHAN)
    assert lead is not None and lead["Grade"] == "B"


def test_a_prospect_id_whose_lead_has_another_email_creates_a_new_lead(running: Running) -> None:
    message = _captured(running, pairs(ProspectID=ROHAN, EmailAddress="someone.else@example.com"))

    assert message["IsCreated"] is True and message["Id"] != ROHAN
    rohan = lead_by_id(running, ROHAN)
    assert rohan is not None and rohan["EmailAddress"] == "rohan.das@example.com"
    [created] = leads_by_email(running, "someone.else@example.com")
    assert created["ProspectID"] == message["Id"]


def test_an_unknown_prospect_id_falls_back_to_the_email(running: Running) -> None:
    message = _captured(running, pairs(ProspectID=UNKNOWN, EmailAddress="kavya.iyer@example.com"))

    assert (message["Id"], message["IsCreated"]) == ("8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a", False)


def test_no_match_at_all_creates_a_lead(running: Running) -> None:
    message = _captured(running, pairs(EmailAddress="fresh@example.com", Phone="7000000001"))

    assert message["IsCreated"] is True
    lead = lead_by_id(running, message["Id"])
    assert lead is not None and lead["Phone"] == "7000000001"


def test_searchby_comes_first(running: Running) -> None:
    """Without SearchBy the phone finds Rohan; SearchBy EmailAddress finds nobody, so a lead is
    created with Rohan's phone: the duplicate."""
    body = pairs(EmailAddress="not.rohan@example.com", Phone="+91-9012345678")

    searched = write(running, LEAD_CAPTURE, [*body, *pairs(SearchBy="EmailAddress")])
    default = _captured(running, body)

    assert assert_envelope(searched, 500, "MXDuplicateEntryException") == DUPLICATE_PHONE
    assert default["Id"] == ROHAN


def test_searchby_is_ignored_when_prospect_id_email_and_phone_are_all_sent(
    running: Running,
) -> None:
    body = pairs(
        ProspectID=PRIYA,
        EmailAddress="priya.sharma@example.com",
        Phone="7000000002",
        SearchBy="Phone",
    )

    message = _captured(running, body)

    assert (message["Id"], message["IsCreated"]) == (PRIYA, False)
    lead = lead_by_id(running, PRIYA)
    assert lead is not None and lead["Phone"] == "7000000002"


def test_do_not_update_leaves_the_matched_lead_as_it_was(running: Running) -> None:
    before = lead_by_id(running, PRIYA)
    running.fake_time.now += 60

    message = _captured(
        running,
        pairs(EmailAddress="priya.sharma@example.com", FirstName="Other", mx_City="Delhi"),
        **{BEHAVIOR: "DoNotUpdate"},
    )

    assert (message["Id"], message["IsCreated"]) == (PRIYA, False)
    assert lead_by_id(running, PRIYA) == before


def test_do_not_update_still_creates_a_lead_nobody_matches(running: Running) -> None:
    message = _captured(
        running, pairs(EmailAddress="brand.new@example.com"), **{BEHAVIOR: "DoNotUpdate"}
    )

    assert message["IsCreated"] is True


def test_update_only_empty_fields_fills_the_gaps_and_keeps_the_rest(running: Running) -> None:
    body = pairs(EmailAddress="arjun.mehta@example.com", FirstName="Other", Company="Mehta & Co")

    _captured(running, body, **{BEHAVIOR: "UpdateOnlyEmptyFields"})

    lead = lead_by_id(running, ARJUN)
    assert lead is not None
    assert (lead["FirstName"], lead["Company"]) == ("Arjun", "Mehta & Co")


def test_do_not_update_unique_fields_changes_all_but_email_and_phone(running: Running) -> None:
    body = pairs(ProspectID=ROHAN, Phone="7000000003", FirstName="Rohit")

    _captured(running, body, **{BEHAVIOR: "DoNotUpdateUniqueFields"})

    lead = lead_by_id(running, ROHAN)
    assert lead is not None
    assert (lead["FirstName"], lead["Phone"]) == ("Rohit", "+91-9012345678")


def test_a_lead_update_behavior_off_the_pages_list_is_refused(running: Running) -> None:
    before = lead_by_id(running, PRIYA)

    answer = write(
        running,
        LEAD_CAPTURE,
        pairs(EmailAddress="priya.sharma@example.com", FirstName="X"),
        **{BEHAVIOR: "Overwrite"},
    )

    message = assert_envelope(answer, 500, "MXInvalidInputException")
    assert "DoNotUpdate" in message
    assert lead_by_id(running, PRIYA) == before


def test_a_duplicate_is_500_like_the_other_lead_writes(running: Running) -> None:
    before = every_lead(running)
    body = pairs(EmailAddress="priya.sharma@example.com", Phone="+91-9123456780")

    answer = write(running, LEAD_CAPTURE, body)

    assert assert_envelope(answer, 500, "MXDuplicateEntryException") == DUPLICATE_PHONE
    assert contract(running) == [("$", "duplicate-lead")]
    assert every_lead(running) == before


def test_the_setting_answers_a_duplicate_200_with_the_error_in_the_body(running: Running) -> None:
    patched = running.http.patch(
        running.url + "/_mock/config", json={"capture_duplicate_status": 200}
    )
    assert patched.status_code == 200, patched.text
    before = every_lead(running)
    body = pairs(EmailAddress="priya.sharma@example.com", Phone="+91-9123456780")

    answer = write(running, LEAD_CAPTURE, body)

    assert assert_envelope(answer, 200, "MXDuplicateEntryException") == DUPLICATE_PHONE
    entry = last_exchange(running)
    assert [(v["path"], v["rule"]) for v in entry["contract"]] == [("$", "duplicate-lead")]
    assert every_lead(running) == before


def test_the_setting_leaves_the_other_writes_duplicates_at_500(running: Running) -> None:
    running.http.patch(running.url + "/_mock/config", json={"capture_duplicate_status": 200})

    answer = write(running, "/v2/LeadManagement.svc/Lead.Create", pairs(Phone="9876543210"))

    assert_envelope(answer, 500, "MXDuplicateEntryException")


def test_the_setting_leaves_capture_s_other_errors_at_500(running: Running) -> None:
    running.http.patch(running.url + "/_mock/config", json={"capture_duplicate_status": 200})

    answer = write(running, LEAD_CAPTURE, pairs(EmailAddress="x@example.com", Town="Pune"))

    assert_envelope(answer, 500, "MXUnknownAttributeException")


def test_an_unknown_attribute_refuses_the_capture_whole(running: Running) -> None:
    before = lead_by_id(running, PRIYA)

    answer = write(
        running, LEAD_CAPTURE, pairs(EmailAddress="priya.sharma@example.com", FirstNam="P")
    )

    assert_envelope(answer, 500, "MXUnknownAttributeException")
    assert lead_by_id(running, PRIYA) == before


def test_a_capture_body_that_is_an_object_is_a_400(running: Running) -> None:
    answer = write(running, LEAD_CAPTURE, {"EmailAddress": "object@example.com"})

    assert "Cannot deserialize" in assert_envelope(answer, 400, "MXInvalidInputException")
    assert leads_by_email(running, "object@example.com") == []
