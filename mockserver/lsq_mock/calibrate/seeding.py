"""The tenant a cassette shows, as a seed: the activity types, leads and activities its answers
name, so the calls it recorded find in a fresh emulator what they found on the tenant.

What the tenant held before the recording (`observed`) is seeded; what the recorded calls made
(Create's and bulk add's new activities, CreateType's new type) is left out, for the replay to make
again. A field no answer described is guessed from the values the tenant took in it (a Number if
they all are numbers, ...; else a Text); an activity of no known type gets one of its own;
a value the emulator would refuse is dropped. No HTTP here.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

from lsq_mock.calibrate.cassette import Cassette
from lsq_mock.calibrate.lead_seed import custom_names, lead_fields, seedable_lead
from lsq_mock.calibrate.observed import (
    SeenActivity,
    SeenTenant,
    SeenType,
    guessed_field,
    read_answer,
)
from lsq_mock.contract.fields import SYSTEM_FIELDS
from lsq_mock.emulator import Emulator
from lsq_mock.errors import InvalidInput
from lsq_mock.settings import Settings

STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
UNKNOWN_TYPE_NAME = "lsq-mock calibrate: activities of an unknown type"
UNKNOWN_LEAD = "00000000-0000-4000-8000-0000ca11b2a7"
"""The lead of activities whose lead no answer showed, in a tenant that holds leads."""
MAX_FIXES = 1000
FILLER_IDS = uuid.UUID("6c5d0f1e-ca11-4b7a-9e0d-1ead5f111e75")
FILLER_TIME = "2000-01-01 00:00:00"


def infer_seed(cassette: Cassette) -> dict[str, Any]:
    """The seed of the tenant `cassette` shows (see the module's docstring)."""
    tenant = SeenTenant()
    for entry in cassette.exchanges:
        read_answer(tenant, entry)
    return fitted(_seed(tenant))


def seed_counts(seed: dict[str, Any]) -> dict[str, int]:
    """How many types, leads and activities a seed holds."""
    return {key: len(seed.get(key, [])) for key in ("ActivityTypes", "Leads", "Activities")}


def _seed(tenant: SeenTenant) -> dict[str, Any]:
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
                types[code] = SeenType(activity.type_name)
        if code is None:
            unknown_code = unknown_code or next(spare)
            code = unknown_code
            types.setdefault(code, SeenType(UNKNOWN_TYPE_NAME))
        definitions = types.setdefault(code, SeenType()).fields
        for name in {*activity.written, *activity.values} - set(SYSTEM_FIELDS):
            taken = [*activity.written.get(name, ()), activity.values.get(name)]
            definitions.setdefault(name, guessed_field(name, taken))
        lead = activity.lead or UNKNOWN_LEAD
        if leads:
            leads.setdefault(lead, {"ProspectID": lead})
        activities.append(_activity(activity_id, activity, code, lead))
    activities += _fillers(tenant, activities, types, unknown_code, spare)
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
        **_leads(tenant, list(leads.values())),
        "Activities": activities,
    }


def _leads(tenant: SeenTenant, leads: list[dict[str, Any]]) -> dict[str, Any]:
    """The seed's Leads, and the LeadFields their custom values need (if any)."""
    custom = lead_fields(tenant.lead_field_rows, custom_names(leads))
    seeded: dict[str, Any] = {"Leads": [seedable_lead(lead, custom) for lead in leads]}
    if custom:
        seeded["LeadFields"] = custom
    return seeded


def _fillers(
    tenant: SeenTenant,
    activities: list[dict[str, Any]],
    types: dict[int, SeenType],
    unknown_code: int | None,
    spare: Iterator[int],
) -> list[dict[str, Any]]:
    """Activities no answer showed but Retrieve's RecordCount counted (a page shows only some),
    oldest of all so that the first pages hold those shown. Per lead: first those of a type a
    Retrieve asked for, then the rest, of a type of their own."""
    made: list[dict[str, Any]] = []

    def held(lead: str, code: int | None, seq: int) -> int:
        seeded = [a for a in (*activities, *made) if a["RelatedProspectId"] == lead]
        posted = [p for p in tenant.posted if p[1] == lead and p[0] < seq]
        if code is not None:
            seeded = [a for a in seeded if a["ActivityEvent"] == code]
            posted = [p for p in posted if p[2] == code]
        return len(seeded) + len(posted)

    for typed in (True, False):
        for seq, lead, code, count in tenant.counted:
            if (code is not None) != typed or (code is not None and code not in types):
                continue
            missing = count - held(lead, code, seq)
            if missing > 0 and code is None:
                unknown_code = unknown_code or next(spare)
                types.setdefault(unknown_code, SeenType(UNKNOWN_TYPE_NAME))
            for _ in range(max(missing, 0)):
                made.append(_filler(lead, code if code is not None else unknown_code, len(made)))
    return made


