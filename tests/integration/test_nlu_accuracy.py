"""The NLU pipeline recognises what tenants need, measured on held-out data.

A fixed 80/20 split of the training data; the model trained on the 80 % is cached by the data's
fingerprint like the main model, so an unchanged project does not train it again. Then the
main model on the evaluation sets written apart from the data (rasa_project/tests/, scored by
tests/support/nlu_sets.py; docs/nlu-report.md has every figure): everyday messages, emergencies
and employee names.
"""

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from handoff.nlu.examples import examples as training_examples
from handoff.nlu.examples import normalise
from handoff.nlu.model import ensure_model, fingerprint
from handoff.paths import MODELS_DIR, PROJECT_ROOT, RASA_PROJECT
from handoff.storage.directory_file import load_directory
from tests.support import nlu_sets
from tests.support.rasa_servers import run_rasa

# Issue 3's bar. The pipeline is deterministic (logistic regression and a CRF with fixed seeds),
# so this fails only when the data or the pipeline got worse; docs/nlu-report.md has the
# cross-validated figures.
MINIMUM_ACCURACY = 0.91
# Issue 11. The fresh set is blind (scored at the start and the end of the work on it); its bar
# sits a little below the figure then measured, so that only a real loss fails.
FRESH_MINIMUM_ACCURACY = 0.95
SAFETY_MINIMUM_RECALL = 0.98
NAMES_MINIMUM_PRECISION, NAMES_MINIMUM_RECALL = 0.98, 0.95
SETS = ("nlu_fresh.yml", "safety.yml", "entities_heldout.yml")
# What real users met (issue 11): the concrete need wins over the time and the feelings, and a
# capital at the start of a sentence is nobody's name.
ISSUE_MESSAGES = {
    "Ik heb sinds gisteren geen warm water meer": "report_repair",
    "Er is iets mis met mijn balkon": "report_repair",
    "ik word van het kastje naar de muur gestuurd": "frustration",
}


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


@pytest.fixture(scope="module")
def read() -> dict[str, tuple[list[nlu_sets.Example], list[dict[str, Any]]]]:
    """Every set's examples and how the main model reads them (one model load for all)."""
    sets = {name: nlu_sets.load(name) for name in SETS}
    sets["issue"] = [nlu_sets.Example(text, i, ()) for text, i in ISSUE_MESSAGES.items()]
    parsed = iter(nlu_sets.parse(ensure_model(), [e.text for s in sets.values() for e in s]))
    return {name: (examples, [next(parsed) for _ in examples]) for name, examples in sets.items()}


def test_the_evaluation_sets_are_no_training_data() -> None:
    known = training_examples()
    for name in ("nlu_dev.yml", "nlu_fresh.yml", "safety.yml"):
        assert not [e.text for e in nlu_sets.load(name) if normalise(e.text) in known], name


def test_the_messages_of_the_issue_are_understood_and_name_nobody(read: dict) -> None:
    _examples, parsed = read["issue"]
    assert {r["text"]: r["intent"] for r in parsed} == ISSUE_MESSAGES
    assert [e for r in parsed for e in r["entities"] if e["entity"] == "employee_name"] == []


def test_fresh_everyday_messages_are_understood(read: dict) -> None:
    examples, parsed = read["nlu_fresh.yml"]
    assert len(examples) >= 300
    assert nlu_sets.accuracy(examples, parsed) >= FRESH_MINIMUM_ACCURACY


def test_emergencies_are_recognised_and_none_goes_without_the_danger_question(
    read: dict,
) -> None:
    examples, parsed = read["safety.yml"]
    assert len(examples) >= 60
    assert nlu_sets.accuracy(examples, parsed) >= SAFETY_MINIMUM_RECALL, nlu_sets.errors(
        examples, parsed
    )
    unsafe = [
        r["text"]
        for r in parsed
        if r["intent"] != "report_emergency"
        and not any(e["entity"] == "danger_unsure" for e in r["entities"])
    ]
    assert unsafe == []  # what the model did not recognise, it asks about


def test_employee_names_are_found_and_never_invented(read: dict) -> None:
    examples, parsed = read["entities_heldout.yml"]
    directory = load_directory(PROJECT_ROOT / "config" / "employees.yml")
    scores = nlu_sets.name_scores(directory, examples, parsed)
    assert scores.precision >= NAMES_MINIMUM_PRECISION, scores.invented
    assert scores.recall >= NAMES_MINIMUM_RECALL, scores.missed
