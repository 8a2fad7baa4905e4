"""A tenant's rights under the AVG: to see everything Aandacht keeps about them, and to be
forgotten. The tenant asks in the chat (/mijngegevens, /vergeetmij); an admin can do the
same on the desk. Every export and erasure is logged (who, when, which contact), never what.

Erasure reaches every store: the app's tables, the raw inbound updates, the outbox, the NLU
inbox and its examples in inbox.yml, and Rasa's tracker store for every sender id the tenant
ever had. What colleagues need for the figures stays, without a name or a text: the cases'
topic, owner and times, and the feedback scores.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases import notices, queries
from handoff.domain.channels import Channel
from handoff.domain.handoff_request import DUTCH
from handoff.nlu import examples
from handoff.storage import sender_ids
from handoff.storage.outbox import enqueue
from handoff.storage.rasa_trackers import RasaTrackers
from handoff.storage.tables import (
    BackOfficeJob,
    Case,
    Contact,
    ContactSenderId,
    Employee,
    InboundUpdate,
    Message,
    OutboxMessage,
    PrivacyLog,
    ReviewItem,
    utcnow,
)
from handoff.storage.unit_of_work import UnitOfWork
from handoff.views import privacy as views

FORGET_YES = "vergeetmij:ja"
FORGET_NO = "vergeetmij:nee"
EXPORT, ERASE = "export", "erase"
DESK = "desk"
WEB_DOWNLOAD = "/chat/mijngegevens"
_SHORTEST_NAME = 3  # a shorter name would match other people's messages


def forget_buttons(language: str = DUTCH) -> list[list[dict[str, str]]]:
    """The question's two answers; only these, offered to this tenant, are accepted."""
    yes, no = texts.forget_answers(language)
    return [[{"title": yes, "payload": FORGET_YES}, {"title": no, "payload": FORGET_NO}]]


async def _language(session: AsyncSession, contact: Contact) -> str:
    """The language the tenant hears about their data in: their latest case's, as /status."""
    return await queries.latest_language(session, contact.id) or DUTCH


def is_forget_answer(payload: str | None) -> bool:
    """Whether a button's payload answers the question whether to forget the tenant."""
    return payload in (FORGET_YES, FORGET_NO)


@dataclass(frozen=True)
class Export:
    """The document and what to call the file."""

    name: str
    body: str


