"""What other users of the machine can see of the running Rasa servers (security review #13)."""

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
