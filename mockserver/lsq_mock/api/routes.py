"""The route table of the emulated API: each endpoint of the catalogue (`catalogue.endpoints`,
where its method, path and flags are written once) and the function that answers it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing import Map, Rule

from lsq_mock.api import activity_feeds, activity_reads, activity_writes, leads, users
from lsq_mock.api.call import Call
from lsq_mock.catalogue.endpoints import ENDPOINTS, Endpoint
from lsq_mock.emulator import Emulator

Handler = Callable[[Emulator, Call], Any]
"""Answers one call: the JSON value of a 200 answer, or an LSQError raised."""

CONTROL_PREFIX = "/_mock/"
"""Where the control plane is served: every other path is the emulated API's (or its 404)."""

HANDLERS: dict[str, Handler] = {
    "bulk-update": activity_writes.bulk_update,
    "bulk-add": activity_writes.bulk_add,
    "create": activity_writes.create_activity,
    "update": activity_writes.update_activity,
    "retrieve": activity_reads.retrieve_activities,
    "details": activity_reads.activity_details,
    "activity-types": activity_reads.activity_types,
    "create-type": activity_reads.create_type,
    "retrieve-by-event": activity_feeds.retrieve_by_activity_event,
    "retrieve-recently-modified": activity_feeds.retrieve_recently_modified,
    "activity-setting": activity_reads.activity_setting,
    "user-record": users.user_by_access_key,
    "lead-create": leads.create_lead,
    "lead-update": leads.update_lead,
    "lead-create-or-update": leads.create_or_update_lead,
    "lead-capture": leads.capture_lead,
    "lead-by-id": leads.lead_by_id,
    "lead-by-emailaddress": leads.leads_by_email,
    "lead-by-phone": leads.lead_by_phone,
    "lead-quick-search": leads.quick_search_leads,
    "lead-search": leads.search_leads,
    "lead-metadata": leads.lead_metadata,
}
"""The function of each endpoint, by the endpoint's id."""

_unanswered = sorted({e.id for e in ENDPOINTS} ^ set(HANDLERS))
if _unanswered:
    raise RuntimeError(f"endpoints and handlers differ: {_unanswered}")

ENDPOINTS_BY_ID: dict[str, Endpoint] = {endpoint.id: endpoint for endpoint in ENDPOINTS}


def route_map() -> Map:
    """The table as werkzeug routes: a `//` is no endpoint (a 404, as any unknown path, never a
    redirect), and a GET route answers HEAD too."""
    return Map(
        [Rule(e.path, endpoint=e.id, methods=[e.method]) for e in ENDPOINTS], merge_slashes=False
    )
