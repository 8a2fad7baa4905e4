"""Runs in the Rasa environment: `rasa run` with its API token taken from the environment.

    RASA_TOKEN=… python -m tools.serve --model models/x.tar.gz --port 5005 …

`rasa run` reads the token only from `--auth-token`, and a process's command line is visible to
every user of the machine (`ps`). This starts the same Rasa CLI in this process with the token
added to its arguments after start-up, so the command line shows everything but the token.
"""

import os
import sys

from rasa.__main__ import main

if __name__ == "__main__":
    token = os.environ.get("RASA_TOKEN")
    if not token:
        sys.exit("RASA_TOKEN is not set: Rasa's HTTP API needs a token.")
    sys.argv = ["rasa", "run", "--enable-api", "--auth-token", token, *sys.argv[1:]]
    main()
