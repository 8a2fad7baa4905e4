"""The Rasa project itself: its data is consistent and its test stories pass on the model."""

from pathlib import Path

from handoff.nlu.model import ensure_model
from tests.support.rasa_servers import run_rasa as rasa


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
