"""What the running Rasa servers show: to other users of the machine (security review #13) and
to whoever starts them."""

import re
from pathlib import Path

import pytest

from tests.support.rasa_servers import RasaServers

pytestmark = pytest.mark.rasa


def test_the_rasa_token_is_not_on_any_command_line(rasa: RasaServers) -> None:
    # /proc/<pid>/cmdline is what `ps` shows every user; the token lets a caller load any model.
    command_lines = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in rasa.pids]
    assert len(command_lines) == 2 and all(command_lines)
    assert any(b"tools.serve" in line for line in command_lines)  # the Rasa server itself
    assert not any(rasa.token.encode() in line for line in command_lines)


def test_the_servers_print_no_warnings_of_their_dependencies(rasa: RasaServers) -> None:
    # Rasa 3.6's dependencies print a screenful of deprecation warnings at every start.
    printed = "\n".join(log.read_text() for log in rasa.logs)
    assert "Action endpoint is up and running" in printed  # the logs are the servers' output
    assert not re.search(r"\w+Warning: ", printed)
