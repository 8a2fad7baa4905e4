"""The command menus Telegram shows next to the text field (setMyCommands, per scope).

Tenants see theirs in the default scope (in Dutch, or in the language their Telegram is set to
when the app speaks it); each linked employee sees theirs in their own chat
(BotCommandScopeChat: a private chat's id is the user's). Set at start for every linked
employee, again after a /koppel (the account linked before loses the menu), and taken away
from the accounts of employees who left the directory. A menu that cannot be set is logged and
tried again at the next start: it is a convenience, never in the way of a message.
"""

import asyncio
import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from handoff import texts
from handoff.domain.commands import EMPLOYEE_MENU, TENANT_MENU
from handoff.services import employees
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

TENANT_COMMANDS = [
    BotCommand(name, texts.TENANT_COMMAND_DESCRIPTIONS[name]) for name in TENANT_MENU
]
TENANT_COMMANDS_IN = {
    language: [BotCommand(name, described[name]) for name in TENANT_MENU]
    for language, described in texts.TENANT_COMMAND_DESCRIPTIONS_IN.items()
}
EMPLOYEE_COMMANDS = [
    BotCommand(name, texts.EMPLOYEE_COMMAND_DESCRIPTIONS[name]) for name in EMPLOYEE_MENU
]


class CommandMenus:
    """Keeps Telegram's menus in line with who is linked."""

    def __init__(self, bot: Bot, uow: UnitOfWork) -> None:
        self._bot = bot
        self._uow = uow
        self._shown: set[int] = set()  # the accounts that have the employees' menu
        self._changing = asyncio.Lock()  # one sync at a time, so _shown says what Telegram has

    async def start(self) -> None:
        """Sets the tenants' menu (in Dutch, and for a Telegram set to one of the other
        languages the app speaks, in that one), then the employees'."""
        menus: list[tuple[list[BotCommand], str | None]] = [(TENANT_COMMANDS, None)]
        menus += [(commands, language) for language, commands in TENANT_COMMANDS_IN.items()]
        for commands, language in menus:
            try:
                await self._bot.set_my_commands(
                    commands, scope=BotCommandScopeDefault(), language_code=language
                )
            except TelegramError as error:
                log.warning("could not set the tenants' command menu (%s): %s", language, error)
        await self.sync(leavers=True)

    async def sync(self, leavers: bool = False) -> None:
        """Gives every linked employee's account the menu and takes it from accounts that are
        no longer linked (with `leavers`, also from employees who left the directory)."""
        async with self._changing:
            await self._sync(leavers)

    async def _sync(self, leavers: bool) -> None:
        accounts = await employees.telegram_accounts(self._uow)
        linked = {user_id for user_id, active in accounts.items() if active}
        gone = self._shown - linked
        if leavers:
            gone |= {user_id for user_id, active in accounts.items() if not active}
        for user_id in sorted(linked - self._shown):
            if await self._change(user_id, EMPLOYEE_COMMANDS):
                self._shown.add(user_id)
        for user_id in sorted(gone):
            if await self._change(user_id, None):
                self._shown.discard(user_id)

    async def _change(self, user_id: int, commands: list[BotCommand] | None) -> bool:
        """Sets (or with None, deletes) one account's menu; False when Telegram refused."""
        scope = BotCommandScopeChat(chat_id=user_id)
        try:
            if commands is None:
                await self._bot.delete_my_commands(scope=scope)
            else:
                await self._bot.set_my_commands(commands, scope=scope)
        except TelegramError as error:
            # Never the chat id: it finds the person (handoff/app/logs.py).
            log.warning("could not change an employee's command menu: %s", error)
            return False
        return True
