"""Labelled examples reach inbox.yml through a YAML library, as plain text Rasa cannot misread
(security review #7): whatever a tenant typed, the file stays valid."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from handoff.domain.privacy import mask
from handoff.nlu import examples as training_data

SMALL_PROJECT = Path(__file__).parents[1] / "data" / "small_rasa_project"
# The entity syntax as Rasa 3.6 reads it (rasa/shared/nlu/training_data/entities_parser.py).
RASA_ENTITY = re.compile(
    r"\[(?P<entity_text>[^\]]+?)\](\((?P<entity>[^:)]+?)(?:\:(?P<value>[^)]+))?\)"
    r"|\{(?P<entity_dict>[^}]+?)\}|\[(?P<list_entity_dicts>.*?)\])"
)
CRAFTED = [
    "kraan [huur overlast]{kraan}",
    'kraan [huur](overlast) en {"entity": "employee_name", "value": "Sanne"}',
    "kraan huur overlast\x7f",
    "kraan\x00 huur",
    "regel een\nregel twee\r\n  - intent: greet\n    examples: |\n      - hoi",
    "- intent: greet",
    "'quoted' \"double\" `tick` & * ! % @ | > #comment ---",
    "bidi \u202eevil\u202c \u2066iso\u2069 zero\u200bwidth \ufeffbom \u2028 line",
    "06-12345678(na 5 uur) en 1234 AB 12{x} en [telefoon](phone)",
    "{ [ ( ] } ) |- >- ? : , ...",
    "nul \x00 esc \x1b[31m rood \x1b[0m",
    "kraan " * 400,
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(SMALL_PROJECT, copy)
    return copy


def test_crafted_masked_texts_are_written_as_they_are_and_read_back(project: Path) -> None:
    masked = list(dict.fromkeys(mask(text) for text in CRAFTED))
    assert all(training_data.is_plain(text) for text in masked), masked
    assert training_data.add_examples("nuisance", masked, project) == len(masked)
    written = (project / training_data.INBOX_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(written)
    assert data["version"] == "3.1"
    assert [b["intent"] for b in data["nlu"]] == ["nuisance"]
    lines = data["nlu"][0]["examples"].splitlines()
    assert [line.removeprefix("- ") for line in lines] == masked  # exactly, in order
    assert not any(RASA_ENTITY.search(line) for line in lines)
    assert written.startswith("# Examples admins labelled")
    assert "[iban], [bsn], [geboortedatum], [gezondheid]" in written
    # The rest of the data still reads, and a second label keeps the first.
    assert "nuisance" in training_data.examples(project)[training_data.normalise(masked[0])]
    assert training_data.add_examples("greet", ["hallo daar"], project) == 1
    assert training_data.remove_examples("nuisance", masked[:1], project) == 1


UNSAFE = [t for t in CRAFTED if t not in ("- intent: greet", CRAFTED[6])]  # YAML specials are
# only special to YAML, which the library writes around: those two are plain text to Rasa.


@pytest.mark.parametrize("text", [*UNSAFE, "", " hoi", "hoi  daar", "[naam](x)", "[naam][x]"])
def test_texts_rasa_could_misread_are_refused(text: str, project: Path) -> None:
    """An unmasked text (an item stored before masking cleaned texts) is never written."""
    assert not training_data.is_plain(text)
    assert training_data.add_examples("nuisance", [text], project) == 0
    assert not (project / training_data.INBOX_FILE).exists()


def test_placeholders_are_plain() -> None:
    assert training_data.is_plain("bel [telefoon] of mail [e-mail], [naam] (buurman)")