class Privacy:
    """Exports and erasures, for the chat (inside its transaction) and the desk (its own)."""

    def __init__(self, uow: UnitOfWork, trackers: RasaTrackers, project: Path) -> None:
        self._uow = uow
        self.trackers = trackers
        self._project = project  # the Rasa project whose inbox.yml holds labelled examples

    # --- in the chat, inside the conversation's transaction ---------------------------------

    async def send_export(self, session: AsyncSession, contact: Contact) -> None:
        """/mijngegevens: Telegram gets the document; the web chat hears where to download it."""
        language = await _language(session, contact)
        if contact.channel != Channel.TELEGRAM:
            told = texts.to_tenant(language, "my_data_web", texts.MY_DATA_WEB)
            await notices.say_to_tenant(session, contact, told.format(url=WEB_DOWNLOAD))
            return
        body = await views.document(session, self.trackers, contact)
        enqueue(
            session,
            contact.channel,
            contact.external_id,
            contact_id=contact.id,
            kind="document",
            text=texts.to_tenant(language, "my_data_caption", texts.MY_DATA_CAPTION),
            document_name=texts.EXPORT_FILE_NAME,
            document_body=body,
            forget_when_sent=True,  # no second copy of everything stays behind
        )
        _log(session, contact, None, EXPORT, contact.channel)

    async def ask_to_forget(self, session: AsyncSession, contact: Contact) -> None:
        """/vergeetmij: says what happens and what stays, and asks to confirm."""
        language = await _language(session, contact)
        asked = texts.to_tenant(language, "forget_ask", texts.FORGET_ASK)
        await notices.say_to_tenant(session, contact, asked, buttons=forget_buttons(language))

    async def answer_forget(
        self, session: AsyncSession, contact: Contact, inbound: InboundUpdate, payload: str
    ) -> None:
        """The tenant's answer to the question: erase everything, or nothing at all."""
        language = await _language(session, contact)  # before the erasure takes it
        if payload != FORGET_YES:
            kept = texts.to_tenant(language, "forget_kept", texts.FORGET_KEPT)
            await notices.say_to_tenant(session, contact, kept)
            return
        # Queued first, so its id follows every message the chat has shown (SQLite reuses the
        # ids of deleted rows, and the web chat's page asks for the ids after the last one).
        farewell = enqueue(
            session,
            contact.channel,
            contact.external_id,
            text=texts.to_tenant(language, "forgotten", texts.FORGOTTEN),
            forget_when_sent=True,
        )
        await session.flush()
        await self._erase(session, contact, None, contact.channel, keep=inbound, told=farewell)

    # --- on the desk and for the web chat's download: their own transactions ---------------

    async def export(self, contact_id: int, employee_id: int | None) -> Export | None:
        """The tenant's document for an admin, logged; None when there is no such tenant."""
        async with self._uow() as session:
            contact = await session.get(Contact, contact_id)
            if contact is None or contact.erased_at is not None:
                return None
            body = await views.document(session, self.trackers, contact)
            _log(session, contact, employee_id, EXPORT, DESK)
        return Export(texts.EXPORT_FILE_NAME, body)

    async def export_web_chat(self, chat_id: str) -> Export | None:
        """The web chat tenant's own document (their cookie is the chat id), logged."""
        async with self._uow() as session:
            contact = await session.scalar(
                select(Contact).where(
                    Contact.channel == Channel.WEB,
                    Contact.external_id == chat_id,
                    Contact.erased_at.is_(None),
                )
            )
            if contact is None:
                return None
            body = await views.document(session, self.trackers, contact)
            _log(session, contact, None, EXPORT, Channel.WEB)
        return Export(texts.EXPORT_FILE_NAME, body)

    async def erase(self, contact_id: int, employee_id: int) -> str | None:
        """An admin erases a tenant; returns the log's label, or None when there is none."""
        async with self._uow() as session:
            contact = await session.get(Contact, contact_id)
            if contact is None or contact.erased_at is not None:
                return None
            name = views.label(contact)
            await self._erase(session, contact, employee_id, DESK)
        return name

    async def forget_fetched(self, chat_id: str, up_to: int) -> None:
        """The web chat's page fetched its messages: what must not stay goes now."""
        async with self._uow() as session:
            await session.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.channel == Channel.WEB,
                    OutboxMessage.chat_id == chat_id,
                    OutboxMessage.forget_when_sent,
                    OutboxMessage.id <= up_to,
                )
            )

    # --- the erasure itself -----------------------------------------------------------------

    async def _erase(
        self,
        session: AsyncSession,
        contact: Contact,
        employee_id: int | None,
        via: str,
        keep: InboundUpdate | None = None,
        told: OutboxMessage | None = None,
    ) -> None:
        """Erases or anonymises everything about the tenant, in the caller's transaction.

        `keep` is the update being handled now: it stays (emptied) so it is handled once;
        `told` is the message that says it is done.
        """
        conversations = await sender_ids.all_of(session, contact)
        await self.trackers.delete(conversations)
        cases = list(await session.scalars(select(Case).where(Case.contact_id == contact.id)))
        case_ids = [case.id for case in cases]
        owners_told = []
        for case in cases:
            if case.status == "open":
                case.status, case.closed_at = "closed", utcnow()
                owners_told.append(case)
        await self._remove_examples(session, contact.id)
        name: str | None = contact.display_name
        if len(contact.display_name) < _SHORTEST_NAME or name == texts.WEB_CHAT_VISITOR:
            name = None  # would match other people's messages
        summaries = [c.summary for c in cases]
        await _scrub_outbox(session, contact, case_ids, summaries, name, told)
        await _scrub_inbound(session, contact, case_ids, name, keep)
        await session.execute(
            delete(ReviewItem)
            .where(ReviewItem.contact_id == contact.id)
            .execution_options(synchronize_session=False)
        )
        # Calls to the back office not made yet are not made; what it holds already is the
        # corporation's to erase there (docs/backoffice.md).
        await session.execute(
            delete(BackOfficeJob)
            .where(BackOfficeJob.contact_id == contact.id)
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            delete(Message)
            .where(or_(Message.contact_id == contact.id, Message.case_id.in_(case_ids)))
            .execution_options(synchronize_session=False)
        )
        for case in cases:  # what the figures need stays: topic, owner, times, transfers
            case.summary, case.details, case.routing_reason = "", {}, ""
            case.language = DUTCH  # it may tell where the tenant is from
        await session.execute(
            delete(ContactSenderId)
            .where(ContactSenderId.contact_id == contact.id)
            .execution_options(synchronize_session=False)
        )
        label = views.label(contact)
        contact.display_name = ""
        contact.external_id = contact.rasa_sender_id = f"gewist-{contact.id}"
        contact.erased_at = utcnow()
        session.add(
            PrivacyLog(
                employee_id=employee_id, contact_id=contact.id, label=label, action=ERASE, via=via
            )
        )
        for case in owners_told:
            owner = await session.get(Employee, case.owner_id)
            if owner is not None:
                notices.tell_employee(
                    session, owner, texts.FORGOTTEN_OWNER.format(case_id=case.id), case_id=case.id
                )
        # Rasa may have written while this ran (a message just before): delete once more.
        await self.trackers.delete(conversations)

    async def _remove_examples(self, session: AsyncSession, contact_id: int) -> None:
        """Takes the tenant's labelled messages out of inbox.yml, unless another tenant's
        message is the same example."""
        labelled = (
            await session.execute(
                select(ReviewItem.label, ReviewItem.text).where(
                    ReviewItem.contact_id == contact_id, ReviewItem.label.is_not(None)
                )
            )
        ).all()
        for intent, text in set(labelled):
            shared = await session.scalar(
                select(ReviewItem.id).where(
                    ReviewItem.contact_id != contact_id,
                    ReviewItem.label == intent,
                    ReviewItem.text == text,
                )
            )
            if shared is None and intent:
                examples.remove_examples(intent, [text], self._project)


