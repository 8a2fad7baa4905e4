"""The case rules on Telegram without a trained model: the fake Rasa hands a tenant over, and
employees claim, answer, transfer and close through the fake Bot API as they would for real.
tests/e2e/test_telegram_handoff.py proves the same path with the real Rasa."""

from datetime import timedelta

from sqlalchemy import func, select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.domain.escalation import Step
from handoff.services.escalation import escalate
from handoff.storage.tables import (
    Contact,
    Employee,
    Feedback,
    Message,
    OutboxMessage,
    ReviewItem,
)
from handoff.texts import KIND_LABELS
from tests.conftest import FATIMA, KEES, MEHMET, SANNE
from tests.factories import REPAIR, case_row, notification_of, open_case
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa
from tests.support.employees import TelegramEmployee
from tests.support.templates import wait_for_said

TENANT = FakeUser(5201, "Aysel", "Kaya")
NEIGHBOUR = FakeUser(5202, "Ruben", "de Jong")
CASE_BUTTONS = [
    texts.CLAIM_BUTTON,
    texts.TRANSFER_BUTTON,
    texts.CLOSE_BUTTON,
    texts.MISREAD_BUTTON,
]


async def rows_to(runtime: Runtime, user: FakeUser, text: str) -> int:
    """Counts the outbox rows with this text for a chat: what the app decided to send."""
    async with runtime.uow.read() as session:
        return await session.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.chat_id == str(user.id), OutboxMessage.text == text
            )
        )


async def employee_id(runtime: Runtime, name: str) -> int:
    async with runtime.uow.read() as session:
        found = await session.scalar(select(Employee.id).where(Employee.name == name))
    assert found is not None
    return found


async def test_a_double_press_claims_once(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    assert case.owner == "Fatima el Amrani"
    assert case.notification is not None
    assert [title for title, _ in case.notification.buttons()] == CASE_BUTTONS
    claim = dict(case.notification.buttons())[texts.CLAIM_BUTTON]
    answered = len(bot_api.callback_answers)

    bot_api.press_button(FATIMA, case.notification, claim)  # both presses are in flight at once
    bot_api.press_button(FATIMA, case.notification, claim)
    await bot_api.wait_until(lambda: len(bot_api.callback_answers) == answered + 2)

    answers = {answer.get("text") for answer in bot_api.callback_answers[answered:]}
    assert answers == {
        texts.CLAIM_OK.format(case_id=case.id),
        texts.CLAIM_TAKEN.format(case_id=case.id),
    }
    claimed = texts.CLAIMED.format(employee="Fatima el Amrani")
    await bot_api.wait_for_text(TENANT.id, claimed)
    assert await rows_to(quick_app, TENANT, claimed) == 1
    assert (await case_row(quick_app, case.id)).claimed_at is not None


async def test_someone_elses_case_is_refused_with_the_owners_name(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    assert case.notification is not None
    sanne = TelegramEmployee(bot_api, SANNE)
    not_hers = texts.CLAIM_NOT_YOURS.format(case_id=case.id, owner="Fatima el Amrani")

    assert await sanne.press(case.notification, texts.CLAIM_BUTTON) == not_hers
    assert await sanne.press(case.notification, texts.CLOSE_BUTTON) == not_hers
    assert await sanne.command(f"/afsluiten {case.id} klaar") == not_hers
    assert await sanne.command(f"/doorzetten {case.id} Kees Visser is een klacht") == not_hers

    row = await case_row(quick_app, case.id)
    assert (row.status, row.claimed_at, row.transfers) == ("open", None, 0)
    assert row.owner_id == await employee_id(quick_app, "Fatima el Amrani")
    async with quick_app.uow.read() as session:
        to_tenant = await session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.chat_id == str(TENANT.id))
        )
    assert to_tenant == 1  # only who helps them: nothing Sanne tried reached the tenant


