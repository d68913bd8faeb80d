"""`python -m tnl_signage`: the same command line as `tnl-signage`."""

from .cli import main

main()
