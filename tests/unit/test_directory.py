"""Loading the employee directory; an invalid file is refused with the field and the line."""

from pathlib import Path

import pytest

from handoff.paths import PROJECT_ROOT
from handoff.storage.directory_file import DirectoryError, load_directory

VALID = """\
default_team: a
teams:
  - key: a
    name: Team A
    topics: [complaint]
employees:
  - name: Anna de Boer
    teams: [a]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "employees.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_sample_is_valid() -> None:
    directory = load_directory(PROJECT_ROOT / "config" / "employees.yml")
    assert directory.team(directory.default_team).name == "Klantcontact"
    assert all(e.telegram_user_id is None for e in directory.employees)


def test_valid_file_loads(tmp_path: Path) -> None:
    directory = load_directory(write(tmp_path, VALID))
    assert directory.employee("anna DE boer").teams == ("a",)


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            VALID.replace("    teams: [a]", "    teams: [b]"),
            "line 8: employees.0.teams: no team with key 'b'",
        ),
        (
            VALID.replace("default_team: a", "default_team: x"),
            "line 1: default_team: no team with key 'x'",
        ),
        (
            VALID.replace("  - name: Anna de Boer\n", "  - naam: Anna de Boer\n"),
            "line 7: employees.0",
        ),
        (
            VALID.replace("    teams: [a]", "    teams: [a]\n    telegram_user_id: twaalf"),
            "line 9: employees.0.telegram_user_id",
        ),
        (
            VALID + "  - name: anna de boer\n    teams: [a]\n",
            "line 9: employees.1.name: names must be unique",
        ),
        (VALID.replace("  - key: a\n", "  - key: A B\n"), "line 3: teams.0.key"),
    ],
)
def test_invalid_file_names_field_and_line(tmp_path: Path, broken: str, expected: str) -> None:
    with pytest.raises(DirectoryError) as error:
        load_directory(write(tmp_path, broken))
    assert expected in str(error.value)
    assert "\n" not in str(error.value)


def test_broken_yaml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match="not valid YAML"):
        load_directory(write(tmp_path, "teams: [unclosed"))
