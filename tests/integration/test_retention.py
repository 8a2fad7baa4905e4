"""The retention purge on a chosen clock: just inside a period stays, just outside goes; open
cases, pending outbox rows and unprocessed updates are never touched; a dry run changes
nothing and says the same; a replayed update is still refused after its payload went."""

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import insert, select

from handoff.domain.retention import Kind, RetentionPolicy
from handoff.services import intake, retention
from handoff.storage.database import create_engine, session_factory
from handoff.storage.directory_file import load_directory
from handoff.storage.rasa_trackers import EVENTS, METADATA, RasaTrackers
from handoff.storage.tables import (
    BackOfficeJob,
    Base,
    Case,
    Contact,
    ContactSenderId,
    Employee,
    Feedback,
    InboundUpdate,
    Message,
    OutboxMessage,
    PrivacyLog,
    ReviewItem,
    utcnow,
)
from handoff.storage.unit_of_work import UnitOfWork
from handoff.views.desk import team_figures
from tests.conftest import TEST_EMPLOYEES, make_settings
from tests.support.waiting import until_committed

NOW = utcnow().replace(microsecond=0)  # the clock the purge is given
SECOND = timedelta(seconds=1)


def days_ago(days: int, *, inside: bool) -> datetime:
    """A moment one second inside (kept) or outside (due) a period of `days` days."""
    return NOW - timedelta(days=days) + (SECOND if inside else -SECOND)


@pytest.fixture
async def uow(database_url: str) -> AsyncIterator[UnitOfWork]:
    engine = create_engine(database_url)
    yield UnitOfWork(session_factory(engine), serialize_writes=engine.dialect.name == "sqlite")
    await engine.dispose()


@pytest.fixture
def policy(database_url: str) -> RetentionPolicy:
    return make_settings(database_url).retention  # the defaults: 7, 180, 90, 30, 30, 730


