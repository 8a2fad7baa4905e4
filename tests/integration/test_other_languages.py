"""Tenants who write another language, on Telegram and in the web chat, without a trained model:
the app answers the essentials in their language and a person takes over, with the language on
the case; Dutch goes to Rasa with its language as metadata. tests/e2e/test_frustration_and_
languages.py plays the same with the real Rasa."""

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import aiohttp
import pytest
from sqlalchemy import select, update

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.domain.escalation import Step
from handoff.domain.handoff_request import DUTCH
from handoff.domain.presence import LOCAL
from handoff.services import privacy
from handoff.services.escalation import escalate
from handoff.storage.tables import Case, Feedback, utcnow
from tests.conftest import FATIMA, KEES
from tests.factories import case_row, notification_of, only_case, open_case
from tests.fakes.bot_api import FakeBotApi, FakeUser, SentMessage
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa
from tests.support.desk import DeskUser
from tests.support.employees import TelegramEmployee
from tests.support.templates import said
from tests.support.tenants import WebTenant

ENGLISH = "My heating is broken and I smell gas"
TURKISH = "Merhaba, banyoda küf var ve kimse gelmiyor"
ENGLISH_TENANT = FakeUser(5301, "Emma", "Brown", language_code="en")
TURKISH_TENANT = FakeUser(5302, "Elif", "Demir", language_code="tr")
DUTCH_TENANT_ENGLISH_APP = FakeUser(5303, "Daan", "Smit", language_code="en")


