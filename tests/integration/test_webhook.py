"""Webhook mode (issue 14, #3): Telegram posts each update to the app, which stores it and
commits before it answers 200; a request without the secret is refused, a body that is no
update too, and a replayed update is stored and handled once. Polling stays the default, and
going back to it deletes the webhook."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from handoff.app.runtime import FatalError, Runtime
from handoff.domain.channels import Channel
from handoff.storage.tables import InboundUpdate
from tests.conftest import quick_settings, start_quick
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa
from tests.support.tenants import TelegramTenant
from tests.support.waiting import until_committed

WEBHOOK_URL = "https://bot.woningcorporatie.example/telegram/updates"
TENANT = FakeUser(6101, "Noor", "Bakker")


@pytest.fixture
async def webhook_app(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> AsyncIterator[Runtime]:
    """The quick app in webhook mode, its public address forwarded to where it listens."""
    settings = quick_settings(database_url, bot_api, fake_rasa, telegram_webhook_url=WEBHOOK_URL)
    runtime = await start_quick(settings)
    bot_api.forward_webhook_to(f"http://127.0.0.1:{runtime.web_port}")
    yield runtime
    await runtime.stop()


async def stored(runtime: Runtime, update_id: int) -> list[InboundUpdate]:
    async with runtime.uow.read() as session:
        return list(
            await session.scalars(
                select(InboundUpdate).where(
                    InboundUpdate.channel == Channel.TELEGRAM,
                    InboundUpdate.update_id == str(update_id),
                )
            )
        )


async def stored_count(runtime: Runtime) -> int:
    async with runtime.uow.read() as session:
        return await session.scalar(select(func.count()).select_from(InboundUpdate)) or 0


async def test_the_app_sets_its_webhook_and_answers_through_it_without_polling(
    webhook_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    assert bot_api.webhook is not None
    assert bot_api.webhook["url"] == WEBHOOK_URL
    assert bot_api.webhook["secret_token"] == webhook_app.settings.webhook_secret
    assert bot_api.webhook["drop_pending_updates"] is False
    assert {"message", "edited_message", "callback_query"} <= set(
        bot_api.webhook["allowed_updates"]
    )
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say("hallo")
    await tenant.expect(ASSISTANT_REPLY)
    assert [message.text for message in fake_rasa.received] == ["hallo"]
    assert bot_api.webhook_answers == [200]
    assert bot_api.polls == 0  # no getUpdates: Telegram would refuse it (409) anyway
    assert bot_api.webhook_calls == ["setWebhook"]
    assert webhook_app.telegram is not None
    info = await webhook_app.telegram.bot.get_webhook_info()
    assert info.url == WEBHOOK_URL
    assert info.pending_update_count == 0


async def test_a_request_without_the_secret_is_refused_and_not_stored(
    webhook_app: Runtime, bot_api: FakeBotApi
) -> None:
    update = bot_api.text_update(TENANT, "hallo")
    assert await bot_api.post_to_webhook(update, secret="not-the-secret-at-all") == 403
    assert await bot_api.post_to_webhook(update, with_secret=False) == 403
    secret = webhook_app.settings.webhook_secret
    assert secret is not None
    assert await bot_api.post_to_webhook(update, secret=secret[:-1]) == 403
    assert await stored_count(webhook_app) == 0


async def test_a_body_that_is_no_update_is_refused(
    webhook_app: Runtime, bot_api: FakeBotApi
) -> None:
    assert await bot_api.post_to_webhook(b"this is not json") == 400
    assert await bot_api.post_to_webhook(b"[1, 2, 3]") == 400
    assert await bot_api.post_to_webhook({"update_id": "12"}) == 400
    assert await bot_api.post_to_webhook({"message": {"text": "hallo"}}) == 400
    assert await stored_count(webhook_app) == 0


async def test_an_acknowledged_update_is_committed_and_a_replay_is_handled_once(
    webhook_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    update = bot_api.text_update(TENANT, "mijn kraan lekt")
    assert await bot_api.post_to_webhook(update) == 200
    # Committed before the answer: another connection reads it at once.
    assert len(await stored(webhook_app, update["update_id"])) == 1
    await bot_api.wait_for_text(TENANT.id, ASSISTANT_REPLY)

    async def processed() -> bool:
        rows = await stored(webhook_app, update["update_id"])
        return rows[0].processed_at is not None

    await until_committed(webhook_app.uow, processed)
    assert await bot_api.post_to_webhook(update) == 200  # Telegram sent it again
    assert len(await stored(webhook_app, update["update_id"])) == 1
    assert [message.text for message in fake_rasa.received] == ["mijn kraan lekt"]
    assert len(bot_api.messages_to(TENANT.id)) == 1


async def test_an_update_the_database_cannot_store_is_not_acknowledged_and_comes_again(
    webhook_app: Runtime, bot_api: FakeBotApi
) -> None:
    await refuse_inbound_updates(webhook_app)
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say("hallo")
    await bot_api.wait_until(lambda: 500 in bot_api.webhook_answers)
    assert bot_api.confirmed == []  # not acknowledged: Telegram keeps it
    await allow_inbound_updates(webhook_app)
    await tenant.expect(ASSISTANT_REPLY)  # Telegram's next try was stored and handled
    assert bot_api.webhook_answers[0] == 500
    assert bot_api.webhook_answers[-1] == 200
    assert len(bot_api.messages_to(TENANT.id)) == 1


async def test_an_address_telegram_refuses_stops_the_start_with_the_setting_named(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    bot_api.fail_next("setWebhook", 400, "Bad Request: bad webhook: Failed to resolve host")
    settings = quick_settings(database_url, bot_api, fake_rasa, telegram_webhook_url=WEBHOOK_URL)
    runtime = Runtime(settings)
    try:
        with pytest.raises(FatalError, match="TELEGRAM_WEBHOOK_URL: Telegram refuses it"):
            await runtime.start()
    finally:
        await runtime.stop()
    assert bot_api.webhook is None


async def test_going_back_to_polling_deletes_the_webhook(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    settings = quick_settings(database_url, bot_api, fake_rasa, telegram_webhook_url=WEBHOOK_URL)
    runtime = await start_quick(settings)
    await runtime.stop()
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say("hallo")  # arrives while the app is away: Telegram keeps it
    polling = await start_quick(quick_settings(database_url, bot_api, fake_rasa))
    try:
        await tenant.expect(ASSISTANT_REPLY)
    finally:
        await polling.stop()
    assert bot_api.webhook is None
    assert bot_api.webhook_calls == ["setWebhook", "deleteWebhook"]


async def refuse_inbound_updates(runtime: Runtime) -> None:
    """Takes the stored updates' table away: every insert fails (not as a duplicate would)."""
    async with runtime.engine.begin() as connection:
        await connection.exec_driver_sql("ALTER TABLE inbound_updates RENAME TO away")


async def allow_inbound_updates(runtime: Runtime) -> None:
    async with runtime.engine.begin() as connection:
        await connection.exec_driver_sql("ALTER TABLE away RENAME TO inbound_updates")
