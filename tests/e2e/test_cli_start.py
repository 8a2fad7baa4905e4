"""Starting the app process: a wrong setting stops it with one line naming the setting."""

import asyncio
import os
import pty
import re
import sys
from pathlib import Path

from handoff.app.devserver import prepare
from handoff.app.runtime import Runtime
from handoff.paths import PROJECT_ROOT
from handoff.services.accounts import authenticate
from tests.conftest import TEST_EMPLOYEES, make_settings
from tests.fakes.bot_api import FakeBotApi


async def run_cli(
    tmp_path: Path, *command: str, stdin: bytes | int | None = None, **settings: str
) -> tuple[int, str, str]:
    """Runs `python -m handoff COMMAND` in an empty folder; returns exit code, stdout, stderr.

    `stdin` is piped in (bytes) or is a file descriptor, such as a terminal's.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "EMPLOYEES_FILE": str(TEST_EMPLOYEES),
        "WEB_PORT": "0",
        "PYTHONPATH": str(PROJECT_ROOT),
        **settings,
    }
    piped = isinstance(stdin, bytes)
    source = asyncio.subprocess.PIPE if piped else stdin
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "handoff", *command,
        cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stdin=asyncio.subprocess.DEVNULL if source is None else source,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(
        process.communicate(stdin if isinstance(stdin, bytes) else None), 60
    )
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
    code_pattern = "-".join(["[A-Z2-9]{4}"] * 3)
    assert re.search(rf"Ingrid Jansen sends this .*: /koppel {code_pattern}$", stdout)
    code, _, stderr = await run_cli(tmp_path, "koppelcode", "Niemand")
    assert code == 2
    assert "no employee named 'Niemand'" in stderr


async def desk_login_works(tmp_path: Path, name: str, password: str) -> bool:
    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path / 'app.db'}")
    runtime = Runtime(settings)
    try:
        return await authenticate(runtime.uow, name, password) is not None
    finally:
        await runtime.engine.dispose()


async def test_an_admin_gives_a_desk_password_on_the_command_line(tmp_path: Path) -> None:
    chosen = b"een lang wachtwoord\n"
    code, stdout, _ = await run_cli(tmp_path, "wachtwoord", "Ingrid Jansen", stdin=chosen)
    assert code == 0
    assert stdout.strip() == "Ingrid Jansen can now log in to the desk."
    assert await desk_login_works(tmp_path, "Ingrid Jansen", "een lang wachtwoord")

    code, _, stderr = await run_cli(tmp_path, "wachtwoord", "Ingrid Jansen", stdin=b"kort\n")
    assert code == 2
    assert "at least 10 characters" in stderr

    leader, follower = pty.openpty()  # at a terminal, a new password is made and shown once
    try:
        code, stdout, _ = await run_cli(tmp_path, "wachtwoord", "Kees Visser", stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)
    made = re.search(r"Kees Visser logs in .*\(shown once\): (\S+)$", stdout.strip())
    assert code == 0
    assert made
    assert await desk_login_works(tmp_path, "Kees Visser", made.group(1))


async def test_a_new_installation_gets_one_first_desk_login(tmp_path: Path) -> None:
    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path / 'app.db'}")
    first, _ = await prepare(settings, tmp_path)
    assert first is not None
    assert first[0] == "Kees Visser"  # the directory's admin
    assert await desk_login_works(tmp_path, *first)
    assert (await prepare(settings, tmp_path))[0] is None  # only while nobody has a password
