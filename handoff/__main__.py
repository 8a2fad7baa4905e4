"""Allows `python -m handoff …`."""

import sys

from handoff.app.cli import main

sys.exit(main())
