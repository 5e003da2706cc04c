"""Bodies that cost the most to check, each just under the 2 MiB limit, written once: the tests
hold each one's answer under every server, and benchmarks/abuse.py times them (issue 24).

A million bad values in one array, tens of thousands of rows or fields, a hundred thousand
unknown keys: each is answered as any smaller body of its kind is.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from support.attacks import LIMIT
from support.paths import (
    BULK_ADD,
    BULK_UPDATE,
    BY_EVENT,
    CREATE,
    CREATE_TYPE,
    LEAD_CREATE,
    LEAD_SEARCH,
    RETRIEVE,
    UPDATE,
)
from support.seeded import DEMO, LEAD
from support.served import QUERY

SUCCESS = '"Status":"Success"'
UPDATED = '"ActivityUpdated":true'


class HostileBody(NamedTuple):
    """One body, where it is sent, and its answer: the status and a part of the body."""

    name: str
    path: str
    body: bytes
    status: int
    fragment: str
    exception_type: str = "MXInvalidInputException"


def filled(head: str, item: str, tail: str, limit: int = LIMIT) -> tuple[bytes, int]:
    """`head` + as many `item`s, comma-separated, as fit in `limit` bytes + `tail`; and how many."""
    count = (limit - len(head) - len(tail) + 1) // (len(item) + 1)
    return (head + ",".join([item] * count) + tail).encode(), count


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def hostile_bodies(limit: int = LIMIT) -> list[HostileBody]:
    """Every hostile body, made on demand (each is about `limit` bytes)."""
    create = f'{{"RelatedProspectId":"{LEAD}","ActivityEvent":203,"Fields":['
    field = _compact({"SchemaName": "mx_Custom_1", "Value": "x"})
    numbers_field = _compact({"SchemaName": "mx_Custom_2", "Value": 1})
    add_row = _compact({"RelatedProspectId": LEAD, "ActivityEvent": 203})
    update_row = _compact({"ProspectActivityId": DEMO})
    valid_then_bad, valid = filled(create, field, ",1]}", limit)
    bodies = [
        ("fields-of-numbers", CREATE, (create, "1", "]}"), 400, "$.Fields[0] must be object"),
        ("bulk-add-of-numbers", BULK_ADD, ("[", "1", "]"), 400, "the maximum limit is 25"),
        ("bulk-update-of-numbers", BULK_UPDATE, ("[", "1", "]"), 400, "the maximum limit is 25"),
        ("bulk-add-of-strings", BULK_ADD, ("[", '"x"', "]"), 400, "the maximum limit is 25"),
        ("bulk-add-rows", BULK_ADD, ("[", add_row, "]"), 400, "the maximum limit is 25"),
        ("bulk-update-rows", BULK_UPDATE, ("[", update_row, "]"), 400, "maximum limit is 25"),
        ("fields-as-numbers", CREATE, (create, numbers_field, "]}"), 200, SUCCESS),
        (
            "update-fields-of-numbers",
            UPDATE,
            (f'{{"ProspectActivityId":"{DEMO}","Fields":[', "1", "]}"),
            400,
            "$.Fields[0] must be object",
        ),
        (
            "retrieve-paging-of-numbers",
            f"{RETRIEVE}?leadId={LEAD}",
            ('{"Parameter":{"ActivityEvent":203},"Paging":[', "1", "]}"),
            400,
            "$.Paging must be object",
        ),
        (
            "create-type-fields-of-numbers",
            CREATE_TYPE,
            ('{"ActivityEventName":"Hostile","Score":1,"Fields":[', "1", "]}"),
            400,
            "Invalid Input! $.Fields",
        ),
        ("lead-of-numbers", LEAD_CREATE, ("[", "1", "]"), 400, "$[0] must be object"),
        (
            "lead-of-unknown-attributes",
            LEAD_CREATE,
            ("[", _compact({"Attribute": "mx_Nope", "Value": "x"}), "]"),
            500,
            "Attribute(s) does not exist",
            "MXUnknownAttributeException",
        ),
        (
            "lead-of-one-attribute-50000-times",
            LEAD_CREATE,
            ("[", _compact({"Attribute": "FirstName", "Value": "x"}), "]"),
            200,
            SUCCESS,
        ),
        (
            "lead-search-paging-of-numbers",
            LEAD_SEARCH,
            ('{"Paging":[', "1", "]}"),
            400,
            "$.Paging must be object",
        ),
        (
            "feed-paging-of-numbers",
            BY_EVENT,
            ('{"Parameter":{"ActivityEvent":203},"Paging":[', "1", "]}"),
            400,
            "$.Paging must be object",
        ),
    ]
    made = [
        HostileBody(name, path, filled(*parts, limit)[0], status, fragment, *kind)
        for name, path, parts, status, fragment, *kind in bodies
    ]
    unknown = "".join(f',"k{n}":1' for n in range(limit // 12))[: limit - 80]
    unknown_keys = f'[{{"ProspectActivityId":"{DEMO}"{unknown.rsplit(",", 1)[0]}}}]'
    made += [
        HostileBody(
            "valid-fields-then-one-bad",
            CREATE,
            valid_then_bad,
            400,
            f"$.Fields[{valid}] must be object",
        ),
        HostileBody("row-of-unknown-keys", BULK_UPDATE, unknown_keys.encode(), 200, UPDATED),
    ]
    return made


def url_path(body: HostileBody) -> str:
    """The path with the tenant's keys in its query string."""
    return body.path + ("&" if "?" in body.path else "?") + QUERY
