"""Runs in the Rasa environment: the Rasa CLI, quiet, and with no secret on its command line.

    RASA_TOKEN=… python -m tools.serve run --model models/x.tar.gz --port 5005 …
    python -m tools.serve run actions --actions actions --port 5055

`rasa run` reads its API token only from `--auth-token`, and a process's command line is
visible to every user of the machine (`ps`): this adds the token from `RASA_TOKEN` to the
arguments inside the process. Rasa 3.6's dependencies also print a screenful of deprecation
warnings about their own dependencies at every start; those are not shown (errors and log
records are).
"""

import os
import sys
import warnings
from typing import Any


def _not_shown(*args: Any, **kwargs: Any) -> None:
    """Instead of warnings.showwarning: some dependencies turn warnings back on as they load."""


def main() -> None:
    """Runs the Rasa command line with the token from RASA_TOKEN and without the warnings."""
    warnings.showwarning = _not_shown
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    arguments = sys.argv[1:]
    if arguments[:1] == ["run"] and arguments[1:2] != ["actions"]:
        token = os.environ.get("RASA_TOKEN")
        if not token:
            sys.exit("RASA_TOKEN is not set: Rasa's HTTP API needs a token.")
        arguments = ["run", "--enable-api", "--auth-token", token, *arguments[1:]]
    sys.argv = ["rasa", *arguments]
    from rasa.__main__ import main as rasa_main  # noqa: PLC0415 - after the above: it warns as it loads

    rasa_main()


if __name__ == "__main__":
    main()
