"""`python -m tnl_signage.cli` runs the command line (used by tests that kill a real process)."""

from . import main

main()
