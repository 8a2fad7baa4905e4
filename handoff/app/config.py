"""Settings, read once at start from the environment or a `.env` file."""

import hashlib
import hmac
import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AnyHttpUrl,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from handoff.domain.backoffice import VERA_SCOPE
from handoff.domain.escalation import EscalationPolicy
from handoff.domain.retention import RetentionPolicy
from handoff.paths import PROJECT_ROOT, VAR

DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{VAR / 'aandacht.db'}"
DEFAULT_TRACKER_STORE_URL = f"sqlite:///{VAR / 'rasa-trackers.db'}"
MIN_SESSION_SECRET_LENGTH = 32
WEBHOOK_PATH_PREFIX = "/telegram/"  # the app's other routes never start with it
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{16,256}")
MAKE_SECRET = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'  # noqa: S105 - a command


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one line naming the setting and why."""


class Settings(BaseSettings):
    """Everything the app process needs to know about its surroundings."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: AnyHttpUrl = AnyHttpUrl("https://api.telegram.org")
    # Webhook mode instead of long polling: the public HTTPS address Telegram posts updates to;
    # the app serves its path (which starts with /telegram/) on WEB_HOST:WEB_PORT.
    telegram_webhook_url: AnyHttpUrl | None = None
    # What Telegram sends along in X-Telegram-Bot-Api-Secret-Token; unset: derived from the
    # bot token (see webhook_secret).
    telegram_webhook_secret: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    rasa_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:5005")
    rasa_token: SecretStr | None = None
    # A second Rasa server on the same tracker store: new models load there, then go live.
    rasa_standby_url: AnyHttpUrl | None = AnyHttpUrl("http://127.0.0.1:5006")
    # Rasa's SQL tracker store (an SQLAlchemy URL): tenants' conversations with the assistant,
    # read for their export and deleted when they ask to be forgotten. make run gives Rasa it.
    rasa_tracker_store_url: str = DEFAULT_TRACKER_STORE_URL
    action_server_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:5055/webhook")
    # The corporation's 24-hour repair line, as the action server has it: the app gives it
    # with the safety steps itself when the assistant cannot answer an emergency.
    storingsdienst_number: str = "0800 - 123 45 67"
    # PDOK's Locatieserver (its search API's base, …/search/v3_1), for the action server: an
    # address a tenant gives is checked against the BAG. Unset: no check.
    bag_locatieserver_url: AnyHttpUrl | None = None
    employees_file: Path = PROJECT_ROOT / "config" / "employees.yml"
    web_host: str = "127.0.0.1"
    web_port: Annotated[int, Field(ge=0, le=65535)] = 8080  # 0: any free port
    # Our own loggers' level; libraries log at LIBRARY_LOG_LEVEL (see handoff/app/logs.py).
    log_level: str = "INFO"
    # "text": one readable line per record; "json": one JSON object per line, for machines.
    log_format: Literal["text", "json"] = "text"
    # Below WARNING, libraries log message texts, names, chat ids and SQL values: debugging only.
    library_log_level: str = "WARNING"
    # Encrypts the desk's session cookies; without it, desk sessions end when the app restarts.
    # At least 32 random characters: see _secret_strength.
    session_secret: SecretStr | None = None
    # The bearer token a Prometheus scraper sends to /metrics; unset: no /metrics at all.
    metrics_token: SecretStr | None = None
    # A returning tenant goes back to the owner of a case closed less than this many days ago.
    returning_tenant_days: Annotated[int, Field(ge=0)] = 30
    # Minutes of the owner's working time before a case nobody took up gets a reminder, and
    # before it goes to a colleague who is at work (0: never taken away from the owner).
    remind_after_minutes: Annotated[int, Field(ge=1)] = 60
    reassign_after_minutes: Annotated[int, Field(ge=0)] = 180
    # A tenant's message Rasa understood with less confidence than this goes to the NLU inbox.
    nlu_review_confidence: Annotated[float, Field(ge=0, le=1)] = 0.5
    # A new model is refused when its held-out accuracy is this much below the live model's.
    nlu_gate_margin: Annotated[float, Field(ge=0, le=1)] = 0.01
    # How many days each kind of data is kept (docs/retention.md gives the reasons). Raw
    # updates: after processing (the row stays, its payload goes, so a replay is still refused).
    retain_raw_updates_days: Annotated[int, Field(ge=1)] = 7
    # Messages of a case, its summary and routing facts: after it closed (its figures stay).
    retain_conversations_days: Annotated[int, Field(ge=1)] = 180
    retain_review_items_days: Annotated[int, Field(ge=1)] = 90
    retain_rasa_trackers_days: Annotated[int, Field(ge=1)] = 30  # after the last event
    retain_outbox_days: Annotated[int, Field(ge=1)] = 30  # delivered or failed; never pending
    retain_audit_log_days: Annotated[int, Field(ge=1)] = 730
    # The corporation's back office through VERA (docs/backoffice.md); no base URL: none.
    vera_base_url: AnyHttpUrl | None = None
    # Where the OAuth2 client credentials get a token; unset: VERA_BASE_URL + /oauth/token.
    vera_token_url: AnyHttpUrl | None = None
    vera_client_id: str = ""
    vera_client_secret: SecretStr | None = None
    vera_scope: str = VERA_SCOPE

    @property
    def escalation(self) -> EscalationPolicy:
        """The reminder and reassignment times as a policy."""
        reassign = self.reassign_after_minutes
        return EscalationPolicy(
            timedelta(minutes=self.remind_after_minutes),
            timedelta(minutes=reassign) if reassign else None,
        )

    @property
    def retention(self) -> RetentionPolicy:
        """The retention periods as a policy."""
        return RetentionPolicy(
            raw_updates=timedelta(days=self.retain_raw_updates_days),
            conversations=timedelta(days=self.retain_conversations_days),
            review_items=timedelta(days=self.retain_review_items_days),
            rasa_trackers=timedelta(days=self.retain_rasa_trackers_days),
            outbox=timedelta(days=self.retain_outbox_days),
            audit_log=timedelta(days=self.retain_audit_log_days),
        )

    @field_validator(
        "telegram_bot_token",
        "rasa_token",
        "session_secret",
        "rasa_standby_url",
        "telegram_webhook_url",
        "telegram_webhook_secret",
        "metrics_token",
        "vera_base_url",
        "vera_token_url",
        "vera_client_secret",
        "bag_locatieserver_url",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and ":" not in value.get_secret_value():
            raise ValueError("looks wrong: a bot token from @BotFather has the form 123456:ABC…")
        return value

    @field_validator("telegram_webhook_url")
    @classmethod
    def _webhook_address(cls, value: AnyHttpUrl | None) -> AnyHttpUrl | None:
        if value is None:
            return None
        if value.scheme != "https":
            raise ValueError("must be an https:// address: Telegram posts only to HTTPS")
        if not (value.path or "").startswith(WEBHOOK_PATH_PREFIX):
            raise ValueError(
                f"its path must start with {WEBHOOK_PATH_PREFIX}, e.g. "
                f"https://bot.example.org{WEBHOOK_PATH_PREFIX}webhook"
            )
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _webhook_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError(
                "must be 16 to 256 characters: letters, digits, _ and - (Telegram's rule)"
            )
        return value

    @field_validator("session_secret", "metrics_token")
    @classmethod
    def _secret_strength(cls, value: SecretStr | None) -> SecretStr | None:
        # Anyone can get an encrypted session from /desk/login and guess the secret offline;
        # a metrics token is guessed online, but it is made the same way.
        secret = value.get_secret_value() if value is not None else None
        if secret is not None and (
            len(secret) < MIN_SESSION_SECRET_LENGTH or len(set(secret)) < 10
        ):
            raise ValueError(
                f"too weak: use at least {MIN_SESSION_SECRET_LENGTH} random characters,"
                f" made with {MAKE_SECRET}"
            )
        return value

    @field_validator("log_level", "library_log_level")
    @classmethod
    def _level_name(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator("log_format", mode="before")
    @classmethod
    def _format_name(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("database_url", "rasa_tracker_store_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql", "postgres")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        return value

    @field_validator("employees_file")
    @classmethod
    def _file_exists(cls, value: Path) -> Path:
        if not value.is_file():
            raise ValueError(f"no file at {value}")
        return value

    @model_validator(mode="after")
    def _vera_credentials(self) -> "Settings":
        if self.vera_base_url is not None and not (
            self.vera_client_id and self.vera_client_secret
        ):
            raise ValueError(
                "VERA_BASE_URL needs VERA_CLIENT_ID and VERA_CLIENT_SECRET (OAuth2 client "
                "credentials from the back office's supplier)"
            )
        return self

    @property
    def rasa_tracker_file(self) -> Path | None:
        """The tracker store's file when it is SQLite (what Rasa's endpoints.yml is given)."""
        if not self.rasa_tracker_store_url.startswith("sqlite"):
            return None
        return Path(self.rasa_tracker_store_url.split(":///", 1)[1])

    @property
    def webhook_secret(self) -> str | None:
        """The secret Telegram sends with every webhook update: TELEGRAM_WEBHOOK_SECRET, or an
        HMAC of the bot token, so it stays the same across restarts without another setting;
        None without a webhook."""
        if self.telegram_webhook_url is None or self.telegram_bot_token is None:
            return None
        if self.telegram_webhook_secret is not None:
            return self.telegram_webhook_secret.get_secret_value()
        token = self.telegram_bot_token.get_secret_value().encode()
        return hmac.new(token, b"aandacht telegram webhook", hashlib.sha256).hexdigest()

    @property
    def back_office(self) -> bool:
        """Whether a back office is connected (VERA_BASE_URL)."""
        return self.vera_base_url is not None

    @property
    def vera_token_endpoint(self) -> str:
        """Where the OAuth2 token comes from: VERA_TOKEN_URL, else VERA's own /oauth/token."""
        if self.vera_token_url is not None:
            return str(self.vera_token_url)
        return str(self.vera_base_url).rstrip("/") + "/oauth/token"

    @property
    def local_mode(self) -> bool:
        """Without a Telegram token the product runs with the web chat only."""
        return self.telegram_bot_token is None


def load_settings(**overrides: Any) -> Settings:
    """Reads the settings, turning any error into one line that names the setting and why."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        reason = first["msg"].removeprefix("Value error, ")
        raise SettingsError(f"{name}: {reason}") from None
