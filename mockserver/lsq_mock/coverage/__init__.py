"""Contract coverage: which behaviours of the catalogue a client's traffic exercised, measured
from an emulator's verdicts and trigger events over the endpoints it called (or the whole API),
and reported as JSON, text or one HTML file."""

from lsq_mock.coverage.measure import endpoints_called, exercised
from lsq_mock.coverage.report import Coverage
from lsq_mock.coverage.scope import Scope

__all__ = ["Coverage", "Scope", "endpoints_called", "exercised"]
