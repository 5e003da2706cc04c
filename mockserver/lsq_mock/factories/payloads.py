"""Invalid bulk-update payloads for a tenant, each paired with the verdict it must get.

Each invalid payload breaks exactly one rule, in one row of an otherwise valid batch, and carries
the answer the emulator must give (status, ExceptionType) and the violation it must journal
(JSON path and rule, named as `store.py`, `schemaset.py` and `errors.py` name them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from faker import Faker

from lsq_mock.catalogue import rules
from lsq_mock.contract.fields import DEFAULT_MAX_LENGTH
from lsq_mock.contract.violations import row_of
from lsq_mock.factories import catalog
from lsq_mock.factories.batches import (
    MAX_ROWS,
    Definition,
    Tenant,
    activity_with_field,
    batch_around,
    valid_row_for,
)
from lsq_mock.factories.types import field_value, moment

INVALID_INPUT = "MXInvalidInputException"
INVALID_ENTITY = "MXInvalidEntityException"

_TEXT: Definition = {"SchemaName": "mx_Custom_1", "DataType": "Text"}


@dataclass(frozen=True)
class Expected:
    """The verdict: status, ExceptionType (None: row updated) and the journaled path, rule, row."""

    status: int
    exception_type: str | None
    path: str
    rule: str
    row: int | None = None


@dataclass(frozen=True)
class InvalidPayload:
    """A request body that breaks one rule (`kind`), and what the emulator must say about it."""

    kind: str
    expected: Expected
    body: Any = None
    text: str | None = None
    content_type: str = "application/json"

    def content(self) -> bytes:
        """The bytes to send: `text` verbatim when set, else `body` as JSON."""
        return (self.text if self.text is not None else json.dumps(self.body)).encode()


# -- 400: the body is not as per the specification --------------------------------------------


def _rejected(kind: str, keyword: str, path: str = "$", **payload: Any) -> InvalidPayload:
    """A 400 payload; `keyword` names what the body breaks (a JSON Schema keyword, or how the
    body cannot be read: `content-type`, `json`)."""
    rule = f"{rules.REQUEST}:{keyword}"
    expected = Expected(400, INVALID_INPUT, path, rule, row_of(path))
    return InvalidPayload(kind, expected, **payload)


def _content_type(faker: Faker, tenant: Tenant) -> InvalidPayload:
    rows, _ = batch_around(faker, tenant, None)
    kind = faker.random.choice(("text/plain", "application/xml", "text/json"))
    return _rejected("content-type", "content-type", body=rows, content_type=kind)


def _invalid_json(faker: Faker, tenant: Tenant) -> InvalidPayload:
    rows, _ = batch_around(faker, tenant, None)
    text = faker.random.choice((json.dumps(rows)[:-1], str(rows), json.dumps(rows) + ","))
    return _rejected("invalid-json", "json", text=text)


def _not_an_array(faker: Faker, tenant: Tenant) -> InvalidPayload:
    rows, _ = batch_around(faker, tenant, None, size=1)
    return _rejected("not-an-array", "type", body=rows[0])


def _empty_array(faker: Faker, tenant: Tenant) -> InvalidPayload:
    return _rejected("empty-array", "minItems", body=[])


def _too_many_rows(faker: Faker, tenant: Tenant) -> InvalidPayload:
    rnd = faker.random
    rows = [
        valid_row_for(faker, tenant, rnd.choice(tenant.activities))
        for _ in range(MAX_ROWS + rnd.randint(1, 10))
    ]
    return _rejected("too-many-rows", "maxItems", body=rows)


def _missing_activity_id(faker: Faker, tenant: Tenant) -> InvalidPayload:
    rows, index = batch_around(faker, tenant, faker.random.choice(tenant.activities))
    del rows[index]["ProspectActivityId"]
    return _rejected("missing-activity-id", "required", f"$[{index}].ProspectActivityId", body=rows)


def _activity_id_not_string(faker: Faker, tenant: Tenant) -> InvalidPayload:
    rows, index = batch_around(faker, tenant, faker.random.choice(tenant.activities))
    rows[index]["ProspectActivityId"] = faker.random.randint(1, 10**9)
    return _rejected("activity-id-not-string", "type", f"$[{index}].ProspectActivityId", body=rows)


def _fields_not_array(faker: Faker, tenant: Tenant) -> InvalidPayload:
    activity, _ = activity_with_field(faker, tenant, lambda d: True)
    rows, index = batch_around(faker, tenant, activity)
    rows[index]["Fields"] = {f["SchemaName"]: f["Value"] for f in rows[index]["Fields"]}
    return _rejected("fields-not-array", "type", f"$[{index}].Fields", body=rows)


def _field_missing(key: str) -> Callable[[Faker, Tenant], InvalidPayload]:
    def build(faker: Faker, tenant: Tenant) -> InvalidPayload:
        activity, _ = activity_with_field(faker, tenant, lambda d: True)
        rows, index = batch_around(faker, tenant, activity)
        position = faker.random.randrange(len(rows[index]["Fields"]))
        del rows[index]["Fields"][position][key]
        path = f"$[{index}].Fields[{position}].{key}"
        return _rejected(f"field-missing-{key.lower()}", "required", path, body=rows)

    return build


# -- 200 with a failed row ------------------------------------------------------------------------


def _failed_row(
    kind: str,
    wanted: Callable[[Definition], bool] | str,
    bad_value: Callable[[Faker, Definition], Any],
) -> Callable[[Faker, Tenant], InvalidPayload]:
    """A builder whose row sends `bad_value` to a field `wanted` (or to that system field)."""

    def build(faker: Faker, tenant: Tenant) -> InvalidPayload:
        if isinstance(wanted, str):
            activity = faker.random.choice(tenant.activities)
            definition = {"SchemaName": wanted, "DataType": wanted}
        else:
            activity, definition = activity_with_field(faker, tenant, wanted)
        rows, index = batch_around(faker, tenant, activity)
        name = definition["SchemaName"]
        rows[index] = valid_row_for(faker, tenant, activity, skip=name)
        fields = [f for f in rows[index]["Fields"] if f["SchemaName"] != name]
        fields.append({"SchemaName": name, "Value": bad_value(faker, definition)})
        rows[index]["Fields"] = fields
        path = f"$[{index}].Fields[{len(fields) - 1}].Value"
        refusal = "mandatory-field" if kind == "mandatory-emptied" else "invalid-value"
        rule = f"{refusal}:{definition['DataType']}"
        return InvalidPayload(kind, Expected(200, INVALID_INPUT, path, rule, index + 1), rows)

    return build


def _unknown_activity(faker: Faker, tenant: Tenant) -> InvalidPayload:
    rows, index = batch_around(faker, tenant, faker.random.choice(tenant.activities))
    known = {a["ProspectActivityId"] for a in tenant.activities}
    unknown = faker.uuid4()
    while unknown in known:
        unknown = faker.uuid4()
    rows[index]["ProspectActivityId"] = unknown
    path = f"$[{index}].ProspectActivityId"
    expected = Expected(200, INVALID_ENTITY, path, "unknown-activity", index + 1)
    return InvalidPayload("unknown-activity", expected, rows)


def _unknown_field(faker: Faker, tenant: Tenant) -> InvalidPayload:
    activity = faker.random.choice(tenant.activities)
    rows, index = batch_around(faker, tenant, activity)
    known = {d["SchemaName"] for d in tenant.definitions(activity)}
    number = len(known) + faker.random.randint(1, 50)
    while f"mx_Custom_{number}" in known:
        number += 1
    fields = rows[index]["Fields"]
    fields.append({"SchemaName": f"mx_Custom_{number}", "Value": field_value(faker, _TEXT)})
    path = f"$[{index}].Fields[{len(fields) - 1}].SchemaName"
    expected = Expected(200, INVALID_INPUT, path, "unknown-field", index + 1)
    return InvalidPayload("unknown-field", expected, rows)


def _too_long(faker: Faker, definition: Definition) -> str:
    limit = definition.get("MaxLength") or DEFAULT_MAX_LENGTH[definition["DataType"]]
    sentences = " ".join(catalog.REMARK_SENTENCES)
    text = sentences * (limit // len(sentences) + 1)
    return text[: limit + faker.random.randint(1, 40)]


def _not_an_option(faker: Faker, definition: Definition) -> str:
    options = definition.get("Options") or []
    candidates = [o.upper() for o in options] + [o.lower() for o in options] + ["Other"]
    chosen: str = faker.random.choice([c for c in candidates if c not in options] or ["-"])
    return chosen


def _multi_with_stranger(faker: Faker, definition: Definition) -> str:
    valid = field_value(faker, definition).split(";")
    valid.insert(faker.random.randrange(len(valid) + 1), _not_an_option(faker, definition))
    return ";".join(valid)


def _is(data_type: str, **traits: Any) -> Callable[[Definition], bool]:
    def wanted(definition: Definition) -> bool:
        return definition["DataType"] == data_type and all(
            bool(definition.get(key)) == value for key, value in traits.items()
        )

    return wanted


def _is_multi_select(definition: Definition) -> bool:
    return bool(definition.get("IsMultiSelect"))


def _is_mandatory(definition: Definition) -> bool:
    return bool(definition.get("IsMandatory"))


def _one_of(*values: Any) -> Callable[[Faker, Definition], Any]:
    return lambda faker, _: faker.random.choice(values)


# -- 200, the row updates, but the request breaks the documented contract -------------------------


def _datetime_layout(kind: str, layout: str) -> Callable[[Faker, Tenant], InvalidPayload]:
    wrong = _failed_row(kind, _is("DateTime"), lambda faker, _: moment(faker).strftime(layout))

    def build(faker: Faker, tenant: Tenant) -> InvalidPayload:
        payload = wrong(faker, tenant)
        path, row = payload.expected.path, payload.expected.row
        return InvalidPayload(kind, Expected(200, None, path, "datetime-format", row), payload.body)

    return build


def _duplicate_activity(faker: Faker, tenant: Tenant) -> InvalidPayload:
    rnd = faker.random
    activity = rnd.choice(tenant.activities)
    rows, index = batch_around(faker, tenant, activity, max_size=MAX_ROWS - 1)
    later = rnd.randint(index + 1, len(rows))
    rows.insert(later, valid_row_for(faker, tenant, activity))
    path = f"$[{later}].ProspectActivityId"
    expected = Expected(200, None, path, "duplicate-activity", later + 1)
    return InvalidPayload("duplicate-activity", expected, rows)


def _duplicate_field(faker: Faker, tenant: Tenant) -> InvalidPayload:
    activity, _ = activity_with_field(faker, tenant, lambda d: True)
    rows, index = batch_around(faker, tenant, activity)
    fields = rows[index]["Fields"]
    first = faker.random.choice([f for f in fields if f["SchemaName"].startswith("mx_")])
    definition = next(
        d for d in tenant.definitions(activity) if d["SchemaName"] == first["SchemaName"]
    )
    fields.append({"SchemaName": first["SchemaName"], "Value": field_value(faker, definition)})
    path = f"$[{index}].Fields[{len(fields) - 1}].SchemaName"
    expected = Expected(200, None, path, "duplicate-field", index + 1)
    return InvalidPayload("duplicate-field", expected, rows)


_MISTAKEN_KEYS = {
    "ActivityNotes": "Note under a misspelt key",
    "ValidateDropdownOptions": True,
    "RelatedProspectId": "not-a-key-of-this-endpoint",
    "ActivityDateTime": "2024-05-01 10:00:00",
}


def _unknown_key(faker: Faker, tenant: Tenant) -> InvalidPayload:
    rows, index = batch_around(faker, tenant, faker.random.choice(tenant.activities))
    key = faker.random.choice(sorted(_MISTAKEN_KEYS))
    rows[index][key] = _MISTAKEN_KEYS[key]
    path = f"$[{index}].{key}"
    expected = Expected(200, None, path, "contract:unknown-key", index + 1)
    return InvalidPayload("unknown-key", expected, rows)


def _non_string_value(faker: Faker, tenant: Tenant) -> InvalidPayload:
    activity, definition = activity_with_field(faker, tenant, _is("Number"))
    rows, index = batch_around(faker, tenant, activity)
    rows[index] = valid_row_for(faker, tenant, activity, skip=definition["SchemaName"])
    fields = rows[index]["Fields"]
    number = int(field_value(faker, definition))
    fields.append({"SchemaName": definition["SchemaName"], "Value": number})
    path = f"$[{index}].Fields[{len(fields) - 1}].Value"
    expected = Expected(200, None, path, "contract:type", index + 1)
    return InvalidPayload("non-string-value", expected, rows)


_BUILDERS: dict[str, Callable[[Faker, Tenant], InvalidPayload]] = {
    "content-type": _content_type,
    "invalid-json": _invalid_json,
    "not-an-array": _not_an_array,
    "empty-array": _empty_array,
    "too-many-rows": _too_many_rows,
    "missing-activity-id": _missing_activity_id,
    "activity-id-not-string": _activity_id_not_string,
    "fields-not-array": _fields_not_array,
    "field-missing-schemaname": _field_missing("SchemaName"),
    "field-missing-value": _field_missing("Value"),
    "unknown-activity": _unknown_activity,
    "unknown-field": _unknown_field,
    "string-too-long": _failed_row("string-too-long", _is("String"), _too_long),
    "text-too-long": _failed_row("text-too-long", _is("Text"), _too_long),
    "status-too-long": _failed_row("status-too-long", "Status", _too_long),
    "not-a-number": _failed_row(
        "not-a-number", _is("Number"), _one_of("12,50,000", "five lakh", "1e5", "N/A")
    ),
    "not-a-date": _failed_row(
        "not-a-date", _is("Date"), _one_of("31/12/2024", "2024-02-30", "2024-13-01", "tomorrow")
    ),
    "not-a-datetime": _failed_row(
        "not-a-datetime",
        _is("DateTime"),
        _one_of("18/09/2016 12:12:12", "2024-02-30 10:00:00", "2016-09-18 25:00:00", "today"),
    ),
    "not-a-boolean": _failed_row("not-a-boolean", _is("Boolean"), _one_of("yes", "no", "Y", "on")),
    "bad-dropdown-option": _failed_row(
        "bad-dropdown-option", _is("Dropdown", IsMultiSelect=False), _not_an_option
    ),
    "bad-multi-select-option": _failed_row(
        "bad-multi-select-option", _is_multi_select, _multi_with_stranger
    ),
    "bad-searchable-dropdown-option": _failed_row(
        "bad-searchable-dropdown-option", _is("SearchableDropdown"), _not_an_option
    ),
    "owner-not-a-guid": _failed_row("owner-not-a-guid", "Owner", lambda faker, _: faker.email()),
    "mandatory-emptied": _failed_row("mandatory-emptied", _is_mandatory, _one_of("", None)),
    "datetime-with-t": _datetime_layout("datetime-with-t", "%Y-%m-%dT%H:%M:%S"),
    "datetime-with-timezone": _datetime_layout("datetime-with-timezone", "%Y-%m-%dT%H:%M:%SZ"),
    "datetime-with-offset": _datetime_layout("datetime-with-offset", "%Y-%m-%d %H:%M:%S+05:30"),
    "datetime-with-fraction": _datetime_layout("datetime-with-fraction", "%Y-%m-%d %H:%M:%S.000"),
    "duplicate-activity": _duplicate_activity,
    "duplicate-field": _duplicate_field,
    "unknown-key": _unknown_key,
    "non-string-value": _non_string_value,
}

INVALID_KINDS: tuple[str, ...] = tuple(_BUILDERS)
"""Every kind of invalid payload, in order: 400 causes, failed rows, contract-only breaches."""


def invalid_payload(faker: Faker, tenant: Mapping[str, Any], kind: str) -> InvalidPayload:
    """A batch for `tenant` that breaks the rule `kind` once, with the verdict it must get."""
    if kind not in _BUILDERS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {INVALID_KINDS}")
    return _BUILDERS[kind](faker, Tenant(tenant))


def invalid_payloads(faker: Faker, tenant: Mapping[str, Any]) -> list[InvalidPayload]:
    """One invalid payload of every kind in INVALID_KINDS."""
    state = Tenant(tenant)
    return [build(faker, state) for build in _BUILDERS.values()]
