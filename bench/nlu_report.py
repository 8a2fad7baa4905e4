"""Cross-validates the NLU pipeline against Rasa's default config and writes docs/nlu-report.md.

    .venv/bin/python -m bench.nlu_report [--folds 5] [--config NAME=PATH ...]

Each config is cross-validated on the same training data (`rasa test nlu --cross-validation`);
the report shows per-intent F1 side by side, the main confusions of our pipeline, and how long
each config took to cross-validate, as a ratio to ours (machines here are shared and noisy).
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

REPORT = PROJECT_ROOT / "docs" / "nlu-report.md"
CONFIGS = {
    "ours": RASA_PROJECT / "config.yml",
    "Rasa default": PROJECT_ROOT / "bench" / "nlu" / "rasa_default.yml",
}
SUMMARY_ROWS = ("accuracy", "macro avg", "weighted avg")


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
    return sorted(name for name in report if name not in SUMMARY_ROWS and name != "micro avg")


def confusions(report: dict, limit: int = 12) -> list[tuple[int, str, str]]:
    found = [
        (count, intent, other)
        for intent in intents(report)
        for other, count in report[intent].get("confused_with", {}).items()
    ]
    return sorted(found, reverse=True)[:limit]


def render(reports: dict[str, tuple[dict, float]], folds: int) -> str:
    names = list(reports)
    ours, ours_seconds = reports[names[0]]
    lines = [
        "# NLU report",
        "",
        f"Written by `bench/nlu_report.py`: {folds}-fold cross-validation of intent",
        "classification on all of `rasa_project/data/nlu`, for our pipeline",
        "(`rasa_project/config.yml`) and Rasa's default config (`bench/nlu/rasa_default.yml`).",
        "Run it again after changing the pipeline or much of the data.",
        "",
        "The tests check a fixed 80/20 split (seed 7) against a bar of 0.90",
        "(`tests/integration/test_nlu_accuracy.py`); cross-validation averages over all of the",
        "data and is the fairer way to compare configs.",
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
    return "\n".join(lines) + "\n"


def main() -> None:
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
    reports = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, config in configs.items():
            print(f"cross-validating {name} ({config.name}) …", flush=True)
            reports[name] = cross_validate(
                config, arguments.folds, Path(scratch) / str(len(reports))
            )
            print(f"  accuracy {reports[name][0]['accuracy']:.3f}", flush=True)
    earlier = arguments.out.read_text() if arguments.out.exists() else ""
    arguments.out.write_text(render(reports, arguments.folds) + kept_sections(earlier))
    print(f"wrote {arguments.out}")


if __name__ == "__main__":
    main()
