"""Cases opened through the real path without a trained model: a tenant writes (on Telegram or
in the web chat), the fake Rasa answers with a handoff payload, and the app routes, stores and
notifies as it would for real Rasa."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.storage.tables import Case, Contact, Employee
from tests.fakes.bot_api import FakeBotApi, FakeUser, SentMessage
from tests.fakes.rasa import FakeRasa, handoff_payload
from tests.support.templates import fixed_part, wait_for_said
from tests.support.tenants import WebTenant

REPAIR = "uw kraan in de keuken lekt al een week"


@dataclass(frozen=True)
class OpenedCase:
    """A case the factory opened, and what its tenant and owner received."""

    id: int
    owner: str
    told: str  # what the tenant heard: who helps them and by when
    notification: SentMessage | None  # the owner's, with its buttons; None without Telegram


async def open_case(
    runtime: Runtime,
    bot_api: FakeBotApi,
    fake_rasa: FakeRasa,
    *,
    tenant: FakeUser | WebTenant,
    topic: str = "report_repair",
    summary: str = REPAIR,
    says: str | None = None,
    summary_confirmed: bool = True,
    flags: Sequence[str] = (),
    postcode: str | None = None,
    house_number: str | None = None,
    requested_employee: str | None = None,
    address_check: str | None = None,
) -> OpenedCase:
    """Opens a case: the tenant says `says` (else the summary), the fake Rasa hands them over."""
    says = says or summary
    payload = handoff_payload(
        topic,
        summary,
        summary_confirmed=summary_confirmed,
        flags=flags,
        postcode=postcode,
        house_number=house_number,
        requested_employee=requested_employee,
        address_check=address_check,
    )
    # A tenant with an open case talks to its owner, not to Rasa: one open case per tenant.
    fake_rasa.reply_to(says, handoff=payload, once=True)
    start = len(bot_api.sent)
    if isinstance(tenant, WebTenant):
        await tenant.say(says)
        told = (await tenant.expect(fixed_part(texts.HANDED_OVER))).text
        channel, chat_id = "web", tenant.chat_id
    else:
        bot_api.send_text(tenant, says)
        sent = await wait_for_said(bot_api, tenant.id, texts.HANDED_OVER, start=start)
        told = sent.text or ""
        channel, chat_id = "telegram", str(tenant.id)
    async with runtime.uow.read() as session:
        case, owner = (
            await session.execute(
                select(Case, Employee)
                .join(Contact, Contact.id == Case.contact_id)
                .join(Employee, Employee.id == Case.owner_id)
                .where(Contact.channel == channel, Contact.external_id == chat_id)
                .order_by(Case.id.desc())
                .limit(1)
            )
        ).one()
    notification = None  # an owner without Telegram works in the desk only
    if owner.telegram_user_id is not None and runtime.telegram is not None:
        notification = await notification_of(bot_api, owner.telegram_user_id, case.id, start)
    return OpenedCase(case.id, owner.name, told, notification)


async def notification_of(
    bot_api: FakeBotApi, chat_id: int, case_id: int, start: int = 0, **known: object
) -> SentMessage:
    """Waits for a case's notification to an employee and the transcript after it."""
    # Once the transcript is there, the notification's Telegram id is stored (the employee
    # can reply to it), and nothing of the notification arrives after what a test does next.
    notification = await wait_for_said(
        bot_api, chat_id, texts.NOTIFICATION, start=start, case_id=case_id, **known
    )
    caption = texts.TRANSCRIPT_CAPTION.format(case_id=case_id)
    await bot_api.wait_for(lambda m: m.chat_id == chat_id and m.text == caption, start=start)
    return notification


async def case_row(runtime: Runtime, case_id: int) -> Case:
    """Reads a case as the database has it now."""
    async with runtime.uow.read() as session:
        case = await session.get(Case, case_id)
    assert case is not None
    return case


async def only_case(runtime: Runtime) -> tuple[Case, str]:
    """The one case there is, and its owner's name (fails if there is not exactly one)."""
    async with runtime.uow.read() as session:
        [(case, owner)] = (await session.execute(select(Case, Employee.name).join(Employee))).all()
    return case, owner
