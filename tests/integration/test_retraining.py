"""Labelling the inbox and retraining on a test-sized Rasa project: finetuning when only
examples changed, a full training when the pipeline changed, and a gate that passes a better
model and refuses a worse one."""

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import yaml

from handoff.app import admin_cli
from handoff.nlu import examples as training_data
from handoff.nlu import inbox as review
from handoff.nlu import retraining
from handoff.nlu.client import Understanding
from handoff.nlu.model import ensure_model
from handoff.nlu.retraining import Retraining
from handoff.paths import RASA_PROJECT
from handoff.storage.database import create_engine, session_factory
from handoff.storage.directory_file import load_directory
from handoff.storage.tables import Contact, Message, NluModel
from handoff.storage.unit_of_work import UnitOfWork
from tests.conftest import TEST_EMPLOYEES, make_settings

SMALL_PROJECT = Path(__file__).parents[1] / "data" / "small_rasa_project"
DIRECTORY = load_directory(TEST_EMPLOYEES)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(SMALL_PROJECT, copy)
    return copy


@pytest.fixture
async def uow(database_url: str) -> AsyncIterator[UnitOfWork]:
    engine = create_engine(database_url)
    yield UnitOfWork(session_factory(engine), serialize_writes=database_url.startswith("sqlite"))
    await engine.dispose()


async def tenant_says(uow: UnitOfWork, texts: list[str], guess: str, confidence: float) -> None:
    """Tenant messages Rasa was unsure about land in the inbox."""
    async with uow() as session:
        contact = Contact(
            channel="telegram", external_id="5001", display_name="Aysel Kaya", rasa_sender_id="s1"
        )
        session.add(contact)
        await session.flush()
        for text in texts:
            message = Message(contact_id=contact.id, sender="tenant", text=text)
            session.add(message)
            await session.flush()
            understood = Understanding(guess, confidence, guess, confidence)
            await review.after_turn(session, DIRECTORY, message.id, understood, threshold=0.5)


async def label_all(uow: UnitOfWork, project: Path, intent: str) -> int:
    """Labels every open inbox group with one intent, as the admin page does."""
    added = 0
    async with uow() as session:
        for group in await review.open_groups(session):
            texts = await review.decide(session, group.key, intent, None)
            added += training_data.add_examples(intent, texts, project)
    return added


async def retrain(retraining: Retraining) -> NluModel:
    model_id = await retraining.start(None)
    await retraining.wait()
    async with retraining.uow.read() as session:
        return await session.get(NluModel, model_id)


async def make_live(uow: UnitOfWork, model: NluModel) -> None:
    """What ModelSwitch records once Rasa runs the model (the switch has its own test)."""
    async with uow() as session:
        row = await session.get(NluModel, model.id)
        row.status = "active"


async def test_labelled_messages_are_finetuned_in_and_pass_the_gate(
    uow: UnitOfWork, project: Path, tmp_path: Path
) -> None:
    retraining = Retraining(uow, project, tmp_path / "models", gate_margin=0.0)
    first = await retrain(retraining)
    assert (first.status, first.training) == ("candidate", "full")
    await make_live(uow, first)

    await tenant_says(
        uow,
        [
            "de buren tappen elke nacht bier op het balkon",
            "De buren tappen elke nacht bier, op het balkon!",
        ],
        guess="greet",
        confidence=0.31,
    )
    async with uow.read() as session:
        [group] = await review.open_groups(session)  # near-identical: one decision
    assert group.count == 2
    assert group.guess == "greet"
    assert group.reasons == ["lage zekerheid"]
    assert await label_all(uow, project, "nuisance") == 1  # the text shown, not each variant
    inbox = yaml.safe_load((project / training_data.INBOX_FILE).read_text())
    assert inbox["nlu"][0]["intent"] == "nuisance"
    assert inbox["nlu"][0]["examples"] == "- De buren tappen elke nacht bier, op het balkon!\n"

    second = await retrain(retraining)
    assert (second.status, second.training) == ("candidate", "finetune")
    assert "Alleen voorbeelden zijn veranderd" in second.why
    assert second.gate["passed"]
    assert second.gate["live"]["accuracy"] is not None
    assert set(second.metrics["f1"]) == {"greet", "report_repair", "nuisance"}
    assert second.progress == "Klaar"
    assert (tmp_path / "models" / second.file_name).exists()


