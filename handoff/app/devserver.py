"""`make run`: prepares the database and the model, then runs Rasa, its actions and the app."""

import asyncio
import os
import secrets
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

from honcho.manager import Manager

from handoff.app.config import Settings
from handoff.app.runtime import for_command
from handoff.nlu.model import ensure_model, model_path, rasa_server_command
from handoff.paths import MODELS_DIR, PROJECT_ROOT, RASA_PROJECT
from handoff.services.accounts import first_login
from handoff.storage.database import private_file
from handoff.storage.migrate import upgrade
from handoff.storage.rasa_trackers import create_sqlite_store


def _step(text: str) -> None:
    print(f"\033[1m==> {text}\033[0m", flush=True)


async def prepare(
    settings: Settings, models_dir: Path = MODELS_DIR
) -> tuple[tuple[str, str] | None, Path | None]:
    """The first desk login of a new installation (an admin's password to start with), and the
    registry's live model, which Rasa starts with when it is there (security review #26)."""
    async with for_command(settings, models_dir=models_dir) as runtime:
        first = await first_login(runtime.uow, runtime.directory)
        return first, await runtime.retraining.live_model_file()


def action_server_env(settings: Settings) -> dict[str, str]:
    """The action server's own environment: it listens only where ACTION_SERVER_URL points
    (loopback by default), not on every interface (rasa_sdk binds to SANIC_HOST, else 0.0.0.0),
    and has its settings also when they are in .env: the 24-hour repair line and the BAG check
    (empty: none)."""
    bag = settings.bag_locatieserver_url
    return {
        "SANIC_HOST": urlsplit(str(settings.action_server_url)).hostname or "127.0.0.1",
        "STORINGSDIENST_NUMBER": settings.storingsdienst_number,
        "BAG_LOCATIESERVER_URL": str(bag) if bag is not None else "",
    }


def run(settings: Settings) -> int:
    """Runs the whole product until Ctrl-C; returns the exit code."""
    _step("Database: bringing the schema up to date")
    upgrade(settings.database_url)
    first, live = asyncio.run(prepare(settings))
    if live is not None:
        model = live
        _step(f"Rasa: the live model {model.name} (the desk's Modellen page retrains and swaps)")
    else:
        if not model_path().exists():
            _step("Rasa: training the model for the current data (about a minute)")
        model = ensure_model()
        _step(f"Rasa: model {model.name}")
    token = settings.rasa_token.get_secret_value() if settings.rasa_token else None
    trackers = settings.rasa_tracker_file or PROJECT_ROOT / "var" / "rasa-trackers.db"
    private_file(trackers)  # Rasa's conversations: created here, so only this user reads them
    create_sqlite_store(trackers)  # before the two servers race to create its table
    env = dict(os.environ)
    env.update(
        RASA_TOKEN=token or secrets.token_urlsafe(24),  # a fresh one each start, unless set
        ACTION_SERVER_URL=str(settings.action_server_url),
        RASA_TELEMETRY_ENABLED="false",
        PYTHONUNBUFFERED="1",
        # The store the app reads and prunes (RASA_TRACKER_STORE_URL); endpoints.yml is SQLite.
        RASA_TRACKER_DB=str(trackers),
    )
    actions_url = urlsplit(str(settings.action_server_url))
    manager = Manager()
    # --quiet: the Rasa processes log warnings and errors only, so the start stays readable.
    actions = rasa_server_command("--quiet", "--port", str(actions_url.port or 5055), actions=True)
    actions_env = env | action_server_env(settings)
    manager.add_process("actions", shlex.join(actions), cwd=str(RASA_PROJECT), env=actions_env)
    # Two Rasa servers on one tracker store: a new model loads on the standby while the live
    # one answers (handoff/nlu/switch.py).
    servers = {"rasa": urlsplit(str(settings.rasa_url))}
    if settings.rasa_standby_url is not None:
        servers["rasa-standby"] = urlsplit(str(settings.rasa_standby_url))
    for name, url in servers.items():
        command = rasa_server_command(
            *("--quiet", "--model", str(model), "--interface", url.hostname or "127.0.0.1"),
            *("--port", str(url.port or 5005)),
            *("--endpoints", "endpoints.yml", "--credentials", "credentials.yml"),
        )
        manager.add_process(name, shlex.join(command), cwd=str(RASA_PROJECT), env=env)
    manager.add_process("app", f"{sys.executable} -m handoff app", cwd=str(PROJECT_ROOT), env=env)
    where = f"http://{settings.web_host}:{settings.web_port}"
    mode = "local mode (no TELEGRAM_BOT_TOKEN)" if settings.local_mode else "Telegram"
    rasas = " and its standby" if len(servers) > 1 else ""
    _step(f"Starting Rasa{rasas}, the action server and the app in {mode}. Ctrl-C stops all.")
    _step(f"Tenants: {where}/chat   Employees: {where}/desk")
    if first:
        name, password = first
        _step(f"First desk login: {name}, password {password} (shown once; change it on the desk)")
    manager.loop()
    return manager.returncode or 0
