"""Benchmark: how long masking a crafted message takes (security review #1: the old street
regex took 11 s on 13 KB). The tests count the work; this times it, with a generous bound.

    .venv/bin/python -m bench.masking
"""

import time

from handoff.domain.privacy import mask, masking_work
from tests.unit.test_privacy import ADVERSARIAL

BOUND_SECONDS = 0.25  # per 256 KiB message, on a slow machine; measured around 0.03


def main() -> int:
    """Masks each adversarial text; prints the time each took and the slowest."""
    worst = 0.0
    for text in ADVERSARIAL:
        started = time.perf_counter()
        mask(text, ["Sanne de Vries", "Kees Visser"])
        took = time.perf_counter() - started
        tokens, steps = masking_work(text[-65_536:], whole=True)
        worst = max(worst, took)
        print(f"{text[:12]!r:>16}  {len(text) / 1024:6.0f} KiB  mask {took * 1000:6.1f} ms   "
              f"whole 64 KiB: {steps / tokens:5.1f} steps/token")  # fmt: skip
    print(f"slowest: {worst * 1000:.1f} ms (bound {BOUND_SECONDS * 1000:.0f} ms)")
    return 0 if worst <= BOUND_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
