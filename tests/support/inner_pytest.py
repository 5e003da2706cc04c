"""Options for the pytest runs that tests start inside themselves (pytester, subprocesses)."""

UNRELATED_PLUGINS = (
    *("-p", "no:hypothesispytest", "-p", "no:benchmark"),
    *("-p", "no:schemathesis", "-p", "no:cacheprovider"),
)
"""Plugins this machine has that inner pytest runs don't need: they cost ~1-2 s a run."""
