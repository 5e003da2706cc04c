"""Lead write bodies and the shipped seed's leads, for the tenant's lead tests."""

from __future__ import annotations

from typing import Any

PRIYA = "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d"
"""priya.sharma@example.com, +91-9876543210, Pune."""
ARJUN = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f"
"""arjun.mehta@example.com, +91-9123456780, mobile +91-9123456781."""
KAVYA = "8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a"
ROHAN = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
"""rohan.das@example.com, +91-9012345678: no activities."""
UNKNOWN = "00000000-0000-4000-8000-000000000000"


def pairs(**values: Any) -> list[dict[str, Any]]:
    """A lead write body: one {Attribute, Value} per keyword."""
    return [{"Attribute": name, "Value": value} for name, value in values.items()]
