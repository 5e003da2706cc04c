"""lsq-mock: a local emulator of the LeadSquared REST API (Update Activities in Bulk and more)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lsq_mock import _compat
from lsq_mock.admin_client import AdminClient, AdminError
from lsq_mock.api.app import create_app, emulator_of
from lsq_mock.clock import Clock
from lsq_mock.emulator import Emulator
from lsq_mock.emulator.faults import Fault
from lsq_mock.errors import InvalidInput, LSQError
from lsq_mock.ratelimit import RateLimit
from lsq_mock.serving.server import MockServer, ServerStartError
from lsq_mock.settings import Credential, Settings

if TYPE_CHECKING:
    from lsq_mock_contract.handle import ContractViolationError, LsqMock

_compat.install()

_FROM_THE_KIT = {"LsqMock", "ContractViolationError"}
"""The fixture's names, defined by the contract kit (lsq_mock_contract) and imported only when
asked for: the kit imports pytest, which the emulator itself never needs."""


def __getattr__(name: str) -> Any:
    if name in _FROM_THE_KIT:
        from lsq_mock_contract import handle

        return getattr(handle, name)
    raise AttributeError(f"module 'lsq_mock' has no attribute {name!r}")


__all__ = [
    "AdminClient",
    "AdminError",
    "Clock",
    "ContractViolationError",
    "Credential",
    "Emulator",
    "Fault",
    "InvalidInput",
    "LSQError",
    "LsqMock",
    "MockServer",
    "RateLimit",
    "ServerStartError",
    "Settings",
    "create_app",
    "emulator_of",
]
