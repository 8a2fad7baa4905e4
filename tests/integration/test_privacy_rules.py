"""A tenant's rights under the AVG without a trained model, on both channels and databases:
/mijngegevens gives them everything Aandacht keeps (messages, cases with owners and notes,
feedback, what Rasa stored for every sender id), /vergeetmij leaves nothing of them in any
table, the tracker store or inbox.yml, and the admins do the same on the desk, logged.
tests/e2e/test_privacy.py proves the erasure against the real Rasa's tracker store."""

import asyncio
import re
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import create_engine, func, insert, select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.nlu import examples
from handoff.nlu import inbox as review
from handoff.services import privacy
from handoff.storage.rasa_trackers import EVENTS, METADATA, Pruned, RasaTrackers
from handoff.storage.tables import Case, Contact, ContactSenderId, OutboxMessage, PrivacyLog
from tests.conftest import FATIMA, quick_settings
from tests.factories import open_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa
from tests.support.desk import DeskUser
from tests.support.templates import fixed_part
from tests.support.tenants import TelegramTenant, WebTenant
from tests.support.trackers import events_of, found_anywhere, record_like_rasa, tracker_texts
from tests.support.waiting import until_committed

SMALL_PROJECT = Path(__file__).parents[1] / "data" / "small_rasa_project"
TENANT = FakeUser(7712345, "Wilhelmina", "Zonnebloem")
FIRST = "mijn voordeur klemt sinds de storm van dinsdag"
UNSURE = "het balkonhek wiebelt bij harde wind"
LATER = "de lift in ons portiek staat stil"
NOTE = "Huurder liever bellen na vijf uur"
ANSWER = "Ik kom donderdag de voordeur bekijken"
POSTCODE, HOUSE_NUMBER = "1011 AB", "17"
KEPT_POSTCODE = "1011AB"  # as the case keeps it (the BAG's form)


@dataclass
class App:
    runtime: Runtime
    trackers_url: str
    project: Path

    async def until(self, check: Callable[[], Awaitable[bool]]) -> None:
        """Waits, commit by commit, until the check holds."""
        await until_committed(self.runtime.uow, check)


@pytest.fixture
async def app(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa, tmp_path: Path
) -> AsyncIterator[App]:
    """The quick app with its own tracker store and a copy of a Rasa project (inbox.yml)."""
    project = tmp_path / "rasa_project"
    shutil.copytree(SMALL_PROJECT, project)
    trackers_url = f"sqlite:///{tmp_path / 'trackers.db'}"
    settings = quick_settings(
        database_url, bot_api, fake_rasa, rasa_tracker_store_url=trackers_url
    )
    runtime = Runtime(settings, escalation_interval=3600, rasa_project=project)
    await runtime.start()
    await runtime.rasa_ready.wait()
    yield App(runtime, trackers_url, project)
    await runtime.stop()


@pytest.fixture
async def http(app: App) -> AsyncIterator[aiohttp.ClientSession]:
    # unsafe=True: keep cookies from an IP address (127.0.0.1), as browsers do.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


def base(app: App) -> str:
    return f"http://127.0.0.1:{app.runtime.web_port}"


