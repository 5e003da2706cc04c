"""One tenant's emulator outside HTTP: its state, run-time settings, keys, faults and webhook."""

from lsq_mock.emulator.core import Emulator, read_seed

__all__ = ["Emulator", "read_seed"]
