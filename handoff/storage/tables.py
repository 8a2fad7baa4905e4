"""The database tables. Tenant data hangs off `contacts.id` so it can be exported or erased."""

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from handoff.domain.handoff_request import DUTCH, LANGUAGE_LENGTH, TOPIC_LIMIT
from handoff.domain.staff import EmployeeRef

# Columns that hold what people type or are called, so the edges can fit values to them
# (PostgreSQL refuses a longer value; SQLite would keep it).
NAME_LENGTH = 200  # contacts.display_name
REASON_LENGTH = 200  # cases.routing_reason
ERROR_LENGTH = 500  # inbound_updates.last_error


def utcnow() -> datetime:
    """Returns the current time in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in UTC; SQLite keeps no time zone, so reading it back adds UTC again."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self,
        value: datetime | None,
        dialect: object,  # noqa: ARG002 - SQLAlchemy's signature
    ) -> datetime | None:
        """The moment in UTC, for storage."""
        # SQLite drops the zone and keeps the wall time: a deadline in Dutch time (presence's
        # answer_by) came back an hour or two late. Every moment is stored as UTC.
        if value is not None and value.tzinfo is not None:
            return value.astimezone(UTC)
        return value

    def process_result_value(
        self,
        value: datetime | None,
        dialect: object,  # noqa: ARG002 - SQLAlchemy's signature
    ) -> datetime | None:
        """The stored moment, marked as UTC."""
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    """Base class of all tables."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: UTCDateTime(),
    }


class Contact(Base):
    """A tenant (or visitor) on one channel: a Telegram chat or a web chat session."""

    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    # The conversation's id at Rasa; renewed when a case closes so the bot starts fresh.
    rasa_sender_id: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Nothing is left: the tenant asked to be forgotten, or the retention purge took the chat id
    # and name once nothing else was left of the contact (docs/retention.md).
    erased_at: Mapped[datetime | None]


class ContactSenderId(Base):
    """Every Rasa sender id a contact ever had, so their old conversations can be found too."""

    __tablename__ = "contact_sender_ids"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    sender_id: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PrivacyLog(Base):
    """Every export and erasure of a tenant's data: who, when, which contact; not the content."""

    __tablename__ = "privacy_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))  # None: tenant
    contact_id: Mapped[int]  # no foreign key: the log outlives what it describes
    label: Mapped[str] = mapped_column(String(100))  # says who without naming them
    action: Mapped[str] = mapped_column(String(16))  # export, erase
    via: Mapped[str] = mapped_column(String(16))  # telegram, web, desk


class Employee(Base):
    """An employee from the directory, with the Telegram account they linked."""

    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    away: Mapped[bool] = mapped_column(Boolean, default=False)  # said /afwezig
    # A one-time code to link a Telegram account with /koppel; only its hash is kept.
    link_code_hash: Mapped[str | None] = mapped_column(String(64))
    link_code_expires: Mapped[datetime | None]
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)  # from the directory
    password_hash: Mapped[str | None] = mapped_column(String(200))  # argon2id, for the desk
    # Every logout ends all desk sessions made before it: they are bound to this count.
    logouts: Mapped[int] = mapped_column(default=0, server_default="0")

    def ref(self) -> EmployeeRef:
        """The employee as the adapters see them."""
        return EmployeeRef(self.id, self.name, self.telegram_user_id, self.is_admin)


