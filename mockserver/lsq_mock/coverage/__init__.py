"""Contract coverage: which behaviours of the catalogue a client's traffic exercised, measured
from an emulator's journal and trigger events, and reported as JSON, text or one HTML file."""

from lsq_mock.coverage.measure import exercised
from lsq_mock.coverage.report import Coverage

__all__ = ["Coverage", "exercised"]
