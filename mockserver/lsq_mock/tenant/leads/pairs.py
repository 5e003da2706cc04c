"""A lead write's body, `[{"Attribute", "Value"(, "Fields")}]`, read into the values it sets.

Pure: it reads the tenant's lead schema, never the leads. An unknown attribute refuses the whole
write; a value its field refuses is the logical error with the JSON path of the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from lsq_mock.catalogue import rules
from lsq_mock.contract.fields import InvalidValue
from lsq_mock.contract.nearmiss import field_hint
from lsq_mock.contract.violations import Violation
from lsq_mock.errors import InvalidData, InvalidInput, UnknownAttribute
from lsq_mock.tenant.leads.schema import LeadSchema
from lsq_mock.tenant.leads.values import check_lead_value
from lsq_mock.tenant.rules import note

SEARCH_BY = "SearchBy"
"""The pseudo-attribute of CreateOrUpdate and Capture naming the field to find the lead by."""
MATCH_KEY = "ProspectID"
"""Read-only, but CreateOrUpdate and Capture take it to find the lead by."""
NOT_A_LIST = (
    "Invalid Input! Cannot deserialize the current JSON object into type "
    "'List<LeadProperty>': a lead write is a JSON array of {Attribute, Value}"
)
"""Json.NET's words for an object where the array is due (seen live, with status 400)."""
EMPTY_WRITE = "Invalid Input! $ must be a non-empty array of {Attribute, Value}"
HINTED_ATTRIBUTES = 10
"""Most unknown attributes a near miss is looked for: a body of 50,000 took 4.5 s to hint."""


@dataclass
class LeadWrite:
    """What a lead write sets: values by schema name (None clears), nested custom field set
    values, the SearchBy and ProspectID it names, and the notes for tolerated values."""

    values: dict[str, Any] = field(default_factory=dict)
    nested: dict[str, dict[str, Any]] = field(default_factory=dict)
    search_by: str | None = None
    prospect_id: str | None = None
    notes: list[Violation] = field(default_factory=list)


def read_write(body: Any, schema: LeadSchema, *, finds_lead: bool = False) -> LeadWrite:
    """The values `body` sets; `finds_lead`: SearchBy and ProspectID may name the lead to update."""
    if not isinstance(body, list):
        raise InvalidInput(NOT_A_LIST, rule=f"{rules.REQUEST}:type")
    names = _resolved(body, schema, finds_lead)
    write = LeadWrite()
    for index, (pair, name) in enumerate(zip(body, names, strict=True)):
        path = f"$[{index}]"
        value = pair.get("Value")
        if name == SEARCH_BY:
            write.search_by = None if value is None or not str(value).strip() else str(value)
        elif name == MATCH_KEY and finds_lead:
            write.prospect_id = None if value in (None, "") else str(value)
        else:
            _read_value(write, schema, name, pair, path)
    return write


def _resolved(body: list[Any], schema: LeadSchema, finds_lead: bool) -> list[str]:
    """The schema name of each pair's Attribute; every unknown one refuses the write at once."""
    names: list[str] = []
    unknown: list[tuple[int, str]] = []
    for index, pair in enumerate(body):
        if not isinstance(pair, Mapping) or not isinstance(pair.get("Attribute"), str):
            raise InvalidInput(
                f"Invalid Input! $[{index}] needs an Attribute (text) and a Value",
                path=f"$[{index}]",
                rule=f"{rules.REQUEST}:required",
            )
        attribute = pair["Attribute"]
        if finds_lead and attribute.casefold() == SEARCH_BY.casefold():
            names.append(SEARCH_BY)
            continue
        name = schema.resolve(attribute)
        if name is None:
            unknown.append((index, attribute))
        names.append(name or attribute)
    if unknown:
        fields = {name: schema.field(name) or {} for name in schema.names()}
        distinct = list(dict.fromkeys(attribute for _, attribute in unknown))
        hints = [  # each a near-miss search of every field: the first few say enough
            f"{attribute}: {hint}"
            for attribute in distinct[:HINTED_ATTRIBUTES]
            if (hint := field_hint(attribute, fields)) is not None
        ]
        raise UnknownAttribute.naming(
            [attribute for _, attribute in unknown],
            path=f"$[{unknown[0][0]}].Attribute",
            hint="; ".join(hints) or None,
        )
    return names


def _read_value(
    write: LeadWrite, schema: LeadSchema, name: str, pair: Mapping[str, Any], path: str
) -> None:
    definition = schema.field(name)
    assert definition is not None  # resolved above
    if definition.get("ReadOnly"):
        raise InvalidData(
            f"{name} is kept by LeadSquared and cannot be written",
            path=f"{path}.Attribute",
            rule=rules.READ_ONLY_FIELD,
        )
    value = pair.get("Value")
    try:
        checked = check_lead_value(definition, value)
    except InvalidValue as error:
        raise InvalidData(
            str(error),
            path=f"{path}.Value",
            rule=f"{error.rule}:{definition['DataType']}",
            hint=error.hint,
        ) from None
    for said in checked.notes:
        note(write.notes, partial(Violation, f"{path}.Value", rules.DATETIME_FORMAT, said, value))
    if name in write.values:
        note(write.notes, partial(_sent_twice, path, name))
    write.values[name] = checked.value
    nested = pair.get("Fields")
    if nested is not None:
        write.nested[name] = _nested(definition, nested, path)


def _sent_twice(path: str, name: str) -> Violation:
    return Violation(
        f"{path}.Attribute",
        rules.DUPLICATE_FIELD,
        f"{path}.Attribute {name!r} is sent twice in this lead; the last value wins",
        name,
    )


def _nested(definition: dict[str, Any], nested: Any, path: str) -> dict[str, Any]:
    """A custom field set's own `Fields` pairs, by Attribute."""
    if definition["DataType"] != "CustomObject":
        raise InvalidData(
            f"{definition['SchemaName']} is not a custom field set: it takes no Fields",
            path=f"{path}.Fields",
            rule=f"{rules.INVALID_VALUE}:{definition['DataType']}",
        )
    if not isinstance(nested, list) or not all(
        isinstance(pair, Mapping) and isinstance(pair.get("Attribute"), str) for pair in nested
    ):
        raise InvalidInput(
            f"Invalid Input! {path}.Fields is an array of {{Attribute, Value}}",
            path=f"{path}.Fields",
            rule=f"{rules.REQUEST}:type",
        )
    return {pair["Attribute"]: pair.get("Value") for pair in nested}
