"""lsq-mock: a local emulator of the LeadSquared REST API (Update Activities in Bulk and more)."""

from lsq_mock.app import create_app, emulator_of
from lsq_mock.clock import Clock
from lsq_mock.emulator import Emulator
from lsq_mock.ratelimit import RateLimit
from lsq_mock.server import MockServer, ServerStartError
from lsq_mock.settings import Credential, Settings

__all__ = [
    "Clock",
    "Credential",
    "Emulator",
    "MockServer",
    "RateLimit",
    "ServerStartError",
    "Settings",
    "create_app",
    "emulator_of",
]
