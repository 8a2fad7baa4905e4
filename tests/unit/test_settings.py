"""Settings: defaults, and one clear line naming the setting when one is wrong."""

import secrets
from pathlib import Path

import pytest

from handoff.app.config import SettingsError, load_settings
from handoff.app.devserver import action_server_env
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
    assert secret is not None and secret.get_secret_value() == strong


def test_the_action_server_listens_only_where_its_url_points(tmp_path: Path) -> None:
    # Security review #12: under make run the action server listened on 0.0.0.0.
    assert action_server_env(make_settings(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")) == {
        "SANIC_HOST": "127.0.0.1"
    }
    elsewhere = make_settings(
        f"sqlite+aiosqlite:///{tmp_path / 'x.db'}",
        action_server_url="http://actions.internal:5055/webhook",
    )
    assert action_server_env(elsewhere) == {"SANIC_HOST": "actions.internal"}
