"""The tenant's side: each message goes to the case owner if a case is open, else to Rasa once."""

import asyncio
import logging
import time
import uuid
import weakref
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases import backoffice, feedback, lifecycle, notices, queries
from handoff.domain.channels import Channel
from handoff.domain.commands import (
    EMPLOYEE_COMMANDS,
    EXPORT_COMMAND,
    FORGET_COMMAND,
    HELP_COMMAND,
    START_COMMAND,
    start_topic,
)
from handoff.domain.directory import Directory
from handoff.domain.emergency import sounds_like_emergency
from handoff.domain.handoff_request import DUTCH, HandoffRequest, InvalidHandoff
from handoff.domain.rate_limits import Buckets
from handoff.domain.text_rules import neutralise, shorten
from handoff.nlu import inbox as review
from handoff.nlu import language
from handoff.nlu.client import RasaAnswer, RasaClient, RasaUnavailable, Understanding
from handoff.services import employees, privacy
from handoff.services.intake import InboundMessage, claim_unprocessed
from handoff.services.privacy import Privacy
from handoff.storage import sender_ids
from handoff.storage.tables import (
    NAME_LENGTH,
    Case,
    Contact,
    Employee,
    InboundUpdate,
    Message,
    OutboxMessage,
    utcnow,
)
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

# Rasa reads at most this much of one message; the whole message is kept for the employee.
RASA_TEXT_LIMIT = 1000
# After this many failed tries to reach Rasa, a person takes over.
RASA_ATTEMPTS = 3


@dataclass(frozen=True)
class _RasaTurn:
    contact: Contact  # as _record's transaction left it (contacts are never deleted)
    message_id: int
    sender_id: str
    text: str
    too_long: bool
    language: str = DUTCH  # the language the tenant wrote (nlu/language.py)


