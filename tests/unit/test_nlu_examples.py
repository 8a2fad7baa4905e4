"""The intents admins choose from: each described in Dutch in its `metadata:`, in the domain's
order."""

from pathlib import Path

import yaml

from handoff.nlu.examples import INBOX_FILE, Intent, intents
from handoff.paths import RASA_PROJECT


def test_every_intent_of_the_domain_is_described_for_admins() -> None:
    domain = yaml.safe_load((RASA_PROJECT / "domain.yml").read_text(encoding="utf-8"))
    found = intents()
    assert [intent.name for intent in found] == domain["intents"]
    assert [intent.name for intent in found if not intent.description] == []
    # The admin's page names an intent by its description up to the first colon.
    assert {i.name: i.description.split(":")[0] for i in found}["report_repair"] == "Reparatie"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_descriptions_come_from_metadata_and_the_order_from_the_domain(tmp_path: Path) -> None:
    write(tmp_path / "domain.yml", "intents:\n  - nuisance\n  - greet: {use_entities: []}\n")
    write(
        tmp_path / "data" / "nlu" / "a.yml",
        "nlu:\n"
        "  # Begroeting: a comment is no description.\n"
        "  - intent: greet\n"
        "    examples: |\n      - hallo\n"
        "  - regex: postcode\n    examples: |\n      - [0-9]{4}\n",
    )
    write(
        tmp_path / "data" / "nlu" / "b.yml",
        "nlu:\n"
        "  - intent: nuisance\n"
        "    metadata:\n"
        "      description: >-\n"
        "        Overlast: last van de buren,\n"
        '        bijvoorbeeld "harde muziek".\n'
        "    examples: |\n      - de buren maken lawaai\n",
    )
    # Labelled examples have no description; they keep the intent's own and its place.
    write(
        tmp_path / INBOX_FILE,
        "nlu:\n"
        "  - intent: nuisance\n    examples: |\n      - herrie\n"
        "  - intent: complaint\n    examples: |\n      - niet teruggebeld\n",
    )
    assert intents(tmp_path) == [
        Intent("nuisance", 'Overlast: last van de buren, bijvoorbeeld "harde muziek".'),
        Intent("greet", ""),
        Intent("complaint", ""),  # not in the domain (yet): last
    ]
