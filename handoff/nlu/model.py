"""The trained Rasa model, named by a fingerprint of its inputs: trained only when they change."""

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from handoff.paths import MODELS_DIR, PROJECT_ROOT, RASA_ENV, RASA_PROJECT

# What a model is trained from (components: our own pipeline parts); anything else (actions,
# tests) needs no retraining.
_TRAINING_INPUTS = ("config.yml", "domain.yml", "data", "components")


def rasa_executable() -> Path:
    """Returns the `rasa` command of the Rasa environment."""
    return RASA_ENV / "bin" / "rasa"


def rasa_server_command(*options: str, actions: bool = False) -> list[str]:
    """The command that runs the Rasa server (its HTTP API on, the token read from `RASA_TOKEN`
    in its environment, never on the command line) or, with `actions`, the action server;
    both without the warnings Rasa's dependencies print (`rasa_project/tools/serve.py`).
    Run it in the Rasa project folder."""
    run = ["run", "actions"] if actions else ["run"]
    return [str(RASA_ENV / "bin" / "python"), "-m", "tools.serve", *run, *options]


def fingerprint(project: Path = RASA_PROJECT) -> str:
    """Hashes the training inputs (names and contents) and the pinned Rasa version."""
    digest = hashlib.sha256()
    files = [project / "config.yml", project / "domain.yml"]
    files += sorted((project / "data").rglob("*.yml"))
    files += sorted((project / "components").glob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(project)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    digest.update((PROJECT_ROOT / "requirements-rasa.txt").read_bytes())
    return digest.hexdigest()[:16]


LIVE_POINTER = "live.tar.gz"  # what a Rasa server (re)starts with in Compose: the live model


def publish_live(model_file: Path) -> None:
    """Points `live.tar.gz` beside the model at it, so a Rasa server that restarts on its own
    comes back with the live model, not the newest file (docker-compose.yml)."""
    pointer = model_file.with_name(LIVE_POINTER)
    scratch = model_file.with_name(f".{LIVE_POINTER}.{os.getpid()}")
    scratch.unlink(missing_ok=True)
    scratch.symlink_to(model_file.name)  # relative: right wherever the folder is mounted
    scratch.replace(pointer)


def model_path(project: Path = RASA_PROJECT) -> Path:
    """Returns where the model for the project's current training data lives."""
    return MODELS_DIR / f"aandacht-{fingerprint(project)}.tar.gz"


def ensure_model(project: Path = RASA_PROJECT, quiet: bool = False) -> Path:
    """Returns the model for the current data, training it first if there is none yet."""
    target = model_path(project)
    if target.exists():
        return target
    retrained = sorted(MODELS_DIR.glob(f"{target.name.removesuffix('.tar.gz')}-*.tar.gz"))
    if retrained:  # an admin's retraining of exactly this data (nlu/retraining.py)
        return retrained[-1]
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=MODELS_DIR) as scratch:
        command = [
            str(rasa_executable()),
            "train",
            "--config", str(project / "config.yml"),
            "--domain", str(project / "domain.yml"),
            "--data", str(project / "data"),
            "--out", scratch,
            "--fixed-model-name", "model",
        ]  # fmt: skip
        env = os.environ | {"RASA_TELEMETRY_ENABLED": "false"}
        output = subprocess.DEVNULL if quiet else None
        subprocess.run(command, cwd=project, env=env, check=True, stdout=output, stderr=output)
        # Atomic: a half-written model is never taken for a trained one.
        (Path(scratch) / "model.tar.gz").replace(target)
    return target
