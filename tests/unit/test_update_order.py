"""One chat's updates are handled one at a time in order; other chats' meanwhile."""

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from bot.ordering import PerChatOrder

SENT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # when each message was sent: not what orders them


def update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, SENT, chat, text="x"))


async def test_a_chats_later_update_waits_for_its_earlier_one() -> None:
    order = PerChatOrder()
    done: list[int] = []
    first_may_finish = asyncio.Event()

    async def handle(update_id: int, wait: asyncio.Event | None = None) -> None:
        if wait is not None:
            await wait.wait()  # the first update's database read takes longer
        done.append(update_id)

    first = asyncio.create_task(order.process_update(update(1, 7), handle(1, first_may_finish)))
    second = asyncio.create_task(order.process_update(update(2, 7), handle(2)))
    other_chat = asyncio.create_task(order.process_update(update(3, 8), handle(3)))
    await other_chat  # another chat is not held up
    assert done == [3]
    first_may_finish.set()
    await asyncio.gather(first, second)
    assert done == [3, 1, 2]