class Conversations:
    """Handles tenants' messages, one at a time per tenant."""

    def __init__(
        self,
        uow: UnitOfWork,
        rasa: RasaClient,
        directory: Directory,
        privacy: Privacy,
        returning_days: int = 30,
        review_below: float = 0.5,
        storingsdienst: str = "",
        back_office: bool = False,
    ) -> None:
        self._uow = uow
        self._back_office = back_office  # cases are logged there, repairs become requests
        self._storingsdienst = storingsdienst  # the repair line, for an emergency Rasa missed
        self._privacy = privacy
        self._rasa = rasa
        self._directory = directory
        self._returning_days = returning_days
        self._review_below = review_below  # turns Rasa was less sure of go to the NLU inbox
        # One lock per chat while it is in use; idle chats' locks are garbage-collected.
        self._locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._link_attempts = Buckets(employees.LINK_ATTEMPTS)  # /koppel, per Telegram account

    def _lock(self, message: InboundMessage) -> asyncio.Lock:
        key = (message.channel, message.chat_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    async def handle(self, message: InboundMessage) -> None:
        """Processes a stored tenant message exactly once, in the order the tenant sent them."""
        async with self._lock(message):
            language = await _language(message)  # before the transaction: it may wait
            turn = await self._record(message, language)
            if turn is None:
                return
            if turn.language != DUTCH:
                await self._in_their_language(message, turn)
                return
            try:
                answer = await self._rasa.send(
                    turn.sender_id, turn.text, turn.language, turn=str(turn.message_id)
                )
            except RasaUnavailable as error:
                await self._rasa_failed(message, turn, error)
                return
            if not answer.replies:  # Rasa took the turn but said nothing: an action failed
                silent = RasaUnavailable("Rasa answered without a message (an action failed?)")
                await self._rasa_failed(message, turn, silent, answer.understood)
                return
            await self._answer(message, turn, answer)

    async def _record(self, message: InboundMessage, language: str) -> _RasaTurn | None:
        """Stores the message in the transcript; returns what to ask Rasa, if anything."""
        async with self._uow(short=not _about_privacy(message)) as session:
            inbound = await claim_unprocessed(session, message.channel, message.update_id)
            if inbound is None:
                return None  # processed before: a replay changes nothing
            contact = await _contact(session, message)
            inbound.contact_id = contact.id
            stored = await _transcript_message(session, contact, inbound, message)
            if await _older_unfinished(session, inbound):
                # An earlier message of this tenant waits for another try (Rasa was down):
                # this one waits too, and Recovery takes them in the order they came.
                return None
            case = await queries.open_case_of(session, contact.id)
            if await self._privacy_request(session, message, contact, inbound):
                inbound.processed_at = utcnow()
                return None
            if message.kind == "button" and backoffice.is_slot_choice(message.payload):
                stored.case_id = case.id if case is not None else None
                await backoffice.choose_slot(session, contact, message.payload)
                inbound.processed_at = utcnow()
                return None
            command_reply = await _command_reply(
                session, message, contact, case, self._link_attempts
            )
            if command_reply is not None:
                await notices.say_to_tenant(session, contact, command_reply)
                inbound.processed_at = utcnow()
                return None
            if case is not None:
                stored.case_id = case.id
                await notices.relay_to_owner(session, case, contact, stored)
                if message.kind not in ("text", "button"):
                    owner = await session.get(Employee, case.owner_id)
                    assert owner is not None, "a case's owner is a foreign key; none is deleted"
                    kept = texts.to_tenant(case.language, "file_with_case", texts.FILE_WITH_CASE)
                    await notices.say_to_tenant(
                        session, contact, kept.format(employee=owner.name), case_id=case.id
                    )
                inbound.processed_at = utcnow()
                return None
            if message.kind == "button":
                text = await _offered_payload(session, contact, message.payload)
                if feedback.is_feedback(text):
                    reply, buttons = await feedback.record(session, contact, text)
                    await notices.say_to_tenant(session, contact, reply, buttons=buttons)
                    inbound.processed_at = utcnow()
                    return None
            elif message.kind == "text":
                text = neutralise(message.text or "")
            else:
                text = ""
            if not text:
                reply = texts.NON_TEXT.get(message.kind, texts.NOT_UNDERSTOOD)
                await notices.say_to_tenant(session, contact, reply)
                inbound.processed_at = utcnow()
                return None
            return _RasaTurn(
                contact,
                stored.id,
                contact.rasa_sender_id,
                text[:RASA_TEXT_LIMIT],
                too_long=len(text) > RASA_TEXT_LIMIT,
                language=language if message.kind == "text" else DUTCH,
            )

    async def _privacy_request(
        self,
        session: AsyncSession,
        message: InboundMessage,
        contact: Contact,
        inbound: InboundUpdate,
    ) -> bool:
        """/mijngegevens, /vergeetmij and the answer to its question (also during a case: they
        are about the tenant, not their question); True when the message was one of them."""
        command = message.command if message.kind == "text" else None
        if command is not None and not command.arguments:
            if command.name == EXPORT_COMMAND:
                await self._privacy.send_export(session, contact)
                return True
            if command.name == FORGET_COMMAND:
                await self._privacy.ask_to_forget(session, contact)
                return True
        if message.kind == "button" and privacy.is_forget_answer(message.payload):
            offered = await _offered_payload(session, contact, message.payload)
            if offered is not None:
                await self._privacy.answer_forget(session, contact, inbound, offered)
                return True
        return False

    async def _answer(self, message: InboundMessage, turn: _RasaTurn, answer: RasaAnswer) -> None:
        """Queues Rasa's replies and opens a case when Rasa asks for a person."""
        replies = answer.replies
        async with self._uow(short=True) as session:
            if (finished := await _finish_turn(session, message, turn)) is None:
                return
            inbound_id, contact = finished
            await self._keep_for_review(session, turn, answer.understood)
            if turn.too_long:
                await notices.say_to_tenant(session, contact, texts.TOO_LONG)
            handoff = None
            for reply in replies:
                if reply.text:
                    buttons = [reply.buttons] if reply.buttons else None
                    await notices.say_to_tenant(
                        session, contact, reply.text, buttons=buttons, response=reply.response
                    )
                if reply.custom and "handoff" in reply.custom:
                    try:
                        handoff = HandoffRequest.from_payload(reply.custom["handoff"])
                    except InvalidHandoff as error:
                        log.error(  # noqa: TRY400 - Rasa's data is wrong, not our code
                            "Rasa sent an invalid handoff to update %s: %s", inbound_id, error
                        )
            if handoff is not None:
                await lifecycle.open_case(
                    session,
                    self._directory,
                    contact,
                    handoff,
                    self._returning_days,
                    back_office=self._back_office,
                )

    async def _in_their_language(self, message: InboundMessage, turn: _RasaTurn) -> None:
        """A tenant who writes another language hears the essentials in it (a computer, a
        person answers in Dutch or English) and a person takes over at once: the dialogue
        model speaks Dutch only, and its read-back would garble their words."""
        async with self._uow(short=True) as session:
            if (finished := await _finish_turn(session, message, turn)) is None:
                return
            inbound_id, contact = finished
            log.info("stored update %s is in another language (%s)", inbound_id, turn.language)
            await self._to_a_person(
                session,
                contact,
                message,
                told=texts.essentials_in(turn.language, self._storingsdienst),
                language=turn.language,
            )

    async def _keep_for_review(
        self, session: AsyncSession, turn: _RasaTurn, understood: Understanding | None
    ) -> None:
        """Puts what Rasa found hard in the NLU inbox: unsure turns and rejected summaries."""
        if understood is None:
            return
        await review.after_turn(
            session, self._directory, turn.message_id, understood, self._review_below
        )
        if understood.intent == "deny":
            await review.rejected_summary(
                session, self._directory, turn.contact.id, turn.message_id
            )

    async def _rasa_failed(
        self,
        message: InboundMessage,
        turn: _RasaTurn,
        error: RasaUnavailable,
        understood: Understanding | None = None,
    ) -> None:
        """Counts a failed try. A message that sounds like danger gets the safety steps at once
        and goes to a person; any other is kept for Recovery's next try (the tenant hears that
        once), and after a few tries a person takes over instead of the assistant."""
        emergency = sounds_like_emergency(turn.text) or (
            understood is not None and understood.intent == "report_emergency"
        )
        async with self._uow(short=True) as session:
            if (claimed := await _claim_turn(session, message, turn)) is None:
                return
            inbound, contact = claimed
            inbound.attempts += 1
            log.warning(
                "Rasa unavailable for stored update %s (try %d): %s",
                inbound.id,
                inbound.attempts,
                error,
            )
            if emergency:
                steps = texts.EMERGENCY_WITHOUT_ASSISTANT.format(
                    storingsdienst=self._storingsdienst
                )
                await notices.say_to_tenant(session, contact, steps)
                await self._to_a_person(
                    session,
                    contact,
                    message,
                    told=texts.EMERGENCY_TO_A_PERSON,
                    flags=(texts.FLAG_ASSISTANT_UNAVAILABLE,),
                    topic="report_emergency",
                )
            elif inbound.attempts < RASA_ATTEMPTS:
                if await _last_said(session, contact) != texts.ASSISTANT_DELAYED:
                    await notices.say_to_tenant(session, contact, texts.ASSISTANT_DELAYED)
                return  # Recovery tries again later; the message is safely stored
            else:
                await self._to_a_person(
                    session,
                    contact,
                    message,
                    told=texts.ASSISTANT_UNAVAILABLE,
                    flags=(texts.FLAG_ASSISTANT_UNAVAILABLE,),
                )
            inbound.processed_at = utcnow()

    async def give_up(self, message: InboundMessage) -> None:
        """A stored message failed every try (Recovery parked it): the tenant hears so, and a
        person takes over, as when Rasa cannot be reached; the owner of an open case is told."""
        async with self._lock(message), self._uow() as session:
            inbound = await session.scalar(
                select(InboundUpdate).where(
                    InboundUpdate.channel == message.channel,
                    InboundUpdate.update_id == message.update_id,
                )
            )
            if inbound is None or inbound.processed_at is not None:
                return
            contact = await _contact(session, message)
            inbound.contact_id = contact.id  # so erasing the tenant erases the update too
            case = await queries.open_case_of(session, contact.id)
            if case is not None:
                owner = await session.get(Employee, case.owner_id)
                assert owner is not None, "a case's owner is a foreign key; none is deleted"
                told = texts.to_tenant(
                    case.language, "not_processed", texts.MESSAGE_NOT_PROCESSED_WITH_CASE
                ).format(employee=owner.name)
                await notices.say_to_tenant(session, contact, told, case_id=case.id)
                notices.tell_employee(
                    session,
                    owner,
                    texts.OWNER_MESSAGE_NOT_PROCESSED.format(case_id=case.id),
                    case_id=case.id,
                )
                return
            await self._to_a_person(
                session,
                contact,
                message,
                told=texts.MESSAGE_NOT_PROCESSED,
                flags=(texts.FLAG_NOT_PROCESSED,),
            )

    async def _to_a_person(
        self,
        session: AsyncSession,
        contact: Contact,
        message: InboundMessage,
        *,
        told: str,
        flags: tuple[str, ...] = (),
        topic: str = "talk_to_human",
        language: str = DUTCH,
    ) -> None:
        """Tells the tenant why, and opens a case with their message, in their own words, for
        a person to answer."""
        await notices.say_to_tenant(session, contact, told)
        request = HandoffRequest(
            topic=topic,
            summary=(message.text or "")[:RASA_TEXT_LIMIT] or texts.NO_TEXT,
            summary_confirmed=False,
            flags=flags,
            language=language,
        )
        await lifecycle.open_case(
            session,
            self._directory,
            contact,
            request,
            self._returning_days,
            back_office=self._back_office,
        )


def _about_privacy(message: InboundMessage) -> bool:
    """/mijngegevens, /vergeetmij or the answer to its question: the export reads all the
    tenant's data and the erasure deletes it, so their transaction is no short one."""
    command = message.command if message.kind == "text" else None
    if command is not None:
        return command.name in (EXPORT_COMMAND, FORGET_COMMAND)
    return message.kind == "button" and privacy.is_forget_answer(message.payload)


async def _language(message: InboundMessage) -> str:
    """The language of a typed message (not a command, not a button): Dutch, unless the text
    or the channel's hint says another (nlu/language.py)."""
    if message.kind != "text" or message.command is not None or not message.text:
        return DUTCH
    return await language.language_of(message.text[:RASA_TEXT_LIMIT], message.language_hint)


async def _command_reply(
    session: AsyncSession,
    message: InboundMessage,
    contact: Contact,
    case: Case | None,
    link_attempts: Buckets,
) -> str | None:
    """Answers the commands the app handles itself (/status, /help, /start from a link on the
    website, /koppel, employees' commands)."""
    if message.kind != "text":
        return None
    command = message.command
    if command is None:
        plain = (message.text or "").strip().casefold()
        return await notices.status_text(session, case, contact.id) if plain == "status" else None
    if command.name == "status" and not command.arguments:
        return await notices.status_text(session, case, contact.id)
    if command.name == HELP_COMMAND and not command.arguments:
        language, key = await _tenant_language(session, contact, case, "help")
        return texts.to_tenant(language, key, texts.TENANT_HELP)
    if command.name == START_COMMAND:
        return await _start_welcome(session, message, contact, case)
    code = command.arguments
    if (
        command.name == "koppel"
        and message.channel == Channel.TELEGRAM
        and code
        and " " not in code
    ):
        if not link_attempts.take(message.chat_id, time.monotonic()):
            return texts.LINK_TOO_MANY
        name = await employees.link_telegram(session, code, int(message.chat_id))
        return texts.LINKED.format(employee=name) if name else texts.LINK_FAILED
    if command.name in EMPLOYEE_COMMANDS:
        language, key = await _tenant_language(session, contact, case, "employees_only")
        return texts.to_tenant(language, key, texts.EMPLOYEES_ONLY)
    return None


async def _tenant_language(
    session: AsyncSession, contact: Contact, case: Case | None, key: str
) -> tuple[str, str]:
    """The language of an answer about the tenant's question, and its text's key: the open
    case's, or, without one, their latest case's (a Telegram app in English is no sign), with
    the text for a tenant without an open question ("help_no_case")."""
    if case is not None:
        return case.language, key
    return await queries.latest_language(session, contact.id) or DUTCH, f"{key}_no_case"


async def _start_welcome(
    session: AsyncSession, message: InboundMessage, contact: Contact, case: Case | None
) -> str | None:
    """/start's welcome, about the topic of a link from the website or plain, in the language
    the app took the tenant to write: their latest case's. A tenant it knows nothing of yet,
    whose Telegram app or browser is set to another language, is welcomed in Dutch and then in
    that language: a phone in English is no sign of an English speaker, so Dutch stays first
    and what they write next decides (nlu/language.py). A plain /start otherwise goes on as
    any message: to the assistant, or during an open case to its owner."""
    assert message.command is not None
    topic = start_topic(message.command)
    link = bool(message.command.arguments)
    if case is not None:
        return texts.start_welcome(case.language, topic) if link else None
    known = await queries.latest_language(session, contact.id)
    if known is not None and known != DUTCH:
        return texts.start_welcome(known, topic)
    hinted = language.hinted(message.language_hint)
    if known is None and hinted is not None and not await _wrote_before(session, contact):
        return texts.start_welcome(DUTCH, topic) + "\n\n" + texts.start_welcome(hinted, topic)
    return texts.start_welcome(DUTCH, topic) if link else None


async def _wrote_before(session: AsyncSession, contact: Contact) -> bool:
    """Whether the tenant typed a message before (not a command): without a case, it went to
    the assistant, so the app took it to be Dutch."""
    earlier = select(Message.id).where(
        Message.contact_id == contact.id,
        Message.sender == "tenant",
        Message.kind == "text",
        Message.text.not_like("/%"),
    )
    return await session.scalar(earlier.limit(1)) is not None


async def _contact(session: AsyncSession, message: InboundMessage) -> Contact:
    """Returns the tenant's contact record, creating it on their first message."""
    name = shorten(message.sender_name, NAME_LENGTH)  # any channel: the column's length
    contact = await session.scalar(
        select(Contact).where(
            Contact.channel == message.channel, Contact.external_id == message.chat_id
        )
    )
    if contact is None:
        contact = Contact(
            channel=message.channel,
            external_id=message.chat_id,
            display_name=name,
            rasa_sender_id=uuid.uuid4().hex,
        )
        session.add(contact)
        await session.flush()
        sender_ids.remember(session, contact)
    elif name and contact.display_name != name:
        contact.display_name = name
    return contact


async def _transcript_message(
    session: AsyncSession, contact: Contact, inbound: InboundUpdate, message: InboundMessage
) -> Message:
    """Keeps the tenant's message in the transcript, once even when processing is retried.
    On an update's first try (Recovery counts its tries before it takes one, Rasa's failures
    count as attempts) there is no message of it yet: nothing to look up."""
    first_try = inbound.tries == 0 and inbound.attempts == 0
    stored = None
    if not first_try:
        stored = await session.scalar(select(Message).where(Message.inbound_id == inbound.id))
    if stored is None:
        text = message.text
        if message.edited and text:
            text = f"(aangepast) {text}"
        stored = Message(
            contact_id=contact.id,
            inbound_id=inbound.id,
            sender="tenant",
            kind="text" if message.kind == "button" else message.kind,
            text=text,
            file_id=message.file_id,
        )
        session.add(stored)
        await session.flush()
    return stored


async def _claim_turn(
    session: AsyncSession, message: InboundMessage, turn: _RasaTurn
) -> tuple[InboundUpdate, Contact] | None:
    """The turn's stored update, if it still needs finishing, and its tenant."""
    inbound = await claim_unprocessed(session, message.channel, message.update_id)
    if inbound is None:
        return None
    return inbound, await _tenant(session, turn)


async def _finish_turn(
    session: AsyncSession, message: InboundMessage, turn: _RasaTurn
) -> tuple[int, Contact] | None:
    """Marks the turn's stored update processed if it still needed finishing, in one statement
    (what follows is in the same transaction, so it rolls back with it), and returns the
    update's id and its tenant; None when it was finished before."""
    finished = await session.scalar(
        update(InboundUpdate)
        .where(
            InboundUpdate.channel == message.channel,
            InboundUpdate.update_id == message.update_id,
            InboundUpdate.processed_at.is_(None),
            InboundUpdate.dead_at.is_(None),
        )
        .values(processed_at=utcnow())
        .returning(InboundUpdate.id)
        .execution_options(synchronize_session=False)
    )
    if finished is None:
        return None
    return finished, await _tenant(session, turn)


async def _tenant(session: AsyncSession, turn: _RasaTurn) -> Contact:
    """The turn's tenant in this session, without reading the row again: _record read it in
    this turn, under the chat's lock, and contacts are never deleted."""
    return await session.merge(turn.contact, load=False)


async def _older_unfinished(session: AsyncSession, inbound: InboundUpdate) -> bool:
    """Whether an earlier message of the same tenant is stored but not finished (reliability
    review, defect 5: after a Rasa outage the newer ones were answered first)."""
    older = select(InboundUpdate.id).where(
        InboundUpdate.contact_id == inbound.contact_id,
        InboundUpdate.id < inbound.id,
        InboundUpdate.processed_at.is_(None),
        InboundUpdate.dead_at.is_(None),
    )
    return await session.scalar(older.limit(1)) is not None


async def _last_said(session: AsyncSession, contact: Contact) -> str | None:
    """The last text the tenant was sent (or is about to be)."""
    return await session.scalar(
        select(OutboxMessage.text)
        .where(OutboxMessage.contact_id == contact.id)
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )


async def _offered_payload(
    session: AsyncSession, contact: Contact, payload: str | None
) -> str | None:
    """Accepts a button payload only if the bot offered that button to this tenant last."""
    last = await session.scalar(
        select(OutboxMessage.buttons)
        .where(
            OutboxMessage.contact_id == contact.id,
            OutboxMessage.buttons.is_not(None),
        )
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )
    offered = {button["payload"] for row in last or [] for button in row}
    return payload if payload in offered else None
