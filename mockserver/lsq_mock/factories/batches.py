"""Valid bulk-update batches for a tenant: rows on distinct activities, each with valid values
for a few of its type's fields (the base every invalid payload breaks once)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from faker import Faker

from lsq_mock.factories import catalog
from lsq_mock.factories.types import field_value

MAX_ROWS = 25
"""The most rows one bulk call takes (the vendor's page)."""

Row = dict[str, Any]
Definition = dict[str, Any]


class Tenant:
    """A seed's activities and each type's field definitions, for picking rows to break."""

    def __init__(self, seed: Mapping[str, Any]):
        self.fields: dict[int, list[Definition]] = {
            t["ActivityEvent"]: list(t["Fields"]) for t in seed["ActivityTypes"]
        }
        self.activities: list[Mapping[str, Any]] = list(seed["Activities"])
        if not self.activities:
            raise ValueError("the tenant has no activities to build payloads for")

    def definitions(self, activity: Mapping[str, Any]) -> list[Definition]:
        return self.fields[activity["ActivityEvent"]]


def valid_row(
    faker: Faker, tenant: Mapping[str, Any], activity: Mapping[str, Any], *, max_fields: int = 4
) -> Row:
    """A row that updates `activity` with valid values for a few of its type's fields."""
    return valid_row_for(faker, Tenant(tenant), activity, max_fields=max_fields)


def valid_row_for(
    faker: Faker,
    tenant: Tenant,
    activity: Mapping[str, Any],
    *,
    max_fields: int = 4,
    skip: str | None = None,
) -> Row:
    """A valid row for `activity` of a prepared tenant, leaving out the field `skip` if named."""
    rnd = faker.random
    definitions = [d for d in tenant.definitions(activity) if d["SchemaName"] != skip]
    count = rnd.randint(1, min(max_fields, len(definitions))) if definitions else 0
    fields = [
        {"SchemaName": d["SchemaName"], "Value": field_value(faker, d)}
        for d in rnd.sample(definitions, count)
    ]
    if rnd.random() < 0.2:
        fields.append({"SchemaName": "Status", "Value": rnd.choice(catalog.ACTIVITY_STATUSES)})
    row: Row = {"ProspectActivityId": activity["ProspectActivityId"]}
    if rnd.random() < 0.5:
        row["ActivityNote"] = " ".join(rnd.sample(catalog.REMARK_SENTENCES, 1))
    row["Fields"] = fields
    return row


def valid_batch(faker: Faker, tenant: Mapping[str, Any], size: int | None = None) -> list[Row]:
    """A batch of `size` rows (random 1..25 if None), one per distinct activity, all valid."""
    state = Tenant(tenant)
    rows, _ = batch_around(faker, state, None, size=size)
    return rows


def batch_around(
    faker: Faker,
    tenant: Tenant,
    target: Mapping[str, Any] | None,
    *,
    size: int | None = None,
    max_size: int = MAX_ROWS,
) -> tuple[list[Row], int]:
    """Valid rows on distinct activities; `target` (if any) is among them. Returns its index."""
    rnd = faker.random
    others = [a for a in tenant.activities if a is not target]
    limit = min(max_size, len(others) + (target is not None))
    if size is None:
        size = rnd.randint(1, limit)
    if not 1 <= size <= limit:
        raise ValueError(f"batch size must be 1..{limit} for this tenant, not {size}")
    chosen = rnd.sample(others, size - (target is not None))
    index = rnd.randrange(size) if target is not None else -1
    if target is not None:
        chosen.insert(index, target)
    return [valid_row_for(faker, tenant, a) for a in chosen], index


def activity_with_field(
    faker: Faker, tenant: Tenant, wanted: Callable[[Definition], bool]
) -> tuple[Mapping[str, Any], Definition]:
    """A random activity whose type has a field `wanted`, and that field."""
    candidates = [
        (activity, definition)
        for activity in tenant.activities
        for definition in tenant.definitions(activity)
        if wanted(definition)
    ]
    if not candidates:
        raise LookupError("the tenant has no activity with a field this payload needs")
    chosen: tuple[Mapping[str, Any], Definition] = faker.random.choice(candidates)
    return chosen
