"""Runs in the Rasa environment: how a model reads each text, for the evaluation sets.

    python -m tools.parse --model model.tar.gz --texts texts.json

Prints one JSON line per text, in order: the intent, its confidence, the ranking and the
entities. tests/support/nlu_sets.py scores them.
"""

import argparse
import asyncio
import json
import logging
from pathlib import Path

from rasa.core.agent import Agent


async def main() -> None:
    """Reads the command line and prints how the model parses each text."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--texts", required=True)
    args = parser.parse_args()
    with Path(args.texts).open(encoding="utf-8") as handle:  # noqa: ASYNC230  # nothing else runs yet
        texts = json.load(handle)
    agent = Agent.load(args.model)
    for text in texts:
        parsed = await agent.parse_message(text)
        ranking = [
            {"name": item["name"], "confidence": item["confidence"]}
            for item in parsed.get("intent_ranking") or []
        ]
        entities = [
            {key: entity.get(key) for key in ("entity", "value", "start", "end", "extractor")}
            for entity in parsed.get("entities") or []
        ]
        intent = parsed.get("intent") or {}
        print("PARSED " + json.dumps({
            "text": text, "intent": intent.get("name") or "", "ranking": ranking,
            "entities": entities,
        }, ensure_ascii=False), flush=True)  # fmt: skip


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    asyncio.run(main())
