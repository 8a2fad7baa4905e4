"""Each tenant's answers come in the order they wrote, with many tenants writing at once in
one batch of updates (reliability review, defect 4: 12-15 of 30 out of order on PostgreSQL)."""

import asyncio

from sqlalchemy import func, select

from handoff.app.runtime import Runtime
from handoff.storage.tables import OutboxMessage
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa
from tests.support.waiting import until_committed

TENANTS = [FakeUser(5700 + n, "Huurder", str(n)) for n in range(20)]
MESSAGES = 4


async def test_every_tenant_is_answered_in_the_order_they_wrote(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    for tenant in TENANTS:
        for n in range(MESSAGES):
            fake_rasa.reply_to(f"bericht {n} van {tenant.id}", text=f"antwoord {n}")
    for n in range(MESSAGES):  # interleaved, as a burst arrives
        for tenant in TENANTS:
            bot_api.send_text(tenant, f"bericht {n} van {tenant.id}")

    await asyncio.gather(
        *(bot_api.wait_for_text(t.id, f"antwoord {MESSAGES - 1}", timeout=30) for t in TENANTS)
    )
    for tenant in TENANTS:
        answers = [m.text for m in bot_api.messages_to(tenant.id)]
        assert answers == [f"antwoord {n}" for n in range(MESSAGES)], tenant.id


async def test_a_slow_bot_api_gets_each_answer_once(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    # sendMessage takes longer than python-telegram-bot's default 5 s read timeout: a send it
    # gave up on was tried again and arrived twice (reliability review, defect 7).
    bot_api.answer_slowly("sendMessage", 6.0)
    tenant = TENANTS[0]
    bot_api.send_text(tenant, "hallo")
    await bot_api.wait_for_text(tenant.id, ASSISTANT_REPLY, timeout=30)

    async def all_sent() -> bool:  # the outbox counts it as sent: nothing is left to resend
        async with quick_app.uow.read() as session:
            pending = select(func.count(OutboxMessage.id)).where(OutboxMessage.sent_at.is_(None))
            return await session.scalar(pending) == 0

    await until_committed(quick_app.uow, all_sent, timeout=30)
    assert [m.text for m in bot_api.messages_to(tenant.id)] == [ASSISTANT_REPLY]
