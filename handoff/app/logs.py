"""Logging for the app process: one line per record, nothing personal and no secrets in it.

What the logs may contain, at every level (the README says it to operators):

- Our own loggers (`handoff`, `bot`) name things by database ids only: a stored update's row
  id, a case, an outbox message, a model. Never a message text, a name, a note, a web chat
  cookie (the web chat's update id contains it, so that is never logged either) or a Telegram
  chat or user id (personal data: it finds the person). No chat needs telling apart in a log
  line beyond its row ids, so there is no hash of chat ids either. Telegram's update id is the
  bot's own counter and is logged.
- `LOG_LEVEL` sets only those two loggers. Libraries log at `LIBRARY_LOG_LEVEL`, `WARNING`
  by default: below that, python-telegram-bot logs every request and answer (texts, names,
  chat ids), httpx and PTB the bot token in URLs, aiosqlite every statement with its values.
  Opening them is for a developer's machine and says so with a warning at start.
- Database errors show the statement without its values (the engines' `hide_parameters`), and
  PostgreSQL's `DETAIL:` lines (the failing row, a duplicate key) are hidden.
- Whatever a record holds, the bot token, `RASA_TOKEN`, `SESSION_SECRET`, `METRICS_TOKEN`,
  the webhook's secret and any password in
  a URL setting are replaced by `[hidden]`, in the message, its arguments and tracebacks: a
  filter on the root logger's handlers, which every record reaches (a filter on a named logger
  would miss its children's records).
- `LOG_FORMAT=json` writes each record as one JSON object (`JsonFormatter`) with fixed fields
  only: the same redacted message and traceback, and nothing else of the record (no `extra=`
  attributes a library may attach).
"""

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import quote

from sqlalchemy.engine import make_url

from handoff.app.config import Settings

OWN_LOGGERS = ("handoff", "bot")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
HIDDEN = "[hidden]"
# PostgreSQL's error detail names the failing row's values or the duplicate key's.
_DETAIL = re.compile(r"^DETAIL:.*$", re.MULTILINE)

log = logging.getLogger(__name__)


class RedactSecrets(logging.Filter):
    """Replaces the secrets in a record (message, arguments, traceback) before it is written."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        variants = {form for secret in secrets if secret for form in _written_forms(secret)}
        # Longest first, so a secret that contains another is hidden whole.
        self._secrets = sorted(variants, key=len, reverse=True)
        self._formatter = logging.Formatter()

    def redact(self, text: str) -> str:
        """Returns the text with every secret and every PostgreSQL DETAIL line hidden."""
        for secret in self._secrets:
            text = text.replace(secret, HIDDEN)
        return _DETAIL.sub(f"DETAIL: {HIDDEN}", text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redacts the record's message, traceback and stack; always lets the record through."""
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the message: keep the record, redacted
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            # Formatters write exc_text when it is set, so the traceback is written redacted.
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, and the traceback.

    Only these fields, so nothing a record carries besides its (redacted) message reaches the
    log. The traceback is the record's `exc_text`, which RedactSecrets has already redacted;
    python-json-logger formats `exc_info` again instead, which would undo that.
    """

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["traceback"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False)


def formatter(log_format: str) -> logging.Formatter:
    """The formatter for LOG_FORMAT: plain lines or JSON objects."""
    return JsonFormatter() if log_format == "json" else logging.Formatter(FORMAT)


class LibraryLevel(logging.Filter):
    """Lets a library's record through only at the library level (whatever its logger's)."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether the record is the app's own or at least at the library level."""
        own = any(
            record.name == name or record.name.startswith(f"{name}.") for name in OWN_LOGGERS
        )
        return own or record.levelno >= self.level


class _AppHandler(logging.StreamHandler):
    """The app's own handler, so a second set-up replaces it instead of adding another."""


def _written_forms(secret: str) -> set[str]:
    """The secret as it may appear: as is, and URL-encoded (in a query or a path)."""
    return {secret, quote(secret, safe=""), quote(secret)}


def secrets_of(settings: Settings) -> list[str]:
    """Returns the values in the settings that grant access, as the filter hides them."""
    found = [
        secret.get_secret_value()
        for secret in (
            settings.telegram_bot_token,
            settings.rasa_token,
            settings.session_secret,
            settings.metrics_token,
        )
        if secret is not None
    ]
    if settings.webhook_secret is not None:
        found.append(settings.webhook_secret)
    if settings.telegram_bot_token is not None:  # the part after the bot's id is the secret
        found.append(settings.telegram_bot_token.get_secret_value().partition(":")[2])
    urls = [settings.telegram_api_base_url, settings.rasa_url, settings.action_server_url]
    found += [url.password for url in [*urls, settings.rasa_standby_url] if url and url.password]
    database_password = make_url(settings.database_url).password
    if database_password:
        found.append(str(database_password))
    return found


def configure_logging(settings: Settings) -> None:
    """Sets up logging for the process: format, levels, and the filters on the root handlers."""
    own = logging.getLevelNamesMapping()[settings.log_level]
    libraries = logging.getLevelNamesMapping()[settings.library_log_level]
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _AppHandler)]:
        root.removeHandler(handler)
    handler = _AppHandler(sys.stderr)
    handler.setFormatter(formatter(settings.log_format))
    root.addHandler(handler)
    root.setLevel(libraries)  # libraries then make no records below it at all
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(own)
    filters = [LibraryLevel(libraries), RedactSecrets(secrets_of(settings))]
    for each in root.handlers:  # every handler: ours, and any a host (or a test) put there
        for old in [f for f in each.filters if isinstance(f, LibraryLevel | RedactSecrets)]:
            each.removeFilter(old)
        for new in filters:
            each.addFilter(new)
    if libraries < logging.WARNING:
        log.warning(
            "LIBRARY_LOG_LEVEL=%s: the libraries' logs contain message texts, names, chat ids "
            "and SQL values. Only for debugging on a developer's machine.",
            settings.library_log_level,
        )
