"""Factories for activity types, their fields, and field values valid for each data type.

Every factory takes a `faker.Faker` and draws only from it (`faker.random` and its providers),
so a seeded Faker (e.g. pytest's `faker` fixture) gives the same output every run.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime, timedelta
from random import Random
from typing import Any

from faker import Faker

from lsq_mock.contract.fields import DATETIME_FORMAT, DEFAULT_MAX_LENGTH
from lsq_mock.factories import catalog

DATA_TYPES = (
    "String",
    "Text",
    "Number",
    "Date",
    "DateTime",
    "Boolean",
    "Dropdown",
    "SearchableDropdown",
)
"""Every field DataType the emulator validates (schemas/activity-type.schema.json)."""

WINDOW_START = datetime(2023, 1, 1)
WINDOW_SECONDS = int((datetime(2026, 1, 1) - WINDOW_START).total_seconds())
"""Generated dates fall in 2023-2025: fixed, so output never depends on the current time."""

_NAME_POOLS: dict[str, Sequence[str]] = {
    "String": catalog.STRING_FIELDS,
    "Text": catalog.TEXT_FIELDS,
    "Number": tuple(catalog.NUMBER_FIELDS),
    "Date": catalog.DATE_FIELDS,
    "DateTime": catalog.DATETIME_FIELDS,
    "Boolean": catalog.BOOLEAN_FIELDS,
    "SearchableDropdown": catalog.SEARCHABLE_FIELDS,
}


def moment(faker: Faker) -> datetime:
    """A UTC moment inside the fixed generation window."""
    return _moment(faker.random)


def _moment(rnd: Random) -> datetime:
    return WINDOW_START + timedelta(seconds=rnd.randrange(WINDOW_SECONDS))


def field_definition(
    faker: Faker,
    schema_name: str,
    data_type: str,
    *,
    display_name: str | None = None,
    multi_select: bool | None = None,
    mandatory: bool | None = None,
    avoid: Collection[str] = (),
) -> dict[str, Any]:
    """One field of an activity type, with a realistic name, options and limits for its type.

    The name is drawn from names not in `avoid` while any are left (a type's names are unique).
    """
    rnd = faker.random
    if data_type not in DATA_TYPES:
        raise ValueError(f"unknown DataType {data_type!r}; expected one of {DATA_TYPES}")
    definition: dict[str, Any] = {"SchemaName": schema_name}
    if data_type == "Dropdown":
        multi = rnd.random() < 0.3 if multi_select is None else multi_select
        pool = catalog.MULTI_SELECT_FIELDS if multi else catalog.DROPDOWN_FIELDS
        name = _pick(faker, sorted(pool), avoid)
        definition.update(
            DisplayName=display_name or name,
            DataType=data_type,
            Options=list(pool[name]),
            IsMultiSelect=multi,
        )
    elif data_type == "SearchableDropdown":
        name = display_name or _pick(faker, catalog.SEARCHABLE_FIELDS, avoid)
        definition.update(
            DisplayName=name,
            DataType=data_type,
            Options=_searchable_options(faker, name),
            IsMultiSelect=bool(multi_select),
        )
    else:
        definition["DisplayName"] = display_name or _pick(faker, _NAME_POOLS[data_type], avoid)
        definition["DataType"] = data_type
    if data_type == "String":
        definition["MaxLength"] = rnd.choice((50, 100, 200))
    elif data_type == "Text":
        definition["MaxLength"] = rnd.choice((500, 1000, 2000, 4000))
    definition["IsMandatory"] = rnd.random() < 0.15 if mandatory is None else mandatory
    return definition


def _pick(faker: Faker, names: Sequence[str], avoid: Collection[str]) -> str:
    fresh = [name for name in names if name not in avoid]
    chosen: str = faker.random.choice(fresh or names)
    return chosen


def _searchable_options(faker: Faker, name: str) -> list[str]:
    rnd, count = faker.random, faker.random.randint(6, 15)
    makers: dict[str, Callable[[], str]] = {
        "City": lambda: str(faker.city()),
        "Assigned Counsellor": lambda: str(faker.name()),
        "Dealer": lambda: f"{faker.last_name()} Motors",
        "Project": lambda: f"{faker.last_name()} {rnd.choice(catalog.PROJECT_SUFFIXES)}",
    }
    make = makers.get(name, makers["City"])
    options: list[str] = []
    for _ in range(count * 3):
        option = make().strip()
        if option and ";" not in option and option not in options:
            options.append(option)
        if len(options) == count:
            break
    return options


def activity_type(
    faker: Faker,
    activity_event: int = 201,
    *,
    name: str | None = None,
    data_types: Sequence[str] | None = None,
    complete: bool = False,
) -> dict[str, Any]:
    """A custom activity type with fields `mx_Custom_1..n`.

    `complete` gives one field of every DataType plus a multi-select dropdown, with the first
    field mandatory: a type that lets every rule of the emulator be exercised.
    """
    rnd = faker.random
    if complete:
        data_types = (*DATA_TYPES, "Dropdown")
    elif data_types is None:
        data_types = rnd.choices(DATA_TYPES, k=rnd.randint(4, 9))
    fields: list[dict[str, Any]] = []
    taken: set[str] = set()
    for position, data_type in enumerate(data_types):
        multi = None
        if complete and data_type == "Dropdown":
            multi = position >= len(DATA_TYPES)
        definition = field_definition(
            faker,
            f"mx_Custom_{position + 1}",
            data_type,
            multi_select=multi,
            mandatory=True if complete and position == 0 else None,
            avoid=taken,
        )
        base, suffix = definition["DisplayName"], 2
        while definition["DisplayName"] in taken:
            definition["DisplayName"] = f"{base} {suffix}"
            suffix += 1
        taken.add(definition["DisplayName"])
        fields.append(definition)
    return {
        "ActivityEvent": activity_event,
        "ActivityEventName": name or rnd.choice(catalog.ACTIVITY_TYPE_NAMES),
        "Fields": fields,
    }


def activity_types(faker: Faker, count: int, *, first_event: int = 201) -> list[dict[str, Any]]:
    """`count` types with distinct names and event codes; the first is `complete`."""
    if count < 1:
        raise ValueError("a tenant needs at least one activity type")
    names = list(catalog.ACTIVITY_TYPE_NAMES)
    faker.random.shuffle(names)
    return [
        activity_type(
            faker,
            first_event + index,
            name=_nth_name(names, index),
            complete=index == 0,
        )
        for index in range(count)
    ]


def _nth_name(names: Sequence[str], index: int) -> str:
    lap, position = divmod(index, len(names))
    return names[position] if lap == 0 else f"{names[position]} {lap + 1}"


def field_value(faker: Faker, field: dict[str, Any]) -> str:
    """A value the emulator accepts for `field`, as a string (the vendor's wire format)."""
    return _field_value(faker, faker.random, field)


def field_values(faker: Faker, fields: Sequence[dict[str, Any]], fill: float) -> dict[str, str]:
    """Values for an activity: every mandatory field, and each optional one with chance `fill`."""
    rnd = faker.random
    return {
        field["SchemaName"]: _field_value(faker, rnd, field)
        for field in fields
        if field.get("IsMandatory") or rnd.random() < fill
    }


def _field_value(faker: Faker, rnd: Random, field: dict[str, Any]) -> str:
    data_type, name = field["DataType"], field.get("DisplayName", "")
    if data_type in ("String", "Text"):
        text = _string_value(faker, rnd, name) if data_type == "String" else _text_value(rnd)
        limit = field.get("MaxLength") or DEFAULT_MAX_LENGTH.get(data_type)
        if limit is not None:
            text = text[:limit].rstrip() or "n/a"
        return text
    if data_type == "Number":
        low, high, step = catalog.NUMBER_FIELDS.get(name, (0, 1000, 1))
        return str(rnd.randrange(low, high + 1, step))
    if data_type == "Date":
        return _moment(rnd).date().isoformat()
    if data_type == "DateTime":
        return _moment(rnd).strftime(DATETIME_FORMAT)
    if data_type == "Boolean":
        return rnd.choice(("true", "false"))
    options = field.get("Options") or ["n/a"]
    if field.get("IsMultiSelect"):
        return ";".join(rnd.sample(options, k=rnd.randint(1, min(3, len(options)))))
    chosen: str = rnd.choice(options)
    return chosen


def _string_value(faker: Faker, rnd: Random, name: str) -> str:
    match name.rstrip(" 0123456789"):
        case "Reference Number":
            return faker.bothify("??-#####", letters="ABCDEFGHJKLMNPQRSTUVWXYZ")
        case "Branch":
            return f"{faker.city()} {rnd.choice(('East', 'West', 'Central', 'North'))}"
        case "Agent Name" | "Contact Person":
            return faker.name()
        case "Campaign":
            return f"{rnd.choice(catalog.CAMPAIGNS)} {_moment(rnd).year}"
        case "Lead Source Detail":
            return rnd.choice(catalog.LEAD_SOURCES)
        case _:
            return faker.city()


def _text_value(rnd: Random) -> str:
    return " ".join(rnd.sample(catalog.REMARK_SENTENCES, k=rnd.randint(1, 3)))
