"""Telegram's conventions (issue 14, #5): command menus per scope (tenants everywhere, each
linked employee theirs in their own chat, following /koppel), /help for tenants and for
employees, and deep links from the website ("/start reparatie") that start the right
conversation from a fixed list, without passing the payload on to Rasa."""

import json

import pytest

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.domain.commands import EMPLOYEE_MENU, START_TOPICS, TENANT_MENU
from handoff.services.employees import new_link_code
from tests.conftest import FATIMA, SANNE, quick_settings, start_quick
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.fakes.rasa import ASSISTANT_REPLY, FakeRasa
from tests.support.employees import TelegramEmployee
from tests.support.tenants import TelegramTenant

TENANT = FakeUser(6301, "Lotte", "de Graaf")
DEFAULT = json.dumps({"type": "default"})
LINKED_IN_TEST_DIRECTORY = (9001, 9002, 9003, 9005, 9006)


def chat_scope(user: FakeUser | int) -> str:
    chat_id = user.id if isinstance(user, FakeUser) else user
    return json.dumps({"chat_id": chat_id, "type": "chat"}, sort_keys=True)


def names(menu: list[dict[str, str]]) -> list[str]:
    return [command["command"] for command in menu]


async def test_tenants_and_each_linked_employee_get_their_menu_at_start(
    quick_app: Runtime, bot_api: FakeBotApi
) -> None:
    languages = {f"{DEFAULT} {language}" for language in texts.TENANT_COMMAND_DESCRIPTIONS_IN}
    everyone = {DEFAULT, *languages, *map(chat_scope, LINKED_IN_TEST_DIRECTORY)}
    await bot_api.wait_until(lambda: set(bot_api.commands) == everyone)
    tenants = bot_api.commands[DEFAULT]
    assert names(tenants) == list(TENANT_MENU)
    assert {c["command"]: c["description"] for c in tenants} == texts.TENANT_COMMAND_DESCRIPTIONS
    # A Telegram set to Turkish shows the same commands, described in Turkish.
    turkish = bot_api.commands[f"{DEFAULT} tr"]
    assert names(turkish) == list(TENANT_MENU)
    assert turkish[2]["description"] == "Sorum kimde?"
    for user_id in LINKED_IN_TEST_DIRECTORY:
        assert names(bot_api.commands[chat_scope(user_id)]) == list(EMPLOYEE_MENU)


async def test_the_employees_menu_follows_the_account_a_koppel_code_links(
    quick_app: Runtime, bot_api: FakeBotApi
) -> None:
    new_phone = FakeUser(6302, "Sanne", "de Vries")
    await bot_api.wait_until(lambda: chat_scope(SANNE) in bot_api.commands)  # set at start
    code = await new_link_code(quick_app.uow, "Sanne de Vries")
    assert code is not None
    bot_api.send_text(new_phone, f"/koppel {code}")
    await bot_api.wait_for_text(new_phone.id, "Sanne de Vries")
    await bot_api.wait_until(
        lambda: (
            chat_scope(new_phone) in bot_api.commands and chat_scope(SANNE) not in bot_api.commands
        )
    )
    assert names(bot_api.commands[chat_scope(new_phone)]) == list(EMPLOYEE_MENU)
    assert chat_scope(FATIMA) in bot_api.commands  # the others keep theirs


async def test_a_failing_menu_does_not_stop_the_app(
    database_url: str, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    bot_api.fail_next("setMyCommands", 500, "Internal Server Error")
    runtime = await start_quick(quick_settings(database_url, bot_api, fake_rasa))
    try:
        tenant = TelegramTenant(bot_api, TENANT)
        await tenant.say("hallo")
        await tenant.expect(ASSISTANT_REPLY)
        # The employees' menus were set after the tenants' failed.
        await bot_api.wait_until(lambda: chat_scope(FATIMA) in bot_api.commands)
    finally:
        await runtime.stop()
    assert DEFAULT not in bot_api.commands  # tried once; set again at the next start


async def test_help_differs_for_tenants_and_employees(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say("/help")
    assert (await tenant.expect("/mijngegevens")).text == texts.TENANT_HELP
    employee = TelegramEmployee(bot_api, FATIMA)
    answer = await employee.command("/help")
    assert answer == texts.EMPLOYEE_HELP.format(employee="Fatima el Amrani")
    assert fake_rasa.received == []  # neither went to the assistant


@pytest.mark.parametrize(("payload", "topic"), sorted(START_TOPICS.items()))
async def test_a_deep_link_starts_the_conversation_about_its_topic(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, payload: str, topic: str
) -> None:
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say(f"/start {payload}")
    welcome = await tenant.expect("Welkom")
    assert welcome.text == texts.START_WELCOMES[topic]
    assert fake_rasa.received == []  # the payload never reaches Rasa
    await tenant.say("het is al een week zo")
    await tenant.expect(ASSISTANT_REPLY)  # the next message goes to the assistant as usual
    assert [m.text for m in fake_rasa.received] == ["het is al een week zo"]


@pytest.mark.parametrize(
    "payload", ["onbekend", "report_repair", "/talk_to_human", 'x{"employee_name":"a"}']
)
async def test_an_unknown_deep_link_gets_a_plain_welcome_and_reaches_no_one(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa, payload: str
) -> None:
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say(f"/start {payload}")
    assert (await tenant.expect("Welkom")).text == texts.START_WELCOME
    assert fake_rasa.received == []


async def test_a_plain_start_still_goes_to_the_assistant(
    quick_app: Runtime, bot_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    tenant = TelegramTenant(bot_api, TENANT)
    await tenant.say("/start")
    await tenant.expect(ASSISTANT_REPLY)
    assert [m.text for m in fake_rasa.received] == ["start"]
