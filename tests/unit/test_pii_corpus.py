"""The masking measured on a corpus of tenants' messages (tests/data/pii_corpus.yml) and on
development sets (pii_dev.yml, pii_dev2.yml, pii_dev3.yml, pii_dev4.yml, and the sets that were
blind until they were measured once: pii_heldout.yml and pii_blind2.yml to pii_blind8.yml),
which were written without looking at the masker and then used to improve it,
so their figures are optimistic. The honest figure is each blind set's when it was measured
once, before its misses were read (docs/privacy.md).

Recall: the share of marked personal data that is gone after masking. The false-positive
rate: the share of messages without personal data that masking changed.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from handoff.domain.privacy import mask

CORPUS = Path(__file__).parent.parent / "data" / "pii_corpus.yml"
DEV_SET = Path(__file__).parent.parent / "data" / "pii_dev.yml"
DIRECTORY = ["Sanne de Vries", "Fatima el Amrani", "Kees Visser", "Pieter Bakker",
             "Ingrid Jansen", "Anouk Smit"]  # fmt: skip
MIN_RECALL = 0.98
DEV_SET_2 = Path(__file__).parent.parent / "data" / "pii_dev2.yml"
MIN_DEV_2_RECALL = 0.98  # 0.87 before the first names' list, 0.98 after issue 12, then 0.994
MAX_FALSE_POSITIVES = 0.05
# Written fresh for issue 12 before the masker changed (0.89 recall, no false positive when it
# came), then the masker was improved on it (0.98, then 1.00): a development set.
DEV_SET_3 = Path(__file__).parent.parent / "data" / "pii_dev3.yml"
MIN_DEV_3_RECALL = 0.98
# Written for the masker's follow-up of issue 12 before it changed (0.716 recall, 1 of 42
# changed), by the session that then improved the masker on it.
DEV_SET_4 = Path(__file__).parent.parent / "data" / "pii_dev4.yml"
MIN_DEV_4_RECALL = 0.98
# Blind until 2026-12-01, since then development: each was measured after a change of the
# masker, and then its misses were read and the masker improved on them.
# pii_heldout.yml: by someone who saw neither the masker nor the other sets; 0.80 when it came,
# 0.886 (3 of 45 changed) after issue 12, 0.994 (none changed) after its misses were read.
HELD_OUT = Path(__file__).parent.parent / "data" / "pii_heldout.yml"
MIN_HELD_OUT_RECALL = 0.98
MAX_HELD_OUT_FALSE_POSITIVES = 0.05
# pii_blind2.yml: written with pii_dev3.yml; 0.962 (0 of 47 changed) when measured at the end
# of issue 12, 1.00 after its misses were read.
BLIND_SET_2 = Path(__file__).parent.parent / "data" / "pii_blind2.yml"
MIN_BLIND_2_RECALL = 0.98
MAX_BLIND_2_FALSE_POSITIVES = 0.05
# The development set was written without looking at the masker (recall 0.86 and 1 false
# positive of 40 when it came), but the masker's rules were then improved on it.
MIN_DEV_RECALL = 0.98
MAX_DEV_FALSE_POSITIVES = 0.05
_PLACEHOLDER = re.compile(r"\[[a-z-]+\]")


def _words(text: str) -> Counter[str]:
    """Words and numbers, case ignored; placeholders are not words of the message."""
    return Counter(re.findall(r"[^\W_]+", _PLACEHOLDER.sub(" ", text).casefold()))


def _misses(entry: dict) -> list[tuple[str, str]]:
    """The marked parts (kind, text) that masking left (partly) in place."""
    text = entry["text"]
    marked = [(kind, part) for kind, parts in entry["pii"].items() for part in parts]
    outside = text
    for _, part in marked:
        outside = outside.replace(part, " ")
    allowed, left = _words(outside), _words(mask(text, [*DIRECTORY, entry.get("tenant", "")]))
    return [
        (kind, part)
        for kind, part in marked
        if any(left[word] > allowed[word] for word in _words(part))
    ]


def test_the_corpus_is_big_enough() -> None:
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    assert len(CORPUS.read_text(encoding="utf-8").splitlines()) >= 200
    assert len(corpus["positives"]) >= 100
    assert len(corpus["negatives"]) >= 50
    for entry in corpus["positives"]:
        for parts in entry["pii"].values():
            assert all(isinstance(part, str) and part in entry["text"] for part in parts), entry


def test_recall_and_false_positives_on_the_corpus() -> None:
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    total = sum(len(parts) for entry in corpus["positives"] for parts in entry["pii"].values())
    misses = [(entry["text"], miss) for entry in corpus["positives"] for miss in _misses(entry)]
    recall = 1 - len(misses) / total
    changed = [(text, mask(text, DIRECTORY)) for text in corpus["negatives"]]
    changed = [(text, masked) for text, masked in changed if masked != text]
    false_positives = len(changed) / len(corpus["negatives"])
    report = (
        f"recall {recall:.3f} ({total - len(misses)}/{total} parts masked), false positives "
        f"{false_positives:.3f} ({len(changed)}/{len(corpus['negatives'])} negatives changed)\n"
        + "".join(f"  missed {kind}: {part!r} in {text!r}\n" for text, (kind, part) in misses)
        + "".join(f"  changed: {text!r} -> {masked!r}\n" for text, masked in changed)
    )
    print(report)
    assert recall >= MIN_RECALL, report
    assert false_positives <= MAX_FALSE_POSITIVES, report


def _score(path: Path) -> tuple[float, float, list[tuple[str, str]], list[tuple[str, str]]]:
    """Recall and false-positive rate on a set of {text, pii: [parts]} messages, with the
    misses and the changed negatives."""
    messages = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
    positives = [m for m in messages if m["pii"]]
    negatives = [m["text"] for m in messages if not m["pii"]]
    assert len(positives) >= 100
    assert len(negatives) >= 30
    for entry in positives:
        assert all(part in entry["text"] for part in entry["pii"]), entry
    total = sum(len(entry["pii"]) for entry in positives)
    misses = [
        (entry["text"], part)
        for entry in positives
        for _, part in _misses({"text": entry["text"], "pii": {"pii": entry["pii"]}})
    ]
    # The masker writes one line: a letter that only lost its line breaks is unchanged.
    changed = [(text, mask(text, DIRECTORY)) for text in negatives]
    changed = [(text, masked) for text, masked in changed if masked != " ".join(text.split())]
    return 1 - len(misses) / total, len(changed) / len(negatives), misses, changed


def test_recall_and_false_positives_on_the_development_set() -> None:
    recall, false_positives, misses, changed = _score(DEV_SET)
    report = (
        f"development set (not held out): recall {recall:.3f}, false positives "
        f"{false_positives:.3f}\n"
        + "".join(f"  missed: {part!r} in {text!r}\n" for text, part in misses)
        + "".join(f"  changed: {text!r} -> {masked!r}\n" for text, masked in changed)
    )
    print(report)
    assert recall >= MIN_DEV_RECALL, report
    assert false_positives <= MAX_DEV_FALSE_POSITIVES, report


def test_recall_on_the_second_development_set() -> None:
    # Written blind; only its aggregate was read while the first names' list was built.
    recall, false_positives, misses, _ = _score(DEV_SET_2)
    report = f"second development set: recall {recall:.3f} ({len(misses)} parts missed)"
    print(report)
    assert recall >= MIN_DEV_2_RECALL, report
    assert false_positives <= MAX_DEV_FALSE_POSITIVES, report


def _development_report(title: str, path: Path) -> tuple[float, float, str]:
    recall, false_positives, misses, changed = _score(path)
    report = (
        f"{title} (development): recall {recall:.3f} ({len(misses)} parts missed), false "
        f"positives {false_positives:.3f} ({len(changed)} negatives changed)\n"
        + "".join(f"  missed: {part!r} in {text!r}\n" for text, part in misses)
        + "".join(f"  changed: {text!r} -> {masked!r}\n" for text, masked in changed)
    )
    print(report)
    return recall, false_positives, report


def test_recall_and_false_positives_on_the_third_development_set() -> None:
    recall, false_positives, report = _development_report("third set", DEV_SET_3)
    assert recall >= MIN_DEV_3_RECALL, report
    assert false_positives <= MAX_DEV_FALSE_POSITIVES, report


def test_recall_and_false_positives_on_the_fourth_development_set() -> None:
    recall, false_positives, report = _development_report("fourth set", DEV_SET_4)
    assert recall >= MIN_DEV_4_RECALL, report
    assert false_positives <= MAX_DEV_FALSE_POSITIVES, report


def test_recall_and_false_positives_on_the_former_held_out_set() -> None:
    # Blind until 2026-12-01, since then development: its misses are printed and were used.
    recall, false_positives, report = _development_report("former held-out set", HELD_OUT)
    assert recall >= MIN_HELD_OUT_RECALL, report
    assert false_positives <= MAX_HELD_OUT_FALSE_POSITIVES, report


def test_recall_and_false_positives_on_the_former_second_blind_set() -> None:
    # Blind until 2026-12-01, since then development: its misses are printed and were used.
    recall, false_positives, report = _development_report("former second blind set", BLIND_SET_2)
    assert recall >= MIN_BLIND_2_RECALL, report
    assert false_positives <= MAX_BLIND_2_FALSE_POSITIVES, report


# pii_blind3.yml to pii_blind7.yml: written on 2026-12-01 by someone who saw neither the masker
# nor the other sets, each measured once while blind (0.920, 0.910, 0.936, 0.903 and 0.894,
# docs/privacy.md), then read and used to improve the masker: development sets since.
BLIND_SET_3 = Path(__file__).parent.parent / "data" / "pii_blind3.yml"
BLIND_SET_4 = Path(__file__).parent.parent / "data" / "pii_blind4.yml"
BLIND_SET_5 = Path(__file__).parent.parent / "data" / "pii_blind5.yml"
BLIND_SET_6 = Path(__file__).parent.parent / "data" / "pii_blind6.yml"
BLIND_SET_7 = Path(__file__).parent.parent / "data" / "pii_blind7.yml"
BLIND_SET_8 = Path(__file__).parent.parent / "data" / "pii_blind8.yml"
# 0.995, 0.978, 0.995, 0.974, 0.976 and 0.961 after their misses were read, less a margin
MIN_FORMER_BLIND_RECALL = 0.96


@pytest.mark.parametrize(
    "path",
    [BLIND_SET_3, BLIND_SET_4, BLIND_SET_5, BLIND_SET_6, BLIND_SET_7, BLIND_SET_8],
    ids=["third", "fourth", "fifth", "sixth", "seventh", "eighth"],
)
def test_recall_and_false_positives_on_the_former_blind_sets(path: Path) -> None:
    recall, false_positives, report = _development_report(f"former blind set {path.name}", path)
    assert recall >= MIN_FORMER_BLIND_RECALL, report
    assert false_positives <= MAX_DEV_FALSE_POSITIVES, report