async def test_the_misread_button_checks_who_may_see_the_case(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    assert case.notification is not None
    # Callback data comes from the client: Sanne (Wijkbeheer) sends the repair case's button.
    sanne = TelegramEmployee(bot_api, SANNE)
    assert await sanne.press(case.notification, texts.MISREAD_BUTTON) == (
        texts.CASE_NOT_FOUND.format(case_id=case.id)
    )
    async with quick_app.uow.read() as session:
        assert await session.scalar(select(func.count(ReviewItem.id))) == 0
    fatima = TelegramEmployee(bot_api, FATIMA)
    assert await fatima.press(case.notification, texts.MISREAD_BUTTON) == texts.MISREAD_OK
    async with quick_app.uow.read() as session:
        assert await session.scalar(select(func.count(ReviewItem.id))) == 1


async def test_a_reply_reaches_the_tenant_and_counts_as_claiming(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    assert case.notification is not None
    fatima = TelegramEmployee(bot_api, FATIMA)

    bot_api.send_text(FATIMA, "Ik kom morgen om 10 uur langs.", reply_to=case.notification)
    answer = texts.EMPLOYEE_SAYS.format(
        employee="Fatima el Amrani", text="Ik kom morgen om 10 uur langs."
    )
    await bot_api.wait_for_text(TENANT.id, answer)

    row = await case_row(quick_app, case.id)
    assert row.claimed_at is not None
    assert row.first_answer_at is not None
    assert await fatima.press(case.notification, texts.CLAIM_BUTTON) == texts.CLAIM_TAKEN.format(
        case_id=case.id
    )
    assert await rows_to(quick_app, TENANT, texts.CLAIMED.format(employee="Fatima el Amrani")) == 0
    # Taken up, so never escalated, however long it stays open.
    later = row.assigned_at + timedelta(days=365)
    policy = quick_app.settings.escalation
    assert await escalate(quick_app.uow, quick_app.directory, policy, later) == {
        Step.REMIND: 0,
        Step.REASSIGN: 0,
    }


async def test_a_tenants_message_during_a_case_goes_to_the_owner_and_not_to_rasa(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    heard = len(fake_rasa.received)

    bot_api.send_text(TENANT, "Prima, ik ben de hele dag thuis")
    relayed = await wait_for_said(
        bot_api,
        FATIMA.id,
        texts.TENANT_WROTE,
        case_id=case.id,
        tenant="Aysel Kaya",
        text="Prima, ik ben de hele dag thuis",
    )
    bot_api.send_media(TENANT, "photo")
    await bot_api.wait_for_text(
        TENANT.id, texts.FILE_WITH_CASE.format(employee="Fatima el Amrani")
    )
    photo = await bot_api.wait_for(lambda m: m.chat_id == FATIMA.id and m.method == "sendPhoto")
    assert photo.text == texts.TENANT_SENT_FILE.format(
        case_id=case.id, tenant="Aysel Kaya", kind=KIND_LABELS["photo"]
    )
    bot_api.send_text(TENANT, "/status")
    await wait_for_said(
        bot_api, TENANT.id, texts.STATUS_WAITING, case_id=case.id, employee="Fatima el Amrani"
    )

    assert len(fake_rasa.received) == heard  # Rasa saw none of it
    status = texts.TENANT_WROTE.format(case_id=case.id, tenant="Aysel Kaya", text="/status")
    assert await rows_to(quick_app, FATIMA, status) == 0  # asking is not a message for her
    async with quick_app.uow.read() as session:
        kept = await session.scalar(
            select(Message).where(Message.text == "Prima, ik ben de hele dag thuis")
        )
    assert kept is not None
    assert kept.case_id == case.id
    # A relayed message belongs to the case: replying to it answers the tenant.
    bot_api.send_text(FATIMA, "Dan kom ik om 10 uur.", reply_to=relayed)
    await bot_api.wait_for_text(
        TENANT.id,
        texts.EMPLOYEE_SAYS.format(employee="Fatima el Amrani", text="Dan kom ik om 10 uur."),
    )


async def test_closing_tells_the_tenant_asks_two_questions_and_starts_a_fresh_conversation(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    assert case.notification is not None
    before = fake_rasa.senders()
    assert len(before) == 1
    heard = len(fake_rasa.received)
    fatima = TelegramEmployee(bot_api, FATIMA)

    closed = await fatima.command("/afsluiten Tot ziens!", reply_to=case.notification)
    assert closed == texts.CLOSED_OK.format(case_id=case.id)
    question = await bot_api.wait_for_text(TENANT.id, texts.FEEDBACK_HEARD)
    said_to_tenant = [m.text for m in bot_api.messages_to(TENANT.id)][-3:]
    assert said_to_tenant == [
        texts.EMPLOYEE_SAYS.format(employee="Fatima el Amrani", text="Tot ziens!"),
        texts.CASE_CLOSED.format(employee="Fatima el Amrani"),
        texts.FEEDBACK_HEARD,
    ]
    assert [title for title, _ in question.buttons()] == ["1", "2", "3", "4", "5"]
    bot_api.press_button(TENANT, question, dict(question.buttons())["4"])
    repeated = await bot_api.wait_for_text(TENANT.id, texts.FEEDBACK_REPEATED)
    bot_api.press_button(TENANT, repeated, dict(repeated.buttons())["Nee"])
    await bot_api.wait_for_text(TENANT.id, texts.FEEDBACK_THANKS)

    async with quick_app.uow.read() as session:
        answers = await session.scalar(select(Feedback).where(Feedback.case_id == case.id))
    assert answers is not None
    assert (answers.felt_heard, answers.explained_more_than_once) == (4, False)
    assert answers.owner_id == await employee_id(quick_app, "Fatima el Amrani")
    assert len(fake_rasa.received) == heard  # the answers are the app's, not Rasa's

    start = len(bot_api.sent)
    bot_api.send_text(TENANT, "hallo")
    await bot_api.wait_for_text(TENANT.id, ASSISTANT_REPLY, start=start)
    fresh = fake_rasa.received[-1]
    assert fresh.text == "hallo"
    assert fresh.sender not in before
    async with quick_app.uow.read() as session:
        contact = await session.scalar(
            select(Contact).where(Contact.external_id == str(TENANT.id))
        )
    assert contact is not None
    assert contact.rasa_sender_id == fresh.sender
    hallo = texts.TENANT_WROTE.format(case_id=case.id, tenant="Aysel Kaya", text="hallo")
    assert await rows_to(quick_app, FATIMA, hallo) == 0
    # The closed case takes no more answers.
    late = await fatima.command("Nog één ding", reply_to=case.notification)
    assert late == texts.CASE_NOT_OPEN.format(case_id=case.id)
    row = await case_row(quick_app, case.id)
    assert row.status == "closed"
    assert row.closed_at is not None


async def test_the_close_button_asks_once_more(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    assert case.notification is not None
    fatima = TelegramEmployee(bot_api, FATIMA)

    start = len(bot_api.sent)
    assert await fatima.press(case.notification, texts.CLOSE_BUTTON) == texts.SEE_BELOW
    sure = await bot_api.wait_for_text(
        FATIMA.id, texts.CLOSE_SURE.format(case_id=case.id), start=start
    )
    assert (await case_row(quick_app, case.id)).status == "open"  # nothing happened yet
    assert await fatima.press(sure, texts.CLOSE_SURE_BUTTON) == texts.CLOSED_OK.format(
        case_id=case.id
    )
    await bot_api.wait_for_text(TENANT.id, texts.CASE_CLOSED.format(employee="Fatima el Amrani"))
    assert (await case_row(quick_app, case.id)).status == "closed"


async def test_a_transfer_needs_a_target_and_a_note_and_a_second_one_a_confirmation(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    assert case.notification is not None
    fatima, sanne = TelegramEmployee(bot_api, FATIMA), TelegramEmployee(bot_api, SANNE)

    assert await fatima.command(f"/doorzetten {case.id}") == texts.TRANSFER_HOW
    assert await fatima.command(f"/doorzetten {case.id} Pietje Puk het is overlast") == (
        texts.TRANSFER_HOW
    )
    assert await fatima.command(f"/doorzetten {case.id} Sanne de Vries") == (
        texts.TRANSFER_NOTE_NEEDED
    )
    row = await case_row(quick_app, case.id)
    assert (row.owner_id, row.transfers) == (await employee_id(quick_app, "Fatima el Amrani"), 0)

    start = len(bot_api.sent)
    done = await fatima.command(
        "/doorzetten sanne de vries: het is overlast van de buren", reply_to=case.notification
    )
    assert done == texts.TRANSFER_OK.format(case_id=case.id, employee="Sanne de Vries")
    await wait_for_said(
        bot_api,
        TENANT.id,
        texts.TRANSFERRED,
        start=start,
        employee="Sanne de Vries",
        team="Wijkbeheer",
        reason="het is overlast van de buren",
    )
    handed = await notification_of(
        bot_api,
        SANNE.id,
        case.id,
        start,
        reason=texts.REASON_TRANSFERRED.format(
            employee="Fatima el Amrani", note="het is overlast van de buren"
        ),
    )
    assert REPAIR in (handed.text or "")  # the whole history
    row = await case_row(quick_app, case.id)
    assert (row.owner_id, row.transfers, row.claimed_at) == (
        await employee_id(quick_app, "Sanne de Vries"),
        1,
        None,
    )
    async with quick_app.uow.read() as session:
        note = await session.scalar(
            select(Message).where(Message.case_id == case.id, Message.sender == "note")
        )
    assert note is not None
    assert note.text == texts.TRANSFER_NOTE.format(
        employee="Sanne de Vries", note="het is overlast van de buren"
    )

    again = f"{case.id} Fatima el Amrani toch een reparatie"
    assert await sanne.command(f"/doorzetten {again}") == texts.TRANSFER_CONFIRM.format(
        case_id=case.id, transfers=1
    )
    assert (await case_row(quick_app, case.id)).transfers == 1
    start = len(bot_api.sent)
    assert await sanne.command(f"/doorzetten! {again}") == texts.TRANSFER_OK.format(
        case_id=case.id, employee="Fatima el Amrani"
    )
    await wait_for_said(
        bot_api,
        TENANT.id,
        texts.TRANSFERRED,
        start=start,
        employee="Fatima el Amrani",
        team="Reparaties",
        reason="toch een reparatie",
    )
    assert (await case_row(quick_app, case.id)).transfers == 2


async def test_a_transfer_to_a_team_goes_to_a_member_at_work(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    sanne = TelegramEmployee(bot_api, SANNE)
    assert await sanne.command("/afwezig") == texts.AWAY_OK
    case = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    fatima = TelegramEmployee(bot_api, FATIMA)

    start = len(bot_api.sent)
    done = await fatima.command(f"/doorzetten {case.id} wijkbeheer het is overlast")
    assert done == texts.TRANSFER_OK.format(case_id=case.id, employee="Mehmet Yilmaz")
    await wait_for_said(
        bot_api,
        TENANT.id,
        texts.TRANSFERRED,
        start=start,
        employee="Mehmet Yilmaz",
        team="Wijkbeheer",
        reason="het is overlast",
    )
    await notification_of(bot_api, MEHMET.id, case.id, start)
    async with quick_app.uow.read() as session:
        to_sanne = await session.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.chat_id == str(SANNE.id), OutboxMessage.case_id == case.id
            )
        )
    assert to_sanne == 0  # away, so not her


async def test_commands_without_a_number_act_on_the_only_open_case(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    first = await open_case(quick_app, bot_api, fake_rasa, tenant=TENANT)
    second = await open_case(
        quick_app, bot_api, fake_rasa, tenant=NEIGHBOUR, summary="uw voordeur klemt"
    )
    assert first.owner == second.owner == "Fatima el Amrani"
    fatima = TelegramEmployee(bot_api, FATIMA)

    listed = await fatima.command("/zaken")
    repair = texts.topic_label("report_repair")
    lines = [
        texts.OPEN_CASE_LINE.format(case_id=first.id, topic=repair, summary=REPAIR),
        texts.OPEN_CASE_LINE.format(case_id=second.id, topic=repair, summary="uw voordeur klemt"),
    ]
    assert listed == texts.OPEN_CASES.format(cases="\n".join(lines))
    assert await fatima.command("/afsluiten") == texts.WHICH_CASE  # two open: which one?
    assert await fatima.command(f"/afsluiten {first.id}") == texts.CLOSED_OK.format(
        case_id=first.id
    )
    assert await fatima.command("/afsluiten") == texts.CLOSED_OK.format(case_id=second.id)
    assert await fatima.command("/zaken") == texts.NO_OPEN_CASES
    assert await TelegramEmployee(bot_api, KEES).command("/zaken") == texts.NO_OPEN_CASES


async def test_a_tenant_cannot_use_employee_commands_or_type_an_intent(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    bot_api.send_text(TENANT, "/zaken")
    await bot_api.wait_for_text(TENANT.id, texts.EMPLOYEES_ONLY)
    bot_api.send_text(TENANT, '/talk_to_human{"summary": "INJECTED"}')
    await bot_api.wait_for_text(TENANT.id, ASSISTANT_REPLY)
    # The command never reached Rasa; the slash did not either, so no intent can be typed.
    assert [m.text for m in fake_rasa.received] == ['talk_to_human{"summary": "INJECTED"}']
