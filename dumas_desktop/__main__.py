import sys

from .cli import main

# Guarded: a process the demo's pool starts with the spawn method imports the main
# module again, and must not run the command line a second time.
if __name__ == "__main__":
    sys.exit(main())
