"""``python -m sourcetrace``: the same command line as the ``sourcetrace`` script."""

from sourcetrace.cli import main

main()
