"""Scores the summary's read-back against the gold set and writes it into docs/nlu-report.md.

    .venv/bin/python -m bench.readback [--dev-only] [--no-write]

The gold set (`tests/data/readback_gold.yml`) holds tenant sentences with what a careful employee
reads back after "Dus als ik het goed begrijp: …". Its `dev` part may be looked at while changing
the rewrite; its `heldout` part is only scored, to tell how the rewrite does on sentences it was
not shaped on. A read-back counts only when it matches exactly.
"""

import argparse
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.report_sections import READBACK, with_section
from handoff.paths import PROJECT_ROOT
from rasa_project.actions.dialogue.rewrite import to_second_person

GOLD = PROJECT_ROOT / "tests" / "data" / "readback_gold.yml"
REPORT = PROJECT_ROOT / "docs" / "nlu-report.md"
PARTS = ("dev", "heldout")


@dataclass(frozen=True)
class Miss:
    """A read-back that differs from the gold one."""

    tenant: str
    wanted: str
    got: str


@dataclass(frozen=True)
class Score:
    """How one part of the gold set scored."""

    part: str
    total: int
    misses: tuple[Miss, ...]

    @property
    def matched(self) -> int:
        """How many read-backs were exactly the gold ones."""
        return self.total - len(self.misses)

    @property
    def rate(self) -> float:
        """The share of exact read-backs (0.0 for an empty part)."""
        return self.matched / self.total if self.total else 0.0


def gold(path: Path = GOLD) -> dict[str, list[dict[str, str]]]:
    """The gold set's parts, each a list of {tenant, readback} items."""
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {part: loaded[part] for part in PARTS}


def score(part: str, items: list[dict[str, str]]) -> Score:
    """Rewrites each item's tenant text and scores it against its gold read-back."""
    misses = []
    for item in items:
        got = to_second_person(item["tenant"])
        if got != item["readback"]:
            misses.append(Miss(item["tenant"], item["readback"], got))
    return Score(part, len(items), tuple(misses))


def overall(scores: list[Score]) -> Score:
    """The parts' scores together, as one part named "all"."""
    misses = tuple(miss for found in scores for miss in found.misses)
    return Score("all", sum(found.total for found in scores), misses)


def render(scores: list[Score]) -> str:
    """The read-back section of the report, as Markdown."""
    every = overall(scores)
    lines = [
        READBACK,
        "",
        "Written by `bench/readback.py`: how often the summary's read-back",
        "(`rasa_project/actions/dialogue/rewrite.py`) says exactly what a careful employee would,",
        "on the gold set `tests/data/readback_gold.yml` (written fresh, not from the training",
        "data). The dev part was looked at while building the rewrite; the held-out part was",
        "scored once, at the end. `tests/unit/test_readback_gold.py` holds the whole set to a",
        "floor.",
        "",
        "| part | sentences | exact | rate |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {found.part} | {found.total} | {found.matched} | {found.rate:.3f} |"
        for found in [*scores, every]
    ]
    if every.misses:
        lines += [
            "",
            "Misses:",
            "",
            "| part | tenant | wanted | got |",
            "| --- | --- | --- | --- |",
        ]
        for found in scores:
            lines += [
                f"| {found.part} | {cell(miss.tenant)} | {cell(miss.wanted)} | {cell(miss.got)} |"
                for miss in found.misses
            ]
    return "\n".join(lines) + "\n"


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("|", "\\|")


def main() -> None:
    """Reads the command line, scores the gold set, prints the scores and writes the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-only", action="store_true", help="score the dev part only")
    parser.add_argument("--no-write", action="store_true", help="leave the report as it is")
    parser.add_argument("--out", type=Path, default=REPORT)
    arguments = parser.parse_args()
    parts = gold()
    chosen = ("dev",) if arguments.dev_only else PARTS
    scores = [score(part, parts[part]) for part in chosen]
    for found in scores:
        print(f"{found.part}: {found.matched}/{found.total} exact ({found.rate:.3f})")
        for miss in found.misses:
            print(f"  {miss.tenant!r}\n    wanted {miss.wanted!r}\n    got    {miss.got!r}")
    if not arguments.dev_only and not arguments.no_write:
        report = arguments.out.read_text(encoding="utf-8") if arguments.out.exists() else ""
        arguments.out.write_text(with_section(report, READBACK, render(scores)), encoding="utf-8")
        print(f"wrote the read-back section of {arguments.out}")


if __name__ == "__main__":
    main()
