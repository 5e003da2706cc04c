"""Trigger events: what rules and automations would receive after each write. No HTTP here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from lsq_mock.journal.log import GC_HEADER_BYTES, ascii_texts_size, footprint

ACTIVITY_UPDATE_EVENT = "Activity Update"
ACTIVITY_CREATE_EVENT = "Activity Create"


class ActivityEvent(NamedTuple):
    """A trigger event as the store records it: a tuple of scalars (cheap to make, and left alone
    by the garbage collector), turned into its JSON form only when someone reads it."""

    event_type: str
    activity_id: str
    activity_event: int
    related_prospect_id: str
    changes: tuple[Any, ...]
    """SchemaName, OldValue, NewValue of each value the event changed, one after another (flat:
    one object for the collector instead of one per value)."""
    timestamp: str

    def to_dict(self) -> dict[str, Any]:
        """The event's JSON form (`schemas/event.schema.json`)."""
        return {
            "EventType": self.event_type,
            "ProspectActivityId": self.activity_id,
            "ActivityEvent": self.activity_event,
            "RelatedProspectId": self.related_prospect_id,
            "Changes": [
                {"SchemaName": name, "OldValue": old, "NewValue": new}
                for name, old, new in zip(*[iter(self.changes)] * 3, strict=True)
            ],
            "Timestamp": self.timestamp,
        }


ActivityListener = Callable[[list[ActivityEvent]], None]
"""Called with each write's events, in order, while the store is still locked."""


def event_footprint(event: ActivityEvent) -> int:
    """`footprint(event)`, counted in a few C calls when its texts are all ASCII strings (25
    events a bulk call: sizing them item by item cost about 2 us each)."""
    changes = event.changes
    texts = ascii_texts_size(changes)
    head = ascii_texts_size(
        (event.event_type, event.activity_id, event.related_prospect_id, event.timestamp)
    )
    if texts is None or head is None or type(event.activity_event) is not int:
        return footprint(event)
    return (
        2 * GC_HEADER_BYTES
        + _object_size(event)
        + _object_size(event.activity_event)
        + _object_size(changes)
        + head
        + texts
    )


_object_size = object.__sizeof__
