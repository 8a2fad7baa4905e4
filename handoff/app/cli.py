"""Command line: `python -m handoff run | app | train | check | koppelcode | wachtwoord |
bewaartermijn`."""

import argparse
import asyncio
import secrets
import signal
import sys

from sqlalchemy.exc import DBAPIError
from telegram.error import InvalidToken, NetworkError

from handoff.app import admin_cli, devserver
from handoff.app.config import Settings, SettingsError, load_settings
from handoff.app.logs import configure_logging
from handoff.app.runtime import FatalError, Runtime, for_command, settle_memory
from handoff.domain.retention import Kind
from handoff.nlu.model import LIVE_POINTER, ensure_model, publish_live
from handoff.services import retention
from handoff.services.accounts import WeakPassword, set_password
from handoff.services.employees import new_link_code
from handoff.storage.directory_file import DirectoryError, load_directory


async def _serve(settings: Settings) -> int:
    runtime = Runtime(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await runtime.start()
    except Exception as error:
        await runtime.stop()
        print(f"Cannot start: {_reason(error)}", file=sys.stderr)
        return 1
    settle_memory()
    failure = asyncio.ensure_future(runtime.wait_for_failure())
    stopped = asyncio.ensure_future(stop.wait())
    await asyncio.wait({failure, stopped}, return_when=asyncio.FIRST_COMPLETED)
    await runtime.stop()
    if failure.done():
        reason = failure.result()
        print(
            f"Aandacht stopped: {reason if isinstance(reason, FatalError) else repr(reason)}",
            file=sys.stderr,
        )
        return 1
    failure.cancel()
    return 0


async def _link_code(settings: Settings, name: str) -> int:
    async with for_command(settings) as runtime:
        code = await new_link_code(runtime.uow, name)
    if code is None:
        print(f"Cannot make a code: no employee named {name!r} in the directory", file=sys.stderr)
        return 2
    print(f"{name} sends this to the bot in Telegram, within 24 hours: /koppel {code}")
    return 0


async def _set_password(settings: Settings, name: str, password: str) -> bool:
    async with for_command(settings) as runtime:
        return await set_password(runtime.uow, name, password)


def _password_command(settings: Settings, name: str) -> int:
    """Reads a password from a pipe, or makes one and shows it once."""
    piped = not sys.stdin.isatty()
    password = sys.stdin.readline().rstrip("\n") if piped else secrets.token_urlsafe(12)
    try:
        found = asyncio.run(_set_password(settings, name, password))
    except WeakPassword as error:
        print(f"Cannot set this password: {error}", file=sys.stderr)
        return 2
    if not found:
        print(f"No employee named {name!r} in the directory", file=sys.stderr)
        return 2
    if piped:
        print(f"{name} can now log in to the desk.")
    else:
        print(f"{name} logs in to the desk with this password (shown once): {password}")
    return 0


RETENTION_LABELS = {
    Kind.RAW_UPDATES: ("raw updates (payload blanked)", "retain_raw_updates_days"),
    Kind.REVIEW_ITEMS: ("NLU review items", "retain_review_items_days"),
    Kind.MESSAGES: ("messages of closed cases and outside cases", "retain_conversations_days"),
    Kind.CASES: ("closed cases (summary and details removed)", "retain_conversations_days"),
    Kind.OUTBOX: ("sent or failed outbox rows", "retain_outbox_days"),
    Kind.CONTACTS: ("contacts with nothing left (chat id and name)", "retain_conversations_days"),
    Kind.RASA_TRACKERS: ("Rasa conversations (tracker store)", "retain_rasa_trackers_days"),
    Kind.AUDIT_LOG: ("audit log entries", "retain_audit_log_days"),
}


async def _retention(settings: Settings, dry_run: bool) -> int:
    """Purges what is past its retention period (or only counts it) and says how much."""
    async with for_command(settings) as runtime:
        counts = await retention.purge(
            runtime.uow, settings.retention, dry_run=dry_run, outside=runtime.outside()
        )
    print("Dry run, nothing changed; would go:" if dry_run else "Retention purge done; went:")
    for kind, count in counts.items():
        label, setting = RETENTION_LABELS[kind]
        days = getattr(settings, setting)
        shown = "not connected" if count is None else str(count)
        print(f"  {label}: {shown} (kept {days} days, {setting.upper()})")
    return 0


def _reason(error: BaseException) -> str:
    """Names the setting behind a start-up failure, in one line."""
    if isinstance(error, FatalError):
        return str(error)
    if isinstance(error, InvalidToken):
        return "TELEGRAM_BOT_TOKEN: Telegram refuses this token"
    if isinstance(error, NetworkError):
        return f"TELEGRAM_API_BASE_URL: the Bot API server is not reachable ({error})"
    if isinstance(error, DBAPIError | OSError):
        return f"DATABASE_URL: cannot use the database ({str(error).splitlines()[0]})"
    return repr(error)


def main(argv: list[str] | None = None) -> int:
    """Runs one command; configuration errors end it with one clear line."""
    parser = argparse.ArgumentParser(prog="aandacht", description=__doc__)
    parser.add_argument(
        "command",
        choices=[
            "run",
            "app",
            "train",
            "check",
            "koppelcode",
            "wachtwoord",
            "bewaartermijn",
            *admin_cli.COMMANDS,
        ],
        help="run: everything (make run); app: only the app process; "
        "train: the Rasa model if the data changed; check: settings and directory; "
        "koppelcode NAME: a one-time code for that employee to send as /koppel CODE; "
        "wachtwoord NAME: a desk password (read from a pipe, or made and shown once); "
        "bewaartermijn [--dry-run]: delete what is past its retention period (or only count "
        "it); "
        "inbox, label NR INTENT, hertrain, modellen, live ID, terugzetten ID: retraining",
    )
    parser.add_argument("arguments", nargs="*", help="the employee's name, or what to label")
    parser.add_argument(
        "--dry-run", action="store_true", help="bewaartermijn: only say what would go"
    )
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        load_directory(settings.employees_file)
    except (SettingsError, DirectoryError) as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    configure_logging(settings)
    if args.command == "check":
        print("Settings and directory are fine.")
        return 0
    name = " ".join(args.arguments)
    if args.command == "koppelcode":
        return asyncio.run(_link_code(settings, name))
    if args.command == "wachtwoord":
        return _password_command(settings, name)
    if args.command == "bewaartermijn":
        return asyncio.run(_retention(settings, args.dry_run))
    if args.command in admin_cli.COMMANDS:
        return asyncio.run(admin_cli.run(settings, args.command, args.arguments))
    if args.command == "train":
        model = ensure_model()
        if not model.with_name(LIVE_POINTER).exists():  # a new installation (an image's build)
            publish_live(model)
        print(model)
        return 0
    if args.command == "run":
        return devserver.run(settings)
    return asyncio.run(_serve(settings))
