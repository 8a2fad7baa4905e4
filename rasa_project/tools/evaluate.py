"""Runs in the Rasa environment: scores models on held-out data and reads recent messages.

    python -m tools.evaluate --model A.tar.gz [--model B.tar.gz] --heldout tests/nlu_heldout.yml
        [--texts texts.json]

Prints one JSON object: per model, the accuracy, macro F1 and F1 per intent on the held-out
examples, and the intent it gives each of the texts. The app's gate compares two of these.
"""

import argparse
import asyncio
import json
import logging
from pathlib import Path
from typing import Any

from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import accuracy_score, classification_report


async def score(model: str, heldout: list[dict[str, str]], texts: list[str]) -> dict[str, Any]:
    """One model's accuracy and F1 on the held-out examples, and its intent for each text."""
    agent = Agent.load(model)
    truth = [example["intent"] for example in heldout]
    predicted = [await _intent(agent, example["text"]) for example in heldout]
    report = classification_report(truth, predicted, output_dict=True, zero_division=0)
    return {
        "accuracy": accuracy_score(truth, predicted),
        "macro_f1": report["macro avg"]["f1-score"],
        "f1": {intent: report[intent]["f1-score"] for intent in sorted(set(truth))},
        "texts": [await _intent(agent, text) for text in texts],
    }


async def _intent(agent: Agent, text: str) -> str:
    parsed = await agent.parse_message(text)
    return (parsed.get("intent") or {}).get("name") or ""


async def main() -> None:
    """Reads the command line, scores each model and prints the results as one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", action="append", required=True)
    parser.add_argument("--heldout", required=True)
    parser.add_argument("--texts")
    args = parser.parse_args()
    data = load_data(args.heldout)
    heldout = [{"text": m.get("text"), "intent": m.get("intent")} for m in data.intent_examples]
    texts: list[str] = []
    if args.texts:
        with Path(args.texts).open(encoding="utf-8") as handle:  # noqa: ASYNC230  # nothing else runs yet
            texts = json.load(handle)
    results = {model: await score(model, heldout, texts) for model in args.model}
    print("EVALUATION " + json.dumps(results))


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    asyncio.run(main())