async def scene(uow: UnitOfWork, policy: RetentionPolicy) -> dict[str, int]:
    """A year of data around every period's edge; returns the rows' ids by name."""
    conversations = policy.conversations.days
    ids: dict[str, int] = {}
    async with uow() as session:
        owner = Employee(name="Fatima el Amrani")
        old = Contact(channel="telegram", external_id="1", display_name="Anna", rasa_sender_id="a")
        waiting = Contact(channel="web", external_id="2", display_name="Bram", rasa_sender_id="b")
        session.add_all([owner, old, waiting])
        await session.flush()

        def case(name: str, contact: Contact, status: str, closed_at: datetime | None) -> Case:
            row = Case(
                contact_id=contact.id,
                owner_id=owner.id,
                topic="report_repair",
                summary=f"de kraan lekt ({name})",
                summary_confirmed=True,
                details={"postcode": "1011AB", "house_number": "12"},
                flags=["spoed"],
                routing_reason="team Reparaties",
                status=status,
                opened_at=NOW - timedelta(days=400),
                assigned_at=NOW - timedelta(days=400),
                first_answer_at=NOW - timedelta(days=400) + timedelta(hours=2),
                transfers=1,
                closed_at=closed_at,
                language="tr",  # it may tell where the tenant is from: it goes with the words
            )
            session.add(row)
            return row

        cases = {
            "closed_due": case("due", old, "closed", days_ago(conversations, inside=False)),
            "closed_kept": case("kept", old, "closed", days_ago(conversations, inside=True)),
            "open": case("open", waiting, "open", None),  # opened 400 days ago, still open
        }
        await session.flush()
        session.add(Feedback(case_id=cases["closed_due"].id, owner_id=owner.id, felt_heard=4,
                             explained_more_than_once=False))  # fmt: skip
        # What the back office was asked for each closed case: it goes with the conversation.
        session.add_all(
            BackOfficeJob(kind="repair", case_id=cases[name].id, contact_id=old.id,
                          reference=f"job-{name}", status="done", external_id="OV-1")
            for name in ("closed_due", "closed_kept")
        )  # fmt: skip

        long_ago = NOW - timedelta(days=400)
        messages = {
            "of_closed_due": Message(contact_id=old.id, case_id=cases["closed_due"].id,
                                     sender="tenant", text="lekt", created_at=long_ago),
            "note_of_closed_due": Message(contact_id=old.id, case_id=cases["closed_due"].id,
                                          sender="note", employee_id=owner.id, text="loodgieter",
                                          created_at=long_ago),
            "of_closed_kept": Message(contact_id=old.id, case_id=cases["closed_kept"].id,
                                      sender="tenant", text="nog steeds", created_at=long_ago),
            "of_open": Message(contact_id=waiting.id, case_id=cases["open"].id,
                               sender="tenant", text="wanneer komt u", created_at=long_ago),
            "caseless_due": Message(contact_id=old.id, sender="tenant", text="hallo",
                                    created_at=days_ago(conversations, inside=False)),
            "caseless_kept": Message(contact_id=old.id, sender="tenant", text="hoi",
                                     created_at=days_ago(conversations, inside=True)),
        }  # fmt: skip
        session.add_all(messages.values())
        await session.flush()

        review = policy.review_items.days

        def item(name: str, message: str, created_at: datetime) -> ReviewItem:
            return ReviewItem(
                message_id=messages[message].id,
                contact_id=messages[message].contact_id,
                text=name,
                group_key=name,
                created_at=created_at,
            )

        items = {
            "item_due": item("due", "caseless_kept", days_ago(review, inside=False)),
            "item_kept": item("kept", "of_open", days_ago(review, inside=True)),
            # New, but its message goes: it goes with it.
            "item_of_due_message": item("with", "of_closed_due", NOW - timedelta(days=1)),
        }
        session.add_all(items.values())

        raw = policy.raw_updates.days

        def update(
            name: str, processed_at: datetime | None, payload: dict[str, Any]
        ) -> InboundUpdate:
            return InboundUpdate(
                channel="telegram",
                update_id=name,
                contact_id=old.id,
                payload=payload,
                received_at=(processed_at or NOW - timedelta(days=30)) - SECOND,
                processed_at=processed_at,
            )

        message = {"update_id": 1, "message": {"text": "lekt", "from": {"first_name": "Anna"}}}
        updates = {
            "update_due": update("1", days_ago(raw, inside=False), message),
            "update_kept": update("2", days_ago(raw, inside=True), message),
            "update_unprocessed": update("3", None, message),  # Recovery still needs it
            "update_blank": update("4", NOW - timedelta(days=300), {}),  # purged before
            # Given up on after its tries, never processed: as finished as a processed one.
            "update_dead_due": update("5", None, message),
            "update_dead_kept": update("6", None, message),
        }
        updates["update_dead_due"].dead_at = days_ago(raw, inside=False)
        updates["update_dead_kept"].dead_at = days_ago(raw, inside=True)
        session.add_all(updates.values())

        kept_days = policy.outbox.days

        def out(status: str, created_at: datetime, case: str | None = None) -> OutboxMessage:
            return OutboxMessage(
                channel="telegram",
                chat_id="1",
                contact_id=old.id,
                case_id=cases[case].id if case else None,
                text="Uw vraag is bij Fatima",
                document_name="gesprek.txt",
                document_body="Huurder: lekt",
                status=status,
                created_at=created_at,
            )

        outbox = {
            "sent_due": out("sent", days_ago(kept_days, inside=False)),
            "sent_kept": out("sent", days_ago(kept_days, inside=True)),
            "failed_due": out("failed", days_ago(kept_days, inside=False)),
            "pending_old": out("pending", long_ago),  # never, however old
            "sent_of_open_case": out("sent", long_ago, "open"),  # its owner may reply to it
            "sent_of_closed_case": out("sent", long_ago, "closed_due"),
        }
        session.add_all(outbox.values())
        await session.flush()
    for group in (cases, messages, items, updates, outbox):
        ids.update({name: row.id for name, row in group.items()})
    return ids


DUE = {
    Kind.RAW_UPDATES: 2,  # update_due, update_dead_due
    Kind.REVIEW_ITEMS: 2,  # item_due, item_of_due_message
    Kind.MESSAGES: 3,  # of_closed_due, note_of_closed_due, caseless_due
    Kind.CASES: 1,
    Kind.OUTBOX: 3,  # sent_due, failed_due, sent_of_closed_case
    Kind.CONTACTS: 0,  # both still have a kept case
    Kind.RASA_TRACKERS: None,  # not connected
    Kind.AUDIT_LOG: None,
}


