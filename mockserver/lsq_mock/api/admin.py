"""The control plane under /_mock/: seed, inspect, reset, journal, events, config, faults, clock,
coverage."""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, request

from lsq_mock.api.context import emulator
from lsq_mock.api.journal_read import READ_PARAMETERS, read_journal, read_verdicts
from lsq_mock.contract.jsonread import read_json
from lsq_mock.coverage.scope import SCOPE_PARAMETER, scope_named
from lsq_mock.digits import ascii_int
from lsq_mock.emulator.faults import MAX_QUEUED_FAULTS, Fault, TooManyFaults
from lsq_mock.errors import InvalidInput, Unauthorized

ADMIN_TOKEN_HEADER = "X-LSQ-Mock-Token"

bp = Blueprint("admin", __name__, url_prefix="/_mock")
ACTIVITY_FILTERS = ("ActivityEvent", "RelatedProspectId")


@bp.get("/health")
def health() -> dict[str, Any]:
    """Liveness for CI: answers as soon as the server accepts connections, token or not, and
    tells nothing else but which emulator answers (its random instance id)."""
    return {"status": "ok", "instance_id": emulator().instance_id}


@bp.before_request
def require_token() -> None:
    """With `admin_token` set, every admin call but the health probe needs it (Bearer or
    X-LSQ-Mock-Token header): a CI readiness loop must not need a secret to see the server up."""
    token = emulator().settings.admin_token
    if not token or request.endpoint == f"{bp.name}.{health.__name__}":
        return
    sent = request.headers.get(ADMIN_TOKEN_HEADER) or ""
    authorization = request.headers.get("Authorization", "")
    if authorization.startswith("Bearer "):
        sent = authorization.removeprefix("Bearer ")
    if not hmac.compare_digest(sent.encode(), token.encode()):
        raise Unauthorized("The admin API needs the admin token")


def admin_body(schema: str, *, default: Any = None) -> Any:
    """The JSON body of an admin call, checked against `schema` (400 with the path if wrong)."""
    raw = request.get_data(cache=True)
    if not raw.strip() and default is not None:
        return default
    if not request.is_json:
        raise InvalidInput("Invalid Input! The admin API takes a JSON body (application/json)")
    body = read_json(raw)  # the same strict reading as the emulated API's bodies
    problem = emulator().schemas.first_violation(schema, body, "invalid-admin-input")
    if problem is not None:
        raise InvalidInput.from_violation(problem)
    return body


@bp.post("/reset")
def reset() -> dict[str, Any]:
    """Back to the start state (seed, config, real clock), or an empty store with `empty`."""
    body = admin_body("admin-reset", default={})
    state = emulator()
    state.reset(empty=body.get("empty", False), forget_verdicts=body.get("forget_verdicts", False))
    return {"status": "reset", **state.store.counts()}


@bp.post("/seed")
def seed() -> dict[str, Any]:
    """Add activity types and activities; a bad seed is refused whole and stores nothing."""
    body = admin_body("seed")
    loaded = emulator().load(body)
    return {"status": "seeded", "loaded": loaded, "total": emulator().store.counts()}


@bp.get("/activity-types")
def activity_types() -> dict[str, Any]:
    """Every activity type of the tenant."""
    return {"ActivityTypes": emulator().store.activity_types()}


@bp.get("/leads")
def leads() -> dict[str, Any]:
    """Every lead of the tenant (a tenant with none takes activities on any lead id)."""
    found = emulator().store.leads()
    return {"Leads": found, "RecordCount": len(found)}


@bp.get("/activities")
def activities() -> dict[str, Any]:
    """The activities, filtered by `ActivityEvent` and/or `RelatedProspectId`."""
    only_parameters(ACTIVITY_FILTERS)
    event = request.args.get("ActivityEvent")
    code = None if event is None else ascii_int(event)
    if event is not None and code is None:
        raise InvalidInput(
            f"Invalid Input! ActivityEvent must be an integer; got {event[:40]!r}",
            path="?ActivityEvent",
        )
    found = emulator().store.activities(
        activity_event=code,
        related_prospect_id=request.args.get("RelatedProspectId"),
    )
    return {"Activities": found, "RecordCount": len(found)}


@bp.get("/activities/<activity_id>")
def activity(activity_id: str) -> dict[str, Any]:
    """One stored activity, or 404 with the envelope."""
    return emulator().store.activity(activity_id)


@bp.get("/requests")
def journal() -> dict[str, Any]:
    """Every exchange with the emulated API, oldest first, with its contract verdict; or only
    those a poller has not seen (`after`, `limit`), whole or as table rows (`summary`)."""
    only_parameters(("violations", *READ_PARAMETERS))
    return read_journal(emulator().journal, request.args)


@bp.delete("/requests")
def clear_journal() -> dict[str, Any]:
    """Forget the journal (coverage has read it first)."""
    emulator().clear_journal()
    return {"status": "cleared"}


