"""POST /v2/ProspectActivity.svc/CreateType: Create a Custom Activity Type."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from lsq_mock.api.context import checked_body, emulator

CREATE_TYPE_PATH = "/ProspectActivity.svc/CreateType"

bp = Blueprint("create_type", __name__)


@bp.post(CREATE_TYPE_PATH)
def create_type() -> dict[str, Any]:
    """Define a custom activity type; its fields are usable at once by every endpoint."""
    body = checked_body("create-type-request", "creating an activity type")
    code = emulator().store.create_type(body)
    return {"Status": "Success", "Message": {"Id": code}}
