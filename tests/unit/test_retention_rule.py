"""The retention rule: the cutoffs at a moment, the nightly hour, and the settings behind it."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from handoff.app.config import SettingsError, load_settings
from handoff.domain.presence import LOCAL
from handoff.domain.retention import RetentionPolicy, cutoffs, next_purge

NOW = datetime(2025, 3, 29, 12, 0, tzinfo=UTC)


def test_each_kind_is_due_before_now_minus_its_period() -> None:
    policy = RetentionPolicy(*(timedelta(days=d) for d in (7, 180, 90, 30, 30, 730)))
    c = cutoffs(policy, NOW)
    assert c.raw_updates == NOW - timedelta(days=7)
    assert c.conversations == NOW - timedelta(days=180)
    assert c.review_items == NOW - timedelta(days=90)
    assert c.rasa_trackers == c.outbox == NOW - timedelta(days=30)
    assert c.audit_log == NOW - timedelta(days=730)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2025, 3, 29, 1, 0, tzinfo=LOCAL), datetime(2025, 3, 29, 3, 0, tzinfo=LOCAL)),
        (datetime(2025, 3, 29, 3, 0, tzinfo=LOCAL), datetime(2025, 3, 30, 3, 0, tzinfo=LOCAL)),
        # Over the night the clocks go forward (and back): still 03:00 Dutch time.
        (datetime(2025, 3, 29, 23, 0, tzinfo=LOCAL), datetime(2025, 3, 30, 3, 0, tzinfo=LOCAL)),
        (datetime(2025, 10, 25, 12, 0, tzinfo=LOCAL), datetime(2025, 10, 26, 3, 0, tzinfo=LOCAL)),
    ],
)
def test_the_purge_runs_nightly_at_three_dutch_time(now: datetime, expected: datetime) -> None:
    assert next_purge(now.astimezone(UTC)) == expected
    assert next_purge(now) > now


def test_the_settings_give_the_policy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RETAIN_CONVERSATIONS_DAYS", "365")
    policy = load_settings().retention
    assert policy.conversations == timedelta(days=365)
    assert policy.raw_updates == timedelta(days=7)
    assert policy.outbox == timedelta(days=30)


@pytest.mark.parametrize("value", ["0", "-1", "een jaar"])
def test_a_wrong_period_is_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RETAIN_OUTBOX_DAYS", value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith("RETAIN_OUTBOX_DAYS: ")
    assert "\n" not in str(error.value)
