"""The Rasa project's NLU examples as admins see them: intents with their Dutch descriptions,
checks for duplicates and contradictions, and the file that labelled inbox examples go to.

The inbox file is written with a YAML library, never by joining strings, and only with
examples that Rasa reads as plain text (`is_plain`): a label can never make the data invalid.
"""

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handoff.domain.privacy import MAX_LENGTH, PLACEHOLDERS
from handoff.paths import RASA_PROJECT
from handoff.texts import EXAMPLE_CONTRADICTS, EXAMPLE_KNOWN

INBOX_FILE = Path("data") / "nlu" / "inbox.yml"
_HEADER = (
    "# Examples admins labelled in the NLU inbox (written by the app; review them with git).\n"
    "# Personal data is masked: " + ", ".join(PLACEHOLDERS) + "\n"
)
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))


@dataclass(frozen=True)
class Intent:
    """An intent of the training data, with its explanation for the review."""

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


def is_plain(text: str) -> bool:
    """Tells whether Rasa reads the text as a plain example, exactly as written: one printable
    line of at most MAX_LENGTH characters, single-spaced, in which the placeholders are the
    only brackets and none is followed by an annotation's opening (`[x](entity)`, `[x]{..}`,
    `[x][..]`). Masked texts are (domain/privacy.py); an older stored text may not be."""
    if not text or len(text) > MAX_LENGTH or not text.isprintable():
        return False
    if text != " ".join(text.split()) or "{" in text or "}" in text:
        return False
    rest = _PLACEHOLDER.sub("\x00", text)
    return "[" not in rest and "]" not in rest and not re.search("\x00[([]", rest)


def add_examples(intent: str, texts: list[str], project: Path = RASA_PROJECT) -> int:
    """Adds labelled examples to the inbox file (skipping ones already there, and any text that
    is not plain); returns how many."""
    blocks = _inbox_blocks(project)
    known = examples(project)
    added = 0
    for text in texts:
        if not is_plain(text):
            continue
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
    return _read_blocks(
        yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    )


def _read_blocks(data: Any) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = {}
    for block in (data or {}).get("nlu") or []:
        lines = [line.strip() for line in str(block.get("examples", "")).splitlines()]
        blocks[block["intent"]] = [line.removeprefix("- ") for line in lines if line]
    return blocks


class _Block(str):
    """An intent's examples, written as a YAML literal block like the other data files."""

    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Block, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, "|")
)


def _write_inbox(blocks: dict[str, list[str]], project: Path) -> None:
    """Writes the inbox file in one step (a temporary file moved into place), after checking
    that it reads back as exactly these examples."""
    path = project / INBOX_FILE
    if not blocks:
        path.unlink(missing_ok=True)
        return
    data = {
        "version": "3.1",
        "nlu": [
            {"intent": name, "examples": _Block("".join(f"- {line}\n" for line in lines))}
            for name, lines in blocks.items()
        ],
    }
    text = _HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    if _read_blocks(yaml.safe_load(text)) != blocks:
        raise ValueError("the inbox examples do not read back as written")
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=".inbox-", suffix=".tmp", delete=False
    ) as file:
        file.write(text)
    Path(file.name).replace(path)
