"""Scores the NLU pipeline against Rasa's default config and writes docs/nlu-report.md.

    .venv/bin/python -m bench.nlu_report [--folds 5] [--config NAME=PATH ...]

Each config is trained on all of the training data and scored on the evaluation sets in
rasa_project/tests/ (tests/support/nlu_sets.py): intents on the held-out, dev, fresh and safety
sets, employee names on the names set. Then each is cross-validated on the same training data
(`rasa test nlu --cross-validation`; `--folds 0` skips it); the report shows per-intent F1 side
by side, the main confusions of our pipeline, and how long each config took, as a ratio to
ours (machines here are shared and noisy).
"""

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

from bench.report_sections import kept_sections
from handoff.nlu.model import rasa_executable
from handoff.paths import PROJECT_ROOT, RASA_PROJECT
from handoff.storage.directory_file import load_directory
from tests.support import nlu_sets

REPORT = PROJECT_ROOT / "docs" / "nlu-report.md"
CONFIGS = {
    "ours": RASA_PROJECT / "config.yml",
    "Rasa default": PROJECT_ROOT / "bench" / "nlu" / "rasa_default.yml",
}
SUMMARY_ROWS = ("accuracy", "macro avg", "weighted avg")
# The intent sets: file, and what its figure means.
INTENT_SETS = {
    "held-out": ("nlu_heldout.yml", "the retraining gate's set"),
    "dev": ("nlu_dev.yml", "everyday messages, read and tuned against: optimistic"),
    "fresh": ("nlu_fresh.yml", "everyday messages, blind: scored at the start and the end"),
    "safety": ("safety.yml", "emergencies only: the recall of report_emergency"),
}
NAMES_SET = "entities_heldout.yml"
DIRECTORY = PROJECT_ROOT / "config" / "employees.yml"


def train(config: Path, out: Path) -> tuple[Path, float]:
    """Trains an NLU model on all of the training data; returns it and the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [str(rasa_executable()), "train", "nlu", "--nlu", "data/nlu", "--config", str(config),
         "--out", str(out), "--fixed-model-name", "model"],
        cwd=RASA_PROJECT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return out / "model.tar.gz", time.perf_counter() - started


def asked_danger(read: dict) -> bool:
    """Whether Rasa asked the safety question (the danger_unsure entity) for this message."""
    return any(entity["entity"] == "danger_unsure" for entity in read["entities"])


def score_sets(model: Path) -> dict[str, float]:
    """The model's figures on every evaluation set (each text read once)."""
    sets = {name: nlu_sets.load(file) for name, (file, _) in INTENT_SETS.items()}
    sets["names"] = nlu_sets.load(NAMES_SET)
    texts = [example.text for examples in sets.values() for example in examples]
    parsed = iter(nlu_sets.parse(model, texts))
    read = {name: [next(parsed) for _ in examples] for name, examples in sets.items()}
    scores = {name: nlu_sets.accuracy(sets[name], read[name]) for name in INTENT_SETS}
    safety = read["safety"]
    scores["safety: emergency or asked"] = sum(
        r["intent"] == "report_emergency" or asked_danger(r) for r in safety
    ) / len(safety)
    for name in ("dev", "fresh"):
        scores[f"{name}: asked about danger"] = sum(map(asked_danger, read[name]))
    names = nlu_sets.name_scores(load_directory(DIRECTORY), sets["names"], read["names"])
    scores["names: precision"], scores["names: recall"] = names.precision, names.recall
    return scores


def render_sets(scores: dict[str, dict[str, float]], seconds: dict[str, float]) -> list[str]:
    """The report's section on the evaluation sets: one row per set, one column per config."""
    names = list(scores)
    sizes = {name: len(nlu_sets.load(file)) for name, (file, _) in INTENT_SETS.items()}
    lines = [
        "## Evaluation sets",
        "",
        "Each config trained once on all of `rasa_project/data/nlu`, then scored on the sets in",
        "`rasa_project/tests/` (none of their examples is training data). Intent accuracy counts",
        "a fallback as wrong, and a message the safety triage turned into the question",
        '"Is er direct gevaar?" as the repair it became.',
        "",
        "| set | examples | what it is | " + " | ".join(names) + " |",
        "| --- | ---: | --- | " + " | ".join("---:" for _ in names) + " |",
    ]
    for set_name, (_, what) in INTENT_SETS.items():
        values = " | ".join(f"{scores[name][set_name]:.3f}" for name in names)
        lines.append(f"| {set_name} accuracy | {sizes[set_name]} | {what} | {values} |")
    examples = len(nlu_sets.load(NAMES_SET))
    rows = [
        ("safety: emergency or asked", str(sizes["safety"]), "recognised, or asked about danger"),
        ("dev: asked about danger", "", "messages that got the danger question"),
        ("fresh: asked about danger", "", "messages that got the danger question"),
        ("names: precision", str(examples), "employee names found that were meant"),
        ("names: recall", str(examples), "employee names meant that were found"),
    ]
    for key, size, what in rows:
        values = " | ".join(
            f"{scores[name][key]:.0f}" if "asked about" in key else f"{scores[name][key]:.3f}"
            for name in names
        )
        lines.append(f"| {key} | {size} | {what} | {values} |")
    ratios = " | ".join(f"{seconds[name] / seconds[names[0]]:.2f}" for name in names)
    lines += [f"| time to train (ratio to ours) | | | {ratios} |", ""]
    return lines


