"""Settings, read once at start from the environment or a `.env` file."""

from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from handoff.domain.escalation import EscalationPolicy
from handoff.paths import PROJECT_ROOT, VAR

DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{VAR / 'aandacht.db'}"
DEFAULT_TRACKER_STORE_URL = f"sqlite:///{VAR / 'rasa-trackers.db'}"


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one line naming the setting and why."""


class Settings(BaseSettings):
    """Everything the app process needs to know about its surroundings."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: AnyHttpUrl = AnyHttpUrl("https://api.telegram.org")
    database_url: str = DEFAULT_DATABASE_URL
    rasa_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:5005")
    rasa_token: SecretStr | None = None
    # A second Rasa server on the same tracker store: new models load there, then go live.
    rasa_standby_url: AnyHttpUrl | None = AnyHttpUrl("http://127.0.0.1:5006")
    # Rasa's SQL tracker store (an SQLAlchemy URL): tenants' conversations with the assistant,
    # read for their export and deleted when they ask to be forgotten. make run gives Rasa it.
    rasa_tracker_store_url: str = DEFAULT_TRACKER_STORE_URL
    action_server_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:5055/webhook")
    employees_file: Path = PROJECT_ROOT / "config" / "employees.yml"
    web_host: str = "127.0.0.1"
    web_port: Annotated[int, Field(ge=0, le=65535)] = 8080  # 0: any free port
    log_level: str = "INFO"
    # Encrypts the desk's session cookies; without it, desk sessions end when the app restarts.
    session_secret: SecretStr | None = None
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

    @property
    def escalation(self) -> EscalationPolicy:
        """The reminder and reassignment times as a policy."""
        reassign = self.reassign_after_minutes
        return EscalationPolicy(
            timedelta(minutes=self.remind_after_minutes),
            timedelta(minutes=reassign) if reassign else None,
        )

    @field_validator(
        "telegram_bot_token", "rasa_token", "session_secret", "rasa_standby_url", mode="before"
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

    @property
    def rasa_tracker_file(self) -> Path | None:
        """The tracker store's file when it is SQLite (what Rasa's endpoints.yml is given)."""
        if not self.rasa_tracker_store_url.startswith("sqlite"):
            return None
        return Path(self.rasa_tracker_store_url.split(":///", 1)[1])

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
