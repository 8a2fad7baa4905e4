"""The evaluation sets in rasa_project/tests/ and how a model scores on them.

A model reads every text once (rasa_project/tools/parse.py, in the Rasa environment); the
scores are plain Python: intent accuracy, recall of one intent, and per-message precision and
recall of employee names, where a name counts as found when it means the same person.
"""

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handoff.domain.directory import Directory, normalise_name
from handoff.domain.names import find_person
from handoff.nlu.model import RASA_ENV
from handoff.paths import RASA_PROJECT

SETS = RASA_PROJECT / "tests"
_ANNOTATION = re.compile(r"\[([^\]]+)\]\(([a-z_]+)\)")


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    names: tuple[str, ...]  # the employee names annotated in it


def load(name: str) -> list[Example]:
    """Reads a set in Rasa's NLU format, annotations taken out of the text."""
    data = yaml.safe_load((SETS / name).read_text(encoding="utf-8"))
    examples = []
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            raw = line.strip().removeprefix("- ").strip()
            if not raw:
                continue
            names = tuple(
                value for value, entity in _ANNOTATION.findall(raw) if entity == "employee_name"
            )
            examples.append(Example(_ANNOTATION.sub(r"\1", raw), block["intent"], names))
    return examples


def parse(model: Path, texts: Iterable[str]) -> list[dict[str, Any]]:
    """How the model reads each text: intent, ranking and entities (tools/parse.py)."""
    texts = list(texts)
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as handle:
        json.dump(texts, handle, ensure_ascii=False)
        handle.flush()
        result = subprocess.run(
            [str(RASA_ENV / "bin" / "python"), "-m", "tools.parse",
             "--model", str(model.resolve()), "--texts", handle.name],
            cwd=RASA_PROJECT, capture_output=True, text=True, timeout=900, check=False,
            env=os.environ | {"RASA_TELEMETRY_ENABLED": "false", "PYTHONWARNINGS": "ignore"},
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    parsed = [json.loads(line[7:]) for line in result.stdout.splitlines() if line[:7] == "PARSED "]
    assert len(parsed) == len(texts), result.stderr[-3000:]
    return parsed


def accuracy(examples: list[Example], parsed: list[dict[str, Any]]) -> float:
    """The share of examples whose intent the model got right (a fallback is wrong)."""
    pairs = zip(examples, parsed, strict=True)
    right = sum(example.intent == read["intent"] for example, read in pairs)
    return right / len(examples)


def errors(examples: list[Example], parsed: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(text, expected, predicted) for every example the model got wrong."""
    return [
        (example.text, example.intent, read["intent"])
        for example, read in zip(examples, parsed, strict=True)
        if example.intent != read["intent"]
    ]


@dataclass(frozen=True)
class NameScores:
    precision: float
    recall: float
    invented: list[tuple[str, str]]  # (text, name found) where no such name was meant
    missed: list[tuple[str, str]]  # (text, name meant) the model did not find


def name_scores(
    directory: Directory, examples: list[Example], parsed: list[dict[str, Any]]
) -> NameScores:
    """Per message, precision and recall of the employee names found.

    A name found is right when it covers the words annotated, or means the same employee.
    """
    people = [e.name for e in directory.employees]
    people += [name for e in directory.employees for name in e.replaces]

    def same(found: dict[str, Any], text: str, meant: str) -> bool:
        if normalise_name(text[found["start"] : found["end"]]) == normalise_name(meant):
            return True
        person = find_person(people, meant)
        return person is not None and person == find_person(people, str(found["value"]))

    right = found_count = 0
    invented: list[tuple[str, str]] = []
    missed: list[tuple[str, str]] = []
    for example, read in zip(examples, parsed, strict=True):
        found = [e for e in read["entities"] if e["entity"] == "employee_name"]
        found_count += len(found)
        hits = [f for f in found if any(same(f, example.text, name) for name in example.names)]
        right += len(hits)
        invented += [(example.text, str(f["value"])) for f in found if f not in hits]
        missed += [
            (example.text, name)
            for name in example.names
            if not any(same(f, example.text, name) for f in found)
        ]
    meant = sum(len(example.names) for example in examples)
    recall = 1 - len(missed) / max(meant, 1)
    return NameScores(right / max(found_count, 1), recall, invented, missed)