class Chat:
    """The tenant on one channel, with what differs: who they are and how a file arrives."""

    def __init__(self, app: App, bot_api: FakeBotApi, http: aiohttp.ClientSession, channel: str):
        self.app, self.bot_api, self.channel = app, bot_api, channel
        if channel == "telegram":
            self.tenant: TelegramTenant | WebTenant = TelegramTenant(bot_api, TENANT)
        else:
            self.tenant = WebTenant(http, base(app))
        self.http = http

    async def open(self) -> None:
        if isinstance(self.tenant, WebTenant):
            await self.tenant.open()

    @property
    def who(self) -> FakeUser | WebTenant:
        return TENANT if isinstance(self.tenant, TelegramTenant) else self.tenant

    @property
    def chat_id(self) -> str:
        return str(TENANT.id) if isinstance(self.tenant, TelegramTenant) else self.tenant.chat_id

    def needles(self) -> list[str]:
        """What must be gone afterwards: their words, name, chat id and address."""
        found = [FIRST, UNSURE, LATER, NOTE, ANSWER, POSTCODE, KEPT_POSTCODE, self.chat_id]
        if self.channel == "telegram":
            found += ["Wilhelmina", "Zonnebloem"]
        return found

    async def my_data(self) -> str:
        """/mijngegevens: the document on Telegram, the download link in the web chat."""
        start = len(self.bot_api.sent)
        await self.tenant.say("/mijngegevens")
        if isinstance(self.tenant, TelegramTenant):
            sent = await self.bot_api.wait_for(
                lambda m: m.chat_id == TENANT.id and m.method == "sendDocument", start=start
            )
            assert sent.text == texts.MY_DATA_CAPTION
            assert sent.document_name == texts.EXPORT_FILE_NAME
            assert sent.document_body
            return sent.document_body.decode()
        told = await self.tenant.expect(fixed_part(texts.MY_DATA_WEB))
        assert privacy.WEB_DOWNLOAD in told.text
        async with self.http.get(f"{base(self.app)}{privacy.WEB_DOWNLOAD}") as response:
            assert response.status == 200
            assert "attachment" in response.headers["Content-Disposition"]
            return await response.text()


@pytest.fixture(params=["telegram", "web"])
async def chat(
    request: pytest.FixtureRequest, app: App, bot_api: FakeBotApi, http: aiohttp.ClientSession
) -> Chat:
    found = Chat(app, bot_api, http, request.param)
    await found.open()
    return found


async def a_history(app: App, bot_api: FakeBotApi, fake_rasa: FakeRasa, chat: Chat) -> int:
    """A case with an answer, a note and feedback; a message Rasa was unsure of (labelled into
    inbox.yml); then a second, open case. Returns the open case's id."""
    runtime = app.runtime
    case = await open_case(
        runtime,
        bot_api,
        fake_rasa,
        tenant=chat.who,
        summary=FIRST,
        postcode=POSTCODE,
        house_number=HOUSE_NUMBER,
    )
    assert case.owner == "Fatima el Amrani"
    assert case.notification is not None
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as desk_http:
        fatima = DeskUser(desk_http, base(app))
        await fatima.log_in(runtime, "Fatima el Amrani")
        await fatima.post(f"/desk/cases/{case.id}/note", text=NOTE)
    bot_api.send_text(FATIMA, ANSWER, reply_to=case.notification)
    await chat.tenant.expect(ANSWER)
    bot_api.press_button(FATIMA, case.notification, f"close:{case.id}")
    await bot_api.wait_for(lambda m: m.chat_id == FATIMA.id and m.buttons() != [])
    bot_api.press_button(FATIMA, case.notification, f"close!:{case.id}")
    heard = await chat.tenant.expect(texts.FEEDBACK_HEARD)
    await chat.tenant.press(heard, f"feedback:heard:{case.id}:4")
    repeated = await chat.tenant.expect(texts.FEEDBACK_REPEATED)
    await chat.tenant.press(repeated, f"feedback:repeated:{case.id}:nee")
    await chat.tenant.expect(texts.FEEDBACK_THANKS)

    fake_rasa.reply_to(UNSURE, text=ASSISTANT_REPLY, intent="report_repair", confidence=0.3)
    await chat.tenant.say(UNSURE)
    await chat.tenant.expect(ASSISTANT_REPLY)
    async with runtime.uow.read() as session:
        [group] = await review.open_groups(session)
    await review.label_group(runtime.uow, app.project, group.key, "report_repair", None)
    assert UNSURE in (app.project / examples.INBOX_FILE).read_text()

    second = await open_case(runtime, bot_api, fake_rasa, tenant=chat.who, summary=LATER)
    record_like_rasa(app.trackers_url, fake_rasa, ASSISTANT_REPLY)
    return second.id


async def sender_ids_of(app: App) -> list[str]:
    async with app.runtime.uow.read() as session:
        return list(await session.scalars(select(ContactSenderId.sender_id)))