def cross_validate(config: Path, folds: int, out: Path) -> tuple[dict, float]:
    """Runs Rasa's cross-validation; returns the intent report and the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [str(rasa_executable()), "test", "nlu", "--nlu", "data/nlu", "--config", str(config),
         "--cross-validation", "--folds", str(folds), "--out", str(out)],
        cwd=RASA_PROJECT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    return json.loads((out / "intent_report.json").read_text()), seconds


def intents(report: dict) -> list[str]:
    """The intents of a Rasa intent report, without its summary rows."""
    return sorted(name for name in report if name not in SUMMARY_ROWS and name != "micro avg")


def confusions(report: dict, limit: int = 12) -> list[tuple[int, str, str]]:
    """The `limit` most frequent confusions in an intent report: (count, intent, taken for)."""
    found = [
        (count, intent, other)
        for intent in intents(report)
        for other, count in report[intent].get("confused_with", {}).items()
    ]
    return sorted(found, reverse=True)[:limit]


def render(reports: dict[str, tuple[dict, float]], folds: int) -> list[str]:
    """The report's section on cross-validation, our config first."""
    names = list(reports)
    ours, ours_seconds = reports[names[0]]
    lines = [
        "## Cross-validation",
        "",
        f"{folds}-fold cross-validation of intent classification on all of",
        "`rasa_project/data/nlu`. It measures how well the data hangs together, not how the",
        "model does on messages written apart from it: that is what the sets above are for.",
        "",
        "| | " + " | ".join(names) + " |",
        "| --- | " + " | ".join("---:" for _ in names) + " |",
        "| accuracy | "
        + " | ".join(f"{reports[name][0]['accuracy']:.3f}" for name in names)
        + " |",
    ]
    for row in ("macro avg", "weighted avg"):
        values = " | ".join(f"{reports[name][0][row]['f1-score']:.3f}" for name in names)
        lines.append(f"| {row} F1 | {values} |")
    ratios = " | ".join(f"{reports[name][1] / ours_seconds:.2f}" for name in names)
    lines += [f"| time to cross-validate (ratio to ours) | {ratios} |", ""]
    lines += [
        "## F1 per intent",
        "",
        "| intent | examples | " + " | ".join(names) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in names) + " |",
    ]
    for intent in intents(ours):
        scores = " | ".join(
            f"{reports[name][0].get(intent, {}).get('f1-score', 0):.3f}" for name in names
        )
        lines.append(f"| {intent} | {ours[intent]['support']} | {scores} |")
    lines += [
        "",
        f"## Main confusions of {names[0]}",
        "",
        "| intent | predicted as | times |",
        "| --- | --- | ---: |",
    ]
    lines += [f"| {intent} | {other} | {count} |" for count, intent, other in confusions(ours)]
    return lines


HEADER = [
    "# NLU report",
    "",
    "Written by `bench/nlu_report.py` for our pipeline (`rasa_project/config.yml`) and Rasa's",
    "default config (`bench/nlu/rasa_default.yml`), trained on the same data. Run it again after",
    "changing the pipeline or much of the data.",
    "",
    "The tests hold the bars: a fixed 80/20 split of the training data, the fresh set, the",
    "safety set and the names set (`tests/integration/test_nlu_accuracy.py`).",
    "",
]


def main() -> None:
    """Reads the command line, trains and scores every config, and writes the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--config", action="append", default=[], metavar="NAME=PATH",
                        help="cross-validate another config too (for tuning)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=REPORT)
    arguments = parser.parse_args()
    configs = dict(CONFIGS)
    for extra in arguments.config:
        name, path = extra.split("=", 1)
        configs[name] = Path(path).resolve()
    reports, scores, seconds = {}, {}, {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, config in configs.items():
            print(f"training {name} ({config.name}) …", flush=True)
            model, seconds[name] = train(config, Path(scratch) / f"model-{len(scores)}")
            scores[name] = score_sets(model)
            print(f"  fresh accuracy {scores[name]['fresh']:.3f}", flush=True)
        lines = HEADER + render_sets(scores, seconds)
        earlier = arguments.out.read_text() if arguments.out.exists() else ""
        # The sets first, as cross-validation takes long.
        arguments.out.write_text("\n".join(lines).rstrip() + "\n" + kept_sections(earlier))
        for name, config in configs.items() if arguments.folds else ():
            print(f"cross-validating {name} ({config.name}) …", flush=True)
            reports[name] = cross_validate(
                config, arguments.folds, Path(scratch) / str(len(reports))
            )
            print(f"  accuracy {reports[name][0]['accuracy']:.3f}", flush=True)
    if reports:
        lines += render(reports, arguments.folds)
    arguments.out.write_text("\n".join(lines).rstrip() + "\n" + kept_sections(earlier))
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()
