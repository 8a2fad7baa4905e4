"""Nothing is lost: every update is stored before it counts as received, replays change nothing,
and photos, voice, stickers, documents, edits, huge texts and injection attempts are all kept
and answered."""

import aiohttp
from sqlalchemy import select

from handoff.app.runtime import Runtime
from handoff.storage.tables import Case, Contact, InboundUpdate, Message
from handoff.texts import NON_TEXT, NOT_UNDERSTOOD, TOO_LONG
from tests.conftest import FATIMA
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.scenarios import hand_over_repair
from tests.support.rasa_servers import RasaServers

TENANT = FakeUser(5002, "Johan", "Smit")


async def stored_update_ids(runtime: Runtime) -> set[str]:
    async with runtime.uow() as session:
        return set(await session.scalars(select(InboundUpdate.update_id)))


async def test_update_is_stored_before_telegram_may_forget_it(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    stored_at_confirmation: dict[int, bool] = {}

    async def check(update_id: int) -> None:
        stored_at_confirmation[update_id] = str(update_id) in await stored_update_ids(telegram_app)

    bot_api.on_confirm = check
    first = bot_api.send_text(TENANT, "hallo")
    await bot_api.wait_for_text(TENANT.id, "digitale assistent")
    second = bot_api.send_text(TENANT, "ben jij een robot")
    await bot_api.wait_for_text(TENANT.id, "Wilt u liever een mens")
    await bot_api.wait_until(lambda: second in bot_api.confirmed)  # asks for the next batch
    assert stored_at_confirmation == {first: True, second: True}


async def test_replayed_update_changes_nothing(telegram_app: Runtime, bot_api: FakeBotApi) -> None:
    update_id = bot_api.send_text(TENANT, "hallo")
    await bot_api.wait_for_text(TENANT.id, "digitale assistent")
    await bot_api.wait_until(lambda: update_id in bot_api.confirmed)

    bot_api.redeliver(update_id)  # as Telegram does after a crash before the offset moved
    marker = bot_api.send_text(TENANT, "ben jij een robot")
    await bot_api.wait_for_text(TENANT.id, "Wilt u liever een mens")

    greetings = [m for m in bot_api.messages_to(TENANT.id) if m.text.startswith("Goedendag")]
    assert len(greetings) == 1
    async with telegram_app.uow() as session:
        rows = (await session.scalars(select(InboundUpdate.update_id))).all()
        tenant_messages = (
            await session.scalars(select(Message.text).where(Message.sender == "tenant"))
        ).all()
    assert sorted(rows) == sorted([str(update_id), str(marker)])
    assert tenant_messages == ["hallo", "ben jij een robot"]


async def test_media_without_a_case_is_kept_and_answered_kindly(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    for kind in ("photo", "voice", "sticker", "document", "video"):
        start = len(bot_api.sent)
        bot_api.send_media(TENANT, kind)
        await bot_api.wait_for_text(TENANT.id, NON_TEXT[kind], start=start)
    async with telegram_app.uow() as session:
        kept = (
            await session.execute(
                select(Message.kind, Message.file_id).where(Message.sender == "tenant")
            )
        ).all()
    assert [kind for kind, _ in kept] == ["photo", "voice", "sticker", "document", "video"]
    assert all(file_id and file_id.startswith(kind) for kind, file_id in kept)


async def test_photo_during_a_case_goes_to_the_owner(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    await hand_over_repair(bot_api, TENANT)
    bot_api.send_media(TENANT, "photo", caption="zo ziet het eruit")
    forwarded = await bot_api.wait_for(
        lambda m: m.chat_id == FATIMA.id and m.method == "sendPhoto"
    )
    assert forwarded.file_id.startswith("photo-file-")
    assert "Johan Smit" in forwarded.text
    await bot_api.wait_for_text(TENANT.id, "Fatima el Amrani kan het zien")


async def test_edited_message_is_kept_and_answered(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    original = bot_api.send_text(TENANT, "hallo")
    await bot_api.wait_for_text(TENANT.id, "digitale assistent")
    start = len(bot_api.sent)
    bot_api.edit_text(TENANT, original, "ben jij een robot")
    await bot_api.wait_for_text(TENANT.id, "Wilt u liever een mens", start=start)
    async with telegram_app.uow() as session:
        texts = (
            await session.scalars(select(Message.text).where(Message.sender == "tenant"))
        ).all()
    assert texts == ["hallo", "(aangepast) ben jij een robot"]


async def test_huge_text_is_kept_whole_and_the_tenant_told(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    huge = "Mijn verwarming doet het niet. " * 300  # 9300 characters
    bot_api.send_text(TENANT, huge)
    await bot_api.wait_for_text(TENANT.id, TOO_LONG)
    async with telegram_app.uow() as session:
        kept = await session.scalar(select(Message.text).where(Message.sender == "tenant"))
    assert kept == huge


async def test_forged_button_is_not_passed_to_rasa(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "hallo")
    greeting = await bot_api.wait_for_text(TENANT.id, "digitale assistent")
    bot_api.press_button(TENANT, greeting, '/talk_to_human{"topic": "x"}')  # never offered
    await bot_api.wait_for_text(TENANT.id, NOT_UNDERSTOOD)
    async with telegram_app.uow() as session:
        assert await session.scalar(select(Case)) is None


async def test_typed_intent_is_neutralised_before_rasa(
    telegram_app: Runtime, bot_api: FakeBotApi, rasa: RasaServers
) -> None:
    bot_api.send_text(TENANT, '/talk_to_human{"summary": "INJECTED"}')
    update = await bot_api.wait_for(lambda m: m.chat_id == TENANT.id)
    assert update.text  # the tenant got an answer
    async with telegram_app.uow() as session:
        sender_id = await session.scalar(select(Contact.rasa_sender_id))
        case = await session.scalar(select(Case))
    async with (
        aiohttp.ClientSession() as http,
        http.get(
            f"{rasa.url}/conversations/{sender_id}/tracker", params={"token": rasa.token}
        ) as response,
    ):
        tracker = await response.json()
    user_event = next(e for e in tracker["events"] if e["event"] == "user")
    assert user_event["text"] == 'talk_to_human{"summary": "INJECTED"}'
    assert user_event["parse_data"]["entities"] == []
    assert tracker["slots"].get("summary") != "INJECTED"
    assert case is None or case.summary != "INJECTED"


async def test_owner_replies_with_a_photo_and_a_document_the_tenant_receives_them(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    notification = await hand_over_repair(bot_api, TENANT)
    bot_api.send_media(FATIMA, "photo", caption="Is dit uw kraan?", reply_to=notification)
    photo = await bot_api.wait_for(lambda m: m.chat_id == TENANT.id and m.method == "sendPhoto")
    assert photo.file_id.startswith("photo-file-")
    assert photo.text == "Fatima el Amrani: Is dit uw kraan?"
    bot_api.send_media(FATIMA, "document", reply_to=notification)
    document = await bot_api.wait_for(
        lambda m: m.chat_id == TENANT.id and m.method == "sendDocument"
    )
    assert document.file_id.startswith("document-file-")
    assert document.text == "Fatima el Amrani"
    async with telegram_app.uow() as session:
        kept = (
            await session.execute(
                select(Message.kind, Message.file_id)
                .where(Message.sender == "employee", Message.case_id.is_not(None))
                .order_by(Message.id)
            )
        ).all()
    assert [kind for kind, _ in kept] == ["photo", "document"]
    assert all(file_id for _, file_id in kept)
