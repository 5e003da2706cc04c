"""The violation rule catalogue: every rule a journaled violation can name, what it means, what
the API answers, and which invalid-payload kinds break it. The one definition: the code raises
these ids, the docs page is generated from them, `expect_violations` accepts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Outcome(Enum):
    """What the API answers a call that breaks a rule."""

    REFUSED = "400 MXInvalidInputException: the call is refused, nothing is written"
    LOGICAL = (
        "the row fails (200, its result says why); a single-activity call answers the live 500 "
        "with the envelope; nothing is written"
    )
    TOLERATED = "accepted (200) and written, but journaled: the live API may not be as kind"
    UNAUTHORIZED = "401 MXUnAuthorizedAccessException"
    NOT_FOUND = "404 MXAPINotFoundException"
    NOT_EMULATED = (
        "404 MXAPINotFoundException, journaled as not emulated (never the client's fault)"
    )
    TOO_LARGE = "413 MXInvalidInputException"


class FindingKind(Enum):
    """Whose doing a finding is: what `lsq-mock check` and the plugin fail a run on."""

    CONTRACT = "contract"
    OUTCOME = "outcome"
    NOT_EMULATED = "not-emulated"

    @property
    def meaning(self) -> str:
        """What a finding of this kind says, for people."""
        return _FINDING_MEANINGS[self]


_FINDING_MEANINGS = {
    FindingKind.CONTRACT: "the request is wrong whatever the tenant holds (its format, types, "
    "keys or structure, or an API that does not exist); `lsq-mock check` fails a run on these",
    FindingKind.OUTCOME: "the request is valid, and the tenant's data made it fail (an unknown "
    "lead or activity, a duplicate, a mandatory field of the tenant's type): what a test's data "
    "decides, so a deliberate error-handling test provokes these",
    FindingKind.NOT_EMULATED: "a real vendor API that lsq-mock does not serve yet: never the "
    "client's fault",
}


@dataclass(frozen=True)
class Rule:
    """One rule. A `family` rule's ids carry a suffix: `invalid-value:Number`."""

    id: str
    meaning: str
    outcome: Outcome
    kinds: tuple[str, ...] = ()
    """The invalid-payload kinds (`lsq_mock.factories.INVALID_KINDS`) that break it."""
    family: bool = False
    finding_kind: FindingKind = FindingKind.CONTRACT
    """Whose doing a breach is (journaled as the finding's `kind`)."""

    def matches(self, rule_id: str) -> bool:
        """Whether a journaled rule id is this rule (or, for a family, one of its members)."""
        return rule_id == self.id or (self.family and rule_id.startswith(f"{self.id}:"))


REQUEST = "invalid-input"
"""The prefix of a request body the API refuses (400): `invalid-input:<JSON Schema keyword>`."""
CONTRACT = "contract"
"""The prefix of what the API accepts but its documentation does not: `contract:<keyword>`."""
UNKNOWN_KEY = "unknown-key"
"""The keyword suffix of a key the schema does not know, however the schema says so."""

CONTENT_TYPE = f"{REQUEST}:content-type"
NOT_JSON = f"{REQUEST}:json"
UNKNOWN_ACTIVITY = "unknown-activity"
UNKNOWN_FIELD = "unknown-field"
UNKNOWN_ACTIVITY_TYPE = "unknown-activity-type"
UNKNOWN_LEAD = "unknown-lead"
WRONG_ACTIVITY_TYPE = "wrong-activity-type"
INVALID_VALUE = "invalid-value"
MANDATORY_FIELD = "mandatory-field"
MANDATORY_MISSING = "mandatory-missing"
PAGE_SIZE = "page-size"
DUPLICATE_ENTRY = "duplicate-entry"
INVALID_TYPE = "invalid-type"
DATETIME_FORMAT = "datetime-format"
DUPLICATE_ACTIVITY = "duplicate-activity"
DUPLICATE_FIELD = "duplicate-field"
AUTH = "auth"
UNKNOWN_ATTRIBUTE = "unknown-attribute"
DUPLICATE_LEAD = "duplicate-lead"
READ_ONLY_FIELD = "read-only-field"
SEARCH_BY = "search-by"
UPDATE_BEHAVIOR = "update-behavior"
SEARCH_OPERATOR = "search-operator"
UNKNOWN_API = "unknown-api"
NOT_EMULATED = "not-emulated"
PAYLOAD_TOO_LARGE = "payload-too-large"

