"""Each Runtime counts into a registry of its own, and the database's side is shown as read."""

import json
import re

from prometheus_client.parser import text_string_to_metric_families

from handoff.metrics import Metrics, Operations
from handoff.paths import PROJECT_ROOT


def samples(body: bytes) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(body.decode())
        for s in family.samples
    }


def test_two_apps_in_one_process_count_apart() -> None:
    first, second = Metrics(), Metrics()  # the global registry would refuse the second
    first.received("telegram", 3)
    second.received("web")
    one, other = samples(first.exposition(Operations())), samples(second.exposition(Operations()))
    assert one[("aandacht_updates_received_total", (("channel", "telegram"),))] == 3
    assert ("aandacht_updates_received_total", (("channel", "web"),)) not in one
    assert other[("aandacht_updates_received_total", (("channel", "web"),))] == 1


def test_the_database_side_is_shown_as_read_and_names_no_model_before_one_is_known() -> None:
    metrics = Metrics()
    before = samples(metrics.exposition(Operations()))
    assert not [key for key in before if key[0] == "aandacht_model_info"]
    now = Operations({"telegram": 2}, 42.0, {"reparaties": 1, "wijkbeheer": 0}, 5, "m.tar.gz")
    shown = samples(metrics.exposition(now))
    assert shown[("aandacht_outbox_pending", (("channel", "telegram"),))] == 2
    assert shown[("aandacht_outbox_oldest_pending_seconds", ())] == 42.0
    assert shown[("aandacht_open_cases", (("team", "wijkbeheer"),))] == 0
    assert shown[("aandacht_case_transfers_total", ())] == 5
    assert shown[("aandacht_model_info", (("model", "m.tar.gz"),))] == 1


def test_the_dashboard_shows_only_metrics_the_app_has() -> None:
    dashboard = json.loads((PROJECT_ROOT / "docs" / "grafana-dashboard.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    used = {name for expr in exprs for name in re.findall(r"\baandacht_[a-z_]+", expr)}
    now = Operations({"telegram": 1}, 1.0, {"reparaties": 1}, 1, "m.tar.gz")
    metrics = Metrics()
    metrics.received("telegram")
    metrics.sent("telegram")
    metrics.undeliverable("telegram", "blocked")
    metrics.backoffice("repair", "done")
    shown = {name for name, _ in samples(metrics.exposition(now))}
    assert used
    assert used <= shown
    documented = (PROJECT_ROOT / "docs" / "operations.md").read_text()
    families = {name.removesuffix("_bucket") for name in used}
    assert all(f"`{name}" in documented for name in families)