async def snapshot(uow: UnitOfWork) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to see that a dry run changed nothing."""
    tables = {}
    async with uow.read() as session:
        for table in Base.metadata.sorted_tables:
            rows = await session.execute(select(table).order_by(*table.primary_key.columns))
            tables[table.name] = [tuple(row) for row in rows.all()]
    return tables


async def ids_of(uow: UnitOfWork, table: type[Base]) -> set[int]:
    async with uow.read() as session:
        return set(await session.scalars(select(table.id)))  # type: ignore[attr-defined]  # every table has an id


async def test_a_dry_run_changes_nothing_and_says_what_the_purge_does(
    uow: UnitOfWork, policy: RetentionPolicy
) -> None:
    await scene(uow, policy)
    before = await snapshot(uow)
    assert await retention.purge(uow, policy, now=NOW, dry_run=True) == DUE
    assert await snapshot(uow) == before
    assert await retention.purge(uow, policy, now=NOW, batch=2) == DUE  # in several batches
    assert await retention.purge(uow, policy, now=NOW, dry_run=True) == {
        kind: None if count is None else 0 for kind, count in DUE.items()
    }


async def test_just_inside_stays_and_just_outside_goes(
    uow: UnitOfWork, policy: RetentionPolicy
) -> None:
    ids = await scene(uow, policy)
    await retention.purge(uow, policy, now=NOW, batch=2)

    assert await ids_of(uow, Message) == {
        ids["of_closed_kept"],
        ids["of_open"],
        ids["caseless_kept"],
    }
    assert await ids_of(uow, ReviewItem) == {ids["item_kept"]}
    assert await ids_of(uow, OutboxMessage) == {
        ids["sent_kept"],
        ids["pending_old"],
        ids["sent_of_open_case"],
    }
    async with uow.read() as session:
        payloads = dict(
            (await session.execute(select(InboundUpdate.update_id, InboundUpdate.payload))).all()
        )
        assert payloads["1"] == {}  # blanked, the row stays
        assert payloads["2"]["message"]["text"] == "lekt"
        assert payloads["3"]["message"]["text"] == "lekt"  # not processed: untouched
        assert payloads["5"] == {}
        assert payloads["6"]["message"]["text"] == "lekt"  # dead ones

        purged = await session.get(Case, ids["closed_due"])
        assert purged is not None
        assert (purged.summary, purged.details, purged.language) == ("", {}, "nl")
        assert (purged.topic, purged.transfers, purged.flags) == ("report_repair", 1, ["spoed"])
        assert await session.scalar(select(Feedback.felt_heard)) == 4
        assert set(await session.scalars(select(BackOfficeJob.reference))) == {"job-closed_kept"}
        for name in ("closed_kept", "open"):
            case = await session.get(Case, ids[name])
            assert case is not None
            assert case.summary == f"de kraan lekt ({name.split('_')[-1]})"
            assert case.details == {"postcode": "1011AB", "house_number": "12"}
            assert case.language == "tr"


async def test_a_replayed_update_is_still_refused_after_its_payload_went(
    uow: UnitOfWork, policy: RetentionPolicy
) -> None:
    await scene(uow, policy)
    await retention.purge(uow, policy, now=NOW)
    assert await intake.store(uow, "telegram", "1", {"update_id": 1}) is False


async def test_the_team_figures_are_the_same_after_the_purge(
    uow: UnitOfWork, policy: RetentionPolicy
) -> None:
    await scene(uow, policy)
    directory = load_directory(TEST_EMPLOYEES)
    before = await team_figures(uow, directory, days=500)
    await retention.purge(uow, policy, now=NOW)
    assert await team_figures(uow, directory, days=500) == before


class FakeStore:
    """A tracker store or audit log that remembers what it was asked."""

    def __init__(self, due: int) -> None:
        self.due = due
        self.asked: list[tuple[str, datetime]] = []

    async def count_before(self, cutoff: datetime) -> int:
        self.asked.append(("count", cutoff))
        return self.due

    async def delete_before(self, cutoff: datetime) -> int:
        self.asked.append(("delete", cutoff))
        due, self.due = self.due, 0
        return due


async def test_the_tracker_store_and_audit_log_get_their_own_cutoffs(
    uow: UnitOfWork, policy: RetentionPolicy
) -> None:
    trackers, audit = FakeStore(5), FakeStore(2)
    outside = retention.Outside(rasa_trackers=trackers, audit_log=audit)
    dry = await retention.purge(uow, policy, now=NOW, dry_run=True, outside=outside)
    done = await retention.purge(uow, policy, now=NOW, outside=outside)
    assert (dry[Kind.RASA_TRACKERS], dry[Kind.AUDIT_LOG]) == (5, 2)
    assert (done[Kind.RASA_TRACKERS], done[Kind.AUDIT_LOG]) == (5, 2)
    assert trackers.asked == [
        ("count", NOW - timedelta(days=30)),
        ("delete", NOW - timedelta(days=30)),
    ]
    assert audit.asked == [
        ("count", NOW - timedelta(days=730)),
        ("delete", NOW - timedelta(days=730)),
    ]


async def test_the_app_purges_soon_after_it_starts(
    uow: UnitOfWork, policy: RetentionPolicy
) -> None:
    await intake.store(uow, "telegram", "7", {"update_id": 7, "message": {"text": "x"}})
    async with uow() as session:
        row = await session.scalar(select(InboundUpdate))
        assert row is not None
        row.processed_at = utcnow() - policy.raw_updates - timedelta(minutes=1)
    stop = asyncio.Event()
    watching = asyncio.create_task(retention.watch(uow, policy, stop, first_after=0))

    async def blanked() -> bool:
        async with uow.read() as session:
            return await session.scalar(select(InboundUpdate.payload)) == {}

    await until_committed(uow, blanked)
    stop.set()
    await asyncio.wait_for(watching, 5)
    async with uow.read() as session:
        assert await session.scalar(select(InboundUpdate.payload)) == {}


async def test_the_tracker_store_and_the_audit_log_go_after_their_periods(
    uow: UnitOfWork, policy: RetentionPolicy, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'trackers.db'}"
    engine = create_sync_engine(url)
    METADATA.create_all(engine)
    old = (NOW - policy.rasa_trackers - SECOND).timestamp()
    recent = (NOW - policy.rasa_trackers + SECOND).timestamp()
    with engine.begin() as connection:
        for sender, stamps in {"gone": [old - 60, old], "kept": [old, recent]}.items():
            for stamp in stamps:
                connection.execute(
                    insert(EVENTS).values(
                        sender_id=sender, type_name="user", timestamp=stamp, data="{}"
                    )
                )
    engine.dispose()
    async with uow() as session:
        for inside in (True, False):
            at = NOW - policy.audit_log + (SECOND if inside else -SECOND)
            session.add(
                PrivacyLog(at=at, contact_id=1, label="huurder 1", action="export", via="desk")
            )
    trackers = RasaTrackers(url)
    outside = retention.Outside(
        rasa_trackers=retention.TrackerStoreAge(trackers), audit_log=retention.AuditLogAge(uow)
    )
    dry = await retention.purge(uow, policy, now=NOW, dry_run=True, outside=outside)
    assert (dry[Kind.RASA_TRACKERS], dry[Kind.AUDIT_LOG]) == (1, 1)
    done = await retention.purge(uow, policy, now=NOW, outside=outside)
    assert (done[Kind.RASA_TRACKERS], done[Kind.AUDIT_LOG]) == (1, 1)
    assert {event.sender_id for event in await trackers.events(["gone", "kept"])} == {"kept"}
    assert len(await trackers.events(["kept"])) == 2  # a conversation goes whole, or not at all
    async with uow.read() as session:
        assert len((await session.scalars(select(PrivacyLog.id))).all()) == 1
    await trackers.close()


async def contacts_scene(uow: UnitOfWork, policy: RetentionPolicy) -> dict[str, int]:
    """Contacts a year old, each with one thing that may or may not keep it; returns their ids."""
    conversations, long_ago = policy.conversations.days, NOW - timedelta(days=400)
    outside, inside = (days_ago(conversations, inside=flag) for flag in (False, True))
    async with uow() as session:
        owner = Employee(name="Fatima el Amrani")
        session.add(owner)
        names = ["telegram_done", "web_done", "nothing_ever", "case_closed_recently",
                 "open_case", "recent_message", "unprocessed_update", "pending_outbox",
                 "new_review_item", "new", "erased"]  # fmt: skip
        contacts = {
            name: Contact(
                channel="web" if name == "web_done" else "telegram",
                external_id=f"chat-{name}",
                display_name=f"Naam {name}",
                rasa_sender_id=f"sender-{name}",
                created_at=inside if name == "new" else long_ago,
            )
            for name in names
        }
        contacts["erased"].erased_at = long_ago
        session.add_all(contacts.values())
        await session.flush()
        for name, contact in contacts.items():
            session.add(ContactSenderId(contact_id=contact.id, sender_id=f"old-{name}"))
            update = InboundUpdate(channel=contact.channel, update_id=f"chat-{name}:1",
                                   contact_id=contact.id, payload={"text": "lekt"},
                                   received_at=long_ago, processed_at=long_ago)  # fmt: skip
            if name == "unprocessed_update":
                update.processed_at = None
            session.add(update)
            if name in ("nothing_ever", "new", "erased"):
                continue
            closed = inside if name == "case_closed_recently" else outside
            case = Case(contact_id=contact.id, owner_id=owner.id, topic="report_repair",
                        summary="de kraan lekt", summary_confirmed=True, details={},
                        routing_reason="team Reparaties", opened_at=long_ago,
                        assigned_at=long_ago, first_answer_at=long_ago,
                        status="open" if name == "open_case" else "closed",
                        closed_at=None if name == "open_case" else closed)  # fmt: skip
            session.add(case)
            await session.flush()
            session.add(Feedback(case_id=case.id, owner_id=owner.id, felt_heard=5,
                                 explained_more_than_once=False))  # fmt: skip
            if name in ("case_closed_recently", "open_case"):
                continue  # the case alone keeps it
            message = Message(contact_id=contact.id, case_id=case.id, sender="tenant",
                              text="lekt", created_at=long_ago)  # fmt: skip
            session.add(message)
            session.add(OutboxMessage(channel=contact.channel, chat_id=contact.external_id,
                                      contact_id=contact.id, case_id=case.id, text="Dank u",
                                      status="pending" if name == "pending_outbox" else "sent",
                                      created_at=long_ago))  # fmt: skip
            if name == "recent_message":
                session.add(Message(contact_id=contact.id, sender="tenant", text="hallo",
                                    created_at=inside))  # fmt: skip
            if name == "new_review_item":  # goes with its message
                await session.flush()
                new = NOW - timedelta(days=1)
                session.add(ReviewItem(message_id=message.id, contact_id=contact.id, text="x",
                                       group_key="x", created_at=new))  # fmt: skip
        await session.flush()
        return {name: contact.id for name, contact in contacts.items()}


async def test_a_contact_with_nothing_left_loses_its_chat_id_and_name(
    uow: UnitOfWork, policy: RetentionPolicy
) -> None:
    ids = await contacts_scene(uow, policy)
    directory = load_directory(TEST_EMPLOYEES)
    figures = await team_figures(uow, directory, days=500)
    # These have nothing left after the purge (a review item goes with its message, however
    # new): the others keep their row as it was, each for one reason. The dry run counts what
    # the purge then does.
    done = {"telegram_done", "web_done", "nothing_ever", "new_review_item"}
    dry = await retention.purge(uow, policy, now=NOW, dry_run=True)
    assert dry[Kind.CONTACTS] == 4
    assert (await retention.purge(uow, policy, now=NOW, batch=2))[Kind.CONTACTS] == 4

    async with uow.read() as session:
        rows = {row.id: row for row in await session.scalars(select(Contact))}
        senders = set(await session.scalars(select(ContactSenderId.sender_id)))
        update_ids = set(await session.scalars(select(InboundUpdate.update_id)))
        feedback = list(await session.scalars(select(Feedback.felt_heard)))
        cases = list(await session.scalars(select(Case.contact_id)))
    for name, contact_id in ids.items():
        row = rows[contact_id]
        if name in done:
            gone = f"verlopen-{contact_id}"
            assert (row.external_id, row.rasa_sender_id, row.display_name) == (gone, gone, "")
            assert row.erased_at is not None
            assert f"old-{name}" not in senders
        elif name != "erased":
            assert (row.external_id, row.display_name) == (f"chat-{name}", f"Naam {name}")
            assert row.erased_at is None
            assert f"old-{name}" in senders
    # The web chat's update ids held the chat id; Telegram's are Telegram's own numbers.
    assert "chat-web_done:1" not in update_ids
    assert "chat-telegram_done:1" in update_ids
    assert feedback == [5] * 8
    assert cases.count(ids["telegram_done"]) == 1  # the figures stay
    assert await team_figures(uow, directory, days=500) == figures
    assert (await retention.purge(uow, policy, now=NOW, dry_run=True))[Kind.CONTACTS] == 0
    assert await intake.store(uow, "telegram", "chat-telegram_done:1", {}) is False