class InboundUpdate(Base):
    """Every inbound update, stored before it counts as received; unique per channel and id."""

    __tablename__ = "inbound_updates"
    __table_args__ = (UniqueConstraint("channel", "update_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    update_id: Mapped[str] = mapped_column(String(128))  # web chat: chat id + message id
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # tries to reach Rasa
    tries: Mapped[int] = mapped_column(Integer, default=0)  # times Recovery took it again
    # After Recovery's last try it is parked: never tried again, listed for admins.
    dead_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(ERROR_LENGTH))  # the error's kind


Index("ix_inbound_unprocessed", InboundUpdate.processed_at, InboundUpdate.id)
Index("ix_inbound_dead", InboundUpdate.dead_at)
# A tenant's earlier messages that are not finished yet (services/conversation.py).
Index("ix_inbound_contact", InboundUpdate.contact_id, InboundUpdate.processed_at)


class Case(Base):
    """A tenant's need, handed to one named owner, with the transcript attached."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    topic: Mapped[str] = mapped_column(String(TOPIC_LIMIT))
    summary: Mapped[str] = mapped_column(Text)
    summary_confirmed: Mapped[bool] = mapped_column(Boolean)
    flags: Mapped[list[Any]] = mapped_column(default=list)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    routing_reason: Mapped[str] = mapped_column(String(REASON_LENGTH))
    status: Mapped[str] = mapped_column(String(16), default="open")
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    transfers: Mapped[int] = mapped_column(default=0)  # how often it went to someone else
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)  # when the owner got it
    answer_by: Mapped[datetime | None]  # what the tenant was promised
    reminded_at: Mapped[datetime | None]  # the owner was reminded to take it
    first_answer_at: Mapped[datetime | None]  # an employee's first message to the tenant
    # The language the tenant wrote (ISO 639-1); not Dutch: the app answered them itself.
    language: Mapped[str] = mapped_column(String(LANGUAGE_LENGTH), default=DUTCH)


class Feedback(Base):
    """The tenant's two answers after a case closed, kept per case and owner."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("employees.id"), index=True)
    felt_heard: Mapped[int | None]  # 1 (not at all) to 5 (completely)
    explained_more_than_once: Mapped[bool | None]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class Message(Base):
    """One message of a conversation: the transcript the employee receives."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    inbound_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_updates.id", ondelete="CASCADE"), unique=True
    )
    sender: Mapped[str] = mapped_column(String(16))  # tenant, bot, employee
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    kind: Mapped[str] = mapped_column(String(16), default="text")
    text: Mapped[str | None] = mapped_column(Text)
    file_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The Rasa response a bot message came from ("utter_summary"), when Rasa named one.
    response: Mapped[str | None] = mapped_column(String(64))


class OutboxMessage(Base):
    """A message waiting to be delivered, written in the same transaction as the change."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    # The transcript message this row delivers to a tenant (notices.say_to_tenant).
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("messages.id", ondelete="SET NULL", name="fk_outbox_message")
    )
    kind: Mapped[str] = mapped_column(String(16), default="text")  # text, document, photo…
    text: Mapped[str | None] = mapped_column(Text)
    html: Mapped[bool] = mapped_column(Boolean, default=False)
    buttons: Mapped[list[Any] | None]  # rows of {"title", "payload"}
    document_name: Mapped[str | None] = mapped_column(String(200))
    document_body: Mapped[str | None] = mapped_column(Text)
    file_id: Mapped[str | None] = mapped_column(String(200))  # a Telegram file to pass on
    edit_message_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, sent, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    external_message_id: Mapped[str | None] = mapped_column(String(64))
    # Said to a tenant who was just forgotten: the row goes once it is delivered.
    forget_when_sent: Mapped[bool] = mapped_column(Boolean, default=False)


Index("ix_outbox_due", OutboxMessage.status, OutboxMessage.next_attempt_at)
Index("ix_outbox_chat", OutboxMessage.channel, OutboxMessage.chat_id, OutboxMessage.id)
Index("ix_outbox_message", OutboxMessage.message_id)
# What a tenant was sent last, and which buttons they were offered: read for every message.
Index("ix_outbox_contact", OutboxMessage.contact_id, OutboxMessage.id)


class ReviewItem(Base):
    """A tenant message the bot may have misunderstood, masked, waiting for an admin's label.

    It hangs off the message (and the tenant), so erasing a tenant erases their items too.
    """

    __tablename__ = "review_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), unique=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)  # with personal data masked
    group_key: Mapped[str] = mapped_column(String(200), index=True)
    guess: Mapped[str | None] = mapped_column(String(64))  # the intent the bot chose
    confidence: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[Any]] = mapped_column(default=list)  # why it is in the inbox
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, labelled, ignored
    label: Mapped[str | None] = mapped_column(String(64))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NluModel(Base):
    """A trained model: its data fingerprint, how it did on the gate, and who activated it."""

    __tablename__ = "nlu_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64))
    training: Mapped[str] = mapped_column(String(16))  # full, finetune, or start
    why: Mapped[str] = mapped_column(String(300), default="")  # why that kind of training
    # training, failed, candidate, refused, active, retired
    status: Mapped[str] = mapped_column(String(16), default="training")
    progress: Mapped[str] = mapped_column(String(200), default="")
    metrics: Mapped[dict[str, Any]] = mapped_column(default=dict)  # per-intent F1, stories…
    gate: Mapped[dict[str, Any]] = mapped_column(default=dict)  # against the live model
    created_by: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    activated_by: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    activated_at: Mapped[datetime | None]
    # Asked for on the command line; the running app activates it (it holds the Rasa switch).
    activation_requested_at: Mapped[datetime | None]


class BackOfficeJob(Base):
    """A call to the corporation's back office (VERA), stored first and made afterwards with
    retries, like the outbox (services/backoffice.py): the tenant never waits on the ERP.

    It hangs off the case and the tenant, so erasing a tenant erases their jobs too (what the
    back office itself keeps is the corporation's to erase, docs/backoffice.md).
    """

    __tablename__ = "backoffice_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # repair, contact, appointment
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    # Ours, unique: sent as VERA's idExtern, so a retried call finds what an earlier try made.
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # domain JobStatus
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(ERROR_LENGTH))
    # What the back office answered: its id and code for the request or appointment, its status.
    external_id: Mapped[str | None] = mapped_column(String(64))
    external_code: Mapped[str | None] = mapped_column(String(64))
    external_status: Mapped[str | None] = mapped_column(String(16))
    checked_at: Mapped[datetime | None]  # when the status was last asked
    # An appointment's chosen slot; a repair's offered slots ("slots") once offered.
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]


Index("ix_backoffice_due", BackOfficeJob.status, BackOfficeJob.next_attempt_at)
