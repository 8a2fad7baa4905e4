"""The NLU pipeline recognises what tenants need, measured on held-out data.

A fixed 80/20 split of the training data; the model trained on the 80 % is cached by the data's
fingerprint like the main model, so an unchanged project does not train it again.
"""

import json
from pathlib import Path

import yaml

from handoff.nlu.model import fingerprint
from handoff.paths import MODELS_DIR, RASA_PROJECT
from tests.support.rasa_servers import run_rasa

# Issue 3's bar. The pipeline is deterministic (logistic regression and a CRF with fixed seeds),
# so this fails only when the data or the pipeline got worse; docs/nlu-report.md has the
# cross-validated figures.
MINIMUM_ACCURACY = 0.90


def rasa(*arguments: str) -> None:
    result = run_rasa(*arguments)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def examples_only(out: Path) -> Path:
    """The NLU files without the intents' metadata (the admins' descriptions).

    Rasa's split shuffles examples with their metadata, so describing an intent would move the
    fixed split; the split is made from what the model learns: the examples.
    """
    out.mkdir()
    for path in sorted((RASA_PROJECT / "data" / "nlu").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for block in data.get("nlu") or []:
            block.pop("metadata", None)
        (out / path.name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return out


def test_held_out_intent_accuracy(tmp_path: Path) -> None:
    split = MODELS_DIR / f"heldout-{fingerprint()}"
    model = split / "model.tar.gz"
    if not model.exists():
        split.mkdir(parents=True, exist_ok=True)
        data = examples_only(tmp_path / "nlu")
        rasa("data", "split", "nlu", "--nlu", str(data), "--training-fraction", "0.8",
             "--random-seed", "7", "--out", str(split))  # fmt: skip
        rasa("train", "nlu", "--nlu", str(split / "training_data.yml"), "--config", "config.yml",
             "--out", str(split), "--fixed-model-name", "model")  # fmt: skip
    rasa("test", "nlu", "--nlu", str(split / "test_data.yml"), "--model", str(model),
         "--out", str(tmp_path))  # fmt: skip
    report = json.loads((tmp_path / "intent_report.json").read_text())
    weakest = sorted(
        (values["f1-score"], name)
        for name, values in report.items()
        if isinstance(values, dict)
        and "f1-score" in values
        and name not in ("macro avg", "weighted avg", "micro avg")
    )[:3]
    assert report["accuracy"] >= MINIMUM_ACCURACY, f"weakest intents: {weakest}"
