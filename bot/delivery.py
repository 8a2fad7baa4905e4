"""Delivers outbox rows to Telegram through the python-telegram-bot Bot."""

import re
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.buttons import callback_data
from handoff.domain.delivery import GiveUp
from handoff.services.outbox import DeliveryError, Outgoing

_SEND_FILE = {
    "photo": ("send_photo", "photo"),
    "voice": ("send_voice", "voice"),
    "video": ("send_video", "video"),
    "document": ("send_document", "document"),
    "sticker": ("send_sticker", "sticker"),
}


class TelegramDelivery:
    """Sends texts, documents and files; maps Telegram's errors to retry or give up."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def deliver(self, row: Outgoing) -> str | None:
        """Sends one outbox row and returns the Telegram message id."""
        try:
            return str(await self._send(row))
        except RetryAfter as error:
            raise DeliveryError(str(error), retry_after=_seconds(error)) from error
        except Forbidden as error:  # blocked by the person, or never started
            raise DeliveryError(str(error), permanent=True, give_up=GiveUp.BLOCKED) from error
        except BadRequest as error:  # this message can never go (a chat that does not exist…)
            raise DeliveryError(str(error), permanent=True, give_up=GiveUp.REFUSED) from error
        except (NetworkError, TelegramError) as error:
            raise DeliveryError(str(error)) from error

    async def _send(self, row: Outgoing) -> int:
        parse_mode = ParseMode.HTML if row.html else None
        markup = _keyboard(row.buttons)
        if row.kind == "document" and row.document_body is not None:
            message = await self._bot.send_document(
                chat_id=row.chat_id,
                document=InputFile(row.document_body.encode(), filename=row.document_name),
                caption=row.text,
                parse_mode=parse_mode,
            )
            return message.message_id
        if row.kind in _SEND_FILE and row.file_id:
            method, argument = _SEND_FILE[row.kind]
            caption = (
                {"caption": row.text, "parse_mode": parse_mode} if row.kind != "sticker" else {}
            )
            message = await getattr(self._bot, method)(
                chat_id=row.chat_id, **{argument: row.file_id}, **caption
            )
            return message.message_id
        chunks = (split_html if row.html else split_text)(row.text or "")
        message_id = 0
        for index, chunk in enumerate(chunks):
            message = await self._bot.send_message(
                chat_id=row.chat_id,
                text=chunk,
                parse_mode=parse_mode,
                reply_markup=markup if index == len(chunks) - 1 else None,
            )
            message_id = message_id or message.message_id
        return message_id


def _cut(text: str, limit: int) -> int:
    """Where to end a part of at most `limit` characters: a line, else a word boundary."""
    cut = text.rfind("\n", 0, limit)
    if cut <= 0:
        cut = text.rfind(" ", 0, limit)
    return cut if cut > 0 else limit


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Splits a text into parts Telegram accepts, preferring line and word boundaries."""
    parts = []
    while len(text) > limit:
        cut = _cut(text, limit)
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n ")
    return [*parts, text] if text or not parts else parts


_MARKUP = re.compile(r"<(/?)([a-z-]+)[^>]*>|&#?\w+;", re.IGNORECASE)
_ROOM_FOR_TAGS = 200  # the closing and reopened tags a part gets, within Telegram's limit
_LONGEST_TAG = 2000  # how far past a cut a tag that spans it may end (a link's address)


def split_html(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Splits Telegram HTML into parts that are each valid HTML (security review #20): never
    inside a tag or an entity such as `&amp;`, and an element open at a cut is closed at the
    end of its part and opened again at the start of the next."""
    parts: list[str] = []
    reopened = ""  # the tags at the start of `text` that the previous part closed
    while len(text) > limit:
        cut = len(reopened) + _cut(text[len(reopened) :], limit - len(reopened) - _ROOM_FOR_TAGS)
        for found in _MARKUP.finditer(text, 0, cut + _LONGEST_TAG):
            if found.start() < cut < found.end():  # not inside a tag or an entity
                cut = found.start() if found.start() > len(reopened) else found.end()
                break
        open_tags: list[tuple[str, str]] = []  # (name, the opening tag as written)
        for found in _MARKUP.finditer(text, 0, cut):
            name = found.group(2).lower() if found.group(2) else ""
            if name and found.group(1):
                if open_tags and open_tags[-1][0] == name:
                    open_tags.pop()
            elif name:
                open_tags.append((name, found.group(0)))
        parts.append(text[:cut] + "".join(f"</{name}>" for name, _ in reversed(open_tags)))
        reopened = "".join(tag for _, tag in open_tags)
        text = reopened + text[cut:].lstrip("\n ")
    return [*parts, text] if text or not parts else parts


def _keyboard(buttons: list | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b["title"], callback_data=callback_data(b)) for b in row]
            for row in buttons
        ]
    )


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def photo_download(bot: Bot) -> Callable[[str], Awaitable[bytes]]:
    """Fetches a photo a tenant sent (by its file id), for a back-office repair request."""

    async def download(file_id: str) -> bytes:
        file = await bot.get_file(file_id)
        return bytes(await file.download_as_bytearray())

    return download
