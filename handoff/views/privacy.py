"""What a tenant's data looks like to them (the /mijngegevens document) and to the admins who
find, export or erase it; and the log of those exports and erasures."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from handoff import texts
from handoff.cases import backoffice, queries
from handoff.domain.handoff_request import DUTCH
from handoff.domain.presence import LOCAL
from handoff.domain.transcript import TranscriptLine, render
from handoff.storage import sender_ids
from handoff.storage.rasa_trackers import RasaTrackers, TrackerEvent
from handoff.storage.tables import (
    BackOfficeJob,
    Case,
    Contact,
    Employee,
    Feedback,
    Message,
    PrivacyLog,
    utcnow,
)
from handoff.storage.unit_of_work import UnitOfWork


def label(contact: Contact) -> str:
    """Names a tenant in the log without identifying them."""
    return texts.PRIVACY_LABEL.format(contact_id=contact.id, channel=contact.channel)


def _when(moment: datetime, form: str = "%d-%m-%Y %H:%M") -> str:
    return moment.astimezone(LOCAL).strftime(form)


async def document(session: AsyncSession, trackers: RasaTrackers, contact: Contact) -> str:
    """Everything Aandacht keeps about the tenant, as plain text with an explanation; a
    tenant whose latest case is in another language finds it in theirs first."""
    language = await queries.latest_language(session, contact.id) or DUTCH
    parts = [
        texts.EXPORT_TITLE,
        texts.EXPORT_MADE.format(date=_when(utcnow())),
        "",
        *([] if language == DUTCH else [texts.in_language(language)["export_intro"], ""]),
        texts.EXPORT_INTRO,
        "",
        _heading(texts.EXPORT_ABOUT),
        texts.EXPORT_CHANNEL.format(
            channel=texts.CHANNEL_LABELS.get(contact.channel, contact.channel)
        ),
        texts.EXPORT_NAME.format(name=contact.display_name),
        texts.EXPORT_SINCE.format(date=_when(contact.created_at)),
        "",
        _heading(texts.EXPORT_MESSAGES),
        await _messages(session, contact) or texts.EXPORT_NOTHING,
        "",
        _heading(texts.EXPORT_CASES),
        await _cases(session, contact) or texts.EXPORT_NOTHING,
        "",
        _heading(texts.EXPORT_ASSISTANT),
        await _conversations(session, trackers, contact) or texts.EXPORT_NOTHING,
        "",
        _heading(texts.EXPORT_BACKOFFICE),
        await _back_office(session, contact) or texts.EXPORT_NOTHING,
    ]
    return "\n".join(parts) + "\n"


async def _back_office(session: AsyncSession, contact: Contact) -> str:
    """What was passed to the corporation's own system, case by case."""
    jobs = await session.scalars(
        select(BackOfficeJob)
        .where(BackOfficeJob.contact_id == contact.id)
        .order_by(BackOfficeJob.id)
    )
    return "\n".join(
        texts.EXPORT_BACKOFFICE_LINE.format(case_id=job.case_id, line=backoffice.job_line(job))
        for job in jobs
    )


def _heading(title: str) -> str:
    return f"{title}\n{'=' * len(title)}"


async def _lines(session: AsyncSession, *where: object) -> list[TranscriptLine]:
    rows = (
        await session.execute(
            select(Message, Employee.name)
            .outerjoin(Employee, Employee.id == Message.employee_id)
            .where(*where)  # type: ignore[arg-type]  # column expressions
            .order_by(Message.id)
        )
    ).all()
    return [
        TranscriptLine(m.created_at, m.sender, m.kind, m.text, author=name) for m, name in rows
    ]


async def _messages(session: AsyncSession, contact: Contact) -> str:
    lines = await _lines(session, Message.contact_id == contact.id, Message.sender != "note")
    return render(lines, texts.TRANSCRIPT_LABELS)


async def _cases(session: AsyncSession, contact: Contact) -> str:
    rows = (
        await session.execute(
            select(Case, Employee.name, Feedback)
            .join(Employee, Employee.id == Case.owner_id)
            .outerjoin(Feedback, Feedback.case_id == Case.id)
            .where(Case.contact_id == contact.id)
            .order_by(Case.id)
        )
    ).all()
    blocks = []
    for case, owner, feedback in rows:
        lines = [
            texts.EXPORT_CASE.format(
                case_id=case.id,
                topic=texts.topic_label(case.topic),
                status=texts.CASE_STATUS.get(case.status, case.status),
            ),
            texts.EXPORT_CASE_OPENED.format(date=_when(case.opened_at)),
        ]
        if case.closed_at:
            lines.append(texts.EXPORT_CASE_CLOSED.format(date=_when(case.closed_at)))
        lines.append(texts.EXPORT_CASE_OWNER.format(employee=owner))
        lines.append(texts.EXPORT_CASE_SUMMARY.format(summary=case.summary))
        if case.language != DUTCH:
            name = texts.language_name(case.language)
            lines.append(texts.EXPORT_CASE_LANGUAGE.format(language=name))
        for key, value in case.details.items():
            if value:
                name = texts.DETAIL_LABELS.get(key, key)
                shown = texts.detail_value(key, value)
                lines.append(texts.EXPORT_CASE_DETAIL.format(name=name, value=shown))
        notes = await _lines(session, Message.case_id == case.id, Message.sender == "note")
        if notes:
            lines.append(texts.EXPORT_CASE_NOTES)
            lines.append(render(notes, texts.TRANSCRIPT_LABELS))
        if feedback is not None:
            repeated = feedback.explained_more_than_once
            lines.append(
                texts.EXPORT_FEEDBACK.format(
                    heard=texts.EXPORT_NO_ANSWER
                    if feedback.felt_heard is None
                    else f"{feedback.felt_heard}/5",
                    repeated=texts.EXPORT_NO_ANSWER
                    if repeated is None
                    else (texts.YES if repeated else texts.NO).lower(),
                )
            )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