_DATETIME_KINDS = (
    "datetime-with-t",
    "datetime-with-timezone",
    "datetime-with-offset",
    "datetime-with-fraction",
)
_VALUE_KINDS = (
    "string-too-long",
    "text-too-long",
    "status-too-long",
    "not-a-number",
    "not-a-date",
    "not-a-datetime",
    "not-a-boolean",
    "bad-dropdown-option",
    "bad-multi-select-option",
    "bad-searchable-dropdown-option",
    "owner-not-a-guid",
)

RULES: tuple[Rule, ...] = (
    Rule(
        REQUEST,
        "a request the server cannot read at all (a bad chunk, a bad header line)",
        Outcome.REFUSED,
    ),
    Rule(
        CONTENT_TYPE, "the body is not sent as application/json", Outcome.REFUSED, ("content-type",)
    ),
    Rule(
        NOT_JSON,
        "the body is not JSON (bad syntax, NaN or Infinity, a number out of range, "
        "nested too deeply, not UTF-8)",
        Outcome.REFUSED,
        ("invalid-json",),
    ),
    Rule(
        f"{REQUEST}:type",
        "a value of the wrong JSON type where the structure needs one: the "
        "batch not an array, a ProspectActivityId not a string, Fields not an array",
        Outcome.REFUSED,
        ("not-an-array", "activity-id-not-string", "fields-not-array"),
    ),
    Rule(
        f"{REQUEST}:required",
        "a key the structure needs is missing: a bulk row's ProspectActivityId, "
        "ActivityEvent or RelatedProspectId (or EmailAddress); a field's SchemaName or Value; "
        "a new type's field's SchemaName or DataType",
        Outcome.REFUSED,
        ("missing-activity-id", "field-missing-schemaname", "field-missing-value"),
    ),
    Rule(f"{REQUEST}:minItems", "an empty batch", Outcome.REFUSED, ("empty-array",)),
    Rule(
        f"{REQUEST}:maxItems",
        "more than 25 rows in a batch, or more than 50 fields in a new activity type",
        Outcome.REFUSED,
        ("too-many-rows",),
    ),
    Rule(
        f"{REQUEST}:minLength",
        "an empty ProspectActivityId, RelatedProspectId, "
        "EmailAddress, SchemaName or ActivityEventName",
        Outcome.REFUSED,
    ),
    Rule(f"{REQUEST}:maxLength", "an ActivityEventName over 200 characters", Outcome.REFUSED),
    Rule(
        f"{REQUEST}:pattern",
        "text that is not what it stands for: an ActivityEvent, Offset "
        "or RowCount that is not digits, a new type's SchemaName outside mx_Custom_1 to 50",
        Outcome.REFUSED,
    ),
    Rule(
        f"{REQUEST}:minimum",
        "a number below its floor (an Offset or RowCount, an event code)",
        Outcome.REFUSED,
    ),
    Rule(f"{REQUEST}:maximum", "a number above its ceiling (a new type's Score)", Outcome.REFUSED),
    Rule(
        f"{REQUEST}:enum",
        "a value not among those allowed (a new type's DataType or Direction)",
        Outcome.REFUSED,
    ),
    Rule(
        f"{CONTRACT}:{UNKNOWN_KEY}",
        "a key the vendor does not document for that endpoint "
        "(accepted and ignored here; a typo of a documented key is lost too)",
        Outcome.TOLERATED,
        ("unknown-key",),
    ),
    Rule(
        f"{CONTRACT}:type",
        "a documented key in another JSON type than the vendor's examples "
        "send: a Value as a number or boolean, an ActivityEvent as a digit string",
        Outcome.TOLERATED,
        ("non-string-value",),
    ),
    Rule(
        f"{CONTRACT}:required",
        "a bulk-add row found by EmailAddress instead of the documented RelatedProspectId",
        Outcome.TOLERATED,
    ),
    Rule(
        DATETIME_FORMAT,
        "a DateTime not in UTC 'YYYY-MM-DD HH:MM:SS' (a 'T', a timezone, "
        "fractional seconds, another layout): stored converted to UTC",
        Outcome.TOLERATED,
        _DATETIME_KINDS,
    ),
    Rule(
        DUPLICATE_ACTIVITY,
        "the same ProspectActivityId twice in one batch (each row is applied, in order)",
        Outcome.TOLERATED,
        ("duplicate-activity",),
    ),
    Rule(
        DUPLICATE_FIELD,
        "the same SchemaName twice in one row (the last value wins)",
        Outcome.TOLERATED,
        ("duplicate-field",),
    ),
    Rule(
        UNKNOWN_ACTIVITY,
        "no activity has this ProspectActivityId (GetActivityDetails: "
        "MXUnknownProspectActivityException)",
        Outcome.LOGICAL,
        ("unknown-activity",),
        finding_kind=FindingKind.OUTCOME,
    ),
    Rule(
        UNKNOWN_FIELD,
        "a SchemaName that is not a field of the activity's type",
        Outcome.LOGICAL,
        ("unknown-field",),
    ),
    Rule(
        INVALID_VALUE,
        "a Value the field's DataType refuses (the suffix names the DataType)",
        Outcome.LOGICAL,
        _VALUE_KINDS,
        family=True,
    ),
    Rule(
        MANDATORY_FIELD,
        "a mandatory field sent empty (suffix: its DataType), or not sent "
        "when an activity is posted (MXMandatoryAttributeMissingException)",
        Outcome.LOGICAL,
        ("mandatory-emptied",),
        family=True,
        finding_kind=FindingKind.OUTCOME,
    ),
    Rule(
        UNKNOWN_ACTIVITY_TYPE,
        "an ActivityEvent (Retrieve: a Parameter.ActivityEvent filter) that is not an "
        "activity type of the tenant",
        Outcome.LOGICAL,
        finding_kind=FindingKind.OUTCOME,
    ),
    Rule(
        UNKNOWN_LEAD,
        "a RelatedProspectId, EmailAddress or Retrieve leadId of no lead, in a tenant that "
        "holds leads (MXInvalidEntityException 'Lead does not exist in the system', or "
        "MXInvalidEntityReferenceException 'Lead not found')",
        Outcome.LOGICAL,
        finding_kind=FindingKind.OUTCOME,
    ),
    Rule(
        WRONG_ACTIVITY_TYPE,
        "an update naming another ActivityEvent than its activity's type",
        Outcome.LOGICAL,
        finding_kind=FindingKind.OUTCOME,
    ),
    Rule(
        MANDATORY_MISSING,
        "a query parameter (leadId, activityId) or a key of a single-activity call's body "
        "(ActivityEvent, RelatedProspectId or EmailAddress, ProspectActivityId, "
        "ActivityEventName) that the call cannot do without: 500 "
        "MXMandatoryAttributeMissingException",
        Outcome.LOGICAL,
    ),
    Rule(
        PAGE_SIZE,
        "a Retrieve or Leads.Get page over 1000 rows: 500 'PageSize can not be more than 1000.'",
        Outcome.LOGICAL,
    ),
    Rule(
        DUPLICATE_ENTRY,
        "a new activity type named like one the tenant has: 500 MXDuplicateEntryException",
        Outcome.LOGICAL,
        finding_kind=FindingKind.OUTCOME,
    ),
    Rule(
        INVALID_TYPE,
        "a new activity type the API cannot store (a field defined twice, an "
        "OptionSet that is not a JSON array of options)",
        Outcome.LOGICAL,
    ),
    # -- lead writes and searches (LeadManagement.svc) --------------------------------------
    Rule(
        UNKNOWN_ATTRIBUTE,
        "a lead write's Attribute that is no lead field of the tenant: the whole write is "
        "refused, 500 MXUnknownAttributeException",
        Outcome.LOGICAL,
    ),
    Rule(
        DUPLICATE_LEAD,
        "a lead write giving a unique field (EmailAddress and Phone unless the tenant says "
        "otherwise) a value another lead holds: 500 MXDuplicateEntryException 'A Lead with same "
        "Email already exists.'",
        Outcome.LOGICAL,
        finding_kind=FindingKind.OUTCOME,
    ),
    Rule(
        READ_ONLY_FIELD,
        "a lead write setting a field the tenant keeps itself (ProspectAutoId, CreatedOn, "
        "Score, ...)",
        Outcome.LOGICAL,
    ),
    Rule(
        SEARCH_BY,
        "a SearchBy naming no field a lead can be found by (EmailAddress, Phone, ProspectID or "
        "a unique field)",
        Outcome.LOGICAL,
    ),
    Rule(
        UPDATE_BEHAVIOR,
        "a Lead.Capture LeadUpdateBehavior other than DoNotUpdate, UpdateOnlyEmptyFields or "
        "DoNotUpdateUniqueFields",
        Outcome.LOGICAL,
    ),
    Rule(
        SEARCH_OPERATOR,
        "a Leads.Get SqlOperator other than =, LIKE, >, <, <=, >=, <> or IN (!= too): 500 "
        "MXInvalidEntityException",
        Outcome.LOGICAL,
    ),
    Rule(AUTH, "keys missing or wrong", Outcome.UNAUTHORIZED),
    Rule(UNKNOWN_API, "a path or method the API does not serve", Outcome.NOT_FOUND),
    Rule(
        NOT_EMULATED,
        "a real API of the vendor's that lsq-mock does not emulate (its pages document it)",
        Outcome.NOT_EMULATED,
        finding_kind=FindingKind.NOT_EMULATED,
    ),
    Rule(PAYLOAD_TOO_LARGE, "a body over the size limit", Outcome.TOO_LARGE),
)
"""Every rule, in the order a reader meets them: refused calls, tolerated ones, failed rows."""