async def test_a_worse_model_is_refused_and_a_new_pipeline_trains_in_full(
    uow: UnitOfWork, project: Path, tmp_path: Path
) -> None:
    retraining = Retraining(uow, project, tmp_path / "models", gate_margin=0.0)
    await make_live(uow, await retrain(retraining))

    # An admin labels complaints about neighbours as greetings: the model gets worse.
    wrong = [
        f"de {who} {what}"
        for who in ("buren", "bovenburen", "onderburen", "buurman")
        for what in ("maken veel herrie", "geven overlast", "maken lawaai", "blaffen hard")
    ]
    await tenant_says(uow, wrong, guess="nuisance", confidence=0.4)
    async with uow() as session:
        for group in await review.open_groups(session):
            texts = await review.decide(session, group.key, "greet", None)
            training_data.add_examples("greet", texts, project)
    refused = await retrain(retraining)
    assert refused.status == "refused"
    assert any("testvoorbeelden" in reason for reason in refused.gate["reasons"])
    assert refused.metrics["accuracy"] < refused.gate["live"]["accuracy"]

    config = project / "config.yml"
    config.write_text(config.read_text().replace("max_ngram: 4", "max_ngram: 5"))
    full = await retrain(retraining)
    assert full.training == "full"
    assert "config.yml" in full.why


async def test_a_model_with_the_projects_own_components_is_scored_for_the_gate() -> None:
    """The project's pipeline has components of its own (rasa_project/components): the gate's
    evaluation, a plain script in the Rasa environment, must load them as `rasa` does. It did
    not, so a model retrained on the desk could never pass the gate with the real project."""
    model = ensure_model()
    scored = await retraining._evaluate(RASA_PROJECT, [model], ["de kraan in de keuken lekt"])
    assert scored[str(model)]["accuracy"] > 0.9
    assert scored[str(model)]["texts"] == ["report_repair"]


def test_held_out_examples_are_not_in_the_training_data() -> None:
    project = training_data.RASA_PROJECT
    known = training_data.examples(project)
    heldout = yaml.safe_load((project / "tests" / "nlu_heldout.yml").read_text())
    texts = [
        line.strip().removeprefix("- ")
        for block in heldout["nlu"]
        for line in block["examples"].splitlines()
    ]
    assert len(texts) >= 100
    assert [t for t in texts if training_data.normalise(t) in known] == []
    intents = {i.name for i in training_data.intents(project)}
    assert {block["intent"] for block in heldout["nlu"]} == intents


def test_duplicates_and_contradictions_are_named() -> None:
    known = training_data.examples(SMALL_PROJECT)
    assert training_data.warning("Mijn kraan lekt!", "report_repair", known) == (
        "Staat al in de trainingsdata als report_repair."
    )
    assert "als report_repair: kies bewust" in training_data.warning(
        "mijn kraan lekt", "nuisance", known
    )
    assert training_data.warning("iets heel nieuws", "greet", known) is None


async def test_the_same_work_on_the_command_line(
    database_url: str, uow: UnitOfWork, project: Path, tmp_path: Path, capsys
) -> None:
    settings = make_settings(database_url)
    models = tmp_path / "models"

    async def command(*words: str) -> tuple[int, str]:
        code = await admin_cli.run(settings, words[0], list(words[1:]), project, models)
        return code, capsys.readouterr().out

    await tenant_says(uow, ["de vuilnisbak van de buren stinkt"], guess="greet", confidence=0.2)
    code, out = await command("inbox")
    assert code == 0
    assert '1. "de vuilnisbak van de buren stinkt" ×1  guess: greet (20%)' in out
    assert (await command("label", "1", "onzin"))[0] == 2  # not an intent
    code, out = await command("label", "1", "nuisance")
    assert code == 0
    assert "Added 1 example(s) as nuisance" in out
    assert "stinkt" in (project / training_data.INBOX_FILE).read_text()
    assert (await command("inbox"))[1].strip() == "The inbox is empty."

    code, out = await command("hertrain")
    assert code == 0
    assert "Klaar" in out
    assert "Put it live with: python -m handoff live" in out
    code, out = await command("modellen")
    assert code == 0
    assert "candidate full" in out.replace("  ", " ")