@bp.get("/verdicts")
def verdicts() -> dict[str, Any]:
    """Every call's verdict since the start, across resets (or since they were last forgotten):
    what `lsq-mock check` reads. `after` and `limit` read only what a poller has not seen."""
    only_parameters(READ_PARAMETERS[:2])
    state = emulator()
    return read_verdicts(state.verdicts, state.dropped_findings.rules(), request.args)


@bp.delete("/verdicts")
def forget_verdicts() -> dict[str, Any]:
    """Forget every call's verdict so far (coverage has read them first)."""
    emulator().forget_verdicts()
    return {"status": "forgotten"}


@bp.get("/coverage")
def coverage() -> dict[str, Any]:
    """Which behaviours of the catalogue the traffic exercised since the start (resets kept),
    each with how often and, if never, how a test makes it happen; over the endpoints called,
    or the whole API with `?scope=api`."""
    try:
        scope = scope_named(request.args.get(SCOPE_PARAMETER))
    except ValueError as error:
        raise InvalidInput(f"Invalid Input! {error}", path=f"?{SCOPE_PARAMETER}") from None
    return emulator().coverage.report(scope).to_dict()


@bp.delete("/coverage")
def forget_coverage() -> dict[str, Any]:
    """Count coverage from now on only."""
    emulator().coverage.forget()
    return {"status": "cleared"}


@bp.get("/events")
def events() -> dict[str, Any]:
    """The Activity Update trigger events, oldest first, and the webhook's delivery status."""
    state = emulator()
    webhook = state.webhook
    return {
        "events": state.events.entries(),
        "dropped": state.events.dropped,
        "webhook": webhook.status() if webhook is not None else None,
    }


@bp.get("/config")
def get_config() -> dict[str, Any]:
    """Rate limit, credentials, latency, journal limits and webhook in force."""
    return emulator().config()


@bp.patch("/config")
def patch_config() -> dict[str, Any]:
    """Change any of the run-time settings; answers the whole configuration."""
    return emulator().configure(admin_body("admin-config"))


@bp.get("/faults")
def list_faults() -> dict[str, Any]:
    """The faults still queued."""
    return {"faults": [fault.to_dict() for fault in emulator().faults.pending()]}


@bp.post("/faults")
def add_faults() -> tuple[dict[str, Any], int]:
    """Queue one fault or a list of them, in order, for the next matching API calls."""
    body = admin_body("admin-faults")
    specs = body if isinstance(body, list) else [body]
    if len(specs) > MAX_QUEUED_FAULTS:  # before a Fault is made of each
        raise InvalidInput(f"Invalid Input! at most {MAX_QUEUED_FAULTS} faults may be queued")
    try:
        faults = [Fault(**spec) for spec in specs]
    except ValueError as error:  # what the schema cannot say: which fields go with which kind
        raise InvalidInput(f"Invalid Input! {error}") from None
    try:
        emulator().faults.add(*faults)
    except TooManyFaults as error:
        raise InvalidInput(f"Invalid Input! {error}") from None
    return {"queued": [fault.to_dict() for fault in faults]}, 201


@bp.delete("/faults")
def clear_faults() -> dict[str, Any]:
    """Drop every queued fault."""
    emulator().faults.clear()
    return {"status": "cleared"}


@bp.get("/clock")
def get_clock() -> dict[str, Any]:
    """The emulator's current UTC time."""
    return _clock_state()


@bp.post("/clock")
def move_clock() -> dict[str, Any]:
    """Advance the clock by seconds, set it to a UTC time, or put it back on real time."""
    body = admin_body("admin-clock")
    clock = emulator().clock
    key = next(iter(body))
    try:
        if key == "advance":
            clock.advance(body["advance"])
        elif key == "set":
            clock.set(datetime.fromisoformat(body["set"].removesuffix("Z")))
        else:
            clock.reset()
    except ValueError as error:
        raise InvalidInput(f"Invalid Input! $.{key}: {error}", path=f"$.{key}") from None
    return _clock_state()


def _clock_state() -> dict[str, Any]:
    clock = emulator().clock
    return {"now": clock.utcnow().strftime("%Y-%m-%d %H:%M:%S"), "epoch": clock.now()}


@bp.after_request
def no_store(response: Response) -> Response:
    """Admin answers describe live state: never cache them."""
    response.headers["Cache-Control"] = "no-store"
    return response


def only_parameters(known: tuple[str, ...]) -> None:
    """Refuse a query parameter the route does not read: a misspelt filter would otherwise be
    ignored, and answer everything as if it had matched."""
    unknown = sorted(set(request.args) - set(known))
    if unknown:
        raise InvalidInput(
            f"Invalid Input! unknown query parameter {unknown[0]!r}; expected one of "
            + ", ".join(known)
        )
