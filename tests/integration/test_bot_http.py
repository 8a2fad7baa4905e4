"""The Bot API's HTTP client (bot/http.py): what python-telegram-bot expects of one, against the
fake Bot API: forms and uploads arrive whole, Telegram's refusals become PTB's errors, a slow
answer past the read timeout is TimedOut and an unreachable server a NetworkError."""

import warnings
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBDeprecationWarning

from bot.http import AiohttpRequest, UpdatesRequest
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.rasa_servers import free_port

TENANT = FakeUser(4711, "Huurder")


def bot_on(base_url: str, token: str, read_timeout: float = 5.0) -> Bot:
    return Bot(
        token,
        base_url=f"{base_url}/bot",
        base_file_url=f"{base_url}/file/bot",
        request=AiohttpRequest(read_timeout=read_timeout),
        get_updates_request=AiohttpRequest(connections=1),
    )


@pytest.fixture
async def bot(bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    async with bot_on(bot_api.base_url, bot_api.token) as bot:
        yield bot


async def test_messages_buttons_and_documents_arrive_whole(bot: Bot, bot_api: FakeBotApi) -> None:
    await bot.send_message(TENANT.id, "Dus als ik het goed begrijp: uw kraan lekt. Klopt dat?")
    await bot.send_document(
        TENANT.id, InputFile("gesprek\nmet é en 🙂".encode(), filename="gesprek.txt"), caption="ok"
    )
    text, document = bot_api.messages_to(TENANT.id)
    assert text.text == "Dus als ik het goed begrijp: uw kraan lekt. Klopt dat?"
    assert (document.document_name, document.document_body, document.text) == (
        "gesprek.txt",
        "gesprek\nmet é en 🙂".encode(),
        "ok",
    )


async def test_the_updates_json_is_kept_as_the_bot_api_sent_it(bot_api: FakeBotApi) -> None:
    request = UpdatesRequest()
    async with Bot(
        bot_api.token,
        base_url=f"{bot_api.base_url}/bot",
        request=AiohttpRequest(),
        get_updates_request=request,
    ) as bot:
        first = bot_api.send_text(TENANT, "hallo")
        second = bot_api.send_text(TENANT, "mijn kraan lekt")
        updates = await bot.get_updates(timeout=0)
        assert request.last_updates == {
            first: bot_api.delivered_update(first),
            second: bot_api.delivered_update(second),
        }
        assert [u.update_id for u in updates] == [first, second]
        await bot.get_updates(offset=second + 1, timeout=0)
        assert request.last_updates == {}  # only what the last call brought


async def test_updates_come_in_order_and_are_confirmed_by_the_offset(
    bot: Bot, bot_api: FakeBotApi
) -> None:
    first = bot_api.send_text(TENANT, "hallo")
    second = bot_api.send_text(TENANT, "mijn kraan lekt")
    updates = await bot.get_updates(timeout=0)
    assert [(u.update_id, u.message.text) for u in updates if u.message] == [
        (first, "hallo"),
        (second, "mijn kraan lekt"),
    ]
    assert await bot.get_updates(offset=second + 1, timeout=0) == ()
    assert bot_api.confirmed == [first, second]


async def test_telegrams_refusals_become_ptbs_errors(bot: Bot, bot_api: FakeBotApi) -> None:
    bot_api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    bot_api.fail_next("sendMessage", 400, "Bad Request: chat not found")
    bot_api.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    with pytest.raises(Forbidden):
        await bot.send_message(TENANT.id, "een")
    with pytest.raises(BadRequest):
        await bot.send_message(TENANT.id, "twee")
    with warnings.catch_warnings():
        # PTB 22 warns that retry_after becomes a timedelta (bot/delivery.py reads either).
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        with pytest.raises(RetryAfter):
            await bot.send_message(TENANT.id, "drie")
    assert bot_api.messages_to(TENANT.id) == []


async def test_a_slow_answer_past_the_read_timeout_is_timed_out(bot_api: FakeBotApi) -> None:
    bot_api.answer_slowly("sendMessage", 2.0)
    async with bot_on(bot_api.base_url, bot_api.token, read_timeout=0.2) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(TENANT.id, "te laat")


async def test_an_unreachable_bot_api_is_a_network_error() -> None:
    bot = bot_on(f"http://127.0.0.1:{free_port()}", "123456:TEST-TOKEN")
    with pytest.raises(NetworkError):
        await bot.initialize()  # getMe
    await bot.shutdown()
