"""What the running Rasa servers show: to other users of the machine (security review #13) and
to whoever starts them."""

import re
import sqlite3
from pathlib import Path

import pytest

from handoff.storage.rasa_trackers import create_sqlite_store
from tests.support.rasa_servers import RasaServers

pytestmark = pytest.mark.rasa


def test_the_rasa_token_is_not_on_any_command_line(rasa: RasaServers) -> None:
    # /proc/<pid>/cmdline is what `ps` shows every user; the token lets a caller load any model.
    command_lines = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in rasa.pids]
    assert len(command_lines) == 2
    assert all(command_lines)
    assert any(b"tools.serve" in line for line in command_lines)  # the Rasa server itself
    assert not any(rasa.token.encode() in line for line in command_lines)


def test_the_servers_print_no_warnings_of_their_dependencies(rasa: RasaServers) -> None:
    # Rasa 3.6's dependencies print a screenful of deprecation warnings at every start.
    printed = "\n".join(log.read_text() for log in rasa.logs)
    assert "Action endpoint is up and running" in printed  # the logs are the servers' output
    assert not re.search(r"\w+Warning: ", printed)


def _schema(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
        return sorted(row[0] for row in rows)


def test_make_run_creates_the_tracker_stores_table_as_rasa_does(
    rasa: RasaServers, tmp_path: Path
) -> None:
    # This server started on no tracker store: Rasa created its table itself.
    assert rasa.trackers is not None
    create_sqlite_store(tmp_path / "trackers.db")
    created_by_rasa = _schema(rasa.trackers)
    assert any(line.startswith("CREATE TABLE events") for line in created_by_rasa)
    assert _schema(tmp_path / "trackers.db") == created_by_rasa
