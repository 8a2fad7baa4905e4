"""Settings: defaults, and one clear line naming the setting when one is wrong."""

import re
import secrets
from pathlib import Path

import pytest

from handoff.app.config import SettingsError, load_settings
from handoff.app.devserver import action_server_env
from handoff.app.logs import secrets_of
from tests.conftest import make_settings


def test_defaults_run_in_local_mode(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "RASA_URL", "WEB_PORT", "EMPLOYEES_FILE"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.local_mode
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.database_url.endswith("var/aandacht.db")
    assert settings.web_port == 8080
    assert str(settings.telegram_api_base_url) == "https://api.telegram.org/"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("WEB_PORT", "huis", "WEB_PORT: "),
        ("WEB_PORT", "70000", "WEB_PORT: "),
        ("TELEGRAM_BOT_TOKEN", "no-colon", "TELEGRAM_BOT_TOKEN: looks wrong"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL: must be a sqlite"),
        ("EMPLOYEES_FILE", "/nowhere.yml", "EMPLOYEES_FILE: no file at /nowhere.yml"),
        ("RASA_URL", "not a url", "RASA_URL: "),
        ("SESSION_SECRET", "changeme", "SESSION_SECRET: too weak"),
        ("SESSION_SECRET", "aandacht2024" * 2, "SESSION_SECRET: too weak"),  # 24 characters
        ("SESSION_SECRET", "ab" * 20, "SESSION_SECRET: too weak"),  # long, but two letters
        ("METRICS_TOKEN", "metrics", "METRICS_TOKEN: too weak"),
        (
            "TELEGRAM_WEBHOOK_URL",
            "http://bot.example.org/telegram/x",
            "TELEGRAM_WEBHOOK_URL: must",
        ),
        ("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/desk", "TELEGRAM_WEBHOOK_URL: its path"),
        ("TELEGRAM_WEBHOOK_SECRET", "short", "TELEGRAM_WEBHOOK_SECRET: must be 16"),
        ("TELEGRAM_WEBHOOK_SECRET", "spaces are not allowed", "TELEGRAM_WEBHOOK_SECRET: must"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT: "),
    ],
)
def test_wrong_setting_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_env_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WEB_PORT", raising=False)
    (tmp_path / ".env").write_text("WEB_PORT=9123\n")
    assert load_settings().web_port == 9123


def test_a_weak_session_secret_is_not_shown_and_a_strong_one_is_taken(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SESSION_SECRET", "aandacht2024")
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "aandacht2024" not in str(error.value)
    assert "secrets.token_urlsafe(32)" in str(error.value)  # says how to make a good one
    strong = secrets.token_urlsafe(32)
    monkeypatch.setenv("SESSION_SECRET", strong)
    secret = load_settings().session_secret
    assert secret is not None
    assert secret.get_secret_value() == strong


def test_the_action_server_listens_only_where_its_url_points(tmp_path: Path) -> None:
    # Security review #12: under make run the action server listened on 0.0.0.0.
    env = action_server_env(make_settings(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"))
    assert env["SANIC_HOST"] == "127.0.0.1"
    elsewhere = make_settings(
        f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        action_server_url="http://actions.internal:5055/webhook",
    )
    assert action_server_env(elsewhere)["SANIC_HOST"] == "actions.internal"


def test_the_action_server_gets_its_settings_from_the_app_settings(tmp_path: Path) -> None:
    # make run passes them, so they may live in .env like every other setting.
    database = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    plain = action_server_env(make_settings(database, bag_locatieserver_url=""))
    assert plain["BAG_LOCATIESERVER_URL"] == ""  # empty: no BAG check
    assert plain["STORINGSDIENST_NUMBER"] == "0800 - 123 45 67"
    url = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
    checked = make_settings(database, bag_locatieserver_url=url, storingsdienst_number="088 1")
    assert action_server_env(checked)["BAG_LOCATIESERVER_URL"] == url
    assert action_server_env(checked)["STORINGSDIENST_NUMBER"] == "088 1"


def test_the_webhook_secret_is_the_setting_or_derived_from_the_token(tmp_path: Path) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"
    url = "https://bot.example.org/telegram/updates"
    polling = make_settings(database, telegram_bot_token="1:aaa")
    assert polling.webhook_secret is None  # no webhook, no secret
    derived = make_settings(database, telegram_bot_token="1:aaa", telegram_webhook_url=url)
    again = make_settings(database, telegram_bot_token="1:aaa", telegram_webhook_url=url)
    other_bot = make_settings(database, telegram_bot_token="2:bbb", telegram_webhook_url=url)
    assert derived.webhook_secret == again.webhook_secret  # the same after a restart
    assert derived.webhook_secret != other_bot.webhook_secret
    assert derived.webhook_secret
    assert "aaa" not in derived.webhook_secret
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,256}", derived.webhook_secret)  # Telegram's rule
    chosen = secrets.token_urlsafe(32)
    given = make_settings(
        database,
        telegram_bot_token="1:aaa",
        telegram_webhook_url=url,
        telegram_webhook_secret=chosen,
    )
    assert given.webhook_secret == chosen
    assert chosen in secrets_of(given)
    assert derived.webhook_secret in secrets_of(derived)