async def test_a_tenant_gets_everything_kept_about_them_and_then_is_forgotten(
    app: App, bot_api: FakeBotApi, fake_rasa: FakeRasa, chat: Chat
) -> None:
    open_id = await a_history(app, bot_api, fake_rasa, chat)
    senders = await sender_ids_of(app)
    assert len(senders) == 2  # closing the first case gave a new conversation; both are kept
    assert set(fake_rasa.senders()) == set(senders)

    document = await chat.my_data()
    assert texts.EXPORT_TITLE in document
    assert texts.EXPORT_INTRO in document
    for expected in (FIRST, UNSURE, ANSWER, NOTE, LATER, "Fatima el Amrani", "4/5"):
        assert expected in document, expected
    # The address as the case keeps it, in the BAG's parts.
    assert f"Postcode: {KEPT_POSTCODE}\nHuisnummer: {HOUSE_NUMBER}\n" in document
    for sender in senders:  # what Rasa stored, for every conversation
        assert sender in document
    assert f"{texts.EVENT_LABELS['user']}: {UNSURE}" in document
    assert f"{texts.EVENT_LABELS['bot']}: {ASSISTANT_REPLY}" in document

    start = len(bot_api.sent)
    await chat.tenant.say("/vergeetmij")
    asked = await chat.tenant.expect(texts.FORGET_ASK)
    assert [payload for _, payload in asked.buttons] == [privacy.FORGET_YES, privacy.FORGET_NO]
    await chat.tenant.press(asked, privacy.FORGET_YES)
    await chat.tenant.expect(texts.FORGOTTEN)
    told = texts.FORGOTTEN_OWNER.format(case_id=open_id)
    await bot_api.wait_for(lambda m: m.chat_id == FATIMA.id and m.text == told, start=start)

    async def farewell_forgotten() -> bool:
        async with app.runtime.uow.read() as session:
            left = await session.scalar(
                select(func.count(OutboxMessage.id)).where(OutboxMessage.forget_when_sent)
            )
        return left == 0

    await app.until(farewell_forgotten)
    assert await found_anywhere(app.runtime, chat.needles()) == []
    assert events_of(app.trackers_url, senders) == 0
    everything = tracker_texts(app.trackers_url)
    assert not [needle for needle in chat.needles() if needle in everything]
    inbox = app.project / examples.INBOX_FILE
    assert not inbox.exists() or UNSURE not in inbox.read_text(encoding="utf-8")
    async with app.runtime.uow.read() as session:
        cases = list(await session.scalars(select(Case).order_by(Case.id)))
        log = list(await session.scalars(select(PrivacyLog).order_by(PrivacyLog.id)))
    # What the figures need stays: topic, owner, times; the open case is closed.
    assert [(c.topic, c.status, c.summary) for c in cases] == [("report_repair", "closed", "")] * 2
    assert [(entry.action, entry.via, entry.employee_id) for entry in log] == [
        ("export", chat.channel, None),
        ("erase", chat.channel, None),
    ]

    # Writing again starts afresh, as a new tenant.
    await chat.tenant.say("hallo")
    await chat.tenant.expect(ASSISTANT_REPLY)
    async with app.runtime.uow.read() as session:
        contacts = list(await session.scalars(select(Contact).order_by(Contact.id)))
    assert [c.erased_at is not None for c in contacts] == [True, False]


