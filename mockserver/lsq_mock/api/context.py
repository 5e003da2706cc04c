"""The control plane's handle on its emulator: the one thing its request context carries."""

from __future__ import annotations

from flask import current_app

from lsq_mock.emulator import Emulator

EXTENSION_KEY = "lsq_mock"


def emulator() -> Emulator:
    """The emulator of the app handling this control-plane request."""
    state: Emulator = current_app.extensions[EXTENSION_KEY]
    return state