async def _conversations(session: AsyncSession, trackers: RasaTrackers, contact: Contact) -> str:
    ids = await sender_ids.all_of(session, contact)
    events = await trackers.events(ids)
    by_sender: dict[str, list[TrackerEvent]] = {}
    for event in events:
        by_sender.setdefault(event.sender_id, []).append(event)
    blocks = []
    for number, (sender_id, found) in enumerate(by_sender.items(), start=1):
        lines = [texts.EXPORT_CONVERSATION.format(number=number, sender_id=sender_id)]
        lines += [line for line in map(_event_line, found) if line]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _event_line(event: TrackerEvent) -> str | None:
    """One event as a person reads it; Rasa's bookkeeping (action_listen…) is left out."""
    data = event.data
    at = _when(datetime.fromtimestamp(event.timestamp or 0, LOCAL), "%d-%m %H:%M")
    if event.type_name == "user":
        intent = ((data.get("parse_data") or {}).get("intent") or {}).get("name")
        text = str(data.get("text") or "")
        if intent:
            text = texts.EXPORT_EVENT_INTENT.format(text=text, intent=intent)
        body = text
    elif event.type_name == "bot":
        body = str(data.get("text") or "")
    elif event.type_name == "slot":
        if data.get("value") is None:
            return None
        body = f"{data.get('name')} = {data.get('value')}"
    elif event.type_name == "action":
        if data.get("name") in ("action_listen", "action_session_start"):
            return None
        body = str(data.get("name") or "")
    else:
        return None
    return f"{at} {texts.EVENT_LABELS[event.type_name]}: {body}"


@dataclass(frozen=True)
class Found:
    """A tenant an admin searched for."""

    contact_id: int
    channel: str
    name: str
    external_id: str
    created_at: datetime
    cases: int
    postcodes: list[str]


def _plain(text: str) -> str:
    return "".join(text.split()).casefold()


async def find(uow: UnitOfWork, query: str, limit: int = 50) -> list[Found]:
    """Tenants by (part of) their name, their chat id, or a postcode from their cases."""
    query = query.strip()
    if not query:
        return []
    async with uow.read() as session:
        pattern = f"%{query}%"
        by_contact = set(
            await session.scalars(
                select(Contact.id).where(
                    Contact.erased_at.is_(None),
                    or_(Contact.display_name.ilike(pattern), Contact.external_id == query),
                )
            )
        )
        postcodes: dict[int, list[str]] = {}
        wanted = _plain(query)
        for contact_id, details in (
            await session.execute(select(Case.contact_id, Case.details))
        ).all():
            postcode = str((details or {}).get("postcode") or "")
            if postcode:
                postcodes.setdefault(contact_id, []).append(postcode)
                if wanted and wanted in _plain(postcode):
                    by_contact.add(contact_id)
        rows = (
            await session.execute(
                select(Contact, func.count(Case.id))
                .outerjoin(Case, Case.contact_id == Contact.id)
                .where(Contact.id.in_(by_contact), Contact.erased_at.is_(None))
                .group_by(Contact.id)
                .order_by(Contact.id.desc())
                .limit(limit)
            )
        ).all()
    return [
        Found(
            c.id,
            c.channel,
            c.display_name,
            c.external_id,
            c.created_at,
            count,
            sorted(set(postcodes.get(c.id, []))),
        )
        for c, count in rows
    ]


async def one(uow: UnitOfWork, contact_id: int) -> Found | None:
    """One tenant, as the erase page names them; None if unknown or erased already."""
    async with uow.read() as session:
        contact = await session.get(Contact, contact_id)
        if contact is None or contact.erased_at is not None:
            return None
        cases = list(await session.scalars(select(Case).where(Case.contact_id == contact_id)))
    postcodes = sorted(
        {str(c.details.get("postcode")) for c in cases if c.details.get("postcode")}
    )
    return Found(
        contact.id,
        contact.channel,
        contact.display_name,
        contact.external_id,
        contact.created_at,
        len(cases),
        postcodes,
    )


@dataclass(frozen=True)
class LogLine:
    """A line of the privacy log, as the page shows it."""

    at: datetime
    who: str
    label: str
    action: str
    via: str


async def log(uow: UnitOfWork, limit: int = 200) -> list[LogLine]:
    """The newest exports and erasures, for the admins."""
    async with uow.read() as session:
        rows = (
            await session.execute(
                select(PrivacyLog, Employee.name)
                .outerjoin(Employee, Employee.id == PrivacyLog.employee_id)
                .order_by(PrivacyLog.id.desc())
                .limit(limit)
            )
        ).all()
    return [
        LogLine(
            row.at,
            name or texts.PRIVACY_BY_TENANT,
            row.label,
            texts.PRIVACY_ACTIONS.get(row.action, row.action),
            texts.PRIVACY_VIA.get(row.via, row.via),
        )
        for row, name in rows
    ]
