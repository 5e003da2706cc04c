"""lsq-mock: a local emulator of the LeadSquared REST API (Update Activities in Bulk and more)."""

from mockserver.app import create_app, emulator_of
from mockserver.clock import Clock
from mockserver.emulator import Emulator
from mockserver.ratelimit import RateLimit
from mockserver.server import MockServer, ServerStartError
from mockserver.settings import Credential, Settings

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
