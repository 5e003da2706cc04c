"""The factories: deterministic, valid for the store, covering every data type, realistic."""

from __future__ import annotations

import random

import pytest
from faker import Faker

from lsq_mock import Clock
from lsq_mock.contract.fields import check_value
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.factories import (
    DATA_TYPES,
    activity,
    activity_type,
    fake_tenant,
    field_definition,
    field_value,
    lead,
    seed_json,
    valid_batch,
)
from lsq_mock.factories.catalog import ACTIVITY_TYPE_NAMES
from lsq_mock.tenant import TenantStore


def test_same_seed_gives_the_same_tenant_and_another_seed_another() -> None:
    first = fake_tenant(11, activities=120)
    assert fake_tenant(11, activities=120) == first
    assert seed_json(fake_tenant(11, activities=120)) == seed_json(first)
    assert fake_tenant(12, activities=120) != first


def test_tenant_ignores_the_global_random_and_leaves_it_alone() -> None:
    random.seed(1)
    state = random.getstate()
    first = fake_tenant(5, activities=30)
    assert random.getstate() == state
    random.seed(2)
    assert fake_tenant(5, activities=30) == first


def test_every_fake_activity_loads_into_a_store() -> None:
    tenant = fake_tenant(3, activity_types=8, leads=40, activities=400)
    assert shipped_schemas().is_valid("seed", tenant)
    store = TenantStore(shipped_schemas(), Clock())
    assert store.load(tenant) == {"ActivityTypes": 8, "Leads": 40, "Activities": 400}
    assert {a["RelatedProspectId"] for a in tenant["Activities"]} <= {
        a["RelatedProspectId"] for a in store.activities()
    }
    assert len({a["RelatedProspectId"] for a in tenant["Activities"]}) > 1


def test_one_type_already_covers_every_data_type_multi_select_and_mandatory() -> None:
    (only,) = fake_tenant(4, activity_types=1, activities=0)["ActivityTypes"]
    fields = only["Fields"]
    assert {f["DataType"] for f in fields} == set(DATA_TYPES)
    assert any(f["DataType"] == "Dropdown" and f["IsMultiSelect"] for f in fields)
    assert any(f["DataType"] == "Dropdown" and not f["IsMultiSelect"] for f in fields)
    assert any(f["IsMandatory"] for f in fields)
    assert len({f["SchemaName"] for f in fields}) == len(fields)
    assert len({f["DisplayName"] for f in fields}) == len(fields)


def test_stored_values_cover_every_data_type() -> None:
    tenant = fake_tenant(8, activities=300)
    types = {
        (t["ActivityEvent"], f["SchemaName"]): f["DataType"]
        for t in tenant["ActivityTypes"]
        for f in t["Fields"]
    }
    filled = {
        types[(a["ActivityEvent"], name)]
        for a in tenant["Activities"]
        for name, value in a["Fields"].items()
        if value
    }
    assert filled == set(DATA_TYPES)


def test_type_names_and_codes_are_unique_and_realistic_even_beyond_the_catalog() -> None:
    types = fake_tenant(2, activity_types=30, activities=10)["ActivityTypes"]
    names = [t["ActivityEventName"] for t in types]
    assert len(set(names)) == 30
    assert len({t["ActivityEvent"] for t in types}) == 30
    assert set(names[: len(ACTIVITY_TYPE_NAMES)]) == set(ACTIVITY_TYPE_NAMES)


def test_timestamps_are_valid_and_modified_never_precedes_created() -> None:
    for record in fake_tenant(6, activities=200)["Activities"]:
        assert "2023-01-01" <= record["CreatedOn"] <= record["ModifiedOn"] < "2026-03-01"


@pytest.mark.parametrize("data_type", DATA_TYPES)
def test_field_values_pass_the_emulator_check_for_each_data_type(
    faker: Faker, data_type: str
) -> None:
    for _ in range(40):
        definition = field_definition(faker, "mx_Custom_1", data_type)
        value = field_value(faker, definition)
        assert isinstance(value, str) and value
        assert check_value(definition, value).notes == ()


def test_factories_take_pytest_faker_and_repeat_under_the_same_seed(faker: Faker) -> None:
    faker.seed_instance(42)
    first = activity_type(faker, 301)
    person = lead(faker)
    record = activity(faker, first, person, owners=["9f3c2a1e-7b6d-4c5e-8a9f-0e1d2c3b4a59"])
    faker.seed_instance(42)
    assert activity_type(faker, 301) == first
    assert lead(faker) == person
    assert record["RelatedProspectId"] == person["ProspectID"]
    store = TenantStore(shipped_schemas(), Clock())
    store.load({"ActivityTypes": [first], "Activities": [record]})


def test_valid_batch_sizes_are_bounded(faker: Faker) -> None:
    tenant = fake_tenant(1, activities=30)
    sizes = {len(valid_batch(faker, tenant)) for _ in range(60)}
    assert min(sizes) >= 1 and max(sizes) <= 25 and len(sizes) > 5
    for wrong in (0, 26):
        with pytest.raises(ValueError):
            valid_batch(faker, tenant, wrong)
    with pytest.raises(ValueError):
        valid_batch(faker, fake_tenant(1, activities=3), 4)


def test_impossible_tenants_are_refused() -> None:
    with pytest.raises(ValueError):
        fake_tenant(1, activity_types=0)
    with pytest.raises(ValueError):
        fake_tenant(1, leads=0)
