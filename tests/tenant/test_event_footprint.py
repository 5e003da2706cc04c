"""The event log's quick sizing counts exactly what `footprint` counts, for any event."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lsq_mock.journal.log import footprint
from lsq_mock.tenant.events import ActivityEvent, event_footprint

texts = st.text(max_size=40) | st.text(alphabet="abc-0123456789 ", max_size=40)
values = texts | st.none() | st.integers() | st.floats(allow_nan=False) | st.booleans()


@given(
    event_type=texts,
    activity_id=texts,
    code=st.integers(),
    lead=texts,
    changes=st.lists(st.tuples(texts, values, values), max_size=6),
    timestamp=texts,
)
def test_event_footprint_is_footprint(
    event_type: str,
    activity_id: str,
    code: int,
    lead: str,
    changes: list[tuple[str, object, object]],
    timestamp: str,
) -> None:
    flat = tuple(item for change in changes for item in change)
    event = ActivityEvent(event_type, activity_id, code, lead, flat, timestamp)
    assert event_footprint(event) == footprint(event)
