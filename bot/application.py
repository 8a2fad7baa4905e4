"""The python-telegram-bot Application: tenants talk to the assistant, employees to tenants.

Updates reach the handlers only after StoringPoller has put them in the database. A tenant's
message goes to the Conversations service; a linked employee's to the staff service.
"""

import logging
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.buttons import case_button
from bot.http import AiohttpRequest, UpdatesRequest
from bot.inbound import CHANNEL, describe
from bot.menus import CommandMenus
from bot.ordering import PerChatOrder
from handoff.domain.commands import LINK_COMMAND
from handoff.domain.directory import Directory
from handoff.services import employees, intake, staff
from handoff.services.conversation import Conversations
from handoff.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

SEND_TIMEOUT = 30.0  # seconds for the Bot API to answer a call such as sendMessage


@dataclass(frozen=True)
class BotServices:
    """What the handlers need, shared through `bot_data`."""

    uow: UnitOfWork
    conversations: Conversations
    directory: Directory
    accounts: employees.LinkedAccounts  # which Telegram accounts are employees'


def _services(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    return context.bot_data["services"]


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Passes a message to the employee's or the tenant's side."""
    services = _services(context)
    message = describe(update)
    if message is None:
        await intake.mark_processed(services.uow, CHANNEL, str(update.update_id))
        return
    employee = await services.accounts.employee(message.extra["user_id"])
    if employee is not None:
        await staff.handle_message(services.uow, services.directory, employee, message)
    else:
        await services.conversations.handle(message)
        if message.command and message.command.name == LINK_COMMAND:
            services.accounts.forget()  # the account may be an employee's now
            await menus(context.application).sync()


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handles a button: an employee acting on a case, or a tenant's answer (Ja / Nee)."""
    services = _services(context)
    query = update.callback_query
    message = describe(update)
    assert query is not None
    assert message is not None
    employee = await services.accounts.employee(query.from_user.id)
    pressed = case_button(query.data)
    if employee is not None and pressed:
        verb, case_id = pressed
        answer = await staff.handle_button(
            services.uow, services.directory, employee, message, verb, case_id
        )
        await _answer_button(query, answer)
        return
    await _answer_button(query, None)
    await services.conversations.handle(message)


async def _answer_button(query: CallbackQuery, text: str | None) -> None:
    """Stops the button's spinner; a press handled again after a restart is too old for that."""
    try:
        await query.answer(text)
    except TelegramError as error:
        log.info("could not answer button press: %s", error)


async def on_other_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Marks updates the app does not act on (a member joined, a poll) as processed."""
    await intake.mark_processed(_services(context).uow, CHANNEL, str(update.update_id))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Logs a failed update; it stays unprocessed in the database and Recovery retries it."""
    # Telegram's update id is the bot's own counter: it names no one and grants nothing.
    update_id = getattr(update, "update_id", None)
    log.error("Telegram update %s failed", update_id, exc_info=context.error)
    if update_id is not None and context.error is not None:
        await intake.note_failure(_services(context).uow, CHANNEL, str(update_id), context.error)


def build_application(token: str, api_base_url: str, services: BotServices) -> Application:
    """Builds the Application for a Bot API server (Telegram's own, a local one, or a fake)."""
    base = api_base_url.rstrip("/")
    # A send that times out is tried again and may then arrive twice: wait for a slow Bot API
    # rather than give up after PTB's 5 s (reliability review, defect 7).
    sending = AiohttpRequest(read_timeout=SEND_TIMEOUT)
    polling = UpdatesRequest(connections=1)  # its read timeout: per call
    application = (
        Application.builder()
        .token(token)
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .updater(None)  # StoringPoller fetches updates, so it can store them first
        .request(sending)
        .get_updates_request(polling)
        .concurrent_updates(PerChatOrder())  # other chats at once, each chat in order
        .build()
    )
    application.bot_data["requests"] = (sending, polling)
    application.bot_data["services"] = services
    application.bot_data["menus"] = CommandMenus(application.bot, services.uow)
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(MessageHandler(filters.ALL, on_message))
    application.add_handler(TypeHandler(Update, on_other_update))
    application.add_error_handler(on_error)
    return application


async def release(application: Application) -> None:
    """Closes the Bot API's HTTP sessions. PTB's shutdown does so only for an Application
    that started; one whose getMe was refused (a wrong token) opened them all the same."""
    for request in application.bot_data["requests"]:
        await request.shutdown()


def updates_request(application: Application) -> UpdatesRequest:
    """The request getUpdates goes through: it keeps the JSON of the updates it brought."""
    _, polling = application.bot_data["requests"]
    return polling


def menus(application: Application) -> CommandMenus:
    """The Application's command menus (set at start, kept in line with /koppel)."""
    return application.bot_data["menus"]


def redispatcher(application: Application) -> intake.Redispatch:
    """Returns Recovery's callback that feeds a stored update through the handlers again."""

    async def redispatch(_update_id: str, payload: dict[str, Any]) -> None:
        # Handled before Recovery goes on, so each of its tries is one whole try (errors go to
        # on_error, which keeps them with the update).
        await application.process_update(Update.de_json(payload, application.bot))

    return redispatch


def dead_letter_handler(application: Application) -> intake.GiveUp:
    """Returns Recovery's callback for a Telegram update it parked: a tenant's message goes to a
    person; an employee's update is only listed for admins."""

    async def give_up(_update_id: str, payload: dict[str, Any]) -> None:
        services: BotServices = application.bot_data["services"]
        message = describe(Update.de_json(payload, application.bot))
        if message is None:
            return
        if await services.accounts.employee(message.extra["user_id"]) is None:
            await services.conversations.give_up(message)

    return give_up
