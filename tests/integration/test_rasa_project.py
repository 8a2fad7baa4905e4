"""The Rasa project itself: its data is consistent and its test stories pass on the model."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from handoff.domain.privacy import mask
from handoff.nlu import examples as training_data
from handoff.nlu.model import ensure_model, rasa_executable
from handoff.paths import RASA_PROJECT
from tests.support.rasa_servers import run_rasa as rasa
from tests.unit.test_inbox_yaml import CRAFTED


def test_rasa_data_validates_without_warnings() -> None:
    result = rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_test_stories_pass(tmp_path: Path) -> None:
    result = rasa(
        "test", "core",
        "--model", str(ensure_model()),
        "--stories", "tests/test_stories.yml",
        "--fail-on-prediction-errors",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "None of the test stories failed" in (tmp_path / "failed_test_stories.yml").read_text()


@pytest.mark.rasa
def test_crafted_labels_keep_the_data_valid(tmp_path: Path) -> None:
    """Security review #7: labels made of crafted messages, written into a copy of the
    project, and Rasa's own reader still validates the data without warnings."""
    project = tmp_path / "rasa_project"
    shutil.copytree(RASA_PROJECT, project, ignore=shutil.ignore_patterns(".rasa", "models"))
    masked = list(dict.fromkeys(mask(text) for text in CRAFTED))
    assert training_data.add_examples("nuisance", masked, project) == len(masked)
    result = subprocess.run(
        [str(rasa_executable()), "data", "validate", "--fail-on-warnings"],
        cwd=project,
        check=False,
        env=os.environ | {"RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
