"""What a cassette's successful answers show of the tenant before it was recorded: its activity
types (ActivityTypes.Get, GetActivityDetails), leads (any answer holding a ProspectID), and
activities (Retrieve's rows, GetActivityDetails, rows a bulk call updated), and what the recorded
calls made (Create's and bulk add's new activities, CreateType's new type). No HTTP here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from lsq_mock.calibrate.cassette import Entry
from lsq_mock.catalogue.endpoints import endpoint_at
from lsq_mock.contract.fields import DATA_TYPES, SYSTEM_FIELDS, InvalidValue, check_value
from lsq_mock.digits import ascii_int

FIELD_TYPES = tuple(data_type for data_type in DATA_TYPES if data_type not in SYSTEM_FIELDS)
"""The DataTypes a custom field may have (Status and Owner are the system fields' own)."""
CUSTOM_FIELD = re.compile(r"mx_Custom_[1-9][0-9]*")
GONE = re.compile(r"does not exist|not found|no such", re.IGNORECASE)
"""A failed row's message saying the activity it names is not the tenant's."""


@dataclass
class SeenType:
    """An activity type as answers show it."""

    name: str | None = None
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Its fields as an answer described them."""
    written: dict[str, list[Any]] = field(default_factory=dict)
    """Values posted to fields no answer described, by field."""


@dataclass
class SeenActivity:
    """An activity as answers show it."""

    code: int | None = None
    type_name: str | None = None
    lead: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    """Its values as a read answered them."""
    written: dict[str, list[Any]] = field(default_factory=dict)
    """Values a call wrote to it and the tenant took, by field."""
    note: str | None = None
    created_on: str | None = None
    modified_on: str | None = None


@dataclass
class SeenTenant:
    """What the cassette's answers show of the tenant."""

    types: dict[int, SeenType] = field(default_factory=dict)
    activities: dict[str, SeenActivity] = field(default_factory=dict)
    leads: dict[str, dict[str, Any]] = field(default_factory=dict)
    created_ids: set[Any] = field(default_factory=set)
    created_types: set[str] = field(default_factory=set)
    posted: list[tuple[int, str, Any]] = field(default_factory=list)
    """(seq, lead, event code) of each activity a recorded call posted."""
    counted: list[tuple[int, str, int | None, int]] = field(default_factory=list)
    """(seq, lead, event code asked for or None, RecordCount) of each Retrieve answered."""
    lead_field_rows: list[dict[str, Any]] = field(default_factory=list)
    """The lead fields LeadsMetaData.Get described."""

    def activity(self, activity_id: Any) -> SeenActivity | None:
        """The activity of this id, noted as the tenant's (None for what is no id)."""
        if not isinstance(activity_id, str) or not activity_id:
            return None
        return self.activities.setdefault(activity_id, SeenActivity())

    def lead(self, lead_id: Any) -> None:
        """Note a lead the tenant holds (an email stands for no lead id)."""
        if isinstance(lead_id, str) and lead_id and "@" not in lead_id:
            self.leads.setdefault(lead_id, {"ProspectID": lead_id})

    def posted_to(self, code: Any, row: dict[str, Any]) -> None:
        """Note that the tenant took a row posted on a type: the type and its values exist."""
        if isinstance(code, int) and not isinstance(code, bool) and code > 0:
            _note_written(self.types.setdefault(code, SeenType()).written, row)


def _note_written(written: dict[str, list[Any]], row: dict[str, Any]) -> None:
    for given in row.get("Fields") or ():
        name = given.get("SchemaName") if isinstance(given, dict) else None
        if isinstance(name, str) and CUSTOM_FIELD.fullmatch(name):
            written.setdefault(name, []).append(given.get("Value"))


GUESSES = ("Number", "Boolean", "Date", "DateTime")
"""The DataTypes a field no answer described may be guessed to have from the values the tenant
took in it (all of them fit), in this order; else it is a Text."""


def guessed_field(name: str, values: list[Any]) -> dict[str, Any]:
    """A definition of field `name` that takes every value the tenant took in it, and refuses
    what its values suggest the tenant refuses ('abc' in a field that only took numbers)."""
    taken = [value for value in values if value not in (None, "")]
    for data_type in GUESSES if taken else ():
        definition = {"SchemaName": name, "DataType": data_type}
        try:
            for value in taken:
                check_value(definition, value)
        except InvalidValue:
            continue
        return definition
    return {"SchemaName": name, "DataType": "Text"}


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def read_answer(tenant: SeenTenant, entry: Entry) -> None:
    """Note what one recorded call's answer shows of the tenant."""
    assert entry.response is not None
    answer = _json(entry.response.text) if entry.response.status == 200 else None
    if answer is None:
        return
    for lead in _objects_with(answer, "ProspectID"):
        tenant.leads.setdefault(str(lead["ProspectID"]), _lead_of(lead))
    endpoint = endpoint_at(entry.request.path)
    if endpoint is None or endpoint.method != entry.request.method:
        return
    sent = _json(entry.request.text)
    reader = _READERS.get(endpoint.id)
    if reader is not None:
        reader(tenant, entry, sent, answer)


def _objects_with(value: Any, key: str) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if isinstance(value.get(key), str):
            yield value
        for item in value.values():
            yield from _objects_with(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from _objects_with(item, key)


def _lead_of(lead: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value
        for name, value in lead.items()
        if isinstance(value, str | int | float | bool) or value is None
    }


def _query(entry: Entry, name: str) -> str | None:
    for part in entry.request.query.split("&"):
        key, _, value = part.partition("=")
        if key.lower() == name.lower():
            return unquote_plus(value)
    return None


def _read_types(tenant: SeenTenant, entry: Entry, sent: Any, answer: Any) -> None:
    for row in answer if isinstance(answer, list) else ():
        code = row.get("ActivityEvent") if isinstance(row, dict) else None
        if not isinstance(code, int):
            continue
        known = tenant.types.setdefault(code, SeenType())
        known.name = row.get("ActivityEventName") or known.name
        properties = _json(row.get("ActivityProperties") or "") or {}
        for definition in properties.get("FormMetaData") or ():
            _define(known, definition, definition.get("OptionSet"))


def _define(known: SeenType, given: dict[str, Any], option_set: Any) -> None:
    """Add a field definition as an answer shows it (details' or ActivityTypes.Get's)."""
    name = given.get("SchemaName")
    if not isinstance(name, str) or not CUSTOM_FIELD.fullmatch(name):
        return
    data_type = given.get("DataType")
    options = [o.get("Value") for o in _json(option_set or "") or () if isinstance(o, dict)]
    options = [option for option in options if isinstance(option, str) and option]
    if data_type not in FIELD_TYPES or (
        data_type in ("Dropdown", "SearchableDropdown") and not options
    ):
        data_type = "Text"  # a type the emulator lacks (a lookup), or options not shown
    definition: dict[str, Any] = {"SchemaName": name, "DataType": data_type}
    if isinstance(given.get("DisplayName"), str):
        definition["DisplayName"] = given["DisplayName"]
    if data_type in ("Dropdown", "SearchableDropdown"):
        definition["Options"] = options
        if given.get("IsMultiSelectDropdown") is True:
            definition["IsMultiSelect"] = True
    limit = given.get("MaxFieldLength")
    if data_type in ("String", "Text") and isinstance(limit, int) and limit >= 1:
        definition["MaxLength"] = limit
    if given.get("IsMandatory") is True:
        definition["IsMandatory"] = True
    known.fields[name] = definition


def _read_details(tenant: SeenTenant, entry: Entry, sent: Any, answer: Any) -> None:
    activity = tenant.activity(answer.get("ID") if isinstance(answer, dict) else None)
    if activity is None:
        return
    activity.type_name = answer.get("Name") or activity.type_name
    named = SeenType()
    for given in answer.get("Fields") or ():
        name = given.get("SchemaName")
        if name in SYSTEM_FIELDS:
            activity.values[name] = given.get("Value")
        elif isinstance(name, str) and CUSTOM_FIELD.fullmatch(name):
            _define(named, given, given.get("OptionSet"))
            activity.values[name] = given.get("Value")
    for name in named.fields:
        activity.written.setdefault(name, [])
    tenant.types.setdefault(-len(tenant.types) - 1, named).name = activity.type_name


def _read_retrieve(tenant: SeenTenant, entry: Entry, sent: Any, answer: Any) -> None:
    lead_id = _query(entry, "leadId")
    tenant.lead(lead_id)
    count = answer.get("RecordCount") if isinstance(answer, dict) else None
    asked = (sent.get("Parameter") or {}).get("ActivityEvent") if isinstance(sent, dict) else None
    if lead_id and isinstance(count, int):
        code = ascii_int(str(asked or ""))
        tenant.counted.append((entry.seq, lead_id, code, count))
    for row in (answer.get("ProspectActivities") or ()) if isinstance(answer, dict) else ():
        activity = tenant.activity(row.get("Id"))
        if activity is None:
            continue
        data = {pair.get("Key"): pair.get("Value") for pair in row.get("Data") or ()}
        activity.code = row.get("EventCode") if isinstance(row.get("EventCode"), int) else None
        if activity.code is not None:
            tenant.types.setdefault(activity.code, SeenType()).name = row.get("EventName")
        activity.lead = data.get("RelatedProspectId") or lead_id
        activity.note = data.get("ActivityEvent_Note", activity.note)
        activity.created_on = row.get("CreatedOn")
        activity.modified_on = data.get("ModifiedOn")
        values = {**data, **(row.get("ActivityFields") or {})}
        for name, value in values.items():
            if isinstance(name, str) and (CUSTOM_FIELD.fullmatch(name) or name in SYSTEM_FIELDS):
                activity.values.setdefault(name, value)


def _rows(sent: Any, answer: Any) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    results = answer.get("Response") if isinstance(answer, dict) else None
    if isinstance(sent, list) and isinstance(results, list):
        for row, result in zip(sent, results, strict=False):
            if isinstance(row, dict) and isinstance(result, dict):
                yield row, result


def _field_names(row: dict[str, Any]) -> list[Any]:
    return [f.get("SchemaName") for f in row.get("Fields") or () if isinstance(f, dict)]


def _read_bulk_update(tenant: SeenTenant, entry: Entry, sent: Any, answer: Any) -> None:
    for row, result in _rows(sent, answer):
        gone = result.get("ActivityUpdated") is not True and GONE.search(
            str(result.get("ExceptionMessage") or "")
        )
        activity = None if gone else tenant.activity(row.get("ProspectActivityId"))
        if activity is not None and result.get("ActivityUpdated") is True:
            _note_written(activity.written, row)


def _read_update(tenant: SeenTenant, entry: Entry, sent: Any, answer: Any) -> None:
    if isinstance(sent, dict) and _succeeded(answer):
        activity = tenant.activity(sent.get("ProspectActivityId"))
        if activity is not None:
            _note_written(activity.written, sent)


def _succeeded(answer: Any) -> bool:
    return isinstance(answer, dict) and answer.get("Status") == "Success"


def _posted(tenant: SeenTenant, entry: Entry, row: dict[str, Any]) -> None:
    tenant.lead(row.get("RelatedProspectId"))
    tenant.posted_to(row.get("ActivityEvent"), row)
    lead = row.get("RelatedProspectId")
    if isinstance(lead, str):
        tenant.posted.append((entry.seq, lead, row.get("ActivityEvent")))


def _read_bulk_add(tenant: SeenTenant, entry: Entry, sent: Any, answer: Any) -> None:
    for row, result in _rows(sent, answer):
        if result.get("ActivityCreated") is True:
            _posted(tenant, entry, row)
            tenant.created_ids.add(result.get("ProspectActivityId"))


def _read_create(tenant: SeenTenant, entry: Entry, sent: Any, answer: Any) -> None:
    if isinstance(sent, dict) and _succeeded(answer):
        _posted(tenant, entry, sent)
        tenant.created_ids.add((answer.get("Message") or {}).get("Id"))


def _read_create_type(tenant: SeenTenant, entry: Entry, sent: Any, answer: Any) -> None:
    if isinstance(sent, dict) and _succeeded(answer):
        tenant.created_types.add(str(sent.get("ActivityEventName", "")).casefold())


def _read_lead_metadata(tenant: SeenTenant, entry: Entry, sent: Any, answer: Any) -> None:
    tenant.lead_field_rows.extend(row for row in answer or () if isinstance(row, dict))


_READERS = {
    "activity-types": _read_types,
    "details": _read_details,
    "retrieve": _read_retrieve,
    "bulk-update": _read_bulk_update,
    "update": _read_update,
    "bulk-add": _read_bulk_add,
    "create": _read_create,
    "create-type": _read_create_type,
    "lead-metadata": _read_lead_metadata,
}
"""What each endpoint's answer shows of the tenant, by the endpoint's id."""
