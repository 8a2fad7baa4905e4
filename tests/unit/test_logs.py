"""The app's logging set-up: our loggers at LOG_LEVEL, libraries at LIBRARY_LOG_LEVEL, and
secrets hidden from every record on the root handlers, tracebacks included."""

import json
import logging
from collections.abc import Iterator

import pytest

from handoff.app.config import SettingsError, load_settings
from handoff.app.logs import HIDDEN, RedactSecrets, configure_logging, formatter
from tests.conftest import make_settings

BOT_TOKEN = "7310001:bottoken-secretpart"
SECRETS = {
    "telegram_bot_token": BOT_TOKEN,
    "rasa_token": "rasa token/with spaces",
    "session_secret": "sessiegeheim-Qz7vW2pLm9Rb-Xk4nT8cHs3Jd",
}
DATABASE_URL = "postgresql://app:dbwachtwoord@db:5432/aandacht"


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def kept() -> Iterator[Kept]:
    """A handler on the root logger; the root and the loggers touched as before afterwards."""
    root = logging.getLogger()
    touched = [root, *(logging.getLogger(n) for n in ("handoff", "bot", "telegram", "httpx"))]
    levels = [logger.level for logger in touched]
    handlers = list(root.handlers)
    filters = {handler: list(handler.filters) for handler in handlers}
    handler = Kept()
    root.addHandler(handler)
    yield handler
    for added in set(root.handlers) - set(handlers):
        root.removeHandler(added)
    for old, its_filters in filters.items():
        old.filters[:] = its_filters
    for logger, level in zip(touched, levels, strict=True):
        logger.setLevel(level)


def test_debug_raises_our_loggers_only(kept: Kept) -> None:
    configure_logging(make_settings("sqlite://", log_level="debug"))
    logging.getLogger("handoff.services.intake").debug("ours")
    logging.getLogger("bot.polling").debug("ours too")
    logging.getLogger("telegram.ext.ExtBot").debug("a request with a tenant's text")
    logging.getLogger("httpx").info("a URL")
    telegram = logging.getLogger("telegram")
    telegram.setLevel(logging.DEBUG)  # a library that opens its own logger is still held back
    telegram.debug("a request with a tenant's text")
    logging.getLogger("aiohttp.server").error("a failed request")
    assert kept.lines == ["ours", "ours too", "a failed request"]


def test_libraries_open_only_when_asked_and_with_a_warning(kept: Kept) -> None:
    configure_logging(make_settings("sqlite://", library_log_level="DEBUG"))
    logging.getLogger("telegram.ext.ExtBot").debug("a request")
    logging.getLogger("handoff.services").debug("not ours at INFO")
    assert "message texts" in kept.lines[0]
    assert "LIBRARY_LOG_LEVEL=DEBUG" in kept.lines[0]
    assert kept.lines[1:] == ["a request"]


def test_secrets_are_hidden_in_messages_arguments_and_tracebacks(kept: Kept) -> None:
    configure_logging(make_settings(DATABASE_URL, **SECRETS))
    child = logging.getLogger("telegram.ext.ExtBot.requests")  # a child of any logger
    child.warning("Set Bot API URL: http://api/bot%s", BOT_TOKEN)
    logging.getLogger("handoff.x").warning("only the part %s", "bottoken-secretpart")
    logging.getLogger("aiohttp.client").warning("GET /status?token=rasa%20token%2Fwith%20spaces")
    try:
        raise RuntimeError(f"could not reach postgresql://app:dbwachtwoord@db with {BOT_TOKEN}")
    except RuntimeError:
        logging.getLogger("handoff.app.runtime").exception("background task failed")
    text = "\n".join(kept.lines)
    for secret in ("bottoken-secretpart", "rasa token", "rasa%20token", "dbwachtwoord"):
        assert secret not in text
    assert "Traceback" in text
    assert text.endswith(
        f"RuntimeError: could not reach postgresql://app:{HIDDEN}@db with {HIDDEN}"
    )


def test_postgresql_detail_lines_are_hidden() -> None:
    redact = RedactSecrets([])
    error = (
        '(psycopg.errors.CheckViolation) new row for relation "messages" violates check\n'
        "DETAIL:  Failing row contains (12, tenant, mijn kraan lekt, ...).\n"
        "[SQL: INSERT INTO messages ...]"
    )
    assert redact.redact(error).splitlines()[1] == f"DETAIL: {HIDDEN}"


def test_a_record_whose_arguments_do_not_fit_is_kept() -> None:
    record = logging.LogRecord("bot", logging.INFO, __file__, 1, "%s and %s", ("one",), None)
    assert RedactSecrets(["one"]).filter(record)
    assert "one" not in record.getMessage()


def test_a_second_set_up_replaces_the_first(kept: Kept) -> None:
    configure_logging(make_settings("sqlite://"))
    configure_logging(make_settings("sqlite://"))
    handlers = logging.getLogger().handlers
    assert sum(type(h).__name__ == "_AppHandler" for h in handlers) == 1
    assert all(len(h.filters) - len(set(map(type, h.filters))) == 0 for h in handlers)


def test_a_wrong_level_is_refused_with_its_name() -> None:
    with pytest.raises(SettingsError, match="LOG_LEVEL: must be DEBUG"):
        load_settings(_env_file=None, log_level="verbose")


def test_json_lines_hold_the_redacted_message_and_traceback_and_nothing_else(
    kept: Kept,
) -> None:
    settings = make_settings(DATABASE_URL, log_format="JSON", **SECRETS)
    configure_logging(settings)
    kept.setFormatter(formatter(settings.log_format))  # as the app's own handler writes
    log = logging.getLogger("handoff.services.intake")
    log.warning("stored update %s", 12, extra={"tenant_text": "mijn kraan lekt"})
    try:
        raise RuntimeError(f"could not reach postgresql://app:dbwachtwoord@db with {BOT_TOKEN}")
    except RuntimeError:
        log.exception("failed with %s", SECRETS["session_secret"])
    first, second = (json.loads(line) for line in kept.lines)
    assert set(first) == {"time", "level", "logger", "message"}
    assert first["message"] == "stored update 12"
    assert first["level"] == "WARNING"
    assert first["logger"] == "handoff.services.intake"
    assert first["time"].endswith("+00:00")
    assert second["message"] == f"failed with {HIDDEN}"
    assert second["traceback"].startswith("Traceback")
    assert second["traceback"].endswith(
        f"could not reach postgresql://app:{HIDDEN}@db with {HIDDEN}"
    )
    assert "mijn kraan lekt" not in "".join(kept.lines)


def test_a_wrong_log_format_is_refused_with_its_name() -> None:
    with pytest.raises(SettingsError, match="LOG_FORMAT"):
        load_settings(_env_file=None, log_format="xml")