async def test_vergeetmij_without_confirming_changes_nothing(
    app: App, bot_api: FakeBotApi, fake_rasa: FakeRasa, chat: Chat
) -> None:
    await a_history(app, bot_api, fake_rasa, chat)
    senders = await sender_ids_of(app)
    kept = events_of(app.trackers_url, senders)

    if isinstance(chat.tenant, WebTenant):  # a forged answer to a question never asked
        await chat.tenant.say(payload=privacy.FORGET_YES, title=texts.FORGET_YES)
    await chat.tenant.say("/vergeetmij")
    asked = await chat.tenant.expect(texts.FORGET_ASK)
    await chat.tenant.say("toch maar niet")  # not an answer: goes to the owner of the case
    await chat.tenant.say("/status")
    await chat.tenant.expect("ligt bij Fatima el Amrani")
    await chat.tenant.say("/vergeetmij")
    asked = await chat.tenant.expect(texts.FORGET_ASK)
    await chat.tenant.press(asked, privacy.FORGET_NO)
    await chat.tenant.expect(texts.FORGET_KEPT)

    assert events_of(app.trackers_url, senders) == kept
    assert await sender_ids_of(app) == senders
    found = await found_anywhere(app.runtime, [FIRST, NOTE, ANSWER, LATER, KEPT_POSTCODE])
    for table in ("messages.text", "cases.summary", "cases.details", "inbound_updates.payload"):
        assert any(line.startswith(table) for line in found), table
    async with app.runtime.uow.read() as session:
        [contact] = await session.scalars(select(Contact))
        statuses = list(await session.scalars(select(Case.status).order_by(Case.id)))
        erased = await session.scalar(
            select(func.count(PrivacyLog.id)).where(PrivacyLog.action == "erase")
        )
    assert contact.erased_at is None
    assert contact.external_id == chat.chat_id
    assert statuses == ["closed", "open"]
    assert erased == 0
    assert UNSURE in (app.project / examples.INBOX_FILE).read_text(encoding="utf-8")


LogIn = Callable[[str], Awaitable[DeskUser]]


@pytest.fixture
async def desk(app: App) -> AsyncIterator[LogIn]:
    sessions: list[aiohttp.ClientSession] = []

    async def log_in(name: str) -> DeskUser:
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        sessions.append(http)
        user = DeskUser(http, base(app))
        await user.log_in(app.runtime, name)
        return user

    yield log_in
    for http in sessions:
        await http.close()


async def status_of(user: DeskUser, method: str, path: str, **form: str) -> int:
    async with user.http.request(method, f"{user.base}{path}", data=form or None) as response:
        return response.status


async def test_admins_find_export_and_erase_a_tenant_on_the_desk_and_it_is_logged(
    app: App, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn, http: aiohttp.ClientSession
) -> None:
    chat = Chat(app, bot_api, http, "telegram")
    open_id = await a_history(app, bot_api, fake_rasa, chat)
    senders = await sender_ids_of(app)
    async with app.runtime.uow.read() as session:
        contact_id = await session.scalar(select(Contact.id))
    kees, fatima = await desk("Kees Visser"), await desk("Fatima el Amrani")  # admin, not

    for path in ("/admin/privacy", f"/admin/privacy/{contact_id}/wissen"):
        assert await status_of(fatima, "GET", path) == 403
    for path in (f"/admin/privacy/{contact_id}/download", f"/admin/privacy/{contact_id}/wissen"):
        assert await status_of(fatima, "POST", path, csrf=fatima.csrf, zeker="ja") == 403
        assert await status_of(kees, "POST", path, zeker="ja") == 403  # without the CSRF token

    for query in ("Zonnebloem", str(TENANT.id), "1011ab", "1011 AB"):
        page = await kees.get(f"/admin/privacy?zoek={query}")
        assert f"/admin/privacy/{contact_id}/download" in page, query
    assert f"/admin/privacy/{contact_id}/" not in await kees.get("/admin/privacy?zoek=Jansen")

    response = await kees.post(f"/admin/privacy/{contact_id}/download")
    assert response.status == 200
    document = await response.text()
    assert FIRST in document
    assert NOTE in document
    assert "Fatima el Amrani" in document
    assert all(sender in document for sender in senders)

    response = await kees.post(f"/admin/privacy/{contact_id}/wissen")  # not ticked: nothing
    assert response.url.path == f"/admin/privacy/{contact_id}/wissen"
    assert texts.PRIVACY_SURE_NEEDED in await response.text()
    assert await found_anywhere(app.runtime, [FIRST]) != []

    start = len(bot_api.sent)
    response = await kees.post(f"/admin/privacy/{contact_id}/wissen", zeker="ja")
    assert response.url.path == "/admin/privacy"
    label = texts.PRIVACY_LABEL.format(contact_id=contact_id, channel="telegram")
    assert texts.PRIVACY_ERASED.format(label=label) in await response.text()
    told = texts.FORGOTTEN_OWNER.format(case_id=open_id)
    await bot_api.wait_for(lambda m: m.chat_id == FATIMA.id and m.text == told, start=start)
    assert await found_anywhere(app.runtime, chat.needles()) == []
    assert events_of(app.trackers_url, senders) == 0
    gone = f"/admin/privacy/{contact_id}/download"
    assert await status_of(kees, "POST", gone, csrf=kees.csrf) == 404

    page = await kees.get("/admin/privacy")
    log = page[page.index('id="privacy-log"') :]
    assert log.count("Kees Visser") == 2
    assert log.count(label) == 2
    assert texts.PRIVACY_ACTIONS["export"] in log
    assert texts.PRIVACY_ACTIONS["erase"] in log
    assert "Zonnebloem" not in page


