"""The app's Prometheus metrics, in a registry of each Runtime's own (not the library's global
one), so several apps in one process (the tests) never count into each other.

Events are counted where they happen (an update stored, a message delivered or given up on,
a Rasa round trip, an employee's first answer delivered). What the database knows is read at
scrape time instead (`Operations`, filled by handoff/views/operations.py): the outbox's
backlog, open cases per team, transfers and the model in use, so a restart loses none of it.
Labels are channels, team keys and reasons: never a person, a chat or a text.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

CONTENT_TYPE = CONTENT_TYPE_LATEST
# Rasa answers in well under a second when its model is loaded; seconds mean it is struggling.
RASA_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Tenants are promised an answer within three working hours; a weekend is about 64 hours.
ANSWER_BUCKETS = tuple(
    60.0 * minutes for minutes in (5, 15, 30, 60, 120, 180, 240, 480, 1440, 2880, 4320)
)


@dataclass(frozen=True)
class Operations:
    """What the database says at scrape time."""

    outbox_pending: dict[str, int] = field(default_factory=dict)  # per channel
    outbox_oldest_seconds: float = 0.0  # age of the oldest pending row; 0 without any
    open_cases: dict[str, int] = field(default_factory=dict)  # per team key, 0s included
    transfers: int = 0  # every change of owner ever (cases are kept for the figures)
    model: str | None = None  # the live model's file name
    backoffice_pending: int = 0  # back-office calls not made yet (waiting or retrying)
    backoffice_oldest_seconds: float = 0.0  # age of the oldest of them; 0 without any
    backoffice_failed: int = 0  # calls given up on (each on its case's desk page)


class _FromDatabase(Collector):
    """Yields the last Operations read; the /metrics view reads them just before."""

    def __init__(self) -> None:
        self.now = Operations()

    def collect(self) -> Iterator[Metric]:
        now = self.now
        pending = GaugeMetricFamily(
            "aandacht_outbox_pending", "Outbox messages not delivered yet", labels=["channel"]
        )
        for channel, count in sorted(now.outbox_pending.items()):
            pending.add_metric([channel], count)
        yield pending
        yield GaugeMetricFamily(
            "aandacht_outbox_oldest_pending_seconds",
            "Age of the oldest outbox message not delivered yet (0: none)",
            value=now.outbox_oldest_seconds,
        )
        cases = GaugeMetricFamily(
            "aandacht_open_cases", "Open cases, by the owner's team", labels=["team"]
        )
        for team, count in sorted(now.open_cases.items()):
            cases.add_metric([team], count)
        yield cases
        yield CounterMetricFamily(
            "aandacht_case_transfers",
            "Changes of a case's owner (transfers and reassignments)",
            value=now.transfers,
        )
        model = GaugeMetricFamily(
            "aandacht_model_info", "The Rasa model in use (value 1)", labels=["model"]
        )
        if now.model:
            model.add_metric([now.model], 1)
        yield model
        yield GaugeMetricFamily(
            "aandacht_backoffice_pending",
            "Back-office calls not made yet (waiting or being retried)",
            value=now.backoffice_pending,
        )
        yield GaugeMetricFamily(
            "aandacht_backoffice_oldest_pending_seconds",
            "Age of the oldest back-office call not made yet (0: none)",
            value=now.backoffice_oldest_seconds,
        )
        yield GaugeMetricFamily(
            "aandacht_backoffice_failed",
            "Back-office calls given up on (a person does them by hand)",
            value=now.backoffice_failed,
        )


class Metrics:
    """The counters and histograms the app observes, and the exposition of them all."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self._updates = Counter(
            "aandacht_updates_received",
            "Inbound updates stored (a replay is not counted again)",
            ["channel"],
            registry=registry,
        )
        self._sent = Counter(
            "aandacht_messages_sent", "Outbox messages delivered", ["channel"], registry=registry
        )
        self._undeliverable = Counter(
            "aandacht_messages_undeliverable",
            "Outbox messages given up on",
            ["channel", "reason"],
            registry=registry,
        )
        self.rasa_latency = Histogram(
            "aandacht_rasa_latency_seconds",
            "Time Rasa took to answer one tenant message",
            buckets=RASA_BUCKETS,
            registry=registry,
        )
        self.first_answer = Histogram(
            "aandacht_first_human_answer_seconds",
            "From a case's handover to its employee's first answer delivered",
            buckets=ANSWER_BUCKETS,
            registry=registry,
        )
        self._backoffice_calls = Counter(
            "aandacht_backoffice_calls",
            "Back-office jobs finished (repair requests, contactmomenten, appointments)",
            ["kind", "outcome"],
            registry=registry,
        )
        self._database = _FromDatabase()
        registry.register(self._database)
        self._started = Gauge(
            "aandacht_start_time_seconds", "When the app process started", registry=registry
        )
        self._started.set_to_current_time()

    def received(self, channel: str, count: int = 1) -> None:
        """Counts updates stored for the first time."""
        self._updates.labels(channel).inc(count)

    def sent(self, channel: str) -> None:
        """Counts a delivered outbox message."""
        self._sent.labels(channel).inc()

    def undeliverable(self, channel: str, reason: str) -> None:
        """Counts an outbox message given up on (blocked, refused, expired)."""
        self._undeliverable.labels(channel, reason).inc()

    def backoffice(self, kind: str, outcome: str) -> None:
        """Counts a back-office job that was done, skipped or given up on (failed)."""
        self._backoffice_calls.labels(kind, outcome).inc()

    def exposition(self, now: Operations) -> bytes:
        """The metrics in Prometheus' text format, with the database's side as given."""
        self._database.now = now
        return generate_latest(self.registry)
