"""The web chat's read side: a chat's messages after the last one its page has."""

from sqlalchemy import select

from handoff.domain.channels import Channel
from handoff.storage.tables import OutboxMessage
from handoff.storage.unit_of_work import UnitOfWork


async def messages_after(uow: UnitOfWork, chat_id: str, after: int) -> list[dict[str, object]]:
    """The chat's messages with an id above `after`, oldest first, as the page shows them.

    The web chat's outbox rows are its message store: WebChatDelivery only wakes the page.
    """
    async with uow.read() as session:
        rows = (
            await session.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.channel == Channel.WEB,
                    OutboxMessage.chat_id == chat_id,
                    # The sender wakes the page as it delivers, before it marks the row sent.
                    OutboxMessage.status != "failed",
                    OutboxMessage.id > after,
                )
                .order_by(OutboxMessage.id)
            )
        ).all()
    return [{"id": row.id, "text": row.text, "buttons": row.buttons or []} for row in rows]