async def test_an_english_message_gets_english_essentials_and_a_person(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    bot_api.send_text(ENGLISH_TENANT, ENGLISH)
    essentials = await bot_api.wait_for_text(ENGLISH_TENANT.id, "digital assistant")
    assert essentials.text == texts.essentials_in("en", quick_app.settings.storingsdienst_number)
    handed = await bot_api.wait_for_text(ENGLISH_TENANT.id, "will help you")
    assert handed.text
    assert handed.text.startswith("Kees Visser will help you.")
    # Neither the model's Dutch (the gas steps) nor a read-back of the tenant's words.
    assert not fake_rasa.received
    read = "\n".join(m.text or "" for m in bot_api.messages_to(ENGLISH_TENANT.id))
    assert "Ruikt u gas" not in read
    assert "Dus als ik" not in read
    assert "helpt u verder" not in read
    assert "Is there danger? Call 112 at once." in (essentials.text or "")
    case, owner = await only_case(quick_app)
    assert (case.topic, case.language, owner) == ("talk_to_human", "en", "Kees Visser")
    assert case.summary == ENGLISH  # the tenant's own words, not rewritten


async def test_a_turkish_message_opens_a_case_whose_notification_names_the_language(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    bot_api.send_text(TURKISH_TENANT, TURKISH)
    essentials = await bot_api.wait_for_text(TURKISH_TENANT.id, "dijital asistan")
    assert essentials.text == texts.essentials_in("tr", quick_app.settings.storingsdienst_number)
    await bot_api.wait_for_text(TURKISH_TENANT.id, "size yardım edecek")
    case, _ = await only_case(quick_app)
    assert case.language == "tr"
    notification = await notification_of(bot_api, KEES.id, case.id)
    assert "Taal: Turks." in (notification.text or "")
    assert not fake_rasa.received


async def test_what_the_tenant_writes_next_goes_to_the_person(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    bot_api.send_text(TURKISH_TENANT, TURKISH)
    await bot_api.wait_for_text(TURKISH_TENANT.id, "size yardım edecek")
    case, _ = await only_case(quick_app)
    await notification_of(bot_api, KEES.id, case.id)
    bot_api.send_text(TURKISH_TENANT, "Ev numaram 12")
    relayed = await bot_api.wait_for_text(KEES.id, "Ev numaram 12")
    assert f"Zaak {case.id}" in (relayed.text or "")
    assert not fake_rasa.received


async def test_dutch_goes_to_rasa_with_its_language_also_from_an_english_telegram(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    said = ("hoi", "ja", "ok", "mijn kraan in de keuken lekt")
    for count, text in enumerate(said, start=1):  # one by one: the answer before the next
        bot_api.send_text(DUTCH_TENANT_ENGLISH_APP, text)
        await bot_api.wait_until(
            lambda n=count: len(bot_api.messages_to(DUTCH_TENANT_ENGLISH_APP.id)) == n
        )
    assert [(m.text, (m.metadata or {}).get("language")) for m in fake_rasa.received] == [
        (text, "nl") for text in said
    ]
    assert {m.text for m in bot_api.messages_to(DUTCH_TENANT_ENGLISH_APP.id)} == {ASSISTANT_REPLY}


async def test_a_short_message_follows_telegrams_hint_when_it_does_not_look_dutch(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    bot_api.send_text(TURKISH_TENANT, "Merhaba")  # seven letters: too short to tell by itself
    await bot_api.wait_for_text(TURKISH_TENANT.id, "dijital asistan")
    case, _ = await only_case(quick_app)
    assert case.language == "tr"
    assert not fake_rasa.received


@pytest.fixture
async def web_tenant(quick_app: Runtime) -> AsyncIterator[WebTenant]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        tenant = WebTenant(http, f"http://127.0.0.1:{quick_app.web_port}")
        await tenant.open()
        yield tenant


async def test_the_web_chat_answers_another_language_too_and_the_desk_shows_it(
    quick_app: Runtime, fake_rasa: FakeRasa, web_tenant: WebTenant
) -> None:
    await web_tenant.say("Dzień dobry, mam problem z ogrzewaniem w mieszkaniu")
    essentials = await web_tenant.expect("cyfrowym asystentem")
    assert essentials.text == texts.essentials_in("pl", quick_app.settings.storingsdienst_number)
    await web_tenant.expect("pomoże w tej sprawie")
    assert not fake_rasa.received
    case, owner = await only_case(quick_app)
    assert case.language == "pl"
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        desk = DeskUser(http, f"http://127.0.0.1:{quick_app.web_port}")
        await desk.log_in(quick_app, owner)
        listed = await desk.get("/desk")
        assert '<span class="flag language">Pools</span>' in listed
        page = await desk.get(f"/desk/cases/{case.id}")
        assert "<dt>Taal</dt>" in page
        assert texts.LANGUAGE_ANSWER in page


async def test_dutch_in_the_web_chat_goes_to_rasa(
    quick_app: Runtime, fake_rasa: FakeRasa, web_tenant: WebTenant
) -> None:
    await web_tenant.say("ik wil iemand spreken")
    await web_tenant.expect(ASSISTANT_REPLY)
    assert [(m.text, (m.metadata or {}).get("language")) for m in fake_rasa.received] == [
        ("ik wil iemand spreken", "nl")
    ]
    async with quick_app.uow.read() as session:
        assert (await session.scalars(select(Case))).all() == []


async def test_the_tenant_finds_their_language_in_their_data_and_erasing_takes_it(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    turkish = texts.IN_OTHER_LANGUAGES["tr"]
    bot_api.send_text(TURKISH_TENANT, TURKISH)
    await bot_api.wait_for_text(TURKISH_TENANT.id, "size yardım edecek")
    start = len(bot_api.sent)
    bot_api.send_text(TURKISH_TENANT, "/mijngegevens")
    document = await bot_api.wait_for(
        lambda m: m.chat_id == TURKISH_TENANT.id and m.method == "sendDocument", start=start
    )
    assert document.text == turkish["my_data_caption"]
    assert document.document_body
    body = document.document_body.decode()
    assert texts.EXPORT_CASE_LANGUAGE.format(language="Turks") in body
    # The explanation in Turkish first, then the Dutch one the rest of the document follows.
    assert body.index(turkish["export_intro"]) < body.index(texts.EXPORT_INTRO)

    bot_api.send_text(TURKISH_TENANT, "/vergeetmij")
    asked = await bot_api.wait_for_text(TURKISH_TENANT.id, turkish["forget_ask"], start=start)
    assert asked.buttons() == [
        (turkish["forget_yes"], privacy.FORGET_YES),
        (turkish["forget_no"], privacy.FORGET_NO),
    ]
    bot_api.press_button(TURKISH_TENANT, asked, privacy.FORGET_NO)
    await bot_api.wait_for_text(TURKISH_TENANT.id, turkish["forget_kept"], start=start)
    bot_api.send_text(TURKISH_TENANT, "/vergeetmij")
    asked = await bot_api.wait_for(
        lambda m: m.chat_id == TURKISH_TENANT.id and m.text == turkish["forget_ask"],
        start=bot_api.sent.index(asked) + 1,
    )
    bot_api.press_button(TURKISH_TENANT, asked, privacy.FORGET_YES)
    await bot_api.wait_for_text(TURKISH_TENANT.id, turkish["forgotten"], start=start)
    case, _ = await only_case(quick_app)
    assert (case.status, case.summary, case.language) == ("closed", "", "nl")
    read = "\n".join(m.text or "" for m in bot_api.messages_to(TURKISH_TENANT.id)[-6:])
    assert "gegevens" not in read
    assert "wissen" not in read
    assert "gewist" not in read


async def test_the_tenant_hears_in_their_language_who_took_it_and_that_it_closed(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    turkish = texts.IN_OTHER_LANGUAGES["tr"]
    bot_api.send_text(TURKISH_TENANT, TURKISH)
    await bot_api.wait_for_text(TURKISH_TENANT.id, "size yardım edecek")
    case, _ = await only_case(quick_app)
    notification = await notification_of(bot_api, KEES.id, case.id)
    kees = TelegramEmployee(bot_api, KEES)
    await kees.press(notification, texts.CLAIM_BUTTON)
    claimed = turkish["claimed"].format(employee="Kees Visser")
    await bot_api.wait_for_text(TURKISH_TENANT.id, claimed)

    await kees.command(f"/afsluiten {case.id}")
    await bot_api.wait_for_text(
        TURKISH_TENANT.id, turkish["closed"].format(employee="Kees Visser")
    )
    heard = await bot_api.wait_for_text(TURKISH_TENANT.id, turkish["feedback_heard"])
    bot_api.press_button(TURKISH_TENANT, heard, dict(heard.buttons())["4"])
    repeated = await bot_api.wait_for_text(TURKISH_TENANT.id, turkish["feedback_repeated"])
    assert [title for title, _ in repeated.buttons()] == ["Evet", "Hayır"]
    bot_api.press_button(TURKISH_TENANT, repeated, dict(repeated.buttons())["Hayır"])
    await bot_api.wait_for_text(TURKISH_TENANT.id, turkish["feedback_thanks"])
    read = "\n".join(m.text or "" for m in bot_api.messages_to(TURKISH_TENANT.id))
    assert "opgepakt" not in read
    assert "afgesloten" not in read
    assert "gehoord" not in read
    async with quick_app.uow.read() as session:
        feedback = await session.scalar(select(Feedback))
    assert feedback is not None
    assert (feedback.felt_heard, feedback.explained_more_than_once) == (4, False)


async def test_the_web_chat_follows_the_browsers_language_as_telegram_follows_its_hint(
    quick_app: Runtime, fake_rasa: FakeRasa
) -> None:
    turkish_browser = {"Accept-Language": "tr-TR,tr;q=0.9,en;q=0.8"}
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), headers=turkish_browser
    ) as http:
        tenant = WebTenant(http, f"http://127.0.0.1:{quick_app.web_port}")
        await tenant.open()
        await tenant.say("Merhaba")  # too short to tell by itself
        await tenant.expect("dijital asistan")
    case, _ = await only_case(quick_app)
    assert case.language == "tr"
    assert not fake_rasa.received


# --- what such a tenant reads while their case is open ------------------------------------------


async def turkish_case(runtime: Runtime, bot_api: FakeBotApi) -> tuple[Case, SentMessage]:
    """A Turkish tenant's case, opened by the app (Kees has it), and its notification."""
    bot_api.send_text(TURKISH_TENANT, TURKISH)
    await bot_api.wait_for_text(TURKISH_TENANT.id, "size yardım edecek")
    case, _ = await only_case(runtime)
    return case, await notification_of(bot_api, KEES.id, case.id)


def by_when(deadline: datetime) -> dict[str, str]:
    """The deadline as the foreign texts give it: numbers in Dutch time."""
    local = deadline.astimezone(LOCAL)
    return {"time": f"{local:%H:%M}", "date": f"{local:%d-%m}"}


async def ask(bot_api: FakeBotApi, user: FakeUser, command: str, phrase: str) -> str:
    """Sends a command and returns the answer after it that contains `phrase`."""
    start = len(bot_api.sent)
    bot_api.send_text(user, command)
    return (await bot_api.wait_for_text(user.id, phrase, start=start)).text or ""


async def test_status_and_help_answer_in_the_open_cases_language(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    turkish = texts.IN_OTHER_LANGUAGES["tr"]
    case, notification = await turkish_case(quick_app, bot_api)
    assert case.answer_by is not None
    # The deadline as stored is the one the tenant was promised (SQLite once kept Dutch time
    # as if it were UTC, and /status named an hour later).
    handed = texts.handed_over_in("tr", "Kees Visser", case.answer_by)
    await bot_api.wait_for_text(TURKISH_TENANT.id, handed)
    waiting = turkish["status_waiting"].format(
        case_id=case.id, employee="Kees Visser", **by_when(case.answer_by)
    )
    assert await ask(bot_api, TURKISH_TENANT, "/status", "Sorunuz") == waiting
    assert await ask(bot_api, TURKISH_TENANT, "status", "Sorunuz") == waiting  # typed plainly
    assert await ask(bot_api, TURKISH_TENANT, "/help", "/mijngegevens") == turkish["help"]
    assert await ask(bot_api, TURKISH_TENANT, "/zaken", "komut") == turkish["employees_only"]

    await TelegramEmployee(bot_api, KEES).press(notification, texts.CLAIM_BUTTON)
    await bot_api.wait_for_text(TURKISH_TENANT.id, "şimdi sorunuzla ilgileniyor")
    claimed = turkish["status_claimed"].format(case_id=case.id, employee="Kees Visser")
    assert await ask(bot_api, TURKISH_TENANT, "/status", "ilgileniyor. Cevab") == claimed

    async with quick_app.uow() as session:  # the promise passed: the tenant hears it is late
        await session.execute(
            update(Case).where(Case.id == case.id).values(claimed_at=None, answer_by=utcnow())
        )
    late = turkish["status_late"].format(case_id=case.id, employee="Kees Visser")
    assert await ask(bot_api, TURKISH_TENANT, "/status", "Özür") == late
    read = "\n".join(m.text or "" for m in bot_api.messages_to(TURKISH_TENANT.id))
    assert "Uw vraag" not in read
    assert "digitale assistent" not in read
    assert "medewerker" not in read
    assert not fake_rasa.received  # the commands were the app's own


async def test_a_dutch_tenant_with_an_english_telegram_keeps_dutch_status_and_help(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    user = DUTCH_TENANT_ENGLISH_APP
    assert await ask(bot_api, user, "/help", "/mijngegevens") == texts.TENANT_HELP
    assert await ask(bot_api, user, "/status", "geen open vraag") == texts.STATUS_NO_CASE
    opened = await open_case(quick_app, bot_api, fake_rasa, tenant=user)
    assert (await case_row(quick_app, opened.id)).language == DUTCH
    status = await ask(bot_api, user, "/status", "Uw vraag")
    assert said(texts.STATUS_WAITING, status, case_id=opened.id, employee=opened.owner)
    assert await ask(bot_api, user, "/help", "/mijngegevens") == texts.TENANT_HELP
    start = len(bot_api.sent)
    bot_api.send_media(user, "photo")
    kept = texts.FILE_WITH_CASE.format(employee=opened.owner)
    await bot_api.wait_for_text(user.id, kept, start=start)


async def test_a_transfer_and_a_reassignment_are_told_in_the_cases_language(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    turkish = texts.IN_OTHER_LANGUAGES["tr"]
    case, notification = await turkish_case(quick_app, bot_api)
    kees = TelegramEmployee(bot_api, KEES)
    start = len(bot_api.sent)
    done = await kees.command(
        "/doorzetten Fatima el Amrani het gaat om een lekkage", reply_to=notification
    )
    assert done == texts.TRANSFER_OK.format(case_id=case.id, employee="Fatima el Amrani")
    moved = await case_row(quick_app, case.id)
    assert moved.answer_by is not None
    transferred = turkish["transferred"].format(
        employee="Fatima el Amrani", reason="het gaat om een lekkage", **by_when(moved.answer_by)
    )
    await bot_api.wait_for_text(TURKISH_TENANT.id, transferred, start=start)
    await notification_of(bot_api, FATIMA.id, case.id, start)  # she reads it in Dutch

    # Fatima does not take it up: the team's lead, Kees, gets it back.
    start = len(bot_api.sent)
    policy = quick_app.settings.escalation
    later = moved.assigned_at + timedelta(minutes=181)
    assert await escalate(quick_app.uow, quick_app.directory, policy, later) == {
        Step.REMIND: 0,
        Step.REASSIGN: 1,
    }
    back = await case_row(quick_app, case.id)
    assert back.answer_by is not None
    assert back.transfers == 2
    reassigned = turkish["reassigned"].format(
        former="Fatima el Amrani", employee="Kees Visser", **by_when(back.answer_by)
    )
    await bot_api.wait_for_text(TURKISH_TENANT.id, reassigned, start=start)
    read = "\n".join(m.text or "" for m in bot_api.messages_to(TURKISH_TENANT.id))
    assert "ligt nu bij" not in read
    assert "omdat" not in read
    assert "van team" not in read


async def test_a_photo_during_the_case_is_thanked_for_in_the_cases_language(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    case, _ = await turkish_case(quick_app, bot_api)
    start = len(bot_api.sent)
    bot_api.send_media(TURKISH_TENANT, "photo")
    kept = texts.IN_OTHER_LANGUAGES["tr"]["file_with_case"].format(employee="Kees Visser")
    await bot_api.wait_for_text(TURKISH_TENANT.id, kept, start=start)
    relayed = await bot_api.wait_for(
        lambda m: m.chat_id == KEES.id and m.method == "sendPhoto", start=start
    )
    assert f"Zaak {case.id}" in (relayed.text or "")  # the owner still reads Dutch
    assert texts.FILE_WITH_CASE.format(employee="Kees Visser") not in [
        m.text for m in bot_api.messages_to(TURKISH_TENANT.id)
    ]


async def test_a_file_the_web_chat_cannot_show_is_explained_in_the_cases_language(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, web_tenant: WebTenant
) -> None:
    polish = texts.IN_OTHER_LANGUAGES["pl"]
    await web_tenant.say("Dzień dobry, mam problem z ogrzewaniem w mieszkaniu")
    await web_tenant.expect("pomoże w tej sprawie")
    case, owner = await only_case(quick_app)
    assert owner == "Kees Visser"
    notification = await notification_of(bot_api, KEES.id, case.id)
    bot_api.send_media(KEES, "photo", reply_to=notification)
    elsewhere = polish["file_elsewhere"].format(employee="Kees Visser")
    assert (await web_tenant.expect("przesyła plik")).text == elsewhere


# --- before a case and after it: /start, /status, the tenant's data, the web chat page ---------


async def test_a_new_tenant_with_a_telegram_in_another_language_is_welcomed_in_both(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    turkish = texts.IN_OTHER_LANGUAGES["tr"]
    both = texts.START_WELCOME + "\n\n" + turkish["welcome"]
    assert await ask(bot_api, TURKISH_TENANT, "/start", "dijital asistan") == both
    linked = texts.START_WELCOMES["report_repair"] + "\n\n" + turkish["welcome_report_repair"]
    assert await ask(bot_api, TURKISH_TENANT, "/start reparatie", "arıza") == linked
    assert not fake_rasa.received  # the app welcomed them; nothing opened a case
    async with quick_app.uow.read() as session:
        assert (await session.scalars(select(Case))).all() == []
    bot_api.send_text(TURKISH_TENANT, TURKISH)  # what they write decides, as before
    await bot_api.wait_for_text(TURKISH_TENANT.id, "size yardım edecek")


async def test_a_dutch_tenant_with_an_english_telegram_who_wrote_dutch_is_welcomed_in_dutch(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    user = DUTCH_TENANT_ENGLISH_APP
    bot_api.send_text(user, "hoi")
    await bot_api.wait_for_text(user.id, ASSISTANT_REPLY)
    welcome = texts.START_WELCOMES["nuisance"]
    assert await ask(bot_api, user, "/start overlast", "Welkom") == welcome
    start = len(bot_api.sent)
    bot_api.send_text(user, "/start")  # a plain /start goes to the assistant, as before
    await bot_api.wait_for_text(user.id, ASSISTANT_REPLY, start=start)
    assert [m.text for m in fake_rasa.received] == ["hoi", "start"]
    assert "Welcome" not in "\n".join(m.text or "" for m in bot_api.messages_to(user.id))


async def test_start_status_and_the_data_follow_the_latest_case_after_it_closed(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    turkish = texts.IN_OTHER_LANGUAGES["tr"]
    case, _ = await turkish_case(quick_app, bot_api)
    # During the case, a link from the website is welcomed in the case's language.
    assert (
        await ask(bot_api, TURKISH_TENANT, "/start huur", "Kira")
        == turkish["welcome_rent_question"]
    )
    await TelegramEmployee(bot_api, KEES).command(f"/afsluiten {case.id}")
    await bot_api.wait_for_text(TURKISH_TENANT.id, turkish["feedback_heard"])
    assert (await case_row(quick_app, case.id)).status == "closed"

    assert (
        await ask(bot_api, TURKISH_TENANT, "/status", "açık sorunuz") == turkish["status_no_case"]
    )
    assert (
        await ask(bot_api, TURKISH_TENANT, "status", "açık sorunuz") == turkish["status_no_case"]
    )
    assert await ask(bot_api, TURKISH_TENANT, "/start", "Hoş geldiniz") == turkish["welcome"]
    assert await ask(bot_api, TURKISH_TENANT, "/help", "Mesajınızı") == turkish["help_no_case"]
    only = turkish["employees_only_no_case"]
    assert await ask(bot_api, TURKISH_TENANT, "/zaken", "komut") == only
    start = len(bot_api.sent)
    bot_api.send_text(TURKISH_TENANT, "/mijngegevens")
    document = await bot_api.wait_for(
        lambda m: m.chat_id == TURKISH_TENANT.id and m.method == "sendDocument", start=start
    )
    assert document.text == turkish["my_data_caption"]
    assert await ask(bot_api, TURKISH_TENANT, "/vergeetmij", "silmemizi") == turkish["forget_ask"]
    assert not fake_rasa.received
    read = "\n".join(m.text or "" for m in bot_api.messages_to(TURKISH_TENANT.id))
    read = read.replace("/mijngegevens", "/…")  # the command keeps its Dutch name
    assert "open vraag" not in read
    assert "Welkom" not in read
    assert "gegevens" not in read


async def test_a_dutch_tenant_with_an_english_telegram_keeps_dutch_after_a_dutch_case(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    user = DUTCH_TENANT_ENGLISH_APP
    opened = await open_case(quick_app, bot_api, fake_rasa, tenant=user)
    owner = {"Kees Visser": KEES, "Fatima el Amrani": FATIMA}[opened.owner]
    await TelegramEmployee(bot_api, owner).command(f"/afsluiten {opened.id}")
    await bot_api.wait_for_text(user.id, texts.FEEDBACK_HEARD)
    assert await ask(bot_api, user, "/status", "geen open vraag") == texts.STATUS_NO_CASE
    assert (
        await ask(bot_api, user, "/start huur", "Welkom") == texts.START_WELCOMES["rent_question"]
    )
    assert await ask(bot_api, user, "/vergeetmij", "wissen") == texts.FORGET_ASK
    assert await ask(bot_api, user, "/help", "digitale assistent") == texts.TENANT_HELP
    assert await ask(bot_api, user, "/zaken", "medewerkers") == texts.EMPLOYEES_ONLY
    start = len(bot_api.sent)
    bot_api.send_text(user, "/mijngegevens")
    document = await bot_api.wait_for(
        lambda m: m.chat_id == user.id and m.method == "sendDocument", start=start
    )
    assert document.text == texts.MY_DATA_CAPTION
    assert document.document_body
    assert texts.IN_OTHER_LANGUAGES["en"]["export_intro"] not in document.document_body.decode()
    read = "\n".join(m.text or "" for m in bot_api.messages_to(user.id))
    assert "Welcome" not in read
    assert "question" not in read


async def test_the_web_chat_welcomes_and_answers_in_the_browsers_language_too(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    polish = texts.IN_OTHER_LANGUAGES["pl"]
    base = f"http://127.0.0.1:{quick_app.web_port}"
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), headers={"Accept-Language": "pl-PL,pl;q=0.9"}
    ) as http:
        tenant = WebTenant(http, base)
        await tenant.open()
        await tenant.say("/start reparatie")
        both = await tenant.expect("cyfrowym asystentem")
        assert both.text == (
            texts.START_WELCOMES["report_repair"] + "\n\n" + polish["welcome_report_repair"]
        )
        await tenant.say("Dzień dobry, mam problem z ogrzewaniem w mieszkaniu")
        await tenant.expect("pomoże w tej sprawie")
        case, _ = await only_case(quick_app)
        notification = await notification_of(bot_api, KEES.id, case.id)
        await TelegramEmployee(bot_api, KEES).press(notification, texts.CLAIM_BUTTON)
        await TelegramEmployee(bot_api, KEES).command(f"/afsluiten {case.id}")
        await tenant.expect(polish["feedback_heard"])

        await tenant.say("/status")
        assert (await tenant.expect("otwartej sprawy")).text == polish["status_no_case"]
        await tenant.say("/mijngegevens")
        told = await tenant.expect("pobrać")
        assert told.text == polish["my_data_web"].format(url=privacy.WEB_DOWNLOAD)
        async with http.get(f"{base}{privacy.WEB_DOWNLOAD}") as response:
            assert response.status == 200
            body = await response.text()
        assert body.index(polish["export_intro"]) < body.index(texts.EXPORT_INTRO)
        await tenant.say("/vergeetmij")
        asked = await tenant.expect("usunąć")
        assert asked.text == polish["forget_ask"]
        assert [title for title, _ in asked.buttons] == [polish["forget_yes"], polish["forget_no"]]
        await tenant.press(asked, privacy.FORGET_YES)
        assert (await tenant.expect("Usunęliśmy")).text == polish["forgotten"]
    assert not fake_rasa.received


async def page(base: str, accept_language: str | None) -> str:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    async with aiohttp.ClientSession(headers=headers) as http, http.get(f"{base}/chat") as got:
        assert got.status == 200
        assert got.headers["Vary"] == "Accept-Language"  # so no cache serves it to another
        return await got.text()


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("ar-MA,ar;q=0.9,nl;q=0.5", "ar"),
        ("tr", "tr"),
        ("pl-PL,pl;q=0.9", "pl"),
        ("en-GB,en;q=0.9,nl;q=0.8", "en"),
        ("de-DE", "de"),
        ("nl-NL,en;q=0.9", DUTCH),  # only the first language counts
        ("es-ES,en;q=0.5", DUTCH),  # no page in Spanish: Dutch, the default
        (None, DUTCH),
    ],
)
async def test_the_web_chat_page_speaks_the_browsers_first_language(
    quick_app: Runtime, header: str | None, language: str
) -> None:
    html = await page(f"http://127.0.0.1:{quick_app.web_port}", header)
    words = texts.web_chat_page(language)
    for key in ("intro", "label", "send", "not_arrived"):
        assert f">{words[key]}<" in html or f'"{words[key]}"' in html, key
    assert f'placeholder="{words["placeholder"]}"' in html
    assert f"<title>{words['title']} · Aandacht</title>" in html
    direction = ' dir="rtl"' if language == "ar" else ""
    assert f'<html lang="{language}"{direction}>' in html
    if language != DUTCH:
        assert texts.WEB_CHAT_INTRO not in html
        assert texts.WEB_CHAT_SEND not in html


async def test_the_web_chat_says_why_a_message_was_refused_in_the_browsers_language(
    quick_app: Runtime, fake_rasa: FakeRasa
) -> None:
    base = f"http://127.0.0.1:{quick_app.web_port}"
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), headers={"Accept-Language": "ar"}
    ) as http:
        await WebTenant(http, base).open()
        body = {"id": "a" * 16, "text": "x" * 10_001}
        async with http.post(f"{base}/chat/api/messages", json=body) as refused:
            assert refused.status == 413
            assert await refused.json() == {
                "error": texts.IN_OTHER_LANGUAGES["ar"]["web_too_long"]
            }
