"""Factories for leads and activities, and a whole fake tenant from one seed."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from faker import Faker

from lsq_mock.contract.fields import DATETIME_FORMAT
from lsq_mock.factories import catalog
from lsq_mock.factories import types as type_factories
from lsq_mock.factories.types import field_values, moment
from lsq_mock.tenant.leads.values import PHONE_KEY_DIGITS, phone_key

DEFAULT_LOCALE = "en_IN"
"""LeadSquared's home market: Indian names, cities and phone numbers read most realistic."""


def lead(faker: Faker) -> dict[str, Any]:
    """A lead (prospect): its id is what activities carry as `RelatedProspectId`."""
    first, last = faker.first_name(), faker.last_name()
    return {
        "ProspectID": faker.uuid4(),
        "FirstName": first,
        "LastName": last,
        "EmailAddress": f"{first}.{last}@{faker.free_email_domain()}".lower().replace(" ", ""),
        "Phone": faker.phone_number(),
    }


def activity(
    faker: Faker,
    activity_type: Mapping[str, Any],
    related_lead: Mapping[str, Any],
    *,
    owners: Sequence[str] = (),
) -> dict[str, Any]:
    """An activity of `activity_type` on `related_lead`, every field value valid for its type.

    Mandatory fields always get a value, optional ones most of the time.
    """
    rnd = faker.random
    values = field_values(faker, activity_type["Fields"], fill=0.7)
    created = moment(faker)
    modified = created + timedelta(seconds=rnd.choice((0, rnd.randrange(1, 30 * 86_400))))
    record: dict[str, Any] = {
        "ProspectActivityId": faker.uuid4(),
        "ActivityEvent": activity_type["ActivityEvent"],
        "RelatedProspectId": related_lead["ProspectID"],
    }
    if rnd.random() < 0.8:
        note = rnd.choice(catalog.NOTE_TEMPLATES).format(
            name=related_lead["FirstName"], activity=activity_type["ActivityEventName"].lower()
        )
        record["ActivityNote"] = note[0].upper() + note[1:]
    record["Status"] = rnd.choice(catalog.ACTIVITY_STATUSES)
    if owners:
        record["Owner"] = rnd.choice(owners)
    record.update(
        Fields=values,
        CreatedOn=created.strftime(DATETIME_FORMAT),
        ModifiedOn=modified.strftime(DATETIME_FORMAT),
    )
    return record


def fake_tenant(
    seed: int,
    activity_types: int = 6,
    leads: int = 100,
    activities: int = 250,
    *,
    locale: str = DEFAULT_LOCALE,
) -> dict[str, Any]:
    """A seed file's data (`{"ActivityTypes", "Leads", "Activities"}`): the same for the same seed.

    Uses a private Faker seeded with `seed_instance`, never the global random or the clock.
    """
    if leads < 1 or activities < 0:
        raise ValueError("a tenant needs at least one lead and a non-negative activity count")
    faker = Faker(locale)
    faker.seed_instance(seed)
    types = type_factories.activity_types(faker, activity_types)
    people = _unique_phones(_unique_emails([lead(faker) for _ in range(leads)]))
    owners = [faker.uuid4() for _ in range(max(1, leads // 20))]
    rnd = faker.random
    posted = [
        activity(faker, rnd.choice(types), rnd.choice(people), owners=owners)
        for _ in range(activities)
    ]
    # Drawn last, so the types, leads and activities of a seed stay what they were before
    # leads had more than a name, an email and a phone.
    for person in people:
        person.update(lead_details(faker))
    return {
        "ActivityTypes": types,
        "LeadFields": [dict(field) for field in LEAD_FIELDS],
        "Leads": people,
        "Activities": posted,
    }


LEAD_FIELDS: tuple[dict[str, Any], ...] = (
    {"SchemaName": "mx_City", "DisplayName": "City", "DataType": "Text", "MaxLength": 100},
    {
        "SchemaName": "mx_Course",
        "DisplayName": "Course of Interest",
        "DataType": "Select",
        "Options": ["MBA", "BBA", "B.Tech", "M.Tech", "Data Science"],
    },
    {"SchemaName": "mx_Budget", "DisplayName": "Budget", "DataType": "Number"},
)
"""The custom lead fields of a fake tenant (the vendor's samples show mx_City)."""
STAGES = ("Prospect", "Opportunity", "Customer")


def lead_details(faker: Faker) -> dict[str, Any]:
    """What a fake lead holds besides its name, email and phone: company, source, stage and
    the fake tenant's custom lead fields (`LEAD_FIELDS`), each mostly filled."""
    rnd = faker.random
    details: dict[str, Any] = {
        "Company": faker.company() if rnd.random() < 0.6 else None,
        "Source": rnd.choice(catalog.LEAD_SOURCES),
        "ProspectStage": rnd.choice(STAGES),
        "mx_City": faker.city(),
        "mx_Course": rnd.choice(LEAD_FIELDS[1]["Options"]),
        "mx_Budget": str(rnd.randrange(1, 50) * 50_000) if rnd.random() < 0.7 else None,
    }
    return {name: value for name, value in details.items() if value is not None}


def _unique_emails(leads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`leads` with a number added to any email an earlier lead already has (a tenant's lead
    emails are unique, and common names repeat)."""
    seen: set[str] = set()
    for number, person in enumerate(leads):
        email = person["EmailAddress"]
        if email in seen:
            local, _, domain = email.partition("@")
            person["EmailAddress"] = email = f"{local}{number}@{domain}"
        seen.add(email)
    return leads


def _unique_phones(leads: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`leads` with the last digits of any phone an earlier lead already has replaced by the
    lead's number (phones are unique on their last ten digits), drawing nothing more."""
    seen: set[str | None] = set()
    for number, person in enumerate(leads):
        phone = person["Phone"]
        if phone_key(phone) in seen:
            suffix = str(number).zfill(4)
            phone = person["Phone"] = phone[: -len(suffix)] + suffix
            while (key := phone_key(phone)) in seen and key is not None:
                phone = person["Phone"] = f"{phone[:-PHONE_KEY_DIGITS]}9{key[1:]}"
        seen.add(phone_key(phone))
    return leads


SEED_KEYS = ("ActivityTypes", "LeadFields", "Leads", "Activities")


def seed_json(seed: Mapping[str, Any]) -> str:
    """A seed as stable, diff-friendly JSON text: one activity type, lead or activity per line."""
    parts = ["{"]
    for key in SEED_KEYS:
        items = [json.dumps(item) for item in seed.get(key, [])]
        comma = "," if key != SEED_KEYS[-1] else ""
        if not items:
            parts.append(f'  "{key}": []{comma}')
            continue
        parts.append(f'  "{key}": [')
        parts.extend(f"    {item}," for item in items[:-1])
        parts.append(f"    {items[-1]}")
        parts.append(f"  ]{comma}")
    parts.append("}")
    return "\n".join(parts) + "\n"
