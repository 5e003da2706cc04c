"""The tenant's activities by id, indexed by lead, shared with the last snapshot until written.

Not locked on its own: the tenant's store holds its lock around every call.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lsq_mock.contract.nearmiss import NearIds, did_you_mean

Activity = dict[str, Any]


@dataclass(frozen=True)
class ActivitiesSnapshot:
    """Activities at one moment, never mutated: what `restore` goes back to."""

    by_id: dict[str, Activity] = field(default_factory=dict)
    by_lead: dict[str, tuple[str, ...]] = field(default_factory=dict)


class Activities:
    """Activities by id, and each lead's activity ids in the order they were added.

    After `restore`, activities are shared with the snapshot until written (copy on write), so
    going back to 10,000 activities costs two dict copies, not a copy of each activity.
    """

    def __init__(self) -> None:
        self._by_id: dict[str, Activity] = {}
        self._by_lead: dict[str, tuple[str, ...]] = {}
        self._pristine: dict[str, Activity] = {}
        """Activities still shared with the snapshot last restored: copied before a write."""
        self._near: NearIds | None = None
        """The ids sorted for near misses: made when a client first names an unknown id, and
        forgotten when an activity is added (updating one changes no id)."""

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, activity_id: str) -> Activity | None:
        """The activity as stored (never to be changed by the caller), or None."""
        return self._by_id.get(activity_id)

    def writable(self, activity_id: str) -> Activity:
        """The activity, copied first if it is still shared with the snapshot."""
        activity = self._by_id[activity_id]
        if activity is self._pristine.get(activity_id):
            activity = self._by_id[activity_id] = copied(activity)
        return activity

    def values(self) -> Iterable[Activity]:
        """Every activity as stored, in the order added."""
        return self._by_id.values()

    def of_lead(self, lead_id: str) -> list[Activity]:
        """The lead's activities as stored, in the order added."""
        return [self._by_id[activity_id] for activity_id in self._by_lead.get(lead_id, ())]

    def newest_of_lead(
        self, lead_id: str, activity_event: int | None, offset: int, count: int
    ) -> tuple[int, list[Activity]]:
        """How many of a lead's activities (of one type, if given) there are, and copies of
        `count` of them from `offset`, newest first (ties in insertion order, latest first)."""
        found = [
            a
            for a in self.of_lead(lead_id)
            if activity_event is None or a["ActivityEvent"] == activity_event
        ]
        order = sorted(range(len(found)), key=lambda i: (found[i]["CreatedOn"], i), reverse=True)
        return len(found), [copy.deepcopy(found[i]) for i in order[offset : offset + count]]

    def modified_between(
        self, activity_event: int | None, low: str, high: str, order: PageOrder
    ) -> tuple[int, list[Activity]]:
        """How many activities (of one type, if given) were last modified between `low` and
        `high`, and copies of the page `order` asks for (only those are copied)."""
        found = [
            a
            for a in self._by_id.values()
            if (activity_event is None or a["ActivityEvent"] == activity_event)
            and low <= a["ModifiedOn"] <= high
        ]
        found.sort(key=lambda activity: activity[order.column], reverse=order.newest_first)
        page = found[order.start : order.start + order.size]
        return len(found), [copy.deepcopy(activity) for activity in page]

    def near_miss(self, activity_id: Any) -> str | None:
        """`did you mean '<id>'?` naming the known id nearest an unknown one, if one is near."""
        if not isinstance(activity_id, str) or not self._by_id:
            return None
        if self._near is None:
            self._near = NearIds(self._by_id)
        nearest = self._near.nearest(activity_id)
        return None if nearest is None else did_you_mean([repr(nearest)])

    def put(self, activity: Activity) -> None:
        """Add `activity`, or replace the one with its id (moving it to its new lead)."""
        if activity["ProspectActivityId"] not in self._by_id:
            self._near = None
        activity_id, lead_id = activity["ProspectActivityId"], activity["RelatedProspectId"]
        previous = self._by_id.get(activity_id)
        if previous is not None and previous["RelatedProspectId"] != lead_id:
            old_lead = previous["RelatedProspectId"]
            self._by_lead[old_lead] = tuple(i for i in self._by_lead[old_lead] if i != activity_id)
        if previous is None or previous["RelatedProspectId"] != lead_id:
            self._by_lead[lead_id] = (*self._by_lead.get(lead_id, ()), activity_id)
        self._by_id[activity_id] = activity

    def snapshot(self) -> ActivitiesSnapshot:
        """The activities now, each copied once, for `restore`."""
        return ActivitiesSnapshot(
            {key: copied(activity) for key, activity in self._by_id.items()}, dict(self._by_lead)
        )

    def restore(self, snapshot: ActivitiesSnapshot) -> None:
        """Go back to `snapshot` at once, sharing its activities until each is written."""
        self._by_id = dict(snapshot.by_id)
        self._by_lead = dict(snapshot.by_lead)
        self._pristine = snapshot.by_id
        self._near = None


class PageOrder(NamedTuple):
    """Which page of a feed: sorted by `column` (CreatedOn or ModifiedOn), newest first or not,
    `size` activities from the `start`th."""

    column: str
    newest_first: bool
    start: int
    size: int


def copied(activity: Activity) -> Activity:
    """A full copy of `activity`: its values are JSON scalars, so two dict copies suffice."""
    return {**activity, "Fields": dict(activity["Fields"])}
