"""The tenant a cassette shows, as a seed: the activity types, leads and activities its answers
name, so the calls it recorded find in a fresh emulator what they found on the tenant.

What the tenant held before the recording is read from successful answers (ActivityTypes.Get's
types, GetActivityDetails' fields, Retrieve's rows, rows a bulk call updated, leads in any answer);
what the recorded calls made (Create's and bulk add's new activities, CreateType's new type) is
left out, for the replay to make again. A value the emulator would refuse is dropped. No HTTP here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from lsq_mock.calibrate.cassette import Cassette, Entry
from lsq_mock.catalogue.endpoints import endpoint_at
from lsq_mock.contract.fields import DATA_TYPES, SYSTEM_FIELDS
from lsq_mock.emulator import Emulator
from lsq_mock.errors import InvalidInput
from lsq_mock.settings import Settings

FIELD_TYPES = tuple(data_type for data_type in DATA_TYPES if data_type not in SYSTEM_FIELDS)
"""The DataTypes a custom field may have (Status and Owner are the system fields' own)."""
CUSTOM_FIELD = re.compile(r"mx_Custom_[1-9][0-9]*")
STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
UNKNOWN_TYPE_NAME = "lsq-mock calibrate: activities of an unknown type"
UNKNOWN_LEAD = "00000000-0000-4000-8000-0000ca11b2a7"
"""The lead of activities whose lead no answer showed, in a tenant that holds leads."""
GONE = re.compile(r"does not exist|not found|no such", re.IGNORECASE)
"""A failed row's message saying the activity it names is not the tenant's."""
CREATED_KEYS = ("ProspectActivityId", "Id")
MAX_FIXES = 1000


@dataclass
class _Type:
    name: str | None = None
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class _Activity:
    code: int | None = None
    type_name: str | None = None
    lead: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    fields: set[str] = field(default_factory=set)
    note: str | None = None
    created_on: str | None = None
    modified_on: str | None = None


@dataclass
class _Tenant:
    """What the cassette's answers show of the tenant."""

    types: dict[int, _Type] = field(default_factory=dict)
    activities: dict[str, _Activity] = field(default_factory=dict)
    leads: dict[str, dict[str, Any]] = field(default_factory=dict)
    created_ids: set[Any] = field(default_factory=set)
    created_types: set[str] = field(default_factory=set)

    def activity(self, activity_id: Any) -> _Activity | None:
        if not isinstance(activity_id, str) or not activity_id:
            return None
        return self.activities.setdefault(activity_id, _Activity())

    def lead(self, lead_id: Any) -> None:
        if isinstance(lead_id, str) and lead_id and "@" not in lead_id:
            self.leads.setdefault(lead_id, {"ProspectID": lead_id})

    def type_fields(self, code: Any, names: Any) -> None:
        if isinstance(code, int) and not isinstance(code, bool) and code > 0:
            known = self.types.setdefault(code, _Type()).fields
            for name in names:
                if isinstance(name, str) and CUSTOM_FIELD.fullmatch(name):
                    known.setdefault(name, {"SchemaName": name, "DataType": "Text"})


def infer_seed(cassette: Cassette) -> dict[str, Any]:
    """The seed of the tenant `cassette` shows (see the module's docstring)."""
    tenant = _Tenant()
    for entry in cassette.exchanges:
        _read(tenant, entry)
    return fitted(_seed(tenant))


def seed_counts(seed: dict[str, Any]) -> dict[str, int]:
    """How many types, leads and activities a seed holds."""
    return {key: len(seed.get(key, [])) for key in ("ActivityTypes", "Leads", "Activities")}


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _read(tenant: _Tenant, entry: Entry) -> None:
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


def _read_types(tenant: _Tenant, entry: Entry, sent: Any, answer: Any) -> None:
    for row in answer if isinstance(answer, list) else ():
        code = row.get("ActivityEvent") if isinstance(row, dict) else None
        if not isinstance(code, int):
            continue
        known = tenant.types.setdefault(code, _Type())
        known.name = row.get("ActivityEventName") or known.name
        properties = _json(row.get("ActivityProperties") or "") or {}
        for definition in properties.get("FormMetaData") or ():
            _define(known, definition, definition.get("OptionSet"))


def _define(known: _Type, given: dict[str, Any], option_set: Any) -> None:
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


def _read_details(tenant: _Tenant, entry: Entry, sent: Any, answer: Any) -> None:
    activity = tenant.activity(answer.get("ID") if isinstance(answer, dict) else None)
    if activity is None:
        return
    activity.type_name = answer.get("Name") or activity.type_name
    named = _Type()
    for given in answer.get("Fields") or ():
        name = given.get("SchemaName")
        if name in SYSTEM_FIELDS:
            activity.values[name] = given.get("Value")
        elif isinstance(name, str) and CUSTOM_FIELD.fullmatch(name):
            _define(named, given, given.get("OptionSet"))
            activity.values[name] = given.get("Value")
    activity.fields.update(named.fields)
    tenant.types.setdefault(-len(tenant.types) - 1, named).name = activity.type_name


def _read_retrieve(tenant: _Tenant, entry: Entry, sent: Any, answer: Any) -> None:
    lead_id = _query(entry, "leadId")
    tenant.lead(lead_id)
    for row in (answer.get("ProspectActivities") or ()) if isinstance(answer, dict) else ():
        activity = tenant.activity(row.get("Id"))
        if activity is None:
            continue
        data = {pair.get("Key"): pair.get("Value") for pair in row.get("Data") or ()}
        activity.code = row.get("EventCode") if isinstance(row.get("EventCode"), int) else None
        if activity.code is not None:
            tenant.types.setdefault(activity.code, _Type()).name = row.get("EventName")
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


def _read_bulk_update(tenant: _Tenant, entry: Entry, sent: Any, answer: Any) -> None:
    for row, result in _rows(sent, answer):
        gone = result.get("ActivityUpdated") is not True and GONE.search(
            str(result.get("ExceptionMessage") or "")
        )
        activity = None if gone else tenant.activity(row.get("ProspectActivityId"))
        if activity is not None and result.get("ActivityUpdated") is True:
            activity.fields.update(n for n in _field_names(row) if isinstance(n, str))


def _read_update(tenant: _Tenant, entry: Entry, sent: Any, answer: Any) -> None:
    if isinstance(sent, dict) and _succeeded(answer):
        activity = tenant.activity(sent.get("ProspectActivityId"))
        if activity is not None:
            activity.fields.update(n for n in _field_names(sent) if isinstance(n, str))


def _succeeded(answer: Any) -> bool:
    return isinstance(answer, dict) and answer.get("Status") == "Success"


def _posted(tenant: _Tenant, row: dict[str, Any]) -> None:
    tenant.lead(row.get("RelatedProspectId"))
    tenant.type_fields(row.get("ActivityEvent"), _field_names(row))


def _read_bulk_add(tenant: _Tenant, entry: Entry, sent: Any, answer: Any) -> None:
    for row, result in _rows(sent, answer):
        if result.get("ActivityCreated") is True:
            _posted(tenant, row)
            tenant.created_ids.add(result.get("ProspectActivityId"))


def _read_create(tenant: _Tenant, entry: Entry, sent: Any, answer: Any) -> None:
    if isinstance(sent, dict) and _succeeded(answer):
        _posted(tenant, sent)
        tenant.created_ids.add((answer.get("Message") or {}).get("Id"))


def _read_create_type(tenant: _Tenant, entry: Entry, sent: Any, answer: Any) -> None:
    if isinstance(sent, dict) and _succeeded(answer):
        tenant.created_types.add(str(sent.get("ActivityEventName", "")).casefold())


_READERS = {
    "activity-types": _read_types,
    "details": _read_details,
    "retrieve": _read_retrieve,
    "bulk-update": _read_bulk_update,
    "update": _read_update,
    "bulk-add": _read_bulk_add,
    "create": _read_create,
    "create-type": _read_create_type,
}
"""What each endpoint's answer shows of the tenant, by the endpoint's id."""


def _seed(tenant: _Tenant) -> dict[str, Any]:
    types = _named_types(tenant)
    codes = {t.name.casefold(): code for code, t in types.items() if t.name}
    spare = iter(code for code in range(200, 0, -1) if code not in types)
    unknown_code: int | None = None
    activities = []
    leads = {k: v for k, v in tenant.leads.items() if k not in tenant.created_ids}
    for activity_id, activity in tenant.activities.items():
        if activity_id in tenant.created_ids:
            continue
        code = activity.code
        if code is None and activity.type_name:
            code = codes.get(activity.type_name.casefold())
            if code is None:
                code = next(spare)
                codes[activity.type_name.casefold()] = code
                types[code] = _Type(activity.type_name)
        if code is None:
            unknown_code = unknown_code or next(spare)
            code = unknown_code
            types.setdefault(code, _Type(UNKNOWN_TYPE_NAME))
        definitions = types.setdefault(code, _Type()).fields
        for name in {*activity.fields, *activity.values} - set(SYSTEM_FIELDS):
            definitions.setdefault(name, {"SchemaName": name, "DataType": "Text"})
        lead = activity.lead or UNKNOWN_LEAD
        if leads:
            leads.setdefault(lead, {"ProspectID": lead})
        activities.append(_activity(activity_id, activity, code, lead))
    return {
        "ActivityTypes": [
            {
                "ActivityEvent": code,
                "ActivityEventName": known.name or f"Activity type {code}",
                "Fields": sorted(known.fields.values(), key=lambda f: int(f["SchemaName"][10:])),
            }
            for code, known in sorted(types.items())
            if (known.name or "").casefold() not in tenant.created_types
        ],
        "Leads": list(leads.values()),
        "Activities": activities,
    }


def _named_types(tenant: _Tenant) -> dict[int, _Type]:
    """The types with a code; those known by name only (details) merged into the coded ones."""
    coded = {code: known for code, known in tenant.types.items() if code > 0}
    by_name = {t.name.casefold(): t for t in coded.values() if t.name}
    for code, named in list(tenant.types.items()):
        if code > 0 or not named.name:
            continue
        target = by_name.get(named.name.casefold())
        if target is None:
            spare = next(c for c in range(200, 0, -1) if c not in coded)
            target = coded[spare] = by_name[named.name.casefold()] = _Type(named.name)
        for name, definition in named.fields.items():
            target.fields[name] = _richer(target.fields.get(name), definition)
    return coded


def _richer(listed: dict[str, Any] | None, detailed: dict[str, Any]) -> dict[str, Any]:
    """A field as GetActivityDetails shows it (multi-select, length), unless it showed less
    than ActivityTypes.Get (no options: read as Text)."""
    if listed is None or not (detailed["DataType"] == "Text" and listed["DataType"] != "Text"):
        return detailed
    return listed


def _activity(activity_id: str, activity: _Activity, code: int, lead: str) -> dict[str, Any]:
    seeded: dict[str, Any] = {
        "ProspectActivityId": activity_id,
        "ActivityEvent": code,
        "RelatedProspectId": lead,
        "Fields": {
            name: str(value)
            for name, value in activity.values.items()
            if name not in SYSTEM_FIELDS and value not in (None, "")
        },
    }
    if isinstance(activity.note, str):
        seeded["ActivityNote"] = activity.note
    for name in SYSTEM_FIELDS:
        if isinstance(activity.values.get(name), str) and activity.values[name]:
            seeded[name] = activity.values[name]
    for key, moment in (("CreatedOn", activity.created_on), ("ModifiedOn", activity.modified_on)):
        text = str(moment or "")[:19]
        if STORED_TIME.fullmatch(text):
            seeded[key] = text
    return seeded


def fitted(seed: dict[str, Any]) -> dict[str, Any]:
    """`seed` with every value the emulator refuses dropped (a display-form date, an option
    the answers did not list), so it loads."""
    for _ in range(MAX_FIXES):
        try:
            Emulator(Settings(seed=seed))
        except InvalidInput as problem:
            if not _drop(seed, problem.path):
                raise ValueError(
                    f"the seed read from the cassette does not load: {problem}"
                ) from None
        else:
            return seed
    raise ValueError("the seed read from the cassette does not load")


def _drop(seed: dict[str, Any], path: str) -> bool:
    """Remove the value at a seed error's path (`$.Activities[3].Fields.mx_Custom_2`)."""
    match = re.match(r"\$\.Activities\[(\d+)\]\.(?:Fields\.)?(\w+)", path)
    if match is None:
        return False
    activity = seed["Activities"][int(match.group(1))]
    name = match.group(2)
    if name in activity.get("Fields", {}):
        del activity["Fields"][name]
        return True
    if name in (*SYSTEM_FIELDS, "CreatedOn", "ModifiedOn", "ActivityNote") and name in activity:
        del activity[name]
        return True
    return False
