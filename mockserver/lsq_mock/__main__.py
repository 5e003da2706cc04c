"""`python -m lsq_mock` runs the lsq-mock command line."""

from lsq_mock.cli import main

main()
