"""Where the checkout keeps what the app reads and writes: the Rasa project, models, var/."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RASA_PROJECT = PROJECT_ROOT / "rasa_project"
VAR = PROJECT_ROOT / "var"
MODELS_DIR = VAR / "models"
# The Python 3.10 environment Rasa runs in (scripts/setup makes it).
RASA_ENV = Path(os.environ.get("RASA_ENV", PROJECT_ROOT / ".venv-rasa"))
