"""The built program's entry point (PyInstaller runs a script, not a package's __main__)."""

import sys

from dumas_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
