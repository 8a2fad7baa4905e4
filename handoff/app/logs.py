"""Logging for the app process: one line per record, and no secrets in what libraries log."""

import logging


def configure_logging(level: str) -> None:
    """Sets the level and format, and quiets the loggers that would print secrets or noise."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO, and Telegram URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
