"""The Rasa project's NLU examples as admins see them: intents with their Dutch descriptions,
checks for duplicates and contradictions, and the file that labelled inbox examples go to."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handoff.paths import RASA_PROJECT
from handoff.texts import EXAMPLE_CONTRADICTS, EXAMPLE_KNOWN

INBOX_FILE = Path("data") / "nlu" / "inbox.yml"
_HEADER = (
    'version: "3.1"\n'
    "# Examples admins labelled in the NLU inbox (written by the app; review them with git).\n"
    "# Personal data is masked: [naam], [postcode], [huisnummer], [adres], [telefoon], [e-mail]\n"
)
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Intent:
    name: str
    description: str  # the Dutch explanation in the intent's `metadata:` in the data files


def normalise(text: str) -> str:
    """Compares examples as the tokenizer sees them: annotations, case and punctuation gone."""
    plain = _ANNOTATION.sub(r"\1", text)
    return " ".join(re.findall(r"\[[a-z-]+\]|[^\W_]+", plain.casefold()))


def intents(project: Path = RASA_PROJECT) -> list[Intent]:
    """Returns the intents an admin can choose, with their descriptions, in the domain's order."""
    found: dict[str, str] = {}
    for block in _intent_blocks(project):
        description = " ".join(str((block.get("metadata") or {}).get("description", "")).split())
        if description or block["intent"] not in found:  # the inbox's blocks have none
            found[block["intent"]] = description or found.get(block["intent"], "")
    # The domain declares every intent, grouped; the order of the files says nothing.
    domain = yaml.safe_load((project / "domain.yml").read_text(encoding="utf-8")) or {}
    declared = [next(iter(i)) if isinstance(i, dict) else i for i in domain.get("intents") or []]
    position = {name: index for index, name in enumerate(declared)}
    ordered = sorted(found, key=lambda name: position.get(name, len(position)))
    return [Intent(name, found[name]) for name in ordered]


def examples(project: Path = RASA_PROJECT) -> dict[str, set[str]]:
    """Every training example (normalised) with the intents it is an example of."""
    known: dict[str, set[str]] = {}
    for block in _intent_blocks(project):
        for line in str(block.get("examples", "")).splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                known.setdefault(normalise(text), set()).add(block["intent"])
    return known


def _intent_blocks(project: Path) -> Iterator[dict[str, Any]]:
    """Yields the intent blocks of every NLU file (lookups and regexes left out)."""
    for path in sorted((project / "data" / "nlu").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        yield from (block for block in data.get("nlu") or [] if "intent" in block)


def warning(text: str, intent: str | None, known: dict[str, set[str]]) -> str | None:
    """Warns, in Dutch, when an example is already there or contradicts the training data."""
    there = known.get(normalise(text), set())
    if not there:
        return None
    if intent is not None and there == {intent}:
        return EXAMPLE_KNOWN.format(intent=intent)
    others = ", ".join(sorted(there - {intent} if intent else there))
    return EXAMPLE_CONTRADICTS.format(intents=others)


def add_examples(intent: str, texts: list[str], project: Path = RASA_PROJECT) -> int:
    """Adds labelled examples to the inbox file (skipping ones already there); returns how many."""
    blocks = _inbox_blocks(project)
    known = examples(project)
    added = 0
    for text in texts:
        text = " ".join(text.split())
        if intent in known.get(normalise(text), set()) or text in blocks.get(intent, []):
            continue
        blocks.setdefault(intent, []).append(text)
        added += 1
    if added:
        _write_inbox(blocks, project)
    return added


def remove_examples(intent: str, texts: list[str], project: Path = RASA_PROJECT) -> int:
    """Takes labelled examples out of the inbox file again; returns how many."""
    blocks = _inbox_blocks(project)
    gone = {" ".join(text.split()) for text in texts}
    before = blocks.get(intent, [])
    blocks[intent] = [example for example in before if example not in gone]
    removed = len(before) - len(blocks[intent])
    if removed:
        _write_inbox({name: lines for name, lines in blocks.items() if lines}, project)
    return removed


def _inbox_blocks(project: Path) -> dict[str, list[str]]:
    path = project / INBOX_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    blocks: dict[str, list[str]] = {}
    for block in (data or {}).get("nlu") or []:
        lines = [line.strip() for line in str(block.get("examples", "")).splitlines()]
        blocks[block["intent"]] = [line.removeprefix("- ") for line in lines if line]
    return blocks


def _write_inbox(blocks: dict[str, list[str]], project: Path) -> None:
    path = project / INBOX_FILE
    if not blocks:
        path.unlink(missing_ok=True)
        return
    body = "".join(
        f"  - intent: {name}\n    examples: |\n"
        + "".join(f"      - {example}\n" for example in lines)
        for name, lines in blocks.items()
    )
    path.write_text(_HEADER + "\nnlu:\n" + body, encoding="utf-8")
