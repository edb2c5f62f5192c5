"""The built program's entry point (PyInstaller runs a script, not a package's __main__)."""

import multiprocessing

# Windows starts the demo's worker processes by running this executable again (spawn):
# freeze_support() makes such a child run its worker and exit, before any command-line parsing.
multiprocessing.freeze_support()

import sys  # noqa: E402

from dumas_desktop.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