def _log(
    session: AsyncSession, contact: Contact, employee_id: int | None, action: str, via: str
) -> None:
    session.add(
        PrivacyLog(
            employee_id=employee_id,
            contact_id=contact.id,
            label=views.label(contact),
            action=action,
            via=via,
        )
    )


def _mentions(text: str, patterns: list[re.Pattern[str]]) -> bool:
    return any(pattern.search(text) for pattern in patterns)


async def _scrub_outbox(
    session: AsyncSession,
    contact: Contact,
    case_ids: list[int],
    summaries: list[str],
    name: str | None,
    told: OutboxMessage | None,
) -> None:
    """Deletes what was sent to the tenant and about them: their chat, their cases'
    notifications and transcripts, and employees' lists (/zaken) that quote them."""
    await session.execute(
        delete(OutboxMessage)
        .where(
            or_(
                OutboxMessage.contact_id == contact.id,
                OutboxMessage.case_id.in_(case_ids),
                (OutboxMessage.channel == contact.channel)
                & (OutboxMessage.chat_id == contact.external_id),
            ),
            OutboxMessage.id != (told.id if told is not None else -1),
        )
        .execution_options(synchronize_session=False)
    )
    needles = [s for s in summaries if s] + ([name] if name else [])
    if not needles:
        return
    quoting = or_(*(OutboxMessage.text.contains(needle, autoescape=True) for needle in needles))
    await session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.contact_id.is_(None), OutboxMessage.case_id.is_(None), quoting)
        .execution_options(synchronize_session=False)
    )


async def _scrub_inbound(
    session: AsyncSession,
    contact: Contact,
    case_ids: list[int],
    name: str | None,
    keep: InboundUpdate | None,
) -> None:
    """Deletes the tenant's raw updates; empties other handled updates that mention them
    (an employee's reply quotes the notification, with the tenant's name)."""
    keep_id = keep.id if keep is not None else -1
    await session.execute(
        delete(InboundUpdate)
        .where(InboundUpdate.contact_id == contact.id, InboundUpdate.id != keep_id)
        .execution_options(synchronize_session=False)
    )
    if keep is not None:
        keep.payload, keep.contact_id = {}, None
        if keep.channel == Channel.WEB:  # the web chat's update ids start with the chat id
            keep.update_id = f"gewist-{keep.id}"
    # The chat id as a whole number or token, the name, and "Zaak 12" of their cases.
    patterns = [re.compile(rf"(?<![\w-]){re.escape(contact.external_id)}(?![\w-])")]
    patterns += [re.compile(re.escape(name))] if name else []
    patterns += [re.compile(rf"\bZaak {case_id}\b") for case_id in case_ids]
    unlinked = await session.scalars(
        select(InboundUpdate).where(
            InboundUpdate.contact_id.is_(None),
            InboundUpdate.processed_at.is_not(None),
            InboundUpdate.id != keep_id,
        )
    )
    for row in unlinked:
        if row.payload and _mentions(json.dumps(row.payload, ensure_ascii=False), patterns):
            row.payload = {}
