"""The README's settings, the Settings class and docker-compose.yml tell the same story."""

import re
from urllib.parse import urlsplit

import yaml

from handoff.app.config import Settings
from handoff.paths import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text()
COMPOSE = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
SETTINGS = {name.upper() for name in Settings.model_fields}


def documented_settings(heading: str = "| Setting |") -> dict[str, str]:
    """Returns one README settings table (found by its header): name to default column."""
    table = README[README.index(heading) :].split("\n\n")[0]
    return dict(re.findall(r"^\| `([A-Z_]+)` \| (.+?) \| .+ \|$", table, re.MULTILINE))


def test_every_setting_is_documented_and_nothing_else() -> None:
    assert set(documented_settings()) == SETTINGS


def test_documented_defaults_match_the_code() -> None:
    documented = documented_settings()
    defaults = Settings.model_fields
    assert f"`{defaults['web_port'].default}`" == documented["WEB_PORT"]
    assert f"`{defaults['web_host'].default}`" == documented["WEB_HOST"]
    assert f"`{str(defaults['rasa_url'].default).rstrip('/')}`" == documented["RASA_URL"]
    assert f"`{defaults['action_server_url'].default}`" == documented["ACTION_SERVER_URL"]
    assert (
        str(defaults["telegram_api_base_url"].default).rstrip("/")
        in documented["TELEGRAM_API_BASE_URL"]
    )


def test_compose_has_the_services_with_healthchecks() -> None:
    services = COMPOSE["services"]
    assert {"rasa", "rasa-standby", "actions", "app", "postgres", "redis"} <= set(services)
    assert all("healthcheck" in service for service in services.values())
    assert services["redis"]["profiles"] == ["scaled"]  # only for several Rasa workers


def test_action_server_settings_are_documented_and_set_in_compose() -> None:
    documented = documented_settings("| Action server setting |")
    assert set(documented) == {"STORINGSDIENST_NUMBER", "BAG_LOCATIESERVER_URL"}
    assert set(COMPOSE["services"]["actions"]["environment"]) == set(documented)
    actions = "".join(
        path.read_text() for path in (PROJECT_ROOT / "rasa_project" / "actions").rglob("*.py")
    )
    assert all(f'"{name}"' in actions for name in documented)
    # make run gives the action server the app's values (from the environment or .env).
    assert set(documented) <= SETTINGS
    devserver = (PROJECT_ROOT / "handoff" / "app" / "devserver.py").read_text()
    assert all(f'"{name}"' in devserver for name in documented)


def test_compose_app_settings_are_real_settings() -> None:
    environment = COMPOSE["services"]["app"]["environment"]
    assert set(environment) <= SETTINGS
    assert {"DATABASE_URL", "RASA_URL", "RASA_TOKEN", "TELEGRAM_BOT_TOKEN"} <= set(environment)


def test_compose_ports_agree() -> None:
    services = COMPOSE["services"]
    app_env = services["app"]["environment"]
    assert services["app"]["ports"] == [f"127.0.0.1:{app_env['WEB_PORT']}:{app_env['WEB_PORT']}"]
    assert str(app_env["WEB_PORT"]) == documented_settings()["WEB_PORT"].strip("`")
    rasa_port = urlsplit(app_env["RASA_URL"]).port
    assert f"--port {rasa_port}" in services["rasa"]["command"]
    actions_url = urlsplit(app_env["ACTION_SERVER_URL"])
    assert actions_url.hostname == "actions"
    assert f"--port {actions_url.port}" in services["actions"]["command"]
    assert services["rasa"]["environment"]["ACTION_SERVER_URL"] == app_env["ACTION_SERVER_URL"]
    assert "@postgres:5432/" in app_env["DATABASE_URL"]
    assert "/healthz" in " ".join(services["app"]["healthcheck"]["test"])


def test_readme_has_the_two_commands_that_ci_uses() -> None:
    assert "make run" in README
    assert "make test" in README
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text()


def test_compose_runs_what_make_run_runs() -> None:
    services = COMPOSE["services"]
    app = services["app"]
    # Two Rasa servers the app switches between, both on the live model of the shared volume.
    assert urlsplit(app["environment"]["RASA_STANDBY_URL"]).hostname == "rasa-standby"
    models = next(v.split(":")[1] for v in app["volumes"] if v.startswith("models:"))
    assert models == "/srv/aandacht/var/models"  # where the app (PROJECT_ROOT/var) keeps them
    for name in ("rasa", "rasa-standby"):
        rasa = services[name]
        assert f"models:{models}" in rasa["volumes"]
        assert f"--model {models}/live.tar.gz" in rasa["command"]
        assert "tools.serve" in rasa["command"]
        assert "--auth-token" not in rasa["command"]
    # One tracker store, in PostgreSQL, that the app reads, exports, erases and prunes.
    endpoints = yaml.safe_load(
        (PROJECT_ROOT / "rasa_project" / "endpoints.compose.yml").read_text()
    )
    assert endpoints["tracker_store"]["dialect"] == "postgresql"
    assert "endpoints.compose.yml" in services["rasa"]["command"]
    tracker_db = services["rasa"]["environment"]["RASA_TRACKER_DB"]
    tracker_url = urlsplit(
        re.sub(r"\$\{[^}]*\}", "x", app["environment"]["RASA_TRACKER_STORE_URL"])
    )
    assert tracker_url.hostname == services["rasa"]["environment"]["RASA_TRACKER_HOST"]
    assert tracker_url.path == f"/{tracker_db}"
    # The labels and the retraining's data outlive a new container.
    assert "rasa-project:/srv/aandacht/rasa_project" in app["volumes"]


def test_the_image_runs_unprivileged_and_keeps_secrets_out() -> None:
    dockerfile = (PROJECT_ROOT / "docker" / "Dockerfile").read_text()
    users = re.findall(r"^USER (\S+)$", dockerfile, re.MULTILINE)
    assert users
    assert users[-1] not in {"root", "0"}
    ignored = (PROJECT_ROOT / ".dockerignore").read_text().split()
    assert {".env", "var/", ".git/", ".venv/", ".venv-rasa/"} <= set(ignored)
    built = {s["build"]["dockerfile"] for s in COMPOSE["services"].values() if "build" in s}
    assert built == {"docker/Dockerfile"}
