"""`python -m mockserver` runs the lsq-mock command line."""

from mockserver.cli import main

main()
