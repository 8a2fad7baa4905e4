"""The Rasa project itself: its data is consistent and its test stories pass on the model."""

import os
import subprocess
from pathlib import Path

from handoff.rasa_model import RASA_PROJECT, ensure_model, rasa_executable

ENV = os.environ | {"RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"}


def rasa(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(rasa_executable()), *arguments],
        cwd=RASA_PROJECT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )


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
