"""Token buckets per key (a web chat visitor, an address, a Telegram account), in bounded
memory: the app asks before it accepts something a stranger can repeat at no cost."""

from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """`burst` at once, refilled evenly over `per_seconds`."""

    burst: int
    per_seconds: float


class Buckets:
    """One token bucket per key; at most `max_keys` are kept, the longest unused forgotten first
    (a forgotten key starts full again, so forgetting only ever errs towards letting in)."""

    def __init__(self, rate: Rate, max_keys: int = 10_000) -> None:
        self.rate, self.max_keys = rate, max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, when

    def take(self, key: str, now: float) -> bool:
        """Takes one token for the key; False when it has none left (the caller refuses)."""
        tokens, then = self._buckets.pop(key, (float(self.rate.burst), now))
        refill = (now - then) * self.rate.burst / self.rate.per_seconds
        tokens = min(float(self.rate.burst), tokens + max(refill, 0.0))
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return allowed

    def wait_seconds(self, key: str, now: float) -> float:
        """How long until the key has a token again (0 when it has one)."""
        tokens, then = self._buckets.get(key, (float(self.rate.burst), now))
        tokens += (now - then) * self.rate.burst / self.rate.per_seconds
        return max(0.0, (1.0 - tokens) * self.rate.per_seconds / self.rate.burst)

    def __len__(self) -> int:
        return len(self._buckets)
