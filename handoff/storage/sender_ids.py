"""Every Rasa sender id a contact had: a closed case gives them a new one, and the old
conversation must stay findable for the tenant's export and erasure."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff.storage.tables import Contact, ContactSenderId


def remember(session: AsyncSession, contact: Contact) -> None:
    """Keeps the contact's current sender id (the contact must have its id already)."""
    session.add(ContactSenderId(contact_id=contact.id, sender_id=contact.rasa_sender_id))


def renew(session: AsyncSession, contact: Contact) -> str:
    """Gives the contact a fresh Rasa conversation, keeping the old one's id."""
    contact.rasa_sender_id = uuid.uuid4().hex
    remember(session, contact)
    return contact.rasa_sender_id


async def all_of(session: AsyncSession, contact: Contact) -> list[str]:
    """Every sender id the contact ever had, the current one included."""
    known = set(
        await session.scalars(
            select(ContactSenderId.sender_id).where(ContactSenderId.contact_id == contact.id)
        )
    )
    return sorted(known | {contact.rasa_sender_id})