_BY_KIND = {kind: rule for rule in RULES for kind in rule.kinds}


def rule_of(rule_id: str) -> Rule | None:
    """The catalogue's rule a journaled rule id belongs to, or None."""
    return next((rule for rule in RULES if rule.matches(rule_id)), None)


def finding_kind_of(rule_id: str) -> FindingKind:
    """Whose doing a journaled rule id is (a rule the catalogue does not know: the contract)."""
    rule = rule_of(rule_id)
    return FindingKind.CONTRACT if rule is None else rule.finding_kind


def rule_for_kind(kind: str) -> Rule | None:
    """The rule an invalid-payload kind breaks, or None."""
    return _BY_KIND.get(kind)


def resolve(name: str) -> str:
    """A rule id, a prefix of one (`invalid-input`), or an invalid-payload kind, as the rule id
    (or prefix) to match journaled violations against; ValueError for anything else."""
    kind_rule = _BY_KIND.get(name)
    if kind_rule is not None:
        return kind_rule.id
    if any(rule.matches(name) or rule.id.startswith(f"{name}:") for rule in RULES):
        return name
    raise ValueError(
        f"unknown rule {name!r}: name a rule of the catalogue (e.g. {INVALID_VALUE}, "
        f"{DATETIME_FORMAT}, {REQUEST}:required), a prefix of one, or an invalid-payload kind"
    )
