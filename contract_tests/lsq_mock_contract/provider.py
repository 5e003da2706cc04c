"""The provider suite: is a server (the emulator, or the real API) faithful to the contract?

Subclass `ProviderContract` (fsspec style) and it runs against the `lsq_target` fixture: the
emulator, or the real host named by `--lsq-base-url` and friends. Every answer is checked against
the shipped schemas relaxed to what the evidence shows (extra keys allowed; keys and types the
vendor's pages or live clients show), and any difference fails with what was expected and what
came back. The emulator's own answers are held to the strict schemas by its tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lsq_mock_contract.provider_activities import ActivityEndpointChecks
from lsq_mock_contract.provider_bulk import BulkUpdateChecks
from lsq_mock_contract.provider_feeds import ActivityFeedChecks
from lsq_mock_contract.provider_http import Api
from lsq_mock_contract.provider_leads import LeadEndpointChecks
from lsq_mock_contract.provider_posting import PostingChecks
from lsq_mock_contract.target import Target

if TYPE_CHECKING:
    from lsq_mock_contract.handle import LsqMock

EMULATOR_EVENT = 9901
EMULATOR_ACTIVITY = "c0ffee00-0000-4000-8000-00000000c0de"
EMULATOR_TYPE = {
    "ActivityEvent": EMULATOR_EVENT,
    "ActivityEventName": "lsq-mock provider suite",
    "Fields": [
        {"SchemaName": "mx_Custom_1", "DisplayName": "Label", "DataType": "String"},
        {"SchemaName": "mx_Custom_2", "DisplayName": "When", "DataType": "DateTime"},
        {
            "SchemaName": "mx_Custom_3",
            "DisplayName": "Stage",
            "DataType": "Dropdown",
            "Options": ["Alpha", "Beta"],
        },
    ],
}
EMULATOR_LEAD = {
    "ProspectID": "c0ffee00-0000-4000-8000-0000000017ad",
    "FirstName": "Provider",
    "EmailAddress": "provider-suite@example.com",
    "Phone": "+91-9000012345",
}
EMULATOR_VALUES = {
    "mx_Custom_1": "contract",
    "mx_Custom_2": "2026-01-15 09:30:00",
    "mx_Custom_3": "Alpha",
}


def emulator_target(handle: LsqMock) -> Target:
    """The emulator as a target: its own activity seeded, the vendor's 25/5 limit, its clock."""
    handle.seed(
        activity_types=[EMULATOR_TYPE],
        leads=[EMULATOR_LEAD],
        activities=[
            {
                "ProspectActivityId": EMULATOR_ACTIVITY,
                "ActivityEvent": EMULATOR_EVENT,
                "RelatedProspectId": EMULATOR_LEAD["ProspectID"],
                "Fields": EMULATOR_VALUES,
            }
        ],
    )
    handle.set_rate_limit(25, 5)
    return Target(
        base_url=handle.base_url,
        access_key=handle.access_key,
        secret_key=handle.secret_key,
        activity_ids=(EMULATOR_ACTIVITY,),
        fields=EMULATOR_VALUES,
        datetime_field="mx_Custom_2",
        dropdown_field="mx_Custom_3",
        unlisted_option="Gamma (from Mavis DB)",
        lead_id=EMULATOR_LEAD["ProspectID"],
        lead_email=EMULATOR_LEAD["EmailAddress"],
        spend_quota=True,
        allow_writes=True,
        wait=handle.advance_clock,
        name="the emulator",
    )


class ProviderContract(
    BulkUpdateChecks,
    ActivityEndpointChecks,
    PostingChecks,
    ActivityFeedChecks,
    LeadEndpointChecks,
):
    """Every documented behaviour of Update Activities in Bulk, the activity endpoints beside
    it, the user lookup and the lead endpoints, checked against `target`.

    Subclass it in a test module; override the `target` fixture to aim it elsewhere. It writes only
    the target's named values to its named activities, spends quota only if `spend_quota`, and
    creates records (an activity by email, an activity type, a lead) and calls the lead writes
    only if `allow_writes`; the lead reads look up the lead `lead_id` names.
    """

    pytestmark = pytest.mark.lsq_mock(strict=False)
    """The suite breaks the contract on purpose; the emulator must not fail it for that."""

    @pytest.fixture
    def target(self, lsq_target: Target) -> Target:
        """The server under test: by default the plugin's `lsq_target` (emulator or real host)."""
        return lsq_target

    @pytest.fixture
    def api(self, target: Target) -> Api:
        """The suite's sender for `target`."""
        return Api(target)