def test_the_tracker_store_may_not_exist_yet(tmp_path: Path) -> None:
    """Before Rasa's first conversation there is no file, or no table: nothing to do."""

    async def check(url: str) -> None:
        trackers = RasaTrackers(url)
        assert await trackers.events(["a"]) == []
        assert await trackers.delete(["a"]) == Pruned(0, 0)
        assert await trackers.delete_before(1e12) == Pruned(0, 0)
        await trackers.close()

    missing = tmp_path / "none.db"
    asyncio.run(check(f"sqlite:///{missing}"))
    assert not missing.exists()  # looking did not create it
    (tmp_path / "empty.db").touch()
    asyncio.run(check(f"sqlite:///{tmp_path / 'empty.db'}"))


async def test_delete_before_removes_whole_old_conversations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'trackers.db'}"
    engine = create_engine(url)
    METADATA.create_all(engine)
    with engine.begin() as connection:
        for sender, stamps in {"old": [10.0, 20.0], "recent": [10.0, 300.0]}.items():
            for stamp in stamps:
                connection.execute(
                    insert(EVENTS).values(
                        sender_id=sender, type_name="user", timestamp=stamp, data="{}"
                    )
                )
    engine.dispose()
    trackers = RasaTrackers(url)
    assert await trackers.delete_before(100.0) == Pruned(1, 2)
    assert {e.sender_id for e in await trackers.events(["old", "recent"])} == {"recent"}
    await trackers.close()


MISSED = "Storm heeft de ruit van de schuur ingegooid, het zoontje van de overburen"


async def test_an_admin_replaces_a_name_the_masker_missed_before_it_becomes_an_example(
    app: App, bot_api: FakeBotApi, fake_rasa: FakeRasa, desk: LogIn
) -> None:
    """The masker misses about one part in eleven of new text (docs/privacy.md): the admin who
    labels a message is the last one to see it before the training data, and can take out
    what it missed. Only taking out: a correction that adds words is refused."""
    fake_rasa.reply_to(MISSED, text=ASSISTANT_REPLY, intent="nuisance", confidence=0.3)
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say(MISSED)
    await tenant.expect(ASSISTANT_REPLY)
    kees = await desk("Kees Visser")
    page = await kees.get("/admin/inbox")
    assert f'name="text" value="{MISSED}"' in page  # the text to correct, as it is shown
    [group] = re.findall(r'name="group" value="([^"]+)"', page)
    [shown] = re.findall(r'name="shown" value="(\d+)"', page)
    added = MISSED.replace("Storm", "Storm Jansen")
    refused = await kees.post(
        "/admin/inbox/label", group=group, shown=shown, intent="nuisance", text=added
    )
    assert texts.ADMIN_CORRECTION_REFUSED in await refused.text()
    assert not (app.project / examples.INBOX_FILE).exists()
    corrected = MISSED.replace("Storm", "[naam]")
    labelled = await kees.post(
        "/admin/inbox/label", group=group, shown=shown, intent="nuisance", text=corrected
    )
    assert "toegevoegd aan" in await labelled.text()
    inbox = (app.project / examples.INBOX_FILE).read_text(encoding="utf-8")
    assert corrected in inbox
    assert "Storm" not in inbox
    assert "Storm" not in await kees.get("/admin/inbox")
