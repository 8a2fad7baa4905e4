"""The whole path over HTTP: fake Bot API → python-telegram-bot → real Rasa → a named employee."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.services.employees import new_link_code
from handoff.storage.tables import (
    Case,
    Employee,
    Feedback,
    InboundUpdate,
    Message,
    OutboxMessage,
)
from tests.conftest import FATIMA, SANNE
from tests.fakes.bot_api import FakeBotApi, FakeUser, SentMessage
from tests.scenarios import TENANT, hand_over_repair


async def test_repair_goes_to_named_employee_with_whole_conversation(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    notification = await hand_over_repair(bot_api)

    assert notification.parse_mode == "HTML"
    assert "Huurder: Aysel Kaya" in notification.text
    assert "reparatie" in notification.text
    assert "uw kraan in de keuken lekt al een week" in notification.text
    assert "bevestigd door de huurder" in notification.text
    assert "Huurder: mijn kraan in de keuken lekt al een week" in notification.text
    case_id = re.search(r"Zaak (\d+)", notification.text).group(1)
    assert notification.buttons() == [
        ("Oppakken", f"claim:{case_id}"),
        ("Doorzetten", f"transfer:{case_id}"),
        ("Afsluiten", f"close:{case_id}"),
        ("De bot begreep dit verkeerd", f"misread:{case_id}"),
    ]
    document = await bot_api.wait_for(
        lambda m: m.chat_id == FATIMA.id and m.method == "sendDocument"
    )
    assert document.document_name.startswith("zaak-")
    body = document.document_body.decode()
    assert "Huurder: hallo" in body
    assert "Assistent: Dus als ik het goed begrijp" in body
    assert "Huurder: Ja" in body


async def test_employee_answers_by_reply_and_owns_the_chat_until_closing(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    notification = await hand_over_repair(bot_api)

    bot_api.send_text(FATIMA, "Ik kom morgen om 10 uur langs.", reply_to=notification)
    await bot_api.wait_for_text(TENANT.id, "Fatima el Amrani: Ik kom morgen om 10 uur langs.")

    to_tenant_before = len(bot_api.messages_to(TENANT.id))
    update_id = bot_api.send_text(TENANT, "Prima, ik ben thuis")
    relayed = await bot_api.wait_for_text(FATIMA.id, "Prima, ik ben thuis")
    assert "Aysel Kaya" in relayed.text
    async with telegram_app.uow() as session:
        inbound = await session.scalar(
            select(InboundUpdate).where(InboundUpdate.update_id == str(update_id))
        )
        assert inbound.processed_at is not None
        stored = await session.scalar(select(Message).where(Message.inbound_id == inbound.id))
        assert stored.case_id is not None  # part of the case, not a turn with the assistant
        tenant_rows = await session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.chat_id == str(TENANT.id))
        )
    assert tenant_rows == to_tenant_before  # the bot did not answer in between

    bot_api.send_text(FATIMA, "/afsluiten Tot morgen!", reply_to=relayed)
    await bot_api.wait_for_text(TENANT.id, "Fatima el Amrani: Tot morgen!")
    await bot_api.wait_for_text(TENANT.id, "heeft uw vraag afgesloten")
    await bot_api.wait_for_text(FATIMA.id, "is afgesloten")
    async with telegram_app.uow() as session:
        case = await session.scalar(select(Case))
        assert case.status == "closed"
        assert case.closed_at is not None

    start = len(bot_api.sent)
    bot_api.send_text(TENANT, "hallo")
    await bot_api.wait_for_text(TENANT.id, "digitale assistent", start=start)


async def test_owner_claims_with_the_button_once(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    notification = await hand_over_repair(bot_api)
    data = dict(notification.buttons())["Oppakken"]
    answered = len(bot_api.callback_answers)

    bot_api.press_button(FATIMA, notification, data)
    await bot_api.wait_for_text(TENANT.id, "Fatima el Amrani heeft uw vraag nu opgepakt")
    bot_api.press_button(FATIMA, notification, data)
    await bot_api.wait_until(lambda: len(bot_api.callback_answers) == answered + 2)
    answers = [answer.get("text") for answer in bot_api.callback_answers[answered:]]
    assert answers[0].startswith("U hebt zaak")
    assert "al opgepakt" in answers[1]
    claims = [m for m in bot_api.messages_to(TENANT.id) if "opgepakt" in (m.text or "")]
    assert len(claims) == 1


async def test_close_button_asks_once_more_and_transfer_button_explains_how(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    notification = await hand_over_repair(bot_api)
    buttons = dict(notification.buttons())
    case_id = buttons["Afsluiten"].split(":")[1]

    bot_api.press_button(FATIMA, notification, buttons["Doorzetten"])
    how = await bot_api.wait_for_text(FATIMA.id, f"Aan wie geeft u zaak {case_id}?")
    assert f"/doorzetten {case_id} " in how.text
    bot_api.press_button(FATIMA, notification, buttons["Afsluiten"])
    sure = await bot_api.wait_for_text(FATIMA.id, f"Zaak {case_id} afsluiten?")
    async with telegram_app.uow.read() as session:
        assert (await session.scalar(select(Case))).status == "open"  # nothing happened yet
    bot_api.press_button(FATIMA, sure, dict(sure.buttons())["Ja, afsluiten"])
    await bot_api.wait_for_text(TENANT.id, "heeft uw vraag afgesloten")
    async with telegram_app.uow.read() as session:
        assert (await session.scalar(select(Case))).status == "closed"
    # Someone else's case: a button answers who has it and does nothing.
    answered = len(bot_api.callback_answers)
    bot_api.press_button(SANNE, notification, buttons["Afsluiten"])
    await bot_api.wait_until(lambda: len(bot_api.callback_answers) == answered + 1)
    assert "afgesloten" in bot_api.callback_answers[-1]["text"]


async def test_status_tells_the_tenant_who_has_their_question_and_staff_commands_are_not_theirs(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    bot_api.send_text(TENANT, "/status")
    await bot_api.wait_for_text(TENANT.id, "U hebt nu geen open vraag bij een medewerker.")
    bot_api.send_text(TENANT, "/zaken")  # an employee's command: a polite no
    await bot_api.wait_for_text(TENANT.id, "Dit commando is alleen voor medewerkers.")
    notification = await hand_over_repair(bot_api)

    start = len(bot_api.sent)
    bot_api.send_text(TENANT, "/status")
    waiting = await bot_api.wait_for_text(TENANT.id, "Uw vraag (zaak ", start=start)
    assert "ligt bij Fatima el Amrani" in waiting.text
    assert re.search(r"U krijgt hier (vandaag|morgen) vóór \d\d:\d\d antwoord", waiting.text)
    bot_api.press_button(FATIMA, notification, dict(notification.buttons())["Oppakken"])
    await bot_api.wait_for_text(TENANT.id, "heeft uw vraag nu opgepakt")
    start = len(bot_api.sent)
    bot_api.send_text(TENANT, "/status")
    claimed = await bot_api.wait_for_text(TENANT.id, "Uw vraag (zaak ", start=start)
    assert "Fatima el Amrani is ermee bezig" in claimed.text
    # Asking for the status is not a message for the owner (only the transcript shows it).
    assert not any((m.text or "").endswith(":\n/status") for m in bot_api.messages_to(FATIMA.id))


async def close_first_case(telegram_app: Runtime, bot_api: FakeBotApi, days_ago: int) -> None:
    notification = await hand_over_repair(bot_api)
    bot_api.send_text(FATIMA, "/afsluiten", reply_to=notification)
    await bot_api.wait_for_text(TENANT.id, "heeft uw vraag afgesloten")
    async with telegram_app.uow() as session:
        case = await session.scalar(select(Case))
        case.closed_at -= timedelta(days=days_ago)


async def ask_about_service_costs(bot_api: FakeBotApi) -> SentMessage:
    start = len(bot_api.sent)
    bot_api.send_text(TENANT, "ik heb een vraag over mijn servicekosten")
    summary = await bot_api.wait_for_text(TENANT.id, "Dus als ik het goed begrijp", start=start)
    bot_api.press_button(TENANT, summary, "/affirm")
    return await bot_api.wait_for_text(TENANT.id, "helpt u verder", start=start)


async def test_a_returning_tenant_goes_back_to_the_same_employee(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    await close_first_case(telegram_app, bot_api, days_ago=29)
    handed = await ask_about_service_costs(bot_api)  # a rent question: team Klantcontact
    assert handed.text.startswith("U had eerder contact met Fatima el Amrani.")
    notification = await bot_api.wait_for_text(FATIMA.id, "had uw vorige vraag")
    assert "servicekosten" in notification.text
    assert re.search(
        r"Eerdere zaken:\n· zaak \d+, [\d-]+: reparatie \(afgesloten, Fatima", notification.text
    )


async def test_after_the_returning_window_the_topic_decides_again(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    await close_first_case(telegram_app, bot_api, days_ago=31)
    handed = await ask_about_service_costs(bot_api)
    assert handed.text.startswith("Kees Visser van team Klantcontact")


async def test_after_closing_the_tenant_is_asked_two_questions_stored_per_case_and_owner(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    notification = await hand_over_repair(bot_api)
    bot_api.send_text(FATIMA, "/afsluiten", reply_to=notification)
    heard = await bot_api.wait_for_text(TENANT.id, "Voelde u zich gehoord?")
    assert [title for title, _ in heard.buttons()] == ["1", "2", "3", "4", "5"]
    bot_api.press_button(TENANT, heard, heard.buttons()[3][1])
    repeated = await bot_api.wait_for_text(TENANT.id, "vaker dan één keer uitleggen?")
    bot_api.press_button(TENANT, repeated, dict(repeated.buttons())["Nee"])
    await bot_api.wait_for_text(TENANT.id, "Dank u wel. Met uw antwoord")
    async with telegram_app.uow() as session:
        case = await session.scalar(select(Case))
        answers = await session.scalar(select(Feedback))
    assert (answers.case_id, answers.owner_id) == (case.id, case.owner_id)
    assert (answers.felt_heard, answers.explained_more_than_once) == (4, False)
    # The answers are the app's, not turns with the assistant: nothing else was said.
    last = [m.text for m in bot_api.messages_to(TENANT.id)[-3:]]
    assert last == [texts.FEEDBACK_HEARD, texts.FEEDBACK_REPEATED, texts.FEEDBACK_THANKS]


async def test_a_transfer_needs_a_note_tells_the_tenant_why_and_a_second_one_asks_first(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    notification = await hand_over_repair(bot_api)
    async with telegram_app.uow() as session:
        case_id = (await session.scalar(select(Case))).id

    bot_api.send_text(FATIMA, f"/doorzetten {case_id} Sanne de Vries")
    await bot_api.wait_for_text(FATIMA.id, "Schrijf erbij waarom.")
    bot_api.send_text(FATIMA, "/doorzetten sanne de vries: het is overlast van de buren",
                      reply_to=notification)  # fmt: skip
    receipt = await bot_api.wait_for_text(TENANT.id, "Uw vraag ligt nu bij Sanne de Vries")
    assert "van team Wijkbeheer, omdat: het is overlast van de buren." in receipt.text
    assert "Sanne de Vries heeft ons hele gesprek." in receipt.text
    await bot_api.wait_for_text(FATIMA.id, f"Zaak {case_id} ligt nu bij Sanne de Vries.")
    handed = await bot_api.wait_for_text(SANNE.id, f"Zaak {case_id}")
    assert "doorgezet door Fatima el Amrani: het is overlast van de buren" in handed.text
    assert "uw kraan in de keuken lekt al een week" in handed.text  # the whole history

    bot_api.send_text(SANNE, f"/doorzetten {case_id} klantcontact toch een vraag over de huur")
    await bot_api.wait_for_text(SANNE.id, "is al 1 keer doorgezet")
    bot_api.send_text(SANNE, f"/doorzetten! {case_id} klantcontact toch een vraag over de huur")
    await bot_api.wait_for_text(TENANT.id, "ligt nu bij Kees Visser van team Klantcontact")
    async with telegram_app.uow() as session:
        case = await session.get(Case, case_id)
        owner = await session.get(Employee, case.owner_id)
    assert (owner.name, case.transfers) == ("Kees Visser", 2)


async def test_an_employee_links_telegram_with_a_one_time_code(
    telegram_app: Runtime, bot_api: FakeBotApi
) -> None:
    ingrid = FakeUser(9004, "Ingrid", "Jansen")  # in the directory without a Telegram id
    code = await new_link_code(telegram_app.uow, "Ingrid Jansen")
    assert code is not None
    assert await new_link_code(telegram_app.uow, "Niemand") is None
    bot_api.send_text(ingrid, "/koppel ABCD-EFGH")
    await bot_api.wait_for_text(ingrid.id, "Deze code klopt niet of is verlopen.")
    bot_api.send_text(ingrid, f"/koppel {code.lower()}")
    await bot_api.wait_for_text(ingrid.id, "U bent nu gekoppeld als medewerker Ingrid Jansen.")
    bot_api.send_text(ingrid, "/zaken")  # now an employee: her commands work
    await bot_api.wait_for_text(ingrid.id, "U hebt geen open zaken.")
    other = FakeUser(5099, "Iemand", "Anders")
    bot_api.send_text(other, f"/koppel {code}")  # a code works once
    await bot_api.wait_for_text(other.id, "Deze code klopt niet of is verlopen.")
