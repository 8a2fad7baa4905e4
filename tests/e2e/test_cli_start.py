"""Starting the app process: a wrong setting stops it with one line naming the setting."""

import asyncio
import os
import re
import sys
from pathlib import Path

from handoff.config import PROJECT_ROOT
from tests.conftest import TEST_EMPLOYEES
from tests.fakes.bot_api import FakeBotApi


async def run_cli(tmp_path: Path, *command: str, **settings: str) -> tuple[int, str, str]:
    """Runs `python -m handoff COMMAND` in an empty folder; returns exit code, stdout, stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "EMPLOYEES_FILE": str(TEST_EMPLOYEES),
        "WEB_PORT": "0",
        "PYTHONPATH": str(PROJECT_ROOT),
        **settings,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "handoff", *command,
        cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, stdout.decode(), stderr.decode()


async def start_app(tmp_path: Path, **settings: str) -> tuple[int, str]:
    """Runs `python -m handoff app`; returns exit code and stderr."""
    code, _, stderr = await run_cli(tmp_path, "app", **settings)
    return code, stderr


async def test_refused_telegram_token_is_named(tmp_path: Path, bot_api: FakeBotApi) -> None:
    code, stderr = await start_app(
        tmp_path,
        TELEGRAM_BOT_TOKEN="123:NOT-THE-TOKEN",  # the fake answers 401, as Telegram does
        TELEGRAM_API_BASE_URL=bot_api.base_url,
    )
    assert code == 1
    assert stderr.strip().splitlines()[-1] == (
        "Cannot start: TELEGRAM_BOT_TOKEN: Telegram refuses this token"
    )


async def test_wrong_setting_is_named_before_anything_starts(tmp_path: Path) -> None:
    code, stderr = await start_app(tmp_path, WEB_PORT="achtduizend")
    assert code == 2
    assert stderr.strip().startswith("Cannot start: WEB_PORT: ")
    assert len(stderr.strip().splitlines()) == 1


async def test_invalid_directory_is_named_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "employees.yml"
    text = TEST_EMPLOYEES.read_text().replace("teams: [reparaties]", "teams: [x]")
    broken.write_text(text)
    line = text.splitlines().index("    teams: [x]") + 1
    code, stderr = await start_app(tmp_path, EMPLOYEES_FILE=str(broken))
    assert code == 2
    assert f"line {line}: employees.0.teams: no team with key 'x'" in stderr


async def test_an_admin_makes_a_link_code_on_the_command_line(tmp_path: Path) -> None:
    code, stdout, _ = await run_cli(tmp_path, "koppelcode", "Ingrid Jansen")
    assert code == 0
    assert re.search(r"Ingrid Jansen sends this .*: /koppel [A-Z2-9]{4}-[A-Z2-9]{4}$", stdout)
    code, _, stderr = await run_cli(tmp_path, "koppelcode", "Niemand")
    assert code == 2 and "no employee named 'Niemand'" in stderr
