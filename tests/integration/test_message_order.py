"""Each tenant's answers come in the order they wrote, with many tenants writing at once in
one batch of updates (reliability review, defect 4: 12-15 of 30 out of order on PostgreSQL)."""

import asyncio

from handoff.app.runtime import Runtime
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import FakeRasa

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
