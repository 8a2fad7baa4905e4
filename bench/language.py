"""How the language detector (handoff/nlu/language.py) costs and does: building it, one message,
the process's memory, and the messages of tests/unit/test_language.py.

    .venv/bin/python -m bench.language

The machines here are shared: read the times as an order of magnitude.
"""

import asyncio
import resource
import time

from handoff.nlu import language
from tests.unit.test_language import DUTCH, OTHER


def megabytes() -> float:
    """The process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main() -> None:
    """Prints the language detector's build time, its memory and how fast it reads."""
    before = megabytes()
    started = time.perf_counter()
    await asyncio.to_thread(language.detector)
    built = time.perf_counter() - started
    print(f"built in {built:.2f} s, {megabytes() - before:.0f} MB more (peak RSS)")

    long = " ".join(text for _, text in OTHER)[:1000]
    for name, text in (("short", "ja"), ("a sentence", OTHER[0][1]), ("1,000 characters", long)):
        runs = 1000
        started = time.perf_counter()
        for _ in range(runs):
            await language.language_of(text)
        print(f"{name}: {(time.perf_counter() - started) / runs * 1000:.3f} ms a message")

    for hint in (None, "en", "tr"):
        dutch = [await language.language_of(text, hint) for text in DUTCH]
        print(f"Dutch kept Dutch (hint {hint}): {dutch.count('nl')}/{len(DUTCH)}")
    found = [await language.language_of(text) for _, text in OTHER]
    right = sum(1 for (expected, _), got in zip(OTHER, found, strict=True) if got == expected)
    print(f"other languages found from the text alone: {right}/{len(OTHER)}")


if __name__ == "__main__":
    asyncio.run(main())
