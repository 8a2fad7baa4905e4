"""/koppel: a few tries per Telegram account per hour, and the account linked before hears
when an employee's account is linked elsewhere (issue 13, #23)."""

from handoff import texts
from handoff.app.runtime import Runtime
from handoff.services.employees import (
    LINK_ATTEMPTS,
    LINK_CODE_ALPHABET,
    LINK_CODE_LENGTH,
    new_link_code,
)
from tests.conftest import FATIMA
from tests.fakes.bot_api import FakeBotApi, FakeUser
from tests.support.employees import TelegramEmployee

GUESSER = FakeUser(5401, "Rob", "Gokker")
NEW_PHONE = FakeUser(5402, "Fatima", "el Amrani")


async def test_koppel_allows_a_few_tries_an_hour(quick_app: Runtime, bot_api: FakeBotApi) -> None:
    guesser = TelegramEmployee(bot_api, GUESSER)  # not linked: the bot answers as to a tenant
    for number in range(LINK_ATTEMPTS.burst):
        assert await guesser.command(f"/koppel ABCD-EF{number:02d}") == texts.LINK_FAILED
    code = await new_link_code(quick_app.uow, "Ingrid Jansen")
    assert code is not None
    assert await guesser.command(f"/koppel {code}") == texts.LINK_TOO_MANY  # even a right one


async def test_a_link_code_has_sixty_bits(quick_app: Runtime) -> None:
    codes = {await new_link_code(quick_app.uow, "Ingrid Jansen") for _ in range(20)}
    assert len(codes) == 20  # a new one each time
    for code in codes:
        assert code is not None
        groups = code.split("-")
        assert [len(group) for group in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(LINK_CODE_ALPHABET)
    assert len(LINK_CODE_ALPHABET) ** LINK_CODE_LENGTH >= 2**60


async def test_the_account_linked_before_hears_of_a_new_link(
    quick_app: Runtime, bot_api: FakeBotApi
) -> None:
    code = await new_link_code(quick_app.uow, "Fatima el Amrani")
    assert code is not None
    start = len(bot_api.sent)
    answer = await TelegramEmployee(bot_api, NEW_PHONE).command(f"/koppel {code}")
    assert answer == texts.LINKED.format(employee="Fatima el Amrani")
    moved = texts.LINK_MOVED.format(employee="Fatima el Amrani")
    await bot_api.wait_for(lambda m: m.chat_id == FATIMA.id and m.text == moved, start=start)