def _filler(lead: str, code: int | None, number: int) -> dict[str, Any]:
    return {
        "ProspectActivityId": str(uuid.uuid5(FILLER_IDS, f"{lead}/{number}")),
        "ActivityEvent": code,
        "RelatedProspectId": lead,
        "CreatedOn": FILLER_TIME,
        "ModifiedOn": FILLER_TIME,
    }


def _named_types(tenant: SeenTenant) -> dict[int, SeenType]:
    """The types with a code; those known by name only (details) merged into the coded ones."""
    coded = {code: known for code, known in tenant.types.items() if code > 0}
    for known in coded.values():
        for name, values in known.written.items():
            known.fields.setdefault(name, guessed_field(name, values))
    by_name = {t.name.casefold(): t for t in coded.values() if t.name}
    for code, named in list(tenant.types.items()):
        if code > 0 or not named.name:
            continue
        target = by_name.get(named.name.casefold())
        if target is None:
            spare = next(c for c in range(200, 0, -1) if c not in coded)
            target = coded[spare] = by_name[named.name.casefold()] = SeenType(named.name)
        for name, definition in named.fields.items():
            target.fields[name] = _richer(target.fields.get(name), definition)
    return coded


def _richer(listed: dict[str, Any] | None, detailed: dict[str, Any]) -> dict[str, Any]:
    """A field as GetActivityDetails shows it (multi-select, length), unless it showed less
    than ActivityTypes.Get (no options: read as Text)."""
    if listed is None or not (detailed["DataType"] == "Text" and listed["DataType"] != "Text"):
        return detailed
    return listed


def _activity(activity_id: str, activity: SeenActivity, code: int, lead: str) -> dict[str, Any]:
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
    """`seed` made to load: a dropdown holding several of its options `;`-joined is read as a
    multi-select (ActivityTypes.Get does not say), any other value the emulator refuses (a
    display-form date, an option the answers did not list) is dropped."""
    for _ in range(MAX_FIXES):
        try:
            Emulator(Settings(seed=seed))
        except InvalidInput as problem:
            if not _fix(seed, problem.path):
                raise ValueError(
                    f"the seed read from the cassette does not load: {problem}"
                ) from None
        else:
            return seed
    raise ValueError("the seed read from the cassette does not load")


def _fix(seed: dict[str, Any], path: str) -> bool:
    """Mend the value at a seed error's path (`$.Activities[3].Fields.mx_Custom_2`)."""
    lead = re.match(r"\$\.Leads\[(\d+)\]\.(\w+)", path)
    if lead is not None and lead.group(2) != "ProspectID":
        return seed["Leads"][int(lead.group(1))].pop(lead.group(2), None) is not None
    match = re.match(r"\$\.Activities\[(\d+)\]\.(?:Fields\.)?(\w+)", path)
    if match is None:
        return False
    activity = seed["Activities"][int(match.group(1))]
    name = match.group(2)
    if name in activity.get("Fields", {}):
        definition = _definition(seed, activity["ActivityEvent"], name)
        value = str(activity["Fields"][name])
        options = (definition or {}).get("Options") or ()
        parts = value.split(";")
        if definition is not None and len(parts) > 1 and all(p in options for p in parts):
            definition["IsMultiSelect"] = True
            return True
        del activity["Fields"][name]
        return True
    if name in (*SYSTEM_FIELDS, "CreatedOn", "ModifiedOn", "ActivityNote") and name in activity:
        del activity[name]
        return True
    return False


def _definition(seed: dict[str, Any], code: int, name: str) -> dict[str, Any] | None:
    for activity_type in seed["ActivityTypes"]:
        if activity_type["ActivityEvent"] == code:
            return next((f for f in activity_type["Fields"] if f["SchemaName"] == name), None)
    return None
