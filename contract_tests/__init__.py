"""lsq-mock's contract kit: the pytest plugin and reusable contract suites."""
