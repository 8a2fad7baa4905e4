"""Labelling writes exactly what the admin saw: the group's shown text, not its hidden
variants (security review #7)."""

import shutil
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from handoff.nlu import examples as training_data
from handoff.nlu import inbox as review
from handoff.nlu.client import Understanding
from handoff.storage.database import create_engine, session_factory
from handoff.storage.directory_file import load_directory
from handoff.storage.tables import Contact, Message, ReviewItem
from handoff.storage.unit_of_work import UnitOfWork
from tests.conftest import TEST_EMPLOYEES

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


async def tenant_says(uow: UnitOfWork, *texts: str) -> None:
    async with uow() as session:
        contact = Contact(
            channel="web",
            external_id=uuid.uuid4().hex,
            display_name="Aysel Kaya",
            rasa_sender_id=uuid.uuid4().hex,
        )
        session.add(contact)
        await session.flush()
        for text in texts:
            message = Message(contact_id=contact.id, sender="tenant", text=text)
            session.add(message)
            await session.flush()
            understood = Understanding("nlu_fallback", 0.2, "greet", 0.2)
            await review.after_turn(session, DIRECTORY, message.id, understood, threshold=0.5)


async def test_only_the_shown_text_becomes_an_example(uow: UnitOfWork, project: Path) -> None:
    # The review's attack: variants that group with a plain text but carry markup.
    await tenant_says(
        uow, "kraan [huur overlast]{kraan}", "kraan huur overlast\x7f", "kraan huur overlast"
    )
    [group] = (await review.groups(uow))[0]
    assert group.count == 3
    assert group.text == "kraan huur overlast"
    async with uow.read() as session:
        stored = list(await session.scalars(select(ReviewItem.text).order_by(ReviewItem.id)))
    assert stored == ["kraan (huur overlast)(kraan)", "kraan huur overlast", "kraan huur overlast"]

    done = await review.label_group(uow, project, group.key, "nuisance", None, shown=group.shown)
    assert (done.decided, done.added) == (3, 1)
    inbox = yaml.safe_load((project / training_data.INBOX_FILE).read_text(encoding="utf-8"))
    assert inbox["nlu"] == [{"intent": "nuisance", "examples": "- kraan huur overlast\n"}]
    assert (await review.groups(uow))[0] == []


async def test_a_newer_variant_does_not_change_what_is_written(
    uow: UnitOfWork, project: Path
) -> None:
    await tenant_says(uow, "de buren zagen hout tot diep in de nacht")
    [group] = (await review.groups(uow))[0]  # the admin's page
    await tenant_says(
        uow, "De buren zagen hout... tot diep in de nacht!!"
    )  # arrives while the page is open
    await review.label_group(uow, project, group.key, "nuisance", None, shown=group.shown)
    inbox = yaml.safe_load((project / training_data.INBOX_FILE).read_text(encoding="utf-8"))
    assert inbox["nlu"][0]["examples"] == "- de buren zagen hout tot diep in de nacht\n"


async def test_a_group_decided_meanwhile_is_left_alone(uow: UnitOfWork, project: Path) -> None:
    await tenant_says(uow, "de buren maken lawaai")
    [group] = (await review.groups(uow))[0]
    await review.label_group(uow, project, group.key, None, None, shown=group.shown)  # ignored
    done = await review.label_group(uow, project, group.key, "nuisance", None, shown=group.shown)
    assert (done.decided, done.added) == (0, 0)
    assert not (project / training_data.INBOX_FILE).exists()


async def test_an_admin_takes_out_what_the_masker_missed_and_only_that_is_kept(
    uow: UnitOfWork, project: Path
) -> None:
    # "Storm" is a Dutch word too: the masker leaves it; the admin sees the name, replaces it.
    missed = "Storm heeft de ruit van de schuur ingegooid, het zoontje van de overburen"
    await tenant_says(uow, missed, missed)
    [group] = (await review.groups(uow))[0]
    assert group.text == missed
    assert group.count == 2
    corrected = missed.replace("Storm", "[naam]")
    done = await review.label_group(
        uow, project, group.key, "report_repair", None, shown=group.shown, corrected=corrected
    )
    assert (done.decided, done.added) == (2, 1)
    inbox = (project / training_data.INBOX_FILE).read_text(encoding="utf-8")
    assert "[naam] heeft de ruit" in inbox
    assert "Storm" not in inbox
    async with uow.read() as session:  # nor is it kept in the inbox's own table
        assert set(await session.scalars(select(ReviewItem.text))) == {corrected}
    # Taken back, the group is open again with the corrected text, and the example leaves.
    assert await review.take_back_group(uow, project, group.key) == 1
    [reopened] = (await review.groups(uow))[0]
    assert reopened.text == corrected


@pytest.mark.parametrize(
    "corrected",
    [
        "de lift is stuk, bel mij op 0612345678",  # words that were not there
        "de lift is stuk [naam](person)",  # an annotation Rasa would read
        "de lift is stuk stuk",  # a word twice that was there once
    ],
)
async def test_a_correction_that_adds_anything_decides_nothing(
    uow: UnitOfWork, project: Path, corrected: str
) -> None:
    await tenant_says(uow, "de lift is stuk")
    [group] = (await review.groups(uow))[0]
    with pytest.raises(review.InvalidCorrection):
        await review.label_group(
            uow, project, group.key, "report_repair", None, shown=group.shown, corrected=corrected
        )
    assert not (project / training_data.INBOX_FILE).exists()
    [still] = (await review.groups(uow))[0]
    assert (still.key, still.text) == (group.key, "de lift is stuk")
